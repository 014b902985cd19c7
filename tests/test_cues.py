"""What the coach says and rings, and when: a pure script, tested without sleeping."""

from __future__ import annotations

from backpain_cli.coach import NEXT, PAUSE, Coach, View, drive, schedule
from backpain_cli.content import load as loader
from backpain_cli.cues import CHANGE_SIDES, DONE, GO, Cue, Prompter, script
from backpain_cli.planner import plan_session

from .conftest import CONTENT
from .test_coach import FakeTime

CATALOG = loader.load(CONTENT)


def plan_of(exercise: str, band: str = "green"):  # type: ignore[no-untyped-def]
    plan = plan_session(CATALOG, band)
    return plan._replace(items=tuple(i for i in plan.items if i.exercise.id == exercise))


def said(exercise: str) -> list[tuple[float, str, int]]:
    plan = plan_of(exercise)
    return [(c.at, c.say, c.rings) for c in script(plan, schedule(plan))]


def test_the_bridge_is_cued_lift_squeeze_lower_with_the_rep_number() -> None:
    cues = said("glute-bridge")  # green: lift 2 s, hold 2 s, lower 2 s; 15 s to get down
    assert cues[0] == (0.0, "Glute bridge, Green band", 0)
    assert cues[1] == (12.0, "Get ready", 0)
    assert cues[2:6] == [(15.0, "1, lift", GO), (17.0, "squeeze", 0), (19.0, "lower", 0),
                         (21.0, "2, lift", 0)]  # fmt: skip
    assert (75.0, "Rest, 60 seconds. Next: set 2.", 0) in cues
    assert cues[-1][1:] == ("Session done", DONE)


def test_the_clam_shell_opens_and_closes_and_names_the_sides() -> None:
    cues = said("clam-shell")
    words = [say for _at, say, _rings in cues]
    assert words[0] == "Clam shell, Green band. Lie on your left side"
    assert "1, open" in words
    assert "close" in words
    assert "lift" not in " ".join(words)
    switches = [(say, rings) for _at, say, rings in cues if say.startswith("switch")]
    assert switches == [("switch to your right side", CHANGE_SIDES)] * 3  # once a set


def test_the_dead_bug_extends_and_returns_left_and_right_in_turn() -> None:
    words = [say for _at, say, _rings in said("dead-bug")]
    assert words[0] == "Dead bug, Green band. Left leg first"
    reps = [w for w in words if w[:1].isdigit()][:4]
    assert reps == ["1, left, extend", "2, right, extend", "3, left, extend", "4, right, extend"]
    assert "return" in words
    assert "lower" not in words


def test_of_several_cues_due_at_once_only_the_last_is_said() -> None:
    cues = (Cue(0, "a"), Cue(1, "b", CHANGE_SIDES), Cue(2, "c"), Cue(5, "d"))
    prompter = Prompter(cues)

    def at(position: float) -> View:
        return View(None, None, 0, 0, 0, "", 0, position, 10, position, False, False)

    assert prompter.take(at(0)) == Cue(0, "a")
    assert prompter.take(at(0.5)) is None
    assert prompter.take(at(3)) == Cue(2, "c", CHANGE_SIDES)  # b dropped, its bells kept
    assert prompter.dropped == 1
    assert prompter.take(at(3)) is None  # each cue once


def test_cues_follow_the_clock_through_pause_resume_and_skip() -> None:
    plan = plan_of("glute-bridge")
    coach = Coach(plan)
    prompter = Prompter(script(plan, coach.steps))
    time = FakeTime(keys=[(16.0, PAUSE), (46.0, PAUSE), (50.0, NEXT)])
    heard: list[tuple[float, str]] = []

    def show(view: View) -> None:
        cue = prompter.take(view)
        if cue is not None:
            heard.append((round(time.now - time.start, 2), cue.say))

    drive(coach, time.clock, time.read_key, show)
    assert heard[0] == (0.0, "Glute bridge, Green band")
    assert (15.0, "1, lift") in heard
    paused = [say for at, say in heard if 16.0 < at < 46.0]
    assert paused == []  # nothing while paused
    assert (47.0, "squeeze") in heard  # 17 s into the schedule, 30 s of pause later
    after = [say for at, say in heard if at >= 50.0]
    assert after[0] == "Rest, 60 seconds. Next: set 2."  # the skip lands on the rest
    assert heard[-1][1] == "Session done"
    times = [at for at, _say in heard]
    assert times == sorted(times)
