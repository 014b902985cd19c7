"""The programme over weeks: content, phase arithmetic, the kept plan, the calendar file."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.content import load as loader
from backpain_cli.models import Entry, ExerciseDone, PlanSettings, SessionRecord
from backpain_cli.programme import DONE, MISSED, PLANNED, TODAY, parse_days, stand
from backpain_cli.today import PAUSED, Today, decide, past_of

from .conftest import CONTENT, Invoke
from .test_loader_errors import edit, problems

CATALOG = loader.load(CONTENT)
PROGRAMME = CATALOG.programme
assert PROGRAMME is not None
START = date(2026, 11, 2)  # a Monday
MWF = (0, 2, 4)


def session(day: date, band: str, pain_after: int = 1, done: bool = True) -> SessionRecord:
    dosages = CATALOG.sessions.for_band(band)
    return SessionRecord(
        day,
        band,
        tuple(ExerciseDone(d.exercise, d.sets, d.sets if done else 0, d.reps) for d in dosages),
        done,
        pain_after=pain_after,
    )


def where(records: list[SessionRecord], today: date, weeks: int = 8):  # type: ignore[no-untyped-def]
    entries = [Entry(n, r) for n, r in enumerate(sorted(records, key=lambda r: r.day), 1)]
    return stand(CATALOG, PROGRAMME, PlanSettings(START, MWF, weeks), entries, today)


def decided(records: list[SessionRecord], today: date, weeks: int = 8) -> Today:
    """Today's prescription with the plan kept and ``records`` in the journal."""
    entries = [Entry(n, r) for n, r in enumerate(sorted(records, key=lambda r: r.day), 1)]
    return decide(CATALOG, past_of(entries, (), CATALOG), PlanSettings(START, MWF, weeks), today)


def on_plan(weeks: range, band: str = "yellow", **kwargs: object) -> list[SessionRecord]:
    return [
        session(START + timedelta(weeks=w, days=d), band, **kwargs)  # type: ignore[arg-type]
        for w in weeks
        for d in MWF
    ]


def test_the_content_has_an_eight_week_programme_and_what_follows_blue() -> None:
    assert [p.band for p in PROGRAMME.phases] == ["yellow", "green", "blue", "blue"]
    assert PROGRAMME.weeks == 8
    assert PROGRAMME.days == MWF
    after = PROGRAMME.phases[-1]
    for exercise_id, variant in after.variants:
        assert variant in [v.id for v in CATALOG.variants_of(exercise_id, "harder")]


def test_sessions_on_plan_move_on_at_each_checkpoint() -> None:
    records = on_plan(range(2)) + on_plan(range(2, 3), "green")
    now = START + timedelta(weeks=3, days=2)  # a Wednesday
    standing, weeks = where(records, now)
    assert (standing.week, standing.phase, decided(records, now).band) == (4, 1, "green")
    assert [w.phase for w in weeks[:3]] == [0, 0, 1]
    assert weeks[1].checkpoint
    assert [d.status for d in weeks[3].days] == [MISSED, TODAY, PLANNED]
    assert all(d.status == DONE for w in weeks[:3] for d in w.days)
    assert standing.weeks == 8


def test_a_week_without_sessions_moves_the_later_phases_on() -> None:
    records = on_plan(range(1)) + on_plan(range(2, 3))  # week 2 missed altogether
    standing, weeks = where(records, START + timedelta(weeks=3))
    assert standing.phase == 1  # week 3 was the second week of sessions: checkpoint passed
    assert not weeks[1].sessions
    assert standing.weeks == 9  # one week later than planned
    later, _weeks = where(on_plan(range(1)), START + timedelta(weeks=3))
    assert later.phase == 0  # two empty weeks: still getting used to it
    assert later.weeks == 10


def test_red_pain_never_moves_up() -> None:
    records = on_plan(range(2))
    records[-1] = records[-1]._replace(pain_after=7)
    standing, weeks = where(records, START + timedelta(weeks=2))
    assert weeks[1].checkpoint
    assert standing.phase == 0
    assert decided(records, START + timedelta(weeks=2)).band == "yellow"


def test_poor_sessions_in_a_row_step_back_a_phase() -> None:
    records = [
        *on_plan(range(2)),
        session(START + timedelta(weeks=2), "green", done=False),
        session(START + timedelta(weeks=2, days=2), "green", done=False),
    ]
    standing, _weeks = where(records, START + timedelta(weeks=3))
    assert standing.stepped_back == 1
    assert standing.phase == 0


def test_see_a_professional_follows_the_progress_rules() -> None:
    records = [
        *on_plan(range(2)),
        session(START + timedelta(weeks=2), "green", pain_after=8),
        session(START + timedelta(weeks=2, days=2), "green", pain_after=8),
    ]
    today = decided(records, START + timedelta(weeks=2, days=3))
    assert today.state == PAUSED
    assert today.advice.advice == "see-professional"
    assert today.band == "yellow"  # never heavier than progress says


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(
        st.tuples(
            st.integers(0, 69),
            st.sampled_from(["yellow", "green", "blue"]),
            st.integers(0, 10),
            st.booleans(),
        ),
        max_size=30,
    ),
    today=st.integers(0, 90),
)
def test_the_rules_hold_for_any_journal(days: list[tuple[int, str, int, bool]], today: int) -> None:
    records = [session(START + timedelta(days=d), b, p, ok) for d, b, p, ok in days]
    entries = [Entry(n, r) for n, r in enumerate(sorted(records, key=lambda r: r.day), 1)]
    now = START + timedelta(days=today)
    standing, weeks = stand(CATALOG, PROGRAMME, PlanSettings(START, MWF, 8), entries, now)
    assert 0 <= standing.phase < len(PROGRAMME.phases)
    assert standing.week == today // 7 + 1
    assert standing.weeks >= 8
    assert len(weeks) == standing.weeks
    rules = CATALOG.sessions.progress
    gone = weeks[: standing.week]  # the weeks worked out from the journal, this one included
    for before, after in itertools.pairwise(gone):
        if after.phase > before.phase:  # moved on: only at a checkpoint, never after red pain
            assert before.checkpoint
            end = before.monday + timedelta(days=6)
            so_far = [e for e in entries if e.session.day <= end]
            assert not rules.red(so_far[-1].session.pain_after)
            assert after.phase == before.phase + 1


def test_weekdays_are_read_and_checked() -> None:
    assert parse_days("mon,wed,fri") == MWF
    assert parse_days("Friday, monday") == (0, 4)
    for wrong, message in (("mon,funday", "'funday' is not a weekday"), ("mon,mon", "twice"),
                           ("", "no weekday given")):  # fmt: skip
        with pytest.raises(ValueError, match=message):
            parse_days(wrong)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "mon,tue,thu"], "Monday and Tuesday are next to each other"),
        (["--days", "sun,mon"], "Sunday and Monday are next to each other"),
        (["--days", "mon,xyz"], "'xyz' is not a weekday"),
        (["--start", "2026-13-01"], "is not a day on the calendar"),
        (["--weeks", "0"], "0 is not in the range"),
        (["--remind", "30m"], "--at and --remind only go with --ics."),
        (["--ics", "x.ics", "--remind", "30m"], "--remind needs --at"),
        (["--ics", "x.ics", "--at", "25:00"], "is not a time of day"),
    ],
)
def test_bad_plan_options_exit_2_and_keep_nothing(
    invoke: Invoke, data_dir: Path, args: list[str], message: str
) -> None:
    done = invoke("plan", *args)
    assert done.exit_code == 2
    assert message in done.stderr
    assert not data_dir.exists()


def test_the_plan_is_kept_and_session_progress_and_history_use_it(
    invoke: Invoke, data_dir: Path
) -> None:
    today = date.today()
    start = today - timedelta(days=today.weekday() + 14)  # the Monday two weeks ago
    shown = invoke("plan", "--start", start.isoformat(), "--days", "mon,wed,fri")
    assert shown.exit_code == 0, shown.stderr
    assert "Plan kept with your journal." in shown.stderr
    assert "Week 3 of 10, phase 1 of 4 (Getting used to it)" in shown.stdout
    for week in range(2):
        for day in MWF:
            when = start + timedelta(weeks=week, days=day)
            assert invoke("log", "--band", "yellow", "--date", when.isoformat(),
                          "--pain-after", "1").exit_code == 0  # fmt: skip
    data = json.loads(invoke("plan", "--json").stdout)
    assert (data["kept"], data["week"], data["phase"], data["band"]) == (True, 3, 2, "green")
    assert data["calendar"][1]["checkpoint"] is True
    assert [d["status"] for d in data["calendar"][0]["days"]] == ["done"] * 3
    assert "Week 3 of 8, phase 2 of 4 (Building)" in invoke("progress").stdout
    assert json.loads(invoke("history", "--json").stdout)["plan"].startswith("Week 3 of 8")
    planned = json.loads(invoke("session", "--json").stdout)
    assert planned["band"]["id"] == "green"
    assert "Your plan: Week 3 of 8" in planned["reason"]


def test_after_the_strongest_band_come_the_harder_variants(invoke: Invoke, data_dir: Path) -> None:
    today = date.today()
    start = today - timedelta(days=today.weekday() + 7 * 9)
    assert invoke("plan", "--start", start.isoformat(), "--weeks", "12").exit_code == 0
    band_of = ["yellow"] * 2 + ["green"] * 3 + ["blue"] * 4
    for week, band in enumerate(band_of):
        for day in MWF:
            when = start + timedelta(weeks=week, days=day)
            invoke("log", "--band", band, "--date", when.isoformat(), "--pain-after", "1")
    data = json.loads(invoke("plan", "--json").stdout)
    assert data["phase"] == 4
    planned = json.loads(invoke("session", "--json").stdout)
    done = {e["id"]: e for e in planned["exercises"]}
    assert list(done) == ["single-leg-bridge", "clam-shell-long-hold", "dead-bug-arm-and-leg"]
    bridge = done["single-leg-bridge"]
    assert (bridge["sets"], bridge["reps"], bridge["each_side"]) == (3, 8, True)  # its own dose
    assert bridge["variant"].startswith("Single-leg bridge, instead of Glute bridge")
    assert done["clam-shell-long-hold"]["hold_seconds"] == 5
    assert "Harder variants (Blue)" in invoke("plan").stdout


def test_the_calendar_file_round_trips(invoke: Invoke, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "plan.ics"
    start = date.today() + timedelta(days=7 - date.today().weekday())  # next Monday
    done = invoke("plan", "--start", start.isoformat(), "--ics", str(target), "--at", "18:30",
                  "--remind", "30m")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    raw = target.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded
    cal = Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0"
    events = list(cal.walk("VEVENT"))
    assert len(events) == 8 * 3
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    first = events[0]
    assert str(first["SUMMARY"]) == "Back exercises: Getting used to it"
    assert first.decoded("DTSTART").isoformat() == f"{start.isoformat()}T18:30:00"
    description = str(first["DESCRIPTION"])
    assert "Glute bridge: Yellow band, just below the knees; 2 x 8;" in description
    assert CATALOG.safety.short in description
    alarms = list(first.walk("VALARM"))
    assert alarms
    assert alarms[0].decoded("TRIGGER") == -timedelta(minutes=30)
    again = tmp_path / "again.ics"
    invoke("plan", "--ics", str(again))
    assert [str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")] == uids
    kept = invoke("plan", "--ics", str(target))
    assert kept.exit_code == 1
    assert "already exists" in kept.stderr


def test_content_text_is_escaped_in_the_calendar(
    invoke: Invoke, content_copy: Path, tmp_path: Path
) -> None:
    from icalendar import Calendar

    edit(
        content_copy / "programme.yaml",
        "name: Getting used to it",
        'name: "Easy; gentle, slow\\\\"',
    )
    target = tmp_path / "plan.ics"
    done = invoke("--content-dir", str(content_copy), "plan", "--ics", str(target))
    assert done.exit_code == 0, done.stderr
    assert b"Easy\\; gentle\\, slow\\\\" in target.read_bytes()
    event = next(iter(Calendar.from_ical(target.read_bytes()).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Back exercises: Easy; gentle, slow\\"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("band: green", "band: purple", "phases[1].band: unknown band 'purple'"),
        ("glute-bridge: single-leg-bridge", "glute-bridge: handstand",
         "'handstand' is not one of Glute bridge's harder variants"),
        ("days: [mon, wed, fri]", "days: [mon, tue, fri]",
         "days: mon and tue are next to each other"),
        ("weeks: 3\n    band: green", "weeks: 0\n    band: green", "expected a value from 1"),
    ],
)  # fmt: skip
def test_a_broken_programme_is_named_by_line(
    content_copy: Path, old: str, new: str, message: str
) -> None:
    edit(content_copy / "programme.yaml", old, new)
    found = problems(content_copy)
    assert len(found) == 1, found
    assert found[0].startswith("programme.yaml:")
    assert message in found[0]


def test_content_without_a_programme_has_no_plan(invoke: Invoke, content_copy: Path) -> None:
    (content_copy / "programme.yaml").unlink()
    done = invoke("--content-dir", str(content_copy), "plan")
    assert done.exit_code == 1
    assert "this content has no programme.yaml" in done.stderr
    assert invoke("--content-dir", str(content_copy), "session").exit_code == 0


def test_an_older_journal_gains_the_plan_and_loses_no_session(
    invoke: Invoke, data_dir: Path
) -> None:
    from backpain_cli.journal.migrations import MIGRATIONS

    data_dir.mkdir(parents=True)
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    for step in MIGRATIONS[:2]:
        step(db)
    db.execute("PRAGMA user_version = 2")
    for day in ("2026-11-02", "2026-11-04"):
        db.execute(
            "INSERT INTO session (day, band, all_sets_done, logged_at) VALUES (?, 'yellow', 1, ?)",
            (day, day),
        )
    db.commit()
    db.close()
    assert invoke("plan", "--start", "2026-11-02").exit_code == 0
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert db.execute("SELECT start FROM plan").fetchone() == ("2026-11-02",)
    db.close()
    history = json.loads(invoke("history", "--json").stdout)
    assert sorted(s["date"] for s in history["sessions"]) == ["2026-11-02", "2026-11-04"]


@pytest.mark.parametrize("columns", ["80", "40"])
def test_the_calendar_fits_the_screen(invoke: Invoke, columns: str) -> None:
    start = date.today() - timedelta(days=date.today().weekday() + 7)  # last Monday but one
    shown = invoke("plan", "--start", start.isoformat(), env={"COLUMNS": columns})
    lines = shown.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    assert "Not kept yet" not in shown.stdout
    marks = "".join(lines)
    assert "✗" in marks  # last week's days, missed
    assert "▶" in marks or date.today().weekday() not in MWF  # today, on a planned day
    if columns == "40":
        assert sum("checkpoint at the end of the week" in line for line in lines) == 3
        assert "Getting used to it (Yellow)" in lines
    else:
        head = next(line for line in lines if line.rstrip().endswith("Phase"))
        assert head.split()[:9] == [
            "Week",
            "Mon",
            "Tue",
            "Wed",
            "Thu",
            "Fri",
            "Sat",
            "Sun",
            "Phase",
        ]
