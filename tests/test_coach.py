"""The guided-session state machine, run to the end instantly on a fake clock."""

from __future__ import annotations

import random
from datetime import date

import pytest

from backpain_cli.coach import (
    ASK,
    GET_READY,
    HOLD,
    LIFT,
    LOWER,
    NEXT,
    PAUSE,
    QUIT,
    REST,
    SET_DONE,
    SWITCH,
    WORK,
    Coach,
    View,
    drive,
    schedule,
)
from backpain_cli.content import load as loader
from backpain_cli.planner import easier, plan_session

from .conftest import CONTENT

CATALOG = loader.load(CONTENT)
#: The green session with every get-ready as long (the first one's own length has its test).
GREEN = plan_session(CATALOG, "green")._replace(first_get_ready_seconds=None)


class FakeTime:
    """A clock and a key source: keys arrive at set times; waits may wake up late."""

    def __init__(self, keys: list[tuple[float, str]] | None = None, late: float = 0.0) -> None:
        self.now = 1000.0  # a monotonic clock starts anywhere
        self.start = self.now
        self.keys = sorted(keys or [])
        self.late = late
        self.random = random.Random(7)
        self.views: list[View] = []

    def clock(self) -> float:
        return self.now

    def read_key(self, timeout: float) -> str | None:
        if self.keys and self.keys[0][0] + self.start <= self.now + timeout:
            at, key = self.keys.pop(0)
            self.now = max(self.now, self.start + at)
            return key
        self.now += timeout + self.random.uniform(0, self.late)
        return None

    def show(self, view: View) -> None:
        self.views.append(view)

    def at(self, seconds: float) -> View:
        """The last view shown at or before ``seconds`` into the session."""
        return [v for v in self.views if v.elapsed <= seconds][-1]


def run(coach: Coach, time: FakeTime) -> Coach:
    drive(coach, time.clock, time.read_key, time.show)
    return coach


def test_the_schedule_follows_the_plan_with_get_ready_and_switch_sides() -> None:
    steps = schedule(GREEN)
    kinds = [s.kind for s in steps]
    assert kinds[:6] == [GET_READY, WORK, REST, WORK, REST, WORK]
    clam = [s for s in steps if s.item == 1]
    assert [s.kind for s in clam[:5]] == [GET_READY, WORK, SWITCH, WORK, REST]
    assert [s.side for s in clam[:4]] == [1, 1, 2, 2]
    bug_work = [s for s in steps if s.item == 2 and s.kind == WORK]
    assert [(s.reps, s.side) for s in bug_work] == [(16, 0)] * 3  # 8 each side, taking turns
    assert steps[-2].kind == WORK  # no rest after the last set...
    assert (steps[-1].kind, steps[-1].item, steps[-1].asks) == (ASK, 2, True)  # ...a question
    assert [s.item for s in steps if s.kind == REST and s.asks] == [0, 1]  # each one's last rest
    ready = GREEN.get_ready_seconds
    switches = sum(1 for s in steps if s.kind == SWITCH)
    assert switches == 3
    asking = GREEN.feedback_seconds
    assert sum(s.seconds for s in steps) == GREEN.total_seconds + ready * (3 + switches) + asking


def test_rest_and_get_ready_can_be_overridden_or_left_out() -> None:
    steps = schedule(GREEN, rest_seconds=15, get_ready_seconds=0)
    assert {s.seconds for s in steps if s.kind == REST} == {15}
    assert not [s for s in steps if s.kind == GET_READY]
    # turning over between the sides keeps the content's time, whatever the get-ready
    assert {s.seconds for s in steps if s.kind == SWITCH} == {GREEN.switch_seconds}


def test_with_no_rest_every_exercise_is_still_asked_how_it_felt() -> None:
    steps = schedule(GREEN, rest_seconds=0)
    asking = [s for s in steps if s.asks]
    assert [s.item for s in asking] == list(range(len(GREEN.items)))
    assert all(s.seconds >= GREEN.feedback_seconds for s in asking)  # time to answer
    assert not [s for s in steps if s.kind == REST and not s.asks]  # no other rest


def test_a_hands_free_session_keeps_to_the_schedule_despite_late_wake_ups() -> None:
    time = FakeTime(late=0.08)
    coach = run(Coach(GREEN), time)
    assert coach.finished
    assert not coach.ended_early
    assert coach.elapsed(time.now) == pytest.approx(coach.total, abs=0.1)
    assert all(d.sets_skipped == 0 for d in coach.results())
    record = coach.record(date(2026, 11, 24), time.now, 3, 2)
    assert record.all_sets_done
    assert [(e.exercise, e.sets_done) for e in record.exercises] == [
        ("glute-bridge", 3),
        ("clam-shell", 3),
        ("dead-bug", 3),
    ]
    assert record.seconds == round(coach.total)
    # Every step was shown, in order, and then the end.
    assert list(dict.fromkeys(v.step for v in time.views if v.step)) == list(coach.steps)
    assert time.views[-1].finished


def test_each_step_starts_on_time() -> None:
    time = FakeTime(late=0.05)
    coach = run(Coach(GREEN), time)
    starts = [0.0]
    for step in coach.steps:
        starts.append(starts[-1] + step.seconds)
    for index, step in enumerate(coach.steps):
        first = next(v for v in time.views if v.step == step)
        assert first.position - starts[index] < 0.1 + 0.05


def test_reps_are_paced_lift_hold_lower() -> None:
    coach = Coach(GREEN, get_ready_seconds=0)
    coach.start(0.0)
    assert (coach.tick(0.5).rep, coach.tick(0.5).movement) == (1, LIFT)
    view = coach.tick(2.5)
    assert (view.rep, view.movement, view.movement_left) == (1, HOLD, pytest.approx(1.5))
    assert coach.tick(4.5).movement == LOWER
    assert (coach.tick(6.5).rep, coach.tick(6.5).movement) == (2, LIFT)
    assert coach.tick(59.9).rep == 10  # 10 reps of 6 s


def test_pausing_stops_the_clocks_and_is_not_counted() -> None:
    time = FakeTime(keys=[(10.0, PAUSE), (40.0, PAUSE)])
    coach = run(Coach(GREEN), time)
    assert coach.elapsed(time.now) == pytest.approx(coach.total, abs=0.1)
    assert time.now - time.start == pytest.approx(coach.total + 30, abs=0.3)
    paused = [v for v in time.views if v.paused]
    assert paused
    assert len({round(v.step_left, 6) for v in paused}) == 1  # the countdown stood still


def test_next_skips_a_step_and_the_set_counts_as_skipped() -> None:
    # 1 s into the bridge's first set (after a 5 s get ready): skip it.
    time = FakeTime(keys=[(6.0, NEXT)])
    coach = run(Coach(GREEN), time)
    bridge = coach.results()[0]
    assert (bridge.sets_done, bridge.sets_skipped) == (2, 1)
    assert not coach.record(date(2026, 11, 24), time.now).all_sets_done
    assert coach.elapsed(time.now) == pytest.approx(coach.total - 59, abs=0.1)


def test_enter_before_the_last_repetition_ends_the_set_early_not_done() -> None:
    time = FakeTime(keys=[(6.0, SET_DONE)])  # 1 s into the first of 10 repetitions
    coach = run(Coach(GREEN), time)
    bridge = coach.results()[0]
    assert (bridge.sets_done, bridge.sets_partial, bridge.sets_skipped) == (2, 1, 0)
    record = coach.record(date(2026, 11, 24), time.now)
    assert (record.exercises[0].sets_done, record.exercises[0].sets_partial) == (2, 1)
    assert not record.all_sets_done  # so it does not count towards moving up
    assert coach.elapsed(time.now) == pytest.approx(coach.total - 59, abs=0.1)


def test_enter_during_the_last_repetition_marks_the_set_done() -> None:
    time = FakeTime(keys=[(5.0 + 9 * 6 + 1, SET_DONE)])  # into the 10th repetition
    coach = run(Coach(GREEN), time)
    assert (coach.results()[0].sets_done, coach.results()[0].sets_partial) == (3, 0)
    assert coach.record(date(2026, 11, 24), time.now).all_sets_done


def test_an_easier_plan_is_a_lighter_band_or_the_easier_variants() -> None:
    lighter = easier(CATALOG, GREEN, "after pain of 7 out of 10 before it")
    assert lighter.band.id == "yellow"
    assert lighter.adjustment == (
        "the Yellow band's session instead of Green's, after pain of 7 out of 10 before it"
    )
    yellow = plan_session(CATALOG, "yellow")
    variants = easier(CATALOG, yellow, "after pain of 8 out of 10 before it")
    assert variants.band.id == "yellow"
    assert [i.exercise.id for i in variants.items] == ["small-bridge", "clam-shell-no-band",
                                                       "heel-slides"]  # fmt: skip
    assert [i.dosage.hold_seconds for i in variants.items] == [0, 2, 0]  # their own doses
    assert variants.items[1].exercise.equipment.band is False  # and their own equipment
    assert all(i.variant and "instead of" in i.variant for i in variants.items)
    time = FakeTime()
    record = run(Coach(variants), time).record(date(2026, 11, 24), time.now)
    assert record.adjustment.startswith("the easier variants")


def test_switch_sides_is_its_own_cue_between_the_sides() -> None:
    coach = Coach(GREEN)
    first = coach.steps.index(next(s for s in coach.steps if s.kind == SWITCH))
    start = sum(s.seconds for s in coach.steps[:first])
    coach.start(0.0)
    view = coach.tick(start + 0.5)
    assert view.step is not None
    assert (view.step.kind, view.step.side) == (SWITCH, 2)
    assert view.next_step is not None
    assert (view.next_step.kind, view.next_step.side) == (WORK, 2)


def test_q_ends_early_with_what_was_done() -> None:
    bridge_and_rests = 5 + 3 * 60 + 2 * 60  # get ready, 3 sets, 2 rests
    time = FakeTime(keys=[(bridge_and_rests + 70, QUIT)])
    coach = run(Coach(GREEN), time)
    assert coach.ended_early
    assert [d.sets_done for d in coach.results()] == [3, 0, 0]
    assert coach.elapsed(time.now) == pytest.approx(bridge_and_rests + 70, abs=0.3)


def test_keys_while_paused_other_than_resume_and_quit_do_nothing() -> None:
    coach = Coach(GREEN)
    coach.start(0.0)
    coach.key(PAUSE, 1.0)
    coach.key(NEXT, 2.0)
    coach.key(SET_DONE, 3.0)
    view = coach.key(PAUSE, 4.0)
    assert view.step is not None
    assert view.step.kind == GET_READY
    assert view.step_elapsed == pytest.approx(1.0)


def test_an_interruption_leaves_the_coach_able_to_say_what_was_done() -> None:
    time = FakeTime()

    def read_key(timeout: float) -> str | None:
        if time.now - time.start > 200:
            raise KeyboardInterrupt
        return time.read_key(timeout)

    coach = Coach(GREEN)
    with pytest.raises(KeyboardInterrupt):
        drive(coach, time.clock, read_key, time.show)
    coach.stop(time.now)
    record = coach.record(date(2026, 11, 24), time.now)
    assert record.exercises[0].sets_done == 2  # two bridge sets done in the first 200 s
    assert not record.all_sets_done


def test_the_first_get_ready_leaves_time_to_get_down_with_the_band_on() -> None:
    plan = plan_session(CATALOG, "green")
    assert plan.first_get_ready_seconds == 15
    steps = schedule(plan)
    ready = [s.seconds for s in steps if s.kind == GET_READY]
    assert ready[0] == 15  # before the first exercise
    assert set(ready[1:]) == {plan.get_ready_seconds}  # the others as before
    assert [s.seconds for s in schedule(plan, get_ready_seconds=8) if s.kind == GET_READY] == [
        8
    ] * len(ready)  # --get-ready still sets them all


def test_an_exercise_that_hurts_severely_ends_the_session_there() -> None:
    from backpain_cli.coach import FELT_HURT
    from backpain_cli.today import stopped_during

    severe = CATALOG.sessions.progress.severe_pain_before
    bridge = 5 + 3 * 60 + 2 * 60  # get ready, 3 sets, 2 rests: the rest that asks follows
    keys = [(bridge + 5, FELT_HURT), (bridge + 6, str(severe))]
    time = FakeTime(keys=keys)
    coach = run(Coach(GREEN, stops=lambda e, pain: stopped_during(CATALOG, e, pain)), time)
    assert coach.ended_early
    assert coach.stopped_for.startswith(f"Stop: the glute bridge hurt, {severe} out of 10.")
    assert "this guide's own rule" in coach.stopped_for
    assert [d.sets_done for d in coach.results()] == [3, 0, 0]  # nothing after it
    assert coach.results()[0].pain == severe


def test_red_pain_below_severe_is_kept_and_the_session_goes_on() -> None:
    from backpain_cli.coach import FELT_HURT
    from backpain_cli.today import stopped_during

    red = CATALOG.sessions.progress.severe_pain_before - 1
    bridge = 5 + 3 * 60 + 2 * 60
    time = FakeTime(keys=[(bridge + 5, FELT_HURT), (bridge + 6, str(red))])
    coach = run(Coach(GREEN, stops=lambda e, pain: stopped_during(CATALOG, e, pain)), time)
    assert not coach.ended_early
    assert coach.stopped_for == ""
    assert coach.results()[0].pain == red
    assert [d.sets_done for d in coach.results()] == [3, 3, 3]
