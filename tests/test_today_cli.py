"""Every command follows today's decision: the table in the patient guide, cell by cell,
the scenarios of weeks as a patient, and one band for any journal."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpain_cli.journal import open_for_writing
from backpain_cli.models import WEEKDAY_NAMES, ExerciseDone, SessionRecord

from .conftest import REPO, Invoke
from .terminal import Terminal, terminal_env

GUIDE = (REPO / "docs" / "patient.md").read_text(encoding="utf-8")
TODAY = date.today()
#: A plan whose days include today and none next to each other: today, +2 and +4.
PLAN_DAYS = ",".join(WEEKDAY_NAMES[(TODAY.weekday() + d) % 7] for d in (0, 2, 4))


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def table() -> dict[str, dict[str, str]]:
    """The guide's table: for each kind of day, each command's cell."""
    start = GUIDE.index("| today is |")
    lines = GUIDE[start:].split("\n\n")[0].splitlines()
    heads = [h.strip().strip("`") for h in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = dict(zip(heads[1:], cells[1:], strict=True))
    return rows


def quoted(cell: str) -> list[str]:
    return re.findall(r'"([^"]+)"', cell)


def make_day(state: str, invoke: Invoke) -> None:
    """Keep a plan with today on it, and log what makes today ``state``."""
    assert invoke("plan", "--start", "today", "--days", PLAN_DAYS).exit_code == 0
    if state == "a rest day":
        assert invoke("log", "--pain-after", "1").exit_code == 0
    elif state == "paused":
        for days in (4, 2):
            assert invoke("log", "--date", ago(days), "--pain-after", "8").exit_code == 0


#: What each kind of day adds to the commands that are asked about it.
STOP_OPTIONS = ("--pain-now", "9")


def run_cell(state: str, command: str, invoke: Invoke, data_dir: Path, tmp_path: Path) -> str:
    """What ``command`` says on a day of ``state``, stdout and stderr together."""
    stop = state == "stop"
    if command == "session --guided":
        return guided_cell(state, data_dir)
    if command == "plan --ics":
        target = tmp_path / "plan.ics"
        done = invoke("plan", "--ics", str(target))
        assert done.exit_code == 0, done.stderr
        return done.stderr + target.read_text(encoding="utf-8")
    if command == "log":
        done = invoke("log", *(("--pain-before", "9") if stop else ()), "--pain-after", "1")
    else:
        done = invoke(*command.split(), *(STOP_OPTIONS if stop else ()))
    assert done.exit_code == 0, (command, done.stderr)
    return done.stdout + done.stderr


def guided_cell(state: str, data_dir: Path) -> str:
    term = Terminal(["session", "--guided", "--quiet", "--get-ready", "0"], terminal_env(data_dir))
    if state == "paused":
        screen = term.expect("Paused since")
        assert term.wait() == 0
        return screen
    screen = term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now, 0-10 (Enter to skip):")
    if state == "stop":
        term.send("9\r")
        screen = term.expect("Stop: no session today")
        assert term.wait() == 0
        return screen
    term.send("\r")
    if state == "a rest day":
        screen = term.expect("Start a session anyway? [y/N]:")
        term.send("\r")
        term.expect("Nothing was started.")
        assert term.wait() == 0
        return screen
    screen = term.expect("SET 1 of")  # it runs
    term.send("q")
    term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("\r")
    assert term.wait() == 0
    return screen


def ics_first_day(text: str) -> date | None:
    days = re.findall(r"DTSTART;VALUE=DATE:(\d{8})", text)
    return min(date(int(d[:4]), int(d[4:6]), int(d[6:])) for d in days) if days else None


CELLS = [(state, command) for state, row in table().items() for command in row]


def test_the_table_has_every_kind_of_day_and_every_command() -> None:
    rows = table()
    assert list(rows) == ["a session", "a rest day", "paused", "stop"]
    for row in rows.values():
        assert list(row) == ["today", "session", "session --guided", "plan", "plan --ics",
                             "progress", "log"]  # fmt: skip


@pytest.mark.parametrize(("state", "command"), CELLS)
def test_each_cell_of_the_table_is_what_the_command_does(
    invoke: Invoke, data_dir: Path, tmp_path: Path, state: str, command: str
) -> None:
    cell = table()[state][command]
    make_day(state, invoke)
    if cell == "not asked":  # the stop is what a person says before exercising
        done = invoke(command.split()[0], *STOP_OPTIONS)
        assert done.exit_code == 2
        assert "No such option '--pain-now'" in done.stderr
        return
    said = run_cell(state, command, invoke, data_dir, tmp_path)
    for phrase in quoted(cell):
        assert phrase in " ".join(said.split()), (state, command, phrase)
    if command == "plan --ics":
        first = ics_first_day(said)
        expected = {"a session": TODAY, "a rest day": TODAY + timedelta(days=2)}
        assert first == expected.get(state), (state, first)
    if command == "log" and state == "a session":
        sessions = json.loads(invoke("history", "--json").stdout)["sessions"]
        assert sessions[-1]["band"] == "yellow"  # today's band


# The scenarios, through the commands --------------------------------------------------


def test_after_two_red_sessions_nothing_offers_or_schedules_a_session(
    invoke: Invoke, tmp_path: Path
) -> None:
    invoke("plan", "--start", "today", "--days", PLAN_DAYS)
    invoke("log", "--date", ago(5), "--pain-after", "7")
    invoke("log", "--date", ago(3), "--pain-after", "8")
    session = json.loads(invoke("session", "--json").stdout)
    assert session["exercises"] == []
    assert session["today"]["state"] == "paused"
    assert "Session:" not in invoke("session").stdout
    assert "Session:" not in invoke("session", "--band", "green").stdout  # not by hand either
    target = tmp_path / "plan.ics"
    invoke("plan", "--ics", str(target))
    assert "BEGIN:VEVENT" not in target.read_text()
    progress = json.loads(invoke("progress", "--json").stdout)
    assert progress["advice"] == "see-professional"
    assert json.loads(invoke("plan", "--json").stdout)["today"]["state"] == "paused"


def test_resume_ends_the_pause_and_the_session_is_no_heavier(invoke: Invoke) -> None:
    assert invoke("resume").exit_code == 1  # nothing paused: nothing recorded
    invoke("log", "--band", "green", "--date", ago(5), "--pain-after", "7")
    invoke("log", "--band", "green", "--date", ago(3), "--pain-after", "8")
    early = invoke("resume", "--date", ago(4))
    assert early.exit_code == 2
    assert "before the pause began" in early.stderr
    done = invoke("resume", "--note", "Seen by Sam Lee, physio")
    assert done.exit_code == 0, done.stderr
    assert "Recorded: your return was cleared on" in done.stderr
    assert "A session today: Yellow band" in done.stdout
    session = json.loads(invoke("session", "--json").stdout)
    assert (session["today"]["state"], session["band"]["id"]) == ("session", "yellow")
    assert invoke("resume").exit_code == 1  # not paused any more


def test_log_without_a_band_records_todays_band_not_the_journals_next(invoke: Invoke) -> None:
    start = TODAY - timedelta(days=TODAY.weekday() + 7)  # last Monday: week 2 of the plan
    invoke("plan", "--start", start.isoformat(), "--days", "mon,wed,fri")
    for days in (0, 2, 4):
        invoke("log", "--band", "yellow", "--date", (start + timedelta(days=days)).isoformat(),
               "--pain-after", "1")  # fmt: skip
    today = json.loads(invoke("today", "--json").stdout)
    assert today["band"] == "yellow"  # the plan's first phase: two weeks
    progress = json.loads(invoke("progress", "--json").stdout)
    assert (progress["advice"], progress["band"]) == ("stay", "yellow")
    assert "Advice: Stay with Yellow" in invoke("progress").stdout
    assert invoke("log", "--pain-after", "1").exit_code == 0
    logged = json.loads(invoke("history", "--json").stdout)["sessions"][-1]
    assert logged["band"] == "yellow"


def test_severe_pain_before_a_guided_session_starts_nothing(data_dir: Path) -> None:
    term = Terminal(["session", "--guided", "--quiet"], terminal_env(data_dir))
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now, 0-10 (Enter to skip):")
    term.send("9\r")
    screen = term.expect("Stop: no session today")
    assert "Stop and get medical help" in screen
    assert "an easier session" not in screen
    assert term.wait() == 0
    assert not data_dir.exists()  # nothing was started, nothing saved


def test_a_red_flag_answered_yes_starts_nothing(data_dir: Path) -> None:
    term = Terminal(["session", "--guided", "--quiet"], terminal_env(data_dir))
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("y\r")
    term.expect("Stop: no session today")
    screen = term.expect("red-flag signs")  # the reason may come in a later write
    assert "Pain right now" not in screen
    assert term.wait() == 0


def test_the_calendar_marks_red_pain_and_paused_days(invoke: Invoke) -> None:
    start = TODAY - timedelta(days=TODAY.weekday() + 14)
    invoke("plan", "--start", start.isoformat(), "--days", "mon,wed,fri")
    invoke("log", "--date", start.isoformat(), "--pain-before", "3", "--pain-after", "7")
    invoke("log", "--date", (start + timedelta(days=2)).isoformat(), "--pain-after", "8")
    calendar = json.loads(invoke("plan", "--json").stdout)["calendar"]
    first = [d["status"] for d in calendar[0]["days"]]
    assert first == ["hurt", "hurt", "paused"]  # never a plain tick; paused, not missed
    assert all(d["status"] == "paused" for d in calendar[1]["days"])
    screen = invoke("plan").stdout
    assert "! done, pain after in the red" in screen
    assert "‖ paused" in screen


# One band for any journal -------------------------------------------------------------


def write_journal(folder: Path, sessions: list[tuple[int, str, int | None, bool]]) -> None:
    with open_for_writing(folder) as journal:
        for days, band, after, done in sessions:
            dosages = [(d.exercise, d.sets, d.reps) for d in _dosages(band)]
            sets = tuple(ExerciseDone(e, s, s if done else 0, r) for e, s, r in dosages)
            journal.add(SessionRecord(TODAY - timedelta(days=days), band, sets, done, 2, after))


def _dosages(band: str) -> tuple:  # type: ignore[type-arg]
    from backpain_cli.content.load import load

    return load(REPO / "content").sessions.for_band(band)


JOURNALS = st.lists(
    st.tuples(
        st.integers(0, 60),
        st.sampled_from(["yellow", "green", "blue"]),
        st.none() | st.integers(0, 10),
        st.booleans(),
    ),
    max_size=12,
)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(sessions=JOURNALS, planned=st.booleans())
def test_every_command_gives_todays_band_for_any_journal(
    invoke: Invoke, tmp_path_factory: pytest.TempPathFactory,
    sessions: list[tuple[int, str, int | None, bool]], planned: bool,
) -> None:  # fmt: skip
    folder = tmp_path_factory.mktemp("journal")
    write_journal(folder, sessions)
    run: Callable[..., dict[str, object]] = lambda *args: json.loads(  # noqa: E731
        invoke("--data-dir", str(folder), *args).stdout
    )
    if planned:
        start = (TODAY - timedelta(days=TODAY.weekday() + 21)).isoformat()
        invoke("--data-dir", str(folder), "plan", "--start", start, "--days", "mon,wed,fri")
    today = run("today", "--json")
    band = today["band"]
    session = run("session", "--json")
    assert session["band"]["id"] == band  # type: ignore[index]
    assert run("progress", "--json")["band"] == band
    assert run("history", "--json")["today"]["band"] == band  # type: ignore[index]
    if planned:
        assert run("plan", "--json")["band"] == band
    if today["state"] in ("paused", "stop"):
        assert session["exercises"] == []
    else:
        assert invoke("--data-dir", str(folder), "log").exit_code == 0
        logged = run("history", "--json")["sessions"][-1]  # type: ignore[index]
        assert logged["band"] == band
