"""Per exercise, not per session: how each exercise felt, variants that are exercises of
their own, and the decision stepping one exercise down while the others go on."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from backpain_cli.coach import ASK, FELT_HURT, NEXT, REST, Coach
from backpain_cli.content import load as loader
from backpain_cli.journal import SCHEMA_VERSION, open_for_reading, open_for_writing
from backpain_cli.models import HURT, SKIPPED, Entry, ExerciseDone, Resume, SessionRecord
from backpain_cli.planner import harder, not_easier, plan_session
from backpain_cli.today import PAUSED, SESSION, decide, past_of
from backpain_cli.today import REST as REST_DAY

from .conftest import CONTENT, Invoke
from .terminal import Terminal
from .test_loader_errors import edit, problems

CATALOG = loader.load(CONTENT)
MONDAY = date(2026, 11, 2)


def done(band: str, pains: dict[str, int] | None = None, skipped: tuple[str, ...] = ()) -> tuple:  # type: ignore[type-arg]
    pains = pains or {}
    found = []
    for d in CATALOG.sessions.for_band(band):
        pain = pains.get(d.exercise)
        feel = SKIPPED if d.exercise in skipped else HURT if pain else ""
        sets = 0 if d.exercise in skipped else d.sets
        found.append(ExerciseDone(d.exercise, d.sets, sets, d.reps, 0, feel, pain))
    return tuple(found)


def session(day: int, band: str = "green", **kwargs: object) -> SessionRecord:
    exercises = done(band, **kwargs)  # type: ignore[arg-type]
    complete = all(e.sets_done for e in exercises)
    return SessionRecord(MONDAY + timedelta(days=day), band, exercises, complete, 2, 1)


def today_after(*records: SessionRecord, day: int, resumes: tuple = ()) -> object:  # type: ignore[type-arg]
    entries = [Entry(n, r) for n, r in enumerate(records, 1)]
    return decide(CATALOG, past_of(entries, resumes, CATALOG), None, MONDAY + timedelta(days=day))


# The decision, one exercise at a time -------------------------------------------------


def test_one_hurting_exercise_is_made_easier_alone_and_the_others_go_on() -> None:
    today = today_after(session(0), session(2, pains={"clam-shell": 7}), day=4)
    assert today.state == SESSION  # type: ignore[attr-defined]
    items = {i.exercise.id: i for i in today.session.items}  # type: ignore[attr-defined]
    assert list(items) == ["glute-bridge", "clam-shell-no-band", "dead-bug"]
    assert items["glute-bridge"].dosage.reps == 10  # the others on course: still Green's dose
    assert items["clam-shell-no-band"].exercise.equipment.band is False
    assert "after it hurt (7 out of 10)" in " ".join(today.reasons)  # type: ignore[attr-defined]
    assert today.counts is False  # type: ignore[attr-defined]  # never towards moving up
    assert today.band == "green"  # type: ignore[attr-defined]  # the whole plan does not step back


def test_once_an_easier_session_went_well_the_exercise_is_back() -> None:
    hurt = session(2, pains={"clam-shell": 7})
    fine = session(4)._replace(exercises=tuple(
        e._replace(exercise="clam-shell-no-band") if e.exercise == "clam-shell" else e
        for e in session(4).exercises))  # fmt: skip
    today = today_after(session(0), hurt, fine, day=6)
    ids = [i.exercise.id for i in today.session.items]  # type: ignore[attr-defined]
    assert "clam-shell" in ids


def test_an_exercise_with_nothing_easier_is_left_out_for_the_next_session_only() -> None:
    easiest = session(2)._replace(exercises=(
        ExerciseDone("toe-taps", 3, 3, 6, 0, HURT, 7),))  # fmt: skip
    today = today_after(session(0), easiest, day=4)
    ids = [i.exercise.id for i in today.session.items]  # type: ignore[attr-defined]
    assert not {"dead-bug", "toe-taps", "heel-slides"} & set(ids)
    assert any("left out today" in r for r in today.reasons)  # type: ignore[attr-defined]
    later = today_after(session(0), easiest, session(4, skipped=()), day=6)
    assert "dead-bug" in [i.exercise.id for i in later.session.items]  # type: ignore[attr-defined]


def test_a_harder_variant_that_hurt_steps_down_to_the_exercise() -> None:
    hurt = session(2)._replace(exercises=(ExerciseDone("single-leg-bridge", 3, 3, 8, 0, HURT, 6),))
    today = today_after(session(0), hurt, day=4)
    # plain Green has the bridge anyway; the harder phase would have served the variant
    assert today.session.items[0].exercise.id == "glute-bridge"  # type: ignore[attr-defined]


def test_one_exercise_red_twice_within_14_days_pauses_that_exercise_alone() -> None:
    records = (session(0, pains={"dead-bug": 7}), session(7, pains={"dead-bug": 8}))
    today = today_after(*records, day=9)
    assert today.state == SESSION  # type: ignore[attr-defined]
    ids = [i.exercise.id for i in today.session.items]  # type: ignore[attr-defined]
    assert ids == ["glute-bridge", "clam-shell"]
    said = " ".join(today.reasons)  # type: ignore[attr-defined]
    assert "see a physiotherapist or doctor about it" in said
    assert "backpain resume --exercise dead-bug" in said
    cleared = today_after(*records, day=9, resumes=(Resume(MONDAY + timedelta(days=8), "",
                                                           "dead-bug"),))  # fmt: skip
    assert "dead-bug" in [i.exercise.id for i in cleared.session.items]  # type: ignore[attr-defined]


def test_a_session_where_something_hurt_or_felt_hard_never_counts_towards_moving_up() -> None:
    easy = [session(d) for d in (0, 2, 4)]
    assert today_after(*easy, day=6).advice.advice == "up"  # type: ignore[attr-defined]
    hurt = [*easy[:2], session(4, pains={"clam-shell": 6})]
    assert today_after(*hurt, day=6).advice.advice != "up"  # type: ignore[attr-defined]


# Variants that are exercises ------------------------------------------------------------


def test_the_single_leg_bridge_is_served_with_its_own_sides_steps_and_dose() -> None:
    plan = harder(CATALOG, plan_session(CATALOG, "blue"), (("glute-bridge", "single-leg-bridge"),))
    item = plan.items[0]
    assert item.exercise.id == "single-leg-bridge"
    assert item.sides == 2  # each leg
    assert (item.dosage.sets, item.dosage.reps) == (3, 8)
    assert "Straighten one leg, keeping your thighs level." in item.exercise.steps
    assert item.exercise.figure is not None  # its own picture
    start = item.exercise.figure.poses[0]
    assert start.near.knee == 0  # the straight leg
    assert start.far.knee > 90  # the working one, bent
    assert plan.total_seconds > plan_session(CATALOG, "blue").total_seconds - 400


def test_show_lists_the_variants_and_shows_each_one(invoke: Invoke) -> None:
    shown = invoke("show", "glute-bridge", "--no-figure").stdout
    assert "Single-leg bridge (single-leg-bridge)" in shown
    single = invoke("show", "single-leg bridge", "--no-figure")
    assert single.exit_code == 0
    assert "A harder variant of Glute bridge." in single.stdout
    assert "2 x 5 each side" in single.stdout
    data = json.loads(invoke("show", "glute-bridge", "--json").stdout)["exercise"]
    assert [v["id"] for v in data["variants"]] == ["small-bridge", "bridge-long-hold",
                                                   "single-leg-bridge"]  # fmt: skip


def test_an_easier_variant_that_is_not_easier_is_reported_with_its_line(
    invoke: Invoke, content_copy: Path
) -> None:
    bridge = content_copy / "exercises" / "glute-bridge.yaml"
    edit(
        bridge,
        "green: {sets: 3, reps: 10, hold_seconds: 0",
        "green: {sets: 3, reps: 20, hold_seconds: 0",
    )
    result = invoke("content", "validate", str(content_copy))
    line = next(
        n for n, text in enumerate(bridge.read_text().splitlines(), 1) if "reps: 20" in text
    )
    assert f"glute-bridge.yaml:{line}: variants[0].dose.green: 'small-bridge' is an easier" in (
        result.stdout + result.stderr
    )
    assert "more repetitions (60 against 30)" in result.stdout + result.stderr
    catalog = loader.load(content_copy)
    session = decide(catalog, past_of([], [], catalog), None, MONDAY)
    # with red pain before, the bridge at Green steps down a band, never to that variant
    assert not_easier(catalog.exercise("glute-bridge"), catalog.dosage("glute-bridge", "green"),  # type: ignore[arg-type]
                      catalog.exercise("small-bridge"), catalog.dosage("small-bridge", "green"))  # type: ignore[arg-type]  # fmt: skip
    assert session.state == SESSION


def test_a_variant_needs_a_dose_for_each_band_of_its_exercise(content_copy: Path) -> None:
    edit(content_copy / "exercises" / "clam-shell.yaml",
         "      blue: {sets: 3, reps: 12, hold_seconds: 2, rest_seconds: 60}\n", "")  # fmt: skip
    found = problems(content_copy)
    assert any("variants[0].dose: no dose for Blue, whose session has Clam shell" in p
               for p in found)  # fmt: skip


def test_variant_ids_are_unique_among_every_exercise(content_copy: Path) -> None:
    edit(
        content_copy / "exercises" / "clam-shell.yaml", "id: clam-shell-no-band", "id: heel-slides"
    )
    assert any("'heel-slides' already used" in p for p in problems(content_copy))


# The guided session asks after each exercise --------------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0


def test_the_coach_takes_how_an_exercise_felt_while_it_asks() -> None:
    plan = plan_session(CATALOG, "yellow")
    coach = Coach(plan, rest_seconds=10, get_ready_seconds=0)
    now = 0.0
    coach.start(now)
    coach.key("p", now)  # during the first set: not asking, nothing taken
    assert coach.feelings == {}
    while not (coach.steps[coach._index].kind == REST and coach.steps[coach._index].asks):
        now += 0.5
        coach.tick(now)
    coach.key(FELT_HURT, now)
    coach.key("1", now)
    coach.key("0", now)  # 1 then 0: ten
    assert coach.feelings == {0: (HURT, 10)}
    coach.key("7", now)  # another digit starts again
    assert coach.feelings == {0: (HURT, 7)}
    while coach.steps[coach._index].kind != ASK:
        coach.key(NEXT, now)
    coach.key("f", now)
    record = coach.record(MONDAY, now)
    felt = {e.exercise: (e.feel, e.pain) for e in record.exercises}
    assert felt == {
        "glute-bridge": ("hurt", 7),
        "clam-shell": ("", None),
        "dead-bug": ("fine", None),
    }


def hurt_in_a_terminal(content: Path, data_dir: Path) -> Terminal:
    """A guided session of one quick clam shell set in a terminal, at its question of
    how much it hurt (after `p`)."""
    from .test_guided import guided, quick_session

    quick_session(content, "clam-shell", 1, ask=6)
    term = guided(content, data_dir)
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now, 0-10 (Enter to skip):")
    term.send("\r")
    term.expect("How was the clam shell?")
    term.send("p")
    term.expect("How much, 0-10? Type the number.")
    return term


def test_in_a_real_terminal_it_hurt_is_two_keys_and_is_saved(
    invoke: Invoke, content_copy: Path, data_dir: Path
) -> None:
    term = hurt_in_a_terminal(content_copy, data_dir)
    term.send("7")
    term.expect("Clam shell: it hurt, 7 out of 10")
    term.send("\r")  # Enter: done answering
    term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("2\r")
    term.decline_checkin()
    assert term.wait() == 0
    saved = json.loads(invoke("history", "--json").stdout)["sessions"][0]["exercises"][0]
    assert (saved["feel"], saved["pain"]) == ("hurt", 7)


def test_in_a_real_terminal_severe_pain_of_an_exercise_ends_the_session_with_the_red_flags(
    invoke: Invoke, content_copy: Path, data_dir: Path
) -> None:
    term = hurt_in_a_terminal(content_copy, data_dir)
    term.send("9")  # severe: the session ends here, as it would not start at 9
    screen = term.expect("Pain now, 0-10 (Enter to skip):")
    assert "Stop: the clam shell hurt, 9 out of 10." in screen
    assert "Stop and get medical help" in screen
    term.send("\r")
    term.decline_checkin()
    assert term.wait() == 0
    saved = json.loads(invoke("history", "--json").stdout)["sessions"][0]["exercises"][0]
    assert (saved["feel"], saved["pain"]) == ("hurt", 9)


# log, and the journal ---------------------------------------------------------------------


def test_log_takes_the_pain_of_an_exercise_and_one_left_out(invoke: Invoke) -> None:
    done_ = invoke("log", "--pain-after", "2", "--exercise-pain", "clam=7", "--skipped", "dead bug")
    assert done_.exit_code == 0, done_.stderr
    (saved,) = json.loads(invoke("history", "--json").stdout)["sessions"]
    felt = {e["exercise"]: (e["feel"], e["pain"], e["sets_done"]) for e in saved["exercises"]}
    assert felt == {"glute-bridge": (None, None, 2), "clam-shell": ("hurt", 7, 2),
                    "dead-bug": ("skipped", None, 0)}  # fmt: skip
    assert saved["all_sets_done"] is False
    assert "clam-shell:2/2:hurt=7" in invoke("history", "--csv").stdout
    today = json.loads(invoke("today", "--json").stdout)
    names = [e["id"] for e in (today["session"] or {"exercises": []})["exercises"]]
    assert "clam-shell-no-band" in names or today["state"] == "rest"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exercise-pain", "clam-shell"], "is not ID=N"),
        (["--exercise-pain", "clam-shell=11"], "11 is outside the pain scale"),
        (["--exercise-pain", "handstand=3"], "unknown exercise 'handstand'"),
        (["--skipped", "single-leg-bridge", "--band", "blue"], None),
    ],
)
def test_log_refuses_bad_exercise_answers_and_keeps_nothing(
    invoke: Invoke, data_dir: Path, args: list[str], message: str | None
) -> None:
    result = invoke("log", *args)
    if message is None:  # a variant names its exercise: the bridge of the session
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 2
    assert message in result.stderr
    assert not data_dir.exists()


def test_a_journal_from_before_keeps_every_row_and_gains_the_new_columns(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with open_for_writing(folder) as journal:
        journal.add(session(0))
    db = sqlite3.connect(folder / "journal.sqlite3")
    # take it back to format 4 by hand: the tables, columns and index m005 and on added, gone
    db.executescript(
        "DROP TABLE checkin_answer; DROP TABLE checkin; DROP TABLE later;"
        " DROP INDEX exercise_pain; ALTER TABLE session_exercise DROP COLUMN feel;"
        " ALTER TABLE session_exercise DROP COLUMN pain; ALTER TABLE resume DROP COLUMN exercise;"
        " DROP INDEX session_by_source; ALTER TABLE session DROP COLUMN source;"
        " PRAGMA user_version = 4;"
    )
    db.close()
    reading = open_for_reading(folder)
    assert reading is not None
    with reading:
        (kept,) = reading.latest(5)
    assert kept.session.exercises[0].feel == ""
    with open_for_writing(folder) as journal:  # brought up to date, every row kept
        assert journal.count() == 1
        version = journal.db.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_plan_days_of_a_paused_exercise_still_show_the_session(invoke: Invoke) -> None:
    start = date.today() - timedelta(days=date.today().weekday() + 7)
    invoke("plan", "--start", start.isoformat(), "--days", "mon,wed,fri")
    invoke("log", "--date", start.isoformat(), "--exercise-pain", "dead-bug=7")
    invoke(
        "log", "--date", (start + timedelta(days=2)).isoformat(), "--exercise-pain", "dead-bug=8"
    )
    today = json.loads(invoke("today", "--json").stdout)
    assert today["state"] in (SESSION, REST_DAY)
    assert today["state"] != PAUSED
    calendar = json.loads(invoke("plan", "--json").stdout)["calendar"]
    statuses = {d["status"] for week in calendar for d in week["days"]}
    assert "paused" not in statuses  # one exercise's pause: the days go on as planned
    assert "dead-bug" not in [e["id"] for e in today["session"]["exercises"]]
    assert invoke("resume", "--exercise", "glute-bridge").exit_code == 1  # not paused
    assert invoke("resume", "--exercise", "dead bug").exit_code == 0
    again = json.loads(invoke("today", "--json").stdout)
    assert "dead-bug" in [e["id"] for e in again["session"]["exercises"]]
