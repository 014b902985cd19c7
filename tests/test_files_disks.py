"""Files, folders and disks: a file is written whole or not at all, a failed command
changes nothing (the journal included), every path problem is one line, the journal
can be read when nothing can be written, and the content cache is trusted only as
far as the files it stands for."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backpain_cli import folders
from backpain_cli.content import cache

from .conftest import Invoke
from .test_unbreakable import small_disk

LONG = "n" * 300

WRITERS = {
    "handout": (["handout"], "-o", ".html"),
    "figure": (["figure", "dead-bug"], "-o", ".svg"),
    "plan": (["plan"], "--ics", ".ics"),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_a_file_name_too_long_for_the_disk_is_one_line(
    invoke: Invoke, tmp_path: Path, writer: str
) -> None:
    args, option, ending = WRITERS[writer]
    result = invoke(*args, option, str(tmp_path / (LONG + ending)))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.endswith("cannot be written: the file name is too long")
    assert "..." in line
    assert len(line) < 200
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("tail", ["/", "//"])
def test_a_name_ending_in_a_slash_is_refused_not_written_without_it(
    invoke: Invoke, tmp_path: Path, writer: str, tail: str
) -> None:
    args, option, ending = WRITERS[writer]
    result = invoke(*args, option, str(tmp_path / f"out{ending}") + tail)
    assert result.exit_code == 2
    assert "ends with a slash, so it names a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("writer", "name"),
    [
        ("figure", "x.png"),
        ("figure", "x.svg.txt"),
        ("figure", "bridge"),
        ("figure", "x.html"),
        ("plan", "plan.txt"),
        ("plan", "plan"),
        ("handout", "x.svg"),
    ],
)
def test_a_name_whose_ending_says_another_kind_of_file_is_refused(
    invoke: Invoke, tmp_path: Path, writer: str, name: str
) -> None:
    args, option, _ending = WRITERS[writer]
    result = invoke(*args, option, str(tmp_path / name))
    assert result.exit_code == 2
    assert "end with" in result.stderr or "not a handout format" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_ending_in_capitals_is_the_same_ending(invoke: Invoke, tmp_path: Path) -> None:
    for writer, name in (("figure", "B.SVG"), ("plan", "P.ICS"), ("handout", "H.HTML")):
        args, option, _ending = WRITERS[writer]
        assert invoke(*args, option, str(tmp_path / name)).exit_code == 0


@pytest.mark.parametrize("writer", WRITERS)
def test_a_path_through_a_file_is_one_line(invoke: Invoke, tmp_path: Path, writer: str) -> None:
    (tmp_path / "afile").write_text("mine")
    args, option, ending = WRITERS[writer]
    result = invoke(*args, option, str(tmp_path / "afile" / f"x{ending}"))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "afile is not a folder" in line
    assert (tmp_path / "afile").read_text() == "mine"


# A failed command changes nothing ------------------------------------------------------


def test_a_calendar_file_that_exists_keeps_the_plan_as_it_was(
    invoke: Invoke, tmp_path: Path, data_dir: Path
) -> None:
    target = tmp_path / "plan.ics"
    target.write_text("mine")
    result = invoke("plan", "--start", "today", "--days", "tue,thu", "--ics", str(target))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert target.read_text() == "mine"
    assert not data_dir.exists()  # no journal made, no plan kept
    assert json.loads(invoke("plan", "--json").stdout)["kept"] is False


def test_a_journal_that_cannot_keep_the_plan_leaves_no_calendar_file(
    invoke: Invoke, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    target = tmp_path / "plan.ics"
    result = invoke(
        "plan", "--start", "today", "--ics", str(target), env={"BACKPAIN_DATA_DIR": str(blocker)}
    )
    assert result.exit_code == 1
    assert "it is a file" in result.stderr
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]  # no draft left


def test_a_plan_and_its_calendar_file_are_kept_together(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = invoke("plan", "--start", "today", "--days", "tue,thu", "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert json.loads(invoke("plan", "--json").stdout)["days"] == ["tue", "thu"]
    assert result.stderr.splitlines() == [f"Wrote {target}.", "Plan kept with your journal."]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_calendar_that_cannot_be_printed_keeps_no_plan(tmp_path: Path) -> None:
    env = {**os.environ, "BACKPAIN_DATA_DIR": str(tmp_path / "data")}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "backpain_cli", "plan", "--start", "today", "--ics", "-"],
            stdout=full, stderr=subprocess.PIPE, env=env, check=False,
        )  # fmt: skip
    assert done.returncode == 1
    assert b"Plan kept" not in done.stderr
    assert not (tmp_path / "data").exists()


# Copying the content ---------------------------------------------------------------------


def test_a_copy_that_fails_part_way_leaves_nothing_and_can_be_run_again(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[str] = []
    real = shutil.copyfile

    def copy_then_fill_the_disk(source: str, target: str) -> str:
        if len(copied) == 3:
            raise OSError(28, "No space left on device")
        copied.append(target)
        return str(real(source, target))

    monkeypatch.setattr(shutil, "copyfile", copy_then_fill_the_disk)
    dest = tmp_path / "routine"
    result = invoke("content", "copy", str(dest))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot copy to {dest}: No space left on device; nothing was copied\n"
    )
    assert list(tmp_path.iterdir()) == []  # no half-written folder, no draft
    monkeypatch.setattr(shutil, "copyfile", real)
    assert invoke("content", "copy", str(dest)).exit_code == 0
    assert invoke("content", "validate", str(dest)).exit_code == 0


def test_a_copy_into_an_empty_folder_fills_it(invoke: Invoke, tmp_path: Path) -> None:
    dest = tmp_path / "routine"
    dest.mkdir()
    assert invoke("content", "copy", str(dest)).exit_code == 0
    assert (dest / "exercises" / "dead-bug.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["routine"]


def test_a_copy_on_a_full_disk_leaves_nothing_and_a_rerun_works(tmp_path: Path) -> None:
    with small_disk(tmp_path / "small", 64, free_kib=12) as disk:
        command = [sys.executable, "-m", "backpain_cli", "content", "copy", str(disk / "routine")]
        done = subprocess.run(command, capture_output=True, check=False)
        assert done.returncode == 1
        assert b"nothing was copied" in done.stderr
        assert sorted(p.name for p in disk.iterdir()) == ["fill"]
        (disk / "fill").unlink()
        assert subprocess.run(command, capture_output=True, check=False).returncode == 0


# Reading when nothing can be written -------------------------------------------------------


def test_the_journal_is_read_on_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "small", 512) as disk:
        env = {**os.environ, "BACKPAIN_DATA_DIR": str(disk / "data")}

        def backpain(*args: str) -> subprocess.CompletedProcess[bytes]:
            command = [sys.executable, "-m", "backpain_cli", *args]
            return subprocess.run(command, capture_output=True, env=env, check=False)

        for day in ("2026-01-05", "2026-01-07"):
            assert backpain("log", "--band", "green", "--date", day).returncode == 0
        filler = disk / "fill"
        with open(filler, "wb") as fill, pytest.raises(OSError, match="No space"):
            fill.write(b"\0" * 1024 * 1024)  # every byte taken
        history = backpain("history", "--json")
        assert history.returncode == 0, history.stderr
        assert len(json.loads(history.stdout)["sessions"]) == 2
        assert backpain("history", "--csv").stdout.count(b"\n") == 3
        assert backpain("today").returncode == 0
        logged = backpain("log", "--band", "green")
        assert logged.returncode == 1
        assert b"the disk is full" in logged.stderr
        filler.unlink()
        assert backpain("log", "--band", "green").returncode == 0


def test_a_journal_with_a_write_waiting_in_its_wal_file_is_not_read_half(
    invoke: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without SQLite's shared memory (here: every locking open fails, as on a full
    disk), a journal is read as it stands only when nothing waits in its WAL file;
    otherwise the read would miss it, and the command says it cannot read instead."""
    from backpain_cli.journal import JournalError, open_for_reading
    from backpain_cli.journal import open as journal_open

    invoke("log", "--band", "green", "--date", "2026-01-05")
    path = data_dir / "journal.sqlite3"
    connect = journal_open._connect

    def no_shared_memory(where: Path, mode: str) -> sqlite3.Connection:
        if "immutable" not in mode:
            raise sqlite3.OperationalError("disk I/O error")
        return connect(where, mode)

    monkeypatch.setattr(journal_open, "_connect", no_shared_memory)
    journal = open_for_reading(data_dir)
    assert journal is not None
    with journal:
        assert journal.count() == 1  # read as it stands: nothing was waiting
    held = sqlite3.connect(path)
    held.execute("PRAGMA wal_autocheckpoint = 0")
    held.execute("UPDATE session SET notes = 'waiting'")
    held.commit()
    try:
        with pytest.raises(JournalError, match="Cannot open the journal"):
            open_for_reading(data_dir)
    finally:
        held.close()


# Files that are not what they seem ----------------------------------------------------------


@pytest.mark.parametrize("target", ["self", "missing", "folder"])
def test_an_exercise_file_that_is_a_broken_link_is_one_line(
    invoke: Invoke, content_copy: Path, target: str
) -> None:
    link = content_copy / "exercises" / "odd.yaml"
    link.symlink_to({"self": "odd.yaml", "missing": "nowhere.yaml", "folder": ".."}[target])
    for args in (["list"], ["show", "dead-bug"], ["session"]):
        result = invoke("--content-dir", str(content_copy), *args)
        assert result.exit_code == 1
        (line,) = result.stderr.splitlines()
        assert line.startswith("Error: exercises/odd.yaml: ")
    validated = invoke("content", "validate", str(content_copy))
    assert validated.exit_code == 1
    assert f"{content_copy}/exercises/odd.yaml: " in validated.stdout


# The content cache ----------------------------------------------------------------------


def stored() -> Path:
    (found,) = Path(folders.cache()).glob("content-*")
    return found


@pytest.mark.parametrize(
    "forge",
    [
        lambda files: files["exercises/dead-bug.yaml"]["data"].pop("steps"),
        lambda files: files["exercises/dead-bug.yaml"].__setitem__("data", ["a", "list"]),
        lambda files: files["exercises/dead-bug.yaml"].__setitem__("lines", 7),
        lambda files: files["bands.yaml"]["data"].__setitem__("levels", [{"id": "x"}]),
        lambda files: files["sessions.yaml"]["data"]["tempo"].__setitem__("fast", 1),
        lambda files: files["disclaimer.yaml"]["data"].__setitem__("red_flags", 5),
    ],
)
@pytest.mark.usefixtures("cold_cache")
def test_a_cache_whose_entries_are_not_what_the_loader_expects_is_dropped(
    invoke: Invoke, forge: object
) -> None:
    expected = invoke("show", "dead-bug", "--json").stdout
    data = cache.decode(stored().read_bytes())
    forge(data["files"])  # type: ignore[operator]
    stored().write_bytes(cache.encode(data))  # the right checksum, the wrong contents
    result = invoke("show", "dead-bug", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected
    assert invoke("list", "--json").exit_code == 0


@pytest.mark.usefixtures("cold_cache")
def test_a_cache_from_another_build_of_the_checks_is_not_used(invoke: Invoke) -> None:
    invoke("list")
    data = cache.decode(stored().read_bytes())
    data["files"]["exercises/dead-bug.yaml"]["data"]["name"] = "Written by another build"
    data["code"] = [0] * len(data["code"])
    stored().write_bytes(cache.encode(data))
    assert "Written by another build" not in invoke("list", "--json").stdout


@pytest.mark.usefixtures("cold_cache")
@pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs file owners")
def test_a_cache_others_can_write_is_not_used(invoke: Invoke) -> None:
    invoke("list")
    data = cache.decode(stored().read_bytes())
    data["files"]["exercises/dead-bug.yaml"]["data"]["name"] = "Written by someone else"
    stored().write_bytes(cache.encode(data))
    assert "Written by someone else" in invoke("list", "--json").stdout  # the user's own
    stored().chmod(0o666)
    assert "Written by someone else" not in invoke("list", "--json").stdout
    assert stored().stat().st_mode & 0o777 == 0o600  # written again, the user's own
