"""The one daily decision: scenarios a patient meets over weeks, and rules that hold for
any journal."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.content import load as loader
from backpain_cli.models import Entry, ExerciseDone, PlanSettings, Resume, SessionRecord
from backpain_cli.progress import DOWN, SEE_PROFESSIONAL, STAY, UP, pauses
from backpain_cli.today import (
    PAUSED,
    REST,
    SESSION,
    STOP,
    Check,
    Past,
    decide,
    headline,
    past_of,
    too_soon,
)

from .conftest import REPO

CATALOG = loader.load(REPO / "content")
RULES = CATALOG.sessions.progress
MONDAY = date(2026, 11, 2)
MWF = (0, 2, 4)
RANK = {b.id: i for i, b in enumerate(CATALOG.bands.levels)}


def record(day: date, band: str, after: int | None = 1, before: int | None = 2,
           done: bool = True, adjustment: str = "") -> SessionRecord:  # fmt: skip
    dosages = CATALOG.sessions.for_band(band)
    sets = tuple(ExerciseDone(d.exercise, d.sets, d.sets if done else 0, d.reps) for d in dosages)
    return SessionRecord(day, band, sets, done, before, after, adjustment=adjustment)


def journal(*records: SessionRecord, resumes: tuple[Resume, ...] = ()) -> Past:
    entries = [Entry(n, r) for n, r in enumerate(sorted(records, key=lambda r: r.day), 1)]
    return past_of(entries, resumes, CATALOG)


def on(days: int) -> date:
    return MONDAY + timedelta(days=days)


# The scenarios of nine weeks as a patient --------------------------------------------


def test_an_empty_journal_gives_a_session_at_the_lightest_band() -> None:
    today = decide(CATALOG, Past(), None, MONDAY)
    assert (today.state, today.band, today.counts) == (SESSION, "yellow", True)
    assert today.session is not None
    assert headline(CATALOG, today) == "A session today: Yellow band"


def test_two_red_sessions_pause_the_programme_and_no_session_is_offered() -> None:
    past = journal(record(on(0), "yellow", after=7), record(on(2), "yellow", after=8))
    today = decide(CATALOG, past, PlanSettings(MONDAY, MWF, 8), on(4))
    assert today.state == PAUSED
    assert today.session is None
    assert today.pause is not None
    assert today.pause.since == on(2)
    assert headline(CATALOG, today).startswith("Paused since Wed 4 Nov 2026")
    assert "backpain resume" in today.reasons[-1]
    assert today.advice.advice == SEE_PROFESSIONAL


def test_a_pause_outlasts_rest_and_later_sessions_until_a_resume() -> None:
    reds = [record(on(0), "green", after=7), record(on(2), "green", after=8)]
    later = [record(on(d), "green", after=1) for d in (20, 22, 24, 26)]
    assert decide(CATALOG, journal(*reds), None, on(18)).state == PAUSED  # resting
    assert decide(CATALOG, journal(*reds, *later), None, on(28)).state == PAUSED  # logging
    resumed = journal(*reds, *later, resumes=(Resume(on(27)),))
    today = decide(CATALOG, resumed, None, on(28))
    assert today.state == SESSION
    assert today.band == "yellow"  # the band before the pause: one lighter after red pain
    assert "Back after a pause" in today.reasons[-1]


def test_after_a_resume_the_band_is_no_heavier_than_before_the_pause() -> None:
    reds = [record(on(0), "blue", after=7), record(on(2), "blue", after=8)]
    for cleared in (3, 40):
        today = decide(CATALOG, journal(*reds, resumes=(Resume(on(cleared)),)), None, on(41))
        assert RANK[today.band] <= RANK["green"]
        assert today.state == SESSION


def test_severe_pain_now_stops_and_red_pain_now_makes_it_easier() -> None:
    past = journal(record(on(0), "green"))
    stopped = decide(CATALOG, past, None, on(2), Check(pain=9))
    assert (stopped.state, stopped.session) == (STOP, None)
    assert "this guide's own rule" in stopped.reasons[0]
    assert decide(CATALOG, past, None, on(2), Check(pain=8)).state == STOP
    flagged = decide(CATALOG, past, None, on(2), Check(red_flag=True))
    assert flagged.state == STOP
    easier = decide(CATALOG, past, None, on(2), Check(pain=7))
    assert easier.state == SESSION
    assert easier.session is not None
    assert easier.session.band.id == "yellow"
    assert easier.counts is False
    assert "Made easier" in easier.reasons[-1]


def test_four_weeks_off_after_three_good_sessions_never_moves_up() -> None:
    good = [record(on(d), "green", after=1) for d in (0, 2, 4)]
    assert decide(CATALOG, journal(*good), None, on(6)).band == "blue"  # no break: up
    today = decide(CATALOG, journal(*good), None, on(4 + 28))
    assert today.band == "green"
    assert today.advice.advice == STAY
    assert "After a break of 14 days or more" in " ".join(today.reasons)
    # back at Green once: the count starts again, so still no move up
    back = journal(*good, record(on(32), "green", after=1))
    assert decide(CATALOG, back, None, on(34)).band == "green"


def test_seven_weeks_off_with_a_plan_keep_plan_and_advice_at_one_band() -> None:
    plan = PlanSettings(MONDAY, MWF, 8)
    weeks = [record(on(7 * w + d), "yellow" if w < 2 else "green") for w in range(3) for d in MWF]
    today = decide(CATALOG, journal(*weeks), plan, on(18 + 49))
    assert today.band == "green"
    assert today.advice.advice == STAY
    assert today.standing is not None
    phase = CATALOG.programme.phases[today.standing.phase] if CATALOG.programme else None
    assert phase is not None
    assert RANK[phase.band] >= RANK[today.band]


def test_the_plan_holds_back_a_move_up_and_the_advice_says_so() -> None:
    plan = PlanSettings(MONDAY, MWF, 8)
    first_week = [record(on(d), "yellow", after=1) for d in MWF]
    today = decide(CATALOG, journal(*first_week), plan, on(7))
    assert today.band == "yellow"  # the plan's first phase lasts two weeks
    assert today.advice.advice == STAY  # not "move up to Green"
    assert "your plan keeps you at Yellow" in today.advice.reason
    assert "Week 2 of 8" in today.reasons[0]


def test_red_pain_after_the_last_session_steps_down_even_in_a_heavier_phase() -> None:
    plan = PlanSettings(MONDAY, MWF, 8)
    sessions = [
        *(record(on(7 * w + d), "yellow") for w in range(2) for d in MWF),
        record(on(14), "green", after=7),
    ]
    today = decide(CATALOG, journal(*sessions), plan, on(16))
    assert today.advice.advice == DOWN
    assert today.band == "yellow"


def test_at_the_lightest_band_red_pain_gives_the_easier_variants() -> None:
    today = decide(CATALOG, journal(record(on(0), "yellow", after=7)), None, on(2))
    assert today.session is not None
    assert all(i.exercise.kind == "easier" for i in today.session.items)
    assert today.counts is False


def test_a_second_session_the_same_day_or_the_next_makes_a_rest_day() -> None:
    past = journal(record(on(0), "green"))
    same = decide(CATALOG, past, None, on(0))
    assert same.state == REST
    assert same.next_day == on(2)
    assert "only one of them counts towards moving up" in same.reasons[0]
    assert decide(CATALOG, past, None, on(1)).state == REST
    assert decide(CATALOG, past, None, on(2)).state == SESSION
    assert "There is a session on" in too_soon([on(0)], on(1), CATALOG)
    assert too_soon([on(0)], on(2), CATALOG) == ""


def test_a_day_outside_the_plan_is_a_rest_day_with_the_next_planned_day() -> None:
    plan = PlanSettings(MONDAY, MWF, 8)
    tuesday = decide(CATALOG, Past(), plan, on(1))
    assert (tuesday.state, tuesday.next_day) == (REST, on(2))
    assert "Tuesday is not one of your plan's days (Mon, Wed, Fri)" in tuesday.reasons[0]
    before = decide(CATALOG, Past(), PlanSettings(on(7), MWF, 8), on(3))
    assert (before.state, before.next_day) == (REST, on(7))


def test_a_band_chosen_by_hand_says_how_it_differs() -> None:
    heavier = decide(CATALOG, Past(), None, MONDAY, band="blue")
    assert heavier.band == "yellow"
    assert heavier.session is not None
    assert heavier.session.band.id == "blue"
    assert "heavier than today's prescription (Yellow)" in heavier.chosen
    assert "unwise" in heavier.chosen
    same = decide(CATALOG, Past(), None, MONDAY, band="yellow")
    assert same.chosen == ""


def test_pauses_are_found_once_per_resume_and_close_at_it() -> None:
    readings = [
        record(on(0), "green", after=7).reading,
        record(on(2), "green", after=7).reading,
        record(on(30), "green", after=7).reading,
        record(on(31), "green", after=8).reading,
    ]
    found = pauses(readings, [Resume(on(10))], CATALOG)
    assert [(p.since, p.until) for p in found] == [(on(2), on(10)), (on(31), None)]


# Rules that hold for any journal --------------------------------------------------------

BANDS = st.sampled_from([b.id for b in CATALOG.bands.levels])
SESSIONS = st.lists(
    st.tuples(
        st.integers(0, 90),
        BANDS,
        st.none() | st.integers(0, 10),
        st.none() | st.integers(0, 10),
        st.booleans(),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(
    sessions=SESSIONS,
    resumed=st.lists(st.integers(0, 100), max_size=2),
    day=st.integers(0, 120),
    planned=st.booleans(),
    pain=st.none() | st.integers(0, 10),
    flag=st.booleans(),
)
def test_the_decision_keeps_its_rules_for_any_journal(
    sessions: list[tuple[int, str, int | None, int | None, bool]],
    resumed: list[int],
    day: int,
    planned: bool,
    pain: int | None,
    flag: bool,
) -> None:
    now = on(day)
    records = [record(on(d), b, after, before, ok) for d, b, before, after, ok in sessions
               if d <= day]  # fmt: skip
    resumes = tuple(Resume(on(d)) for d in resumed if d <= day)
    past = journal(*records, resumes=resumes)
    plan = PlanSettings(MONDAY, MWF, 8) if planned else None
    today = decide(CATALOG, past, plan, now, Check(pain, flag))
    # paused or stopped: never a session
    if today.state in (PAUSED, STOP):
        assert today.session is None
        assert not today.counts
    else:
        assert today.session is not None
        assert today.session.band.id == today.band or today.session.adjustment
    if flag or (pain is not None and pain >= RULES.severe_pain_before):
        assert today.state == STOP
    # the band is never heavier than the latest session's after a break or red pain,
    # nor more than one band above it
    since = resumes[-1].day if resumes else None
    ordered = sorted(records, key=lambda r: r.day)
    epoch = [r for r in ordered if since is None or r.day >= since]
    if ordered and (now - ordered[-1].day).days >= RULES.break_days:
        assert RANK[today.band] <= RANK[ordered[-1].band]
    if epoch:
        latest = epoch[-1]
        limit = RANK[latest.band]
        if (now - latest.day).days >= RULES.break_days or RULES.red(latest.pain_after):
            assert RANK[today.band] <= limit
        assert RANK[today.band] <= limit + 1
    # a move up only ever follows the rule's easy sessions
    if today.advice.advice == UP:
        assert epoch
        assert not RULES.red(epoch[-1].pain_after)
        assert (now - epoch[-1].day).days < RULES.break_days
    # an open pause means paused, unless a stop came first
    open_pause = past.pauses and past.pauses[-1].until is None
    assert (today.state == PAUSED) == bool(open_pause and today.state != STOP)


@settings(max_examples=60, deadline=None)
@given(sessions=SESSIONS, resumed=st.lists(st.integers(0, 100), max_size=2))
def test_the_pauses_of_a_journal_read_in_full_equal_those_of_its_light_rows(
    sessions: list[tuple[int, str, int | None, int | None, bool]], resumed: list[int]
) -> None:
    """The journal reads every session light for the pauses, and the rules the same
    sessions in full for the advice: both see one pause at the same session."""
    records = sorted((record(on(d), b, after, before, ok) for d, b, before, after, ok in sessions),
                     key=lambda r: r.day)  # fmt: skip
    entries = [Entry(n, r) for n, r in enumerate(records, 1)]
    resumes = [Resume(on(d)) for d in resumed]
    found = pauses([r.reading for r in records], resumes, CATALOG)
    assert found == past_of(entries, resumes, CATALOG).pauses
    for pause in found:
        assert pause.since in {r.day for r in records}
        assert pause.until is None or pause.since < pause.until or pause.since == pause.until


# The module itself ------------------------------------------------------------------------


def test_the_decision_imports_neither_click_nor_rich() -> None:
    code = (
        "import sys, backpain_cli.today; "
        "print(sorted(m for m in ('click', 'rich', 'yaml', 'sqlite3') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_decision_reads_the_clock_only_through_its_argument() -> None:
    for module in ("today", "progress", "programme", "planner"):
        tree = ast.parse((REPO / "backpain_cli" / f"{module}.py").read_text())
        calls = {
            node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert not calls & {"today", "now", "utcnow", "time", "monotonic"}, module
