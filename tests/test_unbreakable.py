"""Every input, file and output ends in a clear message: numbers that are not what they
seem, text that is not valid text, escape sequences, and files that are not files."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpain_cli.cli.params import PainType
from backpain_cli.journal import SCHEMA_VERSION

from .conftest import Invoke

ESC = "\x1b"
#: The fixtures these property tests use are made once and reset by the test itself.
FIXTURES = [HealthCheck.function_scoped_fixture]


def program(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The program as a whole process, with a timeout: a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "backpain_cli", *args],
        capture_output=True,
        timeout=30,
        check=False,
        env={**os.environ, **(env or {})},
    )


# --- numbers that are not what they seem ------------------------------------------


@pytest.mark.parametrize(
    "score", ["²", "³", "\u0661", "\u0663", "①", "10²", "\uff10", "-1", "1e1", "0x5"]
)
def test_digits_that_are_not_ascii_digits_are_not_pain_scores(invoke: Invoke, score: str) -> None:
    result = invoke("log", "--pain-before", score)
    assert result.exit_code == 2
    assert "is not a pain score" in result.stderr or "outside the pain scale" in result.stderr
    with pytest.raises(Exception, match="pain"):
        PainType().convert(score, None, None)  # the guided session's prompt uses the same


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_any_pain_argument_is_a_score_or_a_usage_error(invoke: Invoke, score: str) -> None:
    result = invoke("log", "--pain-after", score, "--date", "2026-01-05")
    assert result.exit_code in (0, 2), result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--delete", str(2**64), "--yes"], "is too large a number"),
        (["log", "--delete", "9" * 5000, "--yes"], "is too large a number"),
        (["history", "--limit", str(10**30)], "is too large a number"),
        (["history", "--limit", "\u0661\u0662"], "is not a whole number"),
        (["session", "--guided", "--rest", str(2**70)], "is too large a number"),
    ],
)
def test_numbers_too_large_for_the_journal_are_usage_errors(
    invoke: Invoke, args: list[str], message: str
) -> None:
    invoke("log", "--band", "green")
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr) < 400  # never the whole of a 5,000-digit number


def test_a_session_number_beyond_any_journal_is_just_not_there(invoke: Invoke) -> None:
    invoke("log", "--band", "green")
    result = invoke("log", "--delete", str(10**18 - 1), "--yes")
    assert result.exit_code == 1
    assert "There is no session" in result.stderr


TAGS = st.sampled_from(["!!int", "!!float", "!!bool", "!!null", "!!str", ""])
SCALARS = st.one_of(
    st.sampled_from(["abc", "maybe", "0b2", "0x", "1e99999", "-", "~", "yes", "12", "9" * 5000]),
    st.text(alphabet="0123456789abcxyz.-+_", min_size=1, max_size=12),
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tag=TAGS, value=SCALARS)
def test_a_yaml_value_that_is_not_what_its_tag_says_is_a_problem_not_a_crash(
    invoke: Invoke, content_copy: Path, tag: str, value: str
) -> None:
    sessions = content_copy / "sessions.yaml"
    original = sessions.read_text()
    try:
        sessions.write_text(
            original.replace("sessions_per_week: 3", f"sessions_per_week: {tag} {value}")
        )
        result = invoke("content", "validate", str(content_copy))
        assert result.exit_code in (0, 1)
        if result.exit_code:
            assert "sessions.yaml:4: " in result.stdout  # the file, the line and what
            assert max(len(line) for line in result.stdout.splitlines()) < 300
    finally:
        sessions.write_text(original)


# --- text that is not valid text -----------------------------------------------------


def test_notes_that_are_not_valid_utf8_are_refused_cleanly(tmp_path: Path) -> None:
    done = program(
        "log", "--notes", os.fsdecode(b"tight \xff hips"), env={"BACKPAIN_DATA_DIR": str(tmp_path)}
    )
    assert done.returncode == 2
    assert b"not valid text" in done.stderr
    assert b"Traceback" not in done.stderr


def test_folders_whose_names_are_not_valid_utf8_work(tmp_path: Path) -> None:
    import shutil

    from .conftest import CONTENT

    content = os.fsdecode(bytes(tmp_path) + b"/content-\xff")
    shutil.copytree(CONTENT, content)
    data = os.fsdecode(bytes(tmp_path) + b"/data-\xff")
    env = {"BACKPAIN_DATA_DIR": data, "BACKPAIN_CONTENT_DIR": content}
    assert program("list", env=env).returncode == 0
    path = program("content", "path", env=env)
    assert path.returncode == 0
    assert b"content-<U+DCFF>" in path.stdout  # shown, not written raw
    assert program("log", "--band", "green", env=env).returncode == 0
    history = program("history", "--json", env=env)
    assert history.returncode == 0
    assert b'"band": "green"' in history.stdout


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "dead-bug"], ["session", "--band", "green"], ["bands"], ["safety"],
     ["history"], ["history", "--csv"], ["progress"]],
)  # fmt: skip
def test_an_output_that_cannot_show_every_character_gets_plain_ones(
    invoke: Invoke, tmp_path: Path, encoding: str, args: list[str]
) -> None:
    env = {"PYTHONIOENCODING": encoding, "BACKPAIN_DATA_DIR": str(tmp_path)}
    invoke("log", "--band", "green", "--notes", "café", env=env)  # a session to show
    done = program(*args, env=env)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    text = done.stdout.decode(encoding)
    if args[0] in ("show", "session", "safety"):
        assert "* " in text  # the bullets, as plain stand-ins
        assert "Disclaimer" in text


# --- escape sequences -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [f"sh{ESC}]0;owned\x07ow"],
        ["show", f"dead{ESC}[2Jbug"],
        ["session", "--band", f"{ESC}[31mgreen"],
        ["history", "--limit", f"{ESC}[31m"],
        ["--content-dir", f"/no/such{ESC}[2J", "list"],
        ["log", "--date", f"2026{ESC}[1m"],
        ["list", f"--x{ESC}[1m"],
    ],
)
def test_an_escape_sequence_on_the_command_line_never_comes_back_raw(args: list[str]) -> None:
    done = program(*args)
    assert done.returncode == 2
    assert b"\x1b" not in done.stderr + done.stdout
    assert b"\x07" not in done.stderr + done.stdout


def test_a_band_name_from_a_hand_edited_journal_is_shown_as_data(
    invoke: Invoke, data_dir: Path
) -> None:
    invoke("log", "--band", "green")
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    db.execute("UPDATE session SET band = ?", (f"{ESC}]0;owned\x07green",))
    db.commit()
    db.close()
    asked = invoke("log", "--delete", "1", input="n\n")
    assert ESC not in asked.stderr + asked.stdout
    assert "␛]0;owned␇green band" in asked.stderr
    for args in (["history"], ["history", "--csv"], ["progress"]):
        shown = invoke(*args)
        assert shown.exit_code == 0
        assert ESC not in shown.stdout


# --- files that are not files ----------------------------------------------------------


def test_a_pipe_where_a_content_file_should_be_does_not_hang(content_copy: Path) -> None:
    (content_copy / "bands.yaml").unlink()
    os.mkfifo(content_copy / "bands.yaml")
    done = program("--content-dir", str(content_copy), "list")
    assert done.returncode == 1
    assert b"bands.yaml: not a regular file" in done.stderr


def test_a_device_where_a_content_file_should_be_does_not_fill_memory(
    content_copy: Path,
) -> None:
    target = content_copy / "bands.yaml"
    target.unlink()
    target.symlink_to("/dev/zero")  # endless: read whole, it would fill the memory
    done = program("--content-dir", str(content_copy), "content", "validate")
    assert done.returncode == 1
    assert b"bands.yaml: not a regular file" in done.stdout


def test_a_symlink_loop_in_the_content_folder_is_a_problem(content_copy: Path) -> None:
    (content_copy / "bands.yaml").unlink()
    (content_copy / "bands.yaml").symlink_to(content_copy / "bands.yaml")
    done = program("--content-dir", str(content_copy), "list")
    assert done.returncode == 1
    assert b"bands.yaml: cannot be read" in done.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero", "loop"])
def test_a_cache_that_is_not_a_file_only_costs_speed(tmp_path: Path, kind: str) -> None:
    cache = tmp_path / "cache"
    env = {"BACKPAIN_CACHE_DIR": str(cache)}
    assert program("list", env=env).returncode == 0
    (stored,) = cache.glob("content-*")
    stored.unlink()
    if kind == "fifo":
        os.mkfifo(stored)
    elif kind == "zero":
        stored.symlink_to("/dev/zero")
    else:
        stored.symlink_to(stored)
    done = program("list", "--json", env=env)
    assert done.returncode == 0
    assert b'"exercises"' in done.stdout


@pytest.mark.parametrize("kind", ["fifo", "urandom"])
def test_a_journal_that_is_not_a_file_is_refused_and_left_alone(data_dir: Path, kind: str) -> None:
    data_dir.mkdir(parents=True)
    journal = data_dir / "journal.sqlite3"
    if kind == "fifo":
        os.mkfifo(journal)
    else:
        journal.symlink_to("/dev/urandom")
    for args in (["history"], ["log", "--band", "green"], ["session"]):
        done = program(*args, env={"BACKPAIN_DATA_DIR": str(data_dir)})
        assert done.returncode == 1
        assert b"is not a regular file" in done.stderr
    assert journal.is_fifo() if kind == "fifo" else journal.is_symlink()


# --- a journal that is damaged, hand-edited or from the future -------------------------

ODD = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.binary(max_size=6),
    st.sampled_from(["2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1", "", "green"]),
)
COLUMNS = ("day", "band", "pain_before", "pain_after", "all_sets_done", "seconds", "notes")


def hand_edit(data_dir: Path, column: str, value: object, exercise: bool = False) -> None:
    """Write ``value`` into the first session (or its first exercise), rules or not."""
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    try:
        db.execute("PRAGMA ignore_check_constraints = ON")
        table, key = ("session_exercise", "session_id") if exercise else ("session", "id")
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {key} = 1", (value,))
        db.commit()
    finally:
        db.close()


# Six commands an example: 30 examples still give each column several odd values.
@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(column=st.sampled_from(COLUMNS), value=ODD)
def test_a_hand_edited_session_is_left_out_with_a_warning_never_a_crash(
    invoke: Invoke, data_dir: Path, column: str, value: object
) -> None:
    if not (data_dir / "journal.sqlite3").exists():
        invoke("log", "--band", "green", "--date", "2026-01-05", "--pain-after", "2")
        invoke("log", "--band", "green", "--date", "2026-01-07", "--pain-after", "2")
    try:
        hand_edit(data_dir, column, value)
    except sqlite3.IntegrityError:
        return  # NOT NULL holds even so
    for args in (["history"], ["history", "--json"], ["history", "--csv"], ["progress"],
                 ["session"], ["log", "--band", "green", "--date", "2026-01-09"]):  # fmt: skip
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.stderr)
        for warning in result.stderr.split("Warning: ")[1:]:  # the same day, again and again
            assert "left out" in warning or "only one of them counts" in warning


@pytest.mark.parametrize(
    ("column", "value"),
    [("sets_done", "three"), ("sets_planned", -4), ("reps", 2.5), ("sets_partial", "x")],
)
def test_a_hand_edited_exercise_row_leaves_its_session_out(
    invoke: Invoke, data_dir: Path, column: str, value: object
) -> None:
    invoke("log", "--band", "green", "--date", "2026-01-05")
    invoke("log", "--band", "green", "--date", "2026-01-07")
    try:
        hand_edit(data_dir, column, value, exercise=True)
    except sqlite3.IntegrityError:
        pytest.skip("the column's NOT NULL holds")
    shown = invoke("history", "--json")
    assert shown.exit_code == 0
    assert [s["id"] for s in json.loads(shown.stdout)["sessions"]] == [2]
    assert "has a session (1) whose values break its rules" in shown.stderr
    deleted = invoke("log", "--delete", "1", "--yes")  # the way out the warning gives
    assert deleted.exit_code == 0
    assert "left out of the journal" in deleted.stderr
    assert "Warning" not in invoke("history").stderr


@pytest.mark.parametrize("version", [-1, -(2**31), 2**31 - 1, SCHEMA_VERSION + 1, 99])
def test_an_odd_format_version_is_refused_and_the_file_left_byte_for_byte(
    invoke: Invoke, data_dir: Path, version: int
) -> None:
    import hashlib

    invoke("log", "--band", "green")
    path = data_dir / "journal.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for args in (["history"], ["log", "--band", "green"], ["progress"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert "journal.sqlite3" in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


# --- permissions ------------------------------------------------------------------------


def without_root_powers(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """The program run so that file permissions apply, as root too: the superuser's
    power to read and write anything is dropped (setpriv), everything else is the same."""
    command = [sys.executable, "-m", "backpain_cli", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv to take away the superuser's powers")
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    return subprocess.run(
        command, capture_output=True, timeout=30, check=False, env={**os.environ, **env}
    )


@pytest.mark.parametrize("mode", [0o000, 0o500, 0o300])
@pytest.mark.parametrize(
    "args",
    [["history"], ["history", "--csv"], ["progress"], ["session"], ["log", "--band", "green"],
     ["log", "--delete", "1", "--yes"]],
)  # fmt: skip
def test_a_data_folder_the_user_may_not_use_gives_a_clean_error_everywhere(
    invoke: Invoke, data_dir: Path, mode: int, args: list[str]
) -> None:
    invoke("log", "--band", "green")
    data_dir.chmod(mode)
    try:
        done = without_root_powers(*args, env={"BACKPAIN_DATA_DIR": str(data_dir)})
    finally:
        data_dir.chmod(0o700)
    assert b"Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
    if done.returncode:  # the journal may have been read (a warning) before the write
        error = done.stderr.splitlines()[-1]
        assert error.startswith(b"Error: Cannot ")
        assert str(data_dir).encode() in error
        assert len(done.stderr.splitlines()) <= 4


@pytest.mark.parametrize("mode", [0o000, 0o500])
def test_a_copy_destination_the_user_may_not_write_gives_a_clean_error(
    tmp_path: Path, mode: int
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(mode)
    try:
        done = without_root_powers("content", "copy", str(parent / "routine"), env={})
    finally:
        parent.chmod(0o700)
    assert done.returncode == 1
    assert done.stderr.startswith(b"Error: ")
    assert b"Traceback" not in done.stderr
    assert not (parent / "routine").exists()


def test_a_content_folder_the_user_may_not_read_gives_a_clean_error(content_copy: Path) -> None:
    content_copy.chmod(0o000)
    try:
        done = without_root_powers("--content-dir", str(content_copy), "list", env={})
    finally:
        content_copy.chmod(0o700)
    assert done.returncode in (1, 2)
    assert b"Traceback" not in done.stderr
    assert done.stderr.startswith(b"Error: ") or b"Error: " in done.stderr


# --- running out of space ---------------------------------------------------------------


@contextlib.contextmanager
def small_disk(where: Path, kib: int, free_kib: int | None = None) -> Iterator[Path]:
    """A tmpfs of ``kib`` KiB, with all but ``free_kib`` taken (root only)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(where)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace')}")
    try:
        if free_kib is not None:
            (where / "fill").write_bytes(b"\0" * (kib - free_kib) * 1024)
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_a_first_log_on_a_full_disk_leaves_no_journal_and_names_the_journal(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "small", 512, free_kib=4) as disk:
        data = disk / "data"
        done = program("--data-dir", str(data), "log", "--band", "green")
        assert done.returncode == 1
        message = done.stderr.decode()
        assert message.startswith(f"Error: Cannot create the journal {data}/journal.sqlite3:")
        assert "the disk is full" in message
        assert ".tmp" not in message
        assert sorted(p.name for p in data.iterdir()) == []  # no journal, no draft left
        (disk / "fill").unlink()
        assert program("--data-dir", str(data), "log", "--band", "green").returncode == 0
        assert program("--data-dir", str(data), "history", "--json").returncode == 0


@pytest.mark.parametrize("kib", [16, 32, 48, 56, 64, 80])
def test_whatever_the_space_a_first_log_leaves_a_healthy_journal_or_none(
    tmp_path: Path, kib: int
) -> None:
    with small_disk(tmp_path / "small", kib) as disk:
        data = disk / "data"
        logged = program("--data-dir", str(data), "log", "--band", "green")
        read = program("--data-dir", str(data), "history", "--json")
        assert read.returncode == 0, read.stderr  # never a damaged journal
        sessions = json.loads(read.stdout)["sessions"]
        assert len(sessions) == (1 if logged.returncode == 0 else 0)
        assert not [p for p in data.iterdir() if p.name.startswith(".journal-")]


def test_drafts_left_by_an_interrupted_first_log_are_tidied_the_next_time(
    invoke: Invoke, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    old, fresh = data_dir / ".journal-abc123.tmp", data_dir / ".journal-def456.tmp"
    for draft in (old, fresh, data_dir / ".journal-abc123.tmp-wal"):
        draft.write_bytes(b"half a journal")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(data_dir / ".journal-abc123.tmp-wal", (an_hour_ago, an_hour_ago))
    assert invoke("log", "--band", "green").exit_code == 0
    left = sorted(p.name for p in data_dir.iterdir() if p.name.startswith(".journal-"))
    assert left == [fresh.name]  # a draft this young may be another log's, still at work


def test_a_session_whose_day_is_not_a_date_is_named_by_history(
    invoke: Invoke, data_dir: Path
) -> None:
    invoke("log", "--band", "green", "--date", "2026-01-05")
    invoke("log", "--band", "green", "--date", "2026-01-07")
    hand_edit(data_dir, "day", "2026-02-30")
    shown = invoke("history")
    assert shown.exit_code == 0
    assert "has a session (1) whose values break its rules (day = '2026-02-30')" in shown.stderr
    assert "2026-01-07" in shown.stdout


# --- any command line -------------------------------------------------------------------

WORDS = st.sampled_from(
    ["list", "show", "bands", "session", "safety", "log", "history", "progress", "content",
     "path", "validate", "schema", "copy", "dead-bug", "bridge", "green", "Yellow", "purple",
     "--band", "--json", "--csv", "--since", "--limit", "--date", "--pain-before",
     "--pain-after", "--exercise", "--notes", "--delete", "--yes", "--rest", "--get-ready",
     "--quiet", "--guided", "--no-pager", "--color", "--no-color", "--help", "--version",
     "0", "3", "7", "11", "-1", "2026-01-05", "2099-01-01", "1969-12-31", "",
     "\\x1b[31m", "²", "9" * 30, "exercise", "bands", "sessions", "disclaimer"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURES)
@given(args=st.lists(WORDS, max_size=6))
def test_any_command_line_ends_in_an_answer_or_a_clear_error(
    invoke: Invoke, tmp_path: Path, args: list[str]
) -> None:
    if "copy" in args:  # somewhere new each time, never in the working folder
        args = [str(tmp_path / f"copy-{len(list(tmp_path.iterdir()))}") if a == "copy" else a
                for a in args]  # fmt: skip
    result = invoke(*args, input="n\n")  # a traceback fails the test (catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), (args, result.stderr)
    if result.exit_code:
        assert "Error" in result.stderr or "Usage" in result.stderr or "Nothing" in result.stderr
        assert "\x1b" not in result.stderr
