"""The journal file: privacy, versions, damaged files, unwritable folders, a killed
process and two processes logging at once."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from backpain_cli import journal
from backpain_cli.models import ExerciseDone, SessionRecord

from .conftest import Invoke

TODAY = date.today()


def record(day: date = TODAY, pain_after: int | None = 2) -> SessionRecord:
    done = (ExerciseDone("glute-bridge", 3, 3, 10), ExerciseDone("dead-bug", 3, 2, 8))
    return SessionRecord(day, "green", done, False, 4, pain_after, "note")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_session_round_trips(data_dir: Path) -> None:
    with journal.open_for_writing(data_dir) as j:
        number = j.add(record())
    with journal.open_for_reading(data_dir) as j:  # type: ignore[union-attr]
        found = j.get(number)
    assert found is not None
    assert found.session == record()


def test_partial_sets_and_an_adjustment_round_trip(data_dir: Path) -> None:
    done = (ExerciseDone("glute-bridge", 3, 1, 10, 2),)
    easier = SessionRecord(TODAY, "yellow", done, False, 7, 5, adjustment="the easier variants")
    with journal.open_for_writing(data_dir) as j:
        number = j.add(easier)
    with journal.open_for_reading(data_dir) as j:  # type: ignore[union-attr]
        assert j.get(number) == (number, easier)


def test_a_journal_of_the_first_format_is_read_and_brought_up_to_date(
    invoke: Invoke, data_dir: Path
) -> None:
    from backpain_cli.journal.migrations import MIGRATIONS

    data_dir.mkdir(parents=True)
    path = data_dir / journal.FILE_NAME
    old = sqlite3.connect(path)
    MIGRATIONS[0](old)
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO session (day, band, pain_before, pain_after, all_sets_done, seconds,"
        " notes, logged_at) VALUES ('2026-03-02', 'green', 3, 2, 1, NULL, 'old', 'x')"
    )
    old.execute("INSERT INTO session_exercise VALUES (1, 0, 'glute-bridge', 3, 3, 10)")
    old.commit()
    old.close()
    before = digest(path)
    (read,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert (read["notes"], read["sets_partial"], read["adjustment"]) == ("old", 0, "")
    assert digest(path) == before  # reading migrates a copy in memory, never the file
    assert invoke("log", "--band", "green").exit_code == 0  # writing migrates the file
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == journal.SCHEMA_VERSION
    db.close()
    assert len(json.loads(invoke("history", "--json").stdout)["sessions"]) == 2


def test_the_journal_and_its_new_folder_are_private(data_dir: Path) -> None:
    with journal.open_for_writing(data_dir) as j:
        j.add(record())
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / journal.FILE_NAME).stat().st_mode) == 0o600


def test_the_journal_uses_wal_and_records_its_version(data_dir: Path) -> None:
    with journal.open_for_writing(data_dir) as j:
        j.add(record())
    db = sqlite3.connect(data_dir / journal.FILE_NAME)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == journal.SCHEMA_VERSION
    db.close()


@pytest.mark.parametrize(
    "args",
    [["history"], ["history", "--json"], ["progress"], ["session"], ["log", "--delete", "1"]],
)
def test_reading_commands_create_nothing(invoke: Invoke, data_dir: Path, args: list[str]) -> None:
    invoke(*args)
    assert not data_dir.exists()


def test_reading_leaves_the_journal_file_as_it_was(invoke: Invoke, data_dir: Path) -> None:
    assert invoke("log", "--pain-after", "2").exit_code == 0
    path = data_dir / journal.FILE_NAME
    before = (digest(path), sorted(os.listdir(data_dir)))
    for args in (["history"], ["history", "--csv"], ["progress"], ["session"]):
        assert invoke(*args).exit_code == 0
    assert (digest(path), sorted(os.listdir(data_dir))) == before


def test_an_empty_file_left_by_an_interrupted_first_log_becomes_a_journal(
    invoke: Invoke, data_dir: Path
) -> None:
    data_dir.mkdir()
    (data_dir / journal.FILE_NAME).touch()
    assert "No sessions" in invoke("history").stdout
    assert invoke("log").exit_code == 0
    assert "Journal: 1 session" in invoke("history").stdout


def test_a_journal_from_a_newer_version_is_refused_and_left_alone(
    invoke: Invoke, data_dir: Path
) -> None:
    with journal.open_for_writing(data_dir) as j:
        j.add(record())
    path = data_dir / journal.FILE_NAME
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {journal.SCHEMA_VERSION + 1}")
    db.close()
    before = digest(path)
    for args in (["history"], ["log"], ["progress"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert "newer version of backpain" in result.stderr
        assert str(path) in result.stderr
    assert digest(path) == before


@pytest.mark.parametrize(
    "damage",
    ["text", "header", "pages", "other-db"],
)
def test_a_damaged_or_foreign_file_is_reported_and_left_byte_for_byte(
    invoke: Invoke, data_dir: Path, damage: str
) -> None:
    path = data_dir / journal.FILE_NAME
    if damage == "other-db":
        data_dir.mkdir()
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE recipes (name TEXT)")
        db.commit()
        db.close()
    elif damage == "text":
        data_dir.mkdir()
        path.write_text("these are my notes, not a database\n" * 50)
    else:
        with journal.open_for_writing(data_dir) as j:
            for day in range(300):
                j.add(record(TODAY - timedelta(days=day)))
        raw = bytearray(path.read_bytes())
        if damage == "header":
            raw[:16] = b"definitely not!!"
        else:
            page = 4096
            raw[page : page * 3] = b"\xa5" * (page * 2)
        path.write_bytes(bytes(raw))
    before = digest(path)
    for args in (["history"], ["log", "--pain-after", "1"], ["progress"], ["history", "--csv"]):
        result = invoke(*args)
        assert result.exit_code == 1, (args, result.stdout)
        assert str(path) in result.stderr
        assert "left as it is" in result.stderr
        assert "Traceback" not in result.stderr
        assert digest(path) == before


def test_a_folder_where_the_journal_should_be_is_reported(invoke: Invoke, data_dir: Path) -> None:
    (data_dir / journal.FILE_NAME).mkdir(parents=True)
    for args in (["log"], ["history"]):
        result = invoke(*args)
        assert result.exit_code == 1
        assert f"{data_dir / journal.FILE_NAME} is a folder, not a journal." in result.stderr


def test_a_data_folder_that_is_a_file_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file, not a folder")
    result = invoke("--data-dir", str(blocker), "log")
    assert result.exit_code == 1
    assert f"Cannot use {blocker} as the data folder: it is a file" in result.stderr
    assert blocker.read_text() == "a file, not a folder"


def test_a_data_folder_that_cannot_be_created_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = invoke("--data-dir", str(tmp_path / "file" / "data"), "log")
    assert result.exit_code == 1
    assert "Cannot create the data folder" in result.stderr
    assert "--data-dir" in result.stderr


def test_a_data_folder_that_cannot_be_written_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
    elif Path("/sys/kernel").is_dir():
        locked = Path("/sys/kernel")  # not writable even by the superuser
    else:
        pytest.skip("no folder here that the superuser cannot write to")
    try:
        result = invoke("--data-dir", str(locked), "log")
    finally:
        if locked.is_relative_to(tmp_path):
            locked.chmod(0o700)
    assert result.exit_code == 1
    assert str(locked) in result.stderr
    assert "Choose a folder you can write to with --data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_history_streams_every_session_in_order(data_dir: Path) -> None:
    with journal.open_for_writing(data_dir) as j:
        for day in range(1200):
            j.add(record(TODAY - timedelta(days=day % 400)))
        listed = list(j.iter_all(batch=100))
    assert len(listed) == 1200
    keys = [(e.session.day, e.id) for e in listed]
    assert keys == sorted(keys)


LOGGER = textwrap.dedent(
    """
    import sys
    from backpain_cli.cli import main
    for n in range(int(sys.argv[1])):
        main(["log", "--band", "green", "--notes", f"{sys.argv[2]} {n}"], standalone_mode=False)
        print("DONE", sys.argv[2], n, flush=True)
    """
)


def _logger(count: int, name: str, data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "BACKPAIN_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-c", LOGGER, str(count), name],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _notes(data_dir: Path) -> list[str]:
    db = sqlite3.connect(data_dir / journal.FILE_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in db.execute("SELECT notes FROM session ORDER BY id")]
    finally:
        db.close()


#: Sessions each process logs, a whole command each: enough for the two to overlap for a
#: good while (the second starts long before the first is done), not so many that the
#: test takes seconds of CPU time.
EACH = 50


def test_two_processes_logging_at_once_both_keep_every_session(data_dir: Path) -> None:
    first, second = _logger(EACH, "one", data_dir), _logger(EACH, "two", data_dir)
    outputs = [p.communicate(timeout=240) for p in (first, second)]
    for process, (_out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    notes = _notes(data_dir)
    assert len(notes) == 2 * EACH
    assert sorted(notes) == sorted(
        [f"one {n}" for n in range(EACH)] + [f"two {n}" for n in range(EACH)]
    )


def test_a_process_killed_while_logging_loses_no_finished_session(data_dir: Path) -> None:
    process = _logger(10_000, "run", data_dir)
    assert process.stdout is not None
    finished: list[str] = []
    deadline = time.monotonic() + 60
    while len(finished) < 25 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("DONE "):
            finished.append(line[5:].strip())
    process.send_signal(signal.SIGKILL)
    rest, _err = process.communicate(timeout=30)
    finished += [line[5:].strip() for line in rest.splitlines() if line.startswith("DONE ")]
    assert process.returncode == -signal.SIGKILL
    assert len(finished) >= 25
    stored = set(_notes(data_dir))
    assert set(finished) <= stored
    assert len(stored) - len(finished) <= 1  # at most the one in flight, and only if committed
