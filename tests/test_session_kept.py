"""A finished session is never lost: a guided session that could not be kept is not
started; one whose journal cannot take it at the end is kept in a recovery file and
saved on the next run; waiting for another program says so; an error in the middle
of a session saves what was done first."""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import pytest

from backpain_cli import folders
from backpain_cli.cli.app import App
from backpain_cli.journal import recovery, store
from backpain_cli.models import ExerciseDone, SessionRecord

from .conftest import Invoke
from .terminal import Terminal, terminal_env
from .test_guided import guided, quick_session

RECORD = SessionRecord(
    day=datetime.date(2026, 3, 2),
    band="green",
    exercises=(ExerciseDone("glute-bridge", 3, 2, 10, 1), ExerciseDone("clam-shell", 3, 0, 10)),
    all_sets_done=False,
    pain_before=3,
    pain_after=2,
    notes="",
    seconds=300,
)


def sessions(invoke: Invoke) -> list[dict[str, object]]:
    shown = invoke("history", "--json")
    assert shown.exit_code == 0, shown.stderr
    return json.loads(shown.stdout)["sessions"]  # type: ignore[no-any-return]


@pytest.fixture
def one_rep(content_copy: Path) -> Path:
    return quick_session(content_copy, "glute-bridge", 1)


# Before a guided session ----------------------------------------------------------------


def damage_a_page_no_read_uses(invoke: Invoke, data: Path) -> None:
    """A journal whose sessions read well, and whose next write would fail: the page of
    SQLite's own counter of session numbers (read only to add a session) is damaged."""
    invoke("log", "--band", "yellow", "--date", "2026-01-05", env={"BACKPAIN_DATA_DIR": str(data)})
    path = data / "journal.sqlite3"
    db = sqlite3.connect(path)
    (page,) = db.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone()
    (size,) = db.execute("PRAGMA page_size").fetchone()
    db.close()
    with path.open("r+b") as journal:
        journal.seek((page - 1) * size)
        journal.write(b"\xff" * 16)


@pytest.mark.parametrize("problem", ["a file", "under a file", "damaged where no read looks"])
def test_a_guided_session_that_could_not_be_kept_is_not_started(
    invoke: Invoke, one_rep: Path, tmp_path: Path, problem: str
) -> None:
    data = tmp_path / "data"
    if problem == "damaged where no read looks":
        damage_a_page_no_read_uses(invoke, data)
        assert invoke("history", env={"BACKPAIN_DATA_DIR": str(data)}).exit_code == 0
    else:
        data.write_text("mine")
        if problem == "under a file":
            data = data / "inside"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    term = guided(one_rep, data)
    screen = term.expect("Nothing was started, as the session could not be kept.")
    assert "Do you have any of these signs now?" not in screen  # said at once
    assert "Traceback" not in screen
    assert term.wait() == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("inside", "message"),
    [("", "Cannot write in the data folder"), ("new/data", "Cannot create the data folder")],
)
def test_a_data_folder_the_user_cannot_write_is_found_before_a_session(
    tmp_path: Path, inside: str, message: str
) -> None:
    """The check a guided session makes first, run as a user without the superuser's
    powers: a folder the user may not write in, or not make, is said at once."""
    import os
    import shutil
    import subprocess
    import sys

    locked = tmp_path / "locked"
    locked.mkdir()
    data = locked / inside if inside else locked
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from backpain_cli.journal import JournalError\n"
        "from backpain_cli.journal.open import check_writable\n"
        "try:\n    check_writable(Path(sys.argv[1]))\nexcept JournalError as err:\n"
        "    print(err)\n"
    )
    command = [sys.executable, "-c", code, str(data)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv to take away the superuser's powers")
        drop = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    locked.chmod(0o500)
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        locked.chmod(0o700)
    assert done.stdout.startswith(f"{message} {data}: permission denied.")
    assert list(locked.iterdir()) == []


# At the end of a session ------------------------------------------------------------------

#: The program with the journal's waits made short, so that a test need not wait 30 s.
SHORT_WAITS = (
    "from backpain_cli.journal import store\n"
    "store.FIRST_WAIT_SECONDS = 0.2\n"
    "store.WAIT_SECONDS = 1.0\n"
)


def test_a_journal_locked_at_the_end_keeps_the_session_and_the_next_run_saves_it(
    invoke: Invoke, one_rep: Path, data_dir: Path
) -> None:
    invoke("log", "--band", "yellow", "--date", "2026-01-05")  # a journal to lock
    holder = sqlite3.connect(data_dir / "journal.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program, writing
    try:
        args = ["--content-dir", str(one_rep), "session", "--band", "yellow", "--guided"]
        term = Terminal([*args, "--quiet"], terminal_env(data_dir), code=SHORT_WAITS)
        term.expect("Do you have any of these signs now? [y/N]:")
        term.send("\r")
        term.expect("Pain right now")
        term.send("4\r")
        term.expect("Pain now, 0-10 (Enter to skip):")
        term.send("1\r")
        screen = term.expect("the next time backpain can write to it.")
        assert "Waiting: another program is writing to the journal" in screen
        assert "Your session is kept in " in screen
        assert "Traceback" not in screen
        assert term.wait() == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    (kept,) = recovery.pending(data_dir, data_dir / "journal.sqlite3")
    assert Path(kept).parent == data_dir  # beside the journal
    shown = invoke("history", "--json")  # the next run saves it
    assert "Saved in the journal: the session of" in shown.stderr
    latest = json.loads(shown.stdout)["sessions"][-1]
    assert (latest["pain_before"], latest["pain_after"], latest["sets_done"]) == (4, 1, 1)
    assert not Path(kept).exists()
    assert len(sessions(invoke)) == 2  # saved once


#: A screen that cannot be drawn once the session reaches its second exercise.
BREAKS_AT_THE_SECOND = (
    "from backpain_cli.render import coach\n"
    "drawn = coach.screen\n"
    "def screen(plan, view, *rest):\n"
    "    if view.step is not None and view.step.item == 1:\n"
    "        raise ValueError('cannot convert float NaN to integer')\n"
    "    return drawn(plan, view, *rest)\n"
    "coach.screen = screen\n"
)


def test_an_error_in_the_middle_of_a_session_saves_what_was_done_first(
    invoke: Invoke, content_copy: Path, data_dir: Path
) -> None:
    sessions_file = content_copy / "sessions.yaml"
    quick_session(content_copy, "glute-bridge", 1)
    text = sessions_file.read_text()
    sessions_file.write_text(
        text.replace(
            "  yellow:\n    - exercise: glute-bridge\n      sets: 1\n      reps: 1\n"
            "      hold_seconds: 0\n      rest_seconds: 0\n",
            "  yellow:\n    - exercise: glute-bridge\n      sets: 1\n      reps: 1\n"
            "      hold_seconds: 0\n      rest_seconds: 0\n"
            "    - exercise: dead-bug\n      sets: 1\n      reps: 1\n"
            "      hold_seconds: 0\n      rest_seconds: 0\n",
        )
    )
    args = ["--content-dir", str(content_copy), "session", "--band", "yellow", "--guided"]
    term = Terminal([*args, "--quiet"], terminal_env(data_dir), code=BREAKS_AT_THE_SECOND)
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("2\r")
    screen = term.expect("What you did is saved in the journal.")
    assert "Error: The session stopped: an unexpected error (ValueError: cannot convert" in screen
    assert "Traceback" not in screen
    assert term.echo_is_on()
    assert term.wait() == 1
    (saved,) = sessions(invoke)
    assert saved["pain_before"] == 2
    exercises = {e["exercise"]: e["sets_done"] for e in saved["exercises"]}  # type: ignore[union-attr]
    assert exercises == {"glute-bridge": 1, "dead-bug": 0}


# Keeping and saving, one by one -------------------------------------------------------------


def app_for(data: Path) -> App:
    return App(None, "flag", False, data)


def test_a_session_the_journal_cannot_take_is_kept_beside_it(
    invoke: Invoke,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    invoke("log", "--band", "green", "--date", "2026-01-05")
    from backpain_cli.content.load import load

    catalog = load(Path(__file__).resolve().parent.parent / "content")
    monkeypatch.setattr(store, "FIRST_WAIT_SECONDS", 0.01)
    monkeypatch.setattr(store, "WAIT_SECONDS", 0.1)
    holder = sqlite3.connect(data_dir / "journal.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert app_for(data_dir).keep_session(catalog, RECORD, show=False) is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    said = capsys.readouterr().err
    assert "Waiting: another program is writing to the journal" in said
    assert "another backpain is still writing to it" in said
    (kept,) = recovery.pending(data_dir, data_dir / "journal.sqlite3")
    assert f"Your session is kept in {kept}" in said
    assert recovery.read(kept).record == RECORD
    assert Path(kept).stat().st_mode & 0o077 == 0  # the user's own


def test_when_the_data_folder_cannot_be_made_the_session_goes_to_the_cache_folder(
    invoke: Invoke, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from backpain_cli.content.load import load

    catalog = load(Path(__file__).resolve().parent.parent / "content")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    data = blocker / "data"
    assert app_for(data).keep_session(catalog, RECORD, show=False) is False
    (kept,) = recovery.pending(data, data / "journal.sqlite3")
    assert Path(kept).parent == Path(folders.cache())
    assert "Cannot create the data folder" in capsys.readouterr().err
    # Once the folder can be made, the next write saves it (and only into that journal).
    blocker.unlink()
    logged = invoke("log", "--band", "green", env={"BACKPAIN_DATA_DIR": str(data)})
    assert logged.exit_code == 0, logged.stderr
    assert "Saved in the journal: the session of 2026-03-02" in logged.stderr
    assert not Path(kept).exists()
    shown = invoke("history", "--json", env={"BACKPAIN_DATA_DIR": str(data)})
    assert json.loads(shown.stdout)["sessions"][0]["date"] == "2026-03-02"


def test_when_nothing_can_be_written_the_log_command_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from backpain_cli.content.load import load

    catalog = load(Path(__file__).resolve().parent.parent / "content")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BACKPAIN_CACHE_DIR", str(blocker / "cache"))
    assert app_for(blocker / "data").keep_session(catalog, RECORD, show=False) is False
    said = capsys.readouterr().err
    assert "Nor could the session be kept in a file" in said
    assert (
        "backpain log --band green --date 2026-03-02 --pain-before 3 --pain-after 2 "
        "--exercise glute-bridge"
    ) in said


@pytest.mark.parametrize(
    "contents",
    [
        b"not json",
        b"{}",
        b'{"format": 1, "journal": "x", "logged_at": "2026-03-02T10:00:00+00:00", '
        b'"session": {"day": "9999-99-99"}}',
        json.dumps(
            {
                "format": 1,
                "journal": "x",
                "logged_at": "2026-03-02T10:00:00+00:00",
                "session": {**recovery._fields(RECORD), "pain_after": 99},
            }
        ).encode(),
        json.dumps(
            {
                "format": 2,
                "journal": "x",
                "logged_at": "2026-03-02T10:00:00+00:00",
                "session": recovery._fields(RECORD),
            }
        ).encode(),
        b"\xff\xfe",
    ],
)
def test_a_recovery_file_that_is_not_a_whole_session_is_left_alone(
    invoke: Invoke, data_dir: Path, contents: bytes
) -> None:
    invoke("log", "--band", "green", "--date", "2026-01-05")
    odd = data_dir / f"{recovery.PREFIX}{recovery._key(data_dir / 'journal.sqlite3')}-x.json"
    odd.write_bytes(contents)
    result = invoke("log", "--band", "green", "--date", "2026-01-07")
    assert result.exit_code == 0, result.stderr
    assert "was left as it is: not a session this program wrote" in result.stderr
    assert odd.read_bytes() == contents
    assert len(sessions(invoke)) == 2


def test_a_recovery_file_for_another_journal_is_not_taken(
    invoke: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    invoke("log", "--band", "green", "--date", "2026-01-05")
    other = tmp_path / "elsewhere"
    kept = recovery.keep(RECORD, other, other / "journal.sqlite3")
    invoke("log", "--band", "green", "--date", "2026-01-07")
    assert Path(kept).exists()
    assert len(sessions(invoke)) == 2


def test_a_log_that_waits_for_another_program_says_so(
    invoke: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke("log", "--band", "green", "--date", "2026-01-05")
    monkeypatch.setattr(store, "FIRST_WAIT_SECONDS", 0.01)
    monkeypatch.setattr(store, "WAIT_SECONDS", 0.1)
    holder = sqlite3.connect(data_dir / "journal.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = invoke("log", "--band", "green", "--date", "2026-01-07")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Waiting: another program is writing to the journal")
    assert "another backpain is still writing to it" in lines[-1]
    assert len(sessions(invoke)) == 1
