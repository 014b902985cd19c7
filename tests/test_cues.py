"""What the coach says and rings, and when: a pure script, tested without sleeping; the
instructions that matter are never cut off, whatever the voice takes to say them."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.coach import ASK, GET_READY, NEXT, PAUSE, REST, SWITCH, WORK, Coach, View, drive
from backpain_cli.coach import schedule as plain_schedule
from backpain_cli.content import load as loader
from backpain_cli.cues import (
    CHANGE_SIDES,
    COUNT,
    DONE,
    GO,
    INTRO,
    SIDE,
    SWITCHING,
    WHOLE,
    Cue,
    Prompter,
    as_data,
    estimate,
    needs,
    script,
)
from backpain_cli.planner import plan_session

from .conftest import CONTENT
from .test_coach import FakeTime

CATALOG = loader.load(CONTENT)


def plan_of(exercise: str, band: str = "green"):  # type: ignore[no-untyped-def]
    plan = plan_session(CATALOG, band)
    return plan._replace(items=tuple(i for i in plan.items if i.exercise.id == exercise))


def spoken(plan, length: Callable[[str], float] = estimate, **options: int):  # type: ignore[no-untyped-def]
    steps = plain_schedule(plan, need=needs(plan, length), **options)
    return steps, script(plan, steps, length)


def words(exercise: str) -> list[str]:
    return [c.say for c in spoken(plan_of(exercise))[1]]


# What is said ------------------------------------------------------------------------------


def test_each_exercise_comes_up_with_its_band_position_side_and_cue() -> None:
    said = words("clam-shell")[0]
    assert said == (
        "Clam shell. Green band, just above the knees. Lie on your side, knees bent to 90 "
        "degrees and drawn back, heels together. Lie on your left side. Your right knee, on "
        "top, opens. Keep your heels together."
    )
    bridge = words("glute-bridge")[0]
    assert bridge.startswith("Glute bridge. Green band, just below the knees. Lie on your back")
    assert bridge.endswith("Squeeze your glutes before you lift.")


def test_the_counts_are_in_the_exercises_own_words() -> None:
    bridge = words("glute-bridge")
    assert bridge[bridge.index("1, lift") : bridge.index("1, lift") + 4] == [
        "1, lift", "squeeze", "lower", "2, lift"]  # fmt: skip
    assert "1, open" in words("clam-shell")
    assert "close" in words("clam-shell")
    bug = [w for w in words("dead-bug") if w[:1].isdigit()][:4]
    assert bug == ["1, left, extend", "1, right, extend", "2, left, extend", "2, right, extend"]


def test_every_set_of_a_two_sided_exercise_starts_with_its_side_spoken() -> None:
    for exercise in ("clam-shell", "dead-bug"):
        steps, cues = spoken(plan_of(exercise))
        starts = [at for at, step in _starts(steps) if step.kind == WORK and step.side <= 1]
        first_sets = [s for s in steps if s.kind == WORK and s.side <= 1]
        assert len(starts) == len(first_sets) == 3  # each set
        for begins in starts:
            before = [c for c in cues if c.at < begins and c.kind in (INTRO, SIDE)]
            assert before, (exercise, begins)
            last = before[-1]
            assert "left" in last.say.lower()
            between = [c for c in cues if last.at < c.at < begins]
            assert [c.say for c in between] in ([], ["Get ready."])  # no other word


def test_every_side_switch_is_said_with_the_bells_and_time_to_turn_over() -> None:
    steps, cues = spoken(plan_of("clam-shell"), get_ready_seconds=0)
    switches = [s for s in steps if s.kind == SWITCH]
    assert len(switches) == 3
    assert all(s.seconds >= CATALOG.sessions.switch_seconds for s in switches)
    said = [(c.say, c.rings) for c in cues if c.kind == SWITCHING]
    assert said == [("Roll over onto your right side. Now your left knee, on top, opens.",
                     CHANGE_SIDES)] * 3  # fmt: skip


def test_get_ready_zero_still_leaves_the_contents_time_to_turn_over() -> None:
    plain = plain_schedule(plan_of("clam-shell"), get_ready_seconds=0)  # no voice at all
    assert not [s for s in plain if s.kind == GET_READY]
    assert {s.seconds for s in plain if s.kind == SWITCH} == {CATALOG.sessions.switch_seconds}


def test_get_ready_is_said_once_and_only_where_there_is_room() -> None:
    cues = spoken(plan_session(CATALOG, "green"))[1]
    readies = [i for i, c in enumerate(cues) if c.say == "Get ready."]
    for index in readies:  # never before the name of the next exercise
        assert cues[index + 1].kind == COUNT
    rests = [c.say.split("did it hurt? ")[-1] for c in cues if "Rest," in c.say]
    assert "Rest, 60 seconds. Next: Clam shell." in rests


def test_how_an_exercise_felt_is_asked_after_its_last_set_and_the_end_rings_three_times() -> None:
    cues = spoken(plan_session(CATALOG, "green"))[1]
    asked = [c.say for c in cues if "How was the" in c.say]
    names = ["glute bridge", "clam shell", "dead bug"]
    assert [a.split("?")[0] for a in asked] == [f"How was the {name}" for name in names]
    assert (cues[-1].say, cues[-1].rings) == ("Session done.", DONE)
    assert [c for c in cues if c.rings == GO]


# Nothing that matters is cut off ---------------------------------------------------------------


def _starts(steps):  # type: ignore[no-untyped-def]
    at = 0.0
    for step in steps:
        yield at, step
        at += step.seconds


def _interrupted(cues: tuple[Cue, ...], length: Callable[[str], float]) -> list[Cue]:
    """The instructions that a later phrase would cut short."""
    cut = []
    for index, cue in enumerate(cues[:-1]):
        if cue.kind in WHOLE and cues[index + 1].at < cue.at + length(cue.say):
            cut.append(cue)
    return cut


@settings(max_examples=40, deadline=None)
@given(
    slowness=st.floats(0.5, 4.0),
    long_phrase=st.floats(0, 30),
    band=st.sampled_from(["yellow", "green", "blue"]),
    ready=st.none() | st.integers(0, 10),
    rest=st.none() | st.integers(0, 90),
)
def test_with_any_voice_no_instruction_is_ever_cut_off(
    slowness: float, long_phrase: float, band: str, ready: int | None, rest: int | None
) -> None:
    """A fake engine: each phrase takes its estimate times ``slowness``, and the intros
    ``long_phrase`` seconds more (a very slow voice)."""

    def length(text: str) -> float:
        return estimate(text) * slowness + (long_phrase if text.count(".") > 3 else 0)

    plan = plan_session(CATALOG, band)
    steps, cues = spoken(plan, length, get_ready_seconds=ready, rest_seconds=rest)
    assert _interrupted(cues, length) == []
    counted = [s.seconds for s in steps if s.kind == WORK]
    assert counted == [s.seconds for s in plain_schedule(plan) if s.kind == WORK]  # untouched
    at_count = [c for c in cues if c.kind == COUNT]
    assert at_count  # and the counts are there


def test_a_voice_still_speaking_holds_the_count_never_shortens_it() -> None:
    plan = plan_of("glute-bridge")
    coach = Coach(plan, get_ready_seconds=0, need=needs(plan, estimate))
    first = coach.steps[0]
    assert first.kind == GET_READY
    coach.start(0.0)
    view = coach.tick(first.seconds + 5, hold=True)  # the voice is slower than its estimate
    assert view.step is not None
    assert view.step.kind == GET_READY  # still waiting, at its end
    view = coach.tick(first.seconds + 6)  # the phrase is done: the count starts now
    assert view.step is not None
    assert view.step.kind == WORK
    assert view.step_elapsed == pytest.approx(0.0)


# The cue script as data, and the prompter -------------------------------------------------------


def test_the_script_is_plain_data_in_order() -> None:
    data = as_data(spoken(plan_session(CATALOG, "yellow"))[1])
    assert [list(d) for d in data[:1]] == [["at", "say", "rings", "kind"]]
    times = [d["at"] for d in data]
    assert times == sorted(times)
    assert {d["kind"] for d in data} >= {INTRO, SIDE, SWITCHING, COUNT, "rest", "ask", "end"}


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


def test_of_several_cues_due_at_once_an_instruction_is_said_over_a_count() -> None:
    cues = (Cue(0, "Rest, 15 seconds.", 0, "rest"), Cue(14, "Lie on your left side.", 0, SIDE),
            Cue(15, "1, open", GO, COUNT), Cue(17, "close", 0, COUNT))  # fmt: skip
    prompter = Prompter(cues)

    def at(position: float) -> View:
        return View(None, None, 0, 0, 0, "", 0, position, 30, position, False, False)

    assert prompter.take(at(0)).say == "Rest, 15 seconds."  # type: ignore[union-attr]
    skipped = prompter.take(at(15.5))  # `n` in the rest: the side and the count due at once
    assert skipped == Cue(14, "Lie on your left side.", GO, SIDE)
    assert prompter.take(at(17)) == Cue(17, "close", 0, COUNT)


def test_skipping_a_rest_of_the_clam_shell_still_says_the_side() -> None:
    plan = plan_of("clam-shell")
    _steps, cues = spoken(plan)
    coach = Coach(plan, need=needs(plan, estimate))
    prompter = Prompter(cues)
    rest = next(i for i, s in enumerate(coach.steps) if s.kind == REST)
    start = sum(s.seconds for s in coach.steps[:rest])
    time = FakeTime(keys=[(start + 1.0, NEXT)])
    heard: list[str] = []

    def show(view: View) -> None:
        cue = prompter.take(view)
        if cue is not None:
            heard.append(cue.say)

    drive(coach, time.clock, time.read_key, show)
    after = heard[heard.index(next(h for h in heard if h.startswith("Rest,"))) + 1]
    assert "left side" in after, heard[:12]


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
    assert heard[0][0] == 0.0
    assert heard[0][1].startswith("Glute bridge.")
    assert (15.0, "1, lift") in heard
    paused = [say for at, say in heard if 16.0 < at < 46.0]
    assert paused == []  # nothing while paused
    assert (47.0, "squeeze") in heard  # 17 s into the schedule, 30 s of pause later
    after = [say for at, say in heard if at >= 50.0]
    assert after[0] == "Rest, 60 seconds. Next: set 2."  # the skip lands on the rest
    assert heard[-1][1] == "Session done."
    times = [at for at, _say in heard]
    assert times == sorted(times)


# espeak-ng, where it is installed -------------------------------------------------------------

ESPEAK = shutil.which("espeak-ng")
SOXI = shutil.which("soxi")
needs_espeak = pytest.mark.skipif(not (ESPEAK and SOXI), reason="needs espeak-ng and sox")


def measured(text: str, folder: Path) -> float:
    """How long espeak-ng takes to say ``text``, measured with sox from its WAV."""
    assert ESPEAK is not None
    assert SOXI is not None
    wav = folder / "phrase.wav"
    subprocess.run([ESPEAK, "-w", str(wav), "--", text], check=True, capture_output=True)
    done = subprocess.run([SOXI, "-D", str(wav)], check=True, capture_output=True, text=True)
    return float(done.stdout)


@needs_espeak
def test_the_estimate_is_a_little_longer_than_espeak_ng_takes(tmp_path: Path) -> None:
    cues = spoken(plan_session(CATALOG, "green"))[1]
    for text in sorted({c.say for c in cues if c.kind != COUNT} | {"1, open", "10, lift"}):
        real = measured(text, tmp_path)
        guess = estimate(text)
        assert real <= guess <= real * 1.8 + 1.0, (text, real, guess)


@needs_espeak
def test_one_clam_shell_set_spoken_by_espeak_ng_has_its_side_whole_before_the_count(
    tmp_path: Path,
) -> None:
    """Each phrase of the first set, made by espeak-ng and measured with sox, laid on the
    schedule: the side instruction ends before the first count begins."""

    def length(text: str) -> float:
        return measured(text, tmp_path)

    plan = plan_of("clam-shell")
    steps, cues = spoken(plan, length, get_ready_seconds=0, rest_seconds=0)
    first_count = next(c for c in cues if c.kind == COUNT)
    intro = next(c for c in cues if c.kind == INTRO)
    assert intro.at + length(intro.say) <= first_count.at
    set_two = next(c for c in cues if c.kind == SIDE)  # before set 2, after no rest at all
    second_count = next(c for c in cues if c.kind == COUNT and c.at > set_two.at)
    assert set_two.at + length(set_two.say) <= second_count.at
    assert [s for s in steps if s.kind == ASK or s.kind == REST]  # the rest made to say it


class SlowVoice:
    """A speaker on the fake clock: each phrase takes ``slowness`` times its estimate."""

    def __init__(self, time: FakeTime, slowness: float) -> None:
        self.time, self.slowness = time, slowness
        self.said: list[tuple[float, float, str]] = []  # start, end, words

    def say(self, text: str) -> None:
        now = self.time.now
        if self.said and self.said[-1][1] > now:  # cut short
            start, _, words = self.said[-1]
            self.said[-1] = (start, now, words)
        self.said.append((now, now + estimate(text) * self.slowness, text))

    def speaking(self) -> bool:
        return bool(self.said) and self.said[-1][1] > self.time.now


@pytest.mark.parametrize("slowness", [1.0, 2.5])
def test_a_slow_voice_says_each_instruction_whole_and_the_count_waits(slowness: float) -> None:
    import io

    from rich.console import Console

    from backpain_cli.cli.sound import Sound

    plan = plan_of("glute-bridge")
    time = FakeTime()
    voice = SlowVoice(time, slowness)
    sound = Sound(Console(file=io.StringIO()), voice=False, quiet=False)
    sound.speaker = voice  # type: ignore[assignment]
    coach = Coach(plan, need=needs(plan, estimate))
    prompter = Prompter(script(plan, coach.steps, estimate))
    assert "Get ready." in [c.say for c in prompter.cues]

    def show(view: View) -> None:
        time.show(view)
        cue = prompter.take(view)
        if cue is not None:
            sound.cue(cue, time.now)

    drive(coach, time.clock, time.read_key, show, sound.holding)
    instructions = {c.say for c in prompter.cues if c.kind in WHOLE} | {"Get ready."}
    for (start, end, words), (after, _, _) in itertools.pairwise(voice.said):
        if words in instructions:  # said whole, and nothing said over it
            assert end - start == pytest.approx(estimate(words) * slowness), words
            assert after >= end - 1e-6, words
    said = [words for _, _, words in voice.said]
    assert said[:3] == [prompter.cues[0].say, "Get ready.", "1, lift"]
    worked = [v.step_elapsed for v in time.views if v.step is not None and v.step.kind == WORK]
    assert max(worked) <= max(s.seconds for s in coach.steps if s.kind == WORK)


def test_after_an_introduction_there_is_still_the_time_to_get_into_position() -> None:
    plan = plan_session(CATALOG, "green")
    steps, cues = spoken(plan)
    starts = {id(step): at for at, step in _starts(steps)}
    intros = [c for c in cues if c.kind == INTRO]
    readies = [s for s in steps if s.kind == GET_READY]
    assert len(intros) == len(readies) == 3
    for intro, step in zip(intros, readies, strict=True):
        first_count = starts[id(step)] + step.seconds
        countdown = plan.first_get_ready_seconds if step.item == 0 else plan.get_ready_seconds
        assert first_count - (intro.at + estimate(intro.say)) >= countdown


def test_every_set_after_a_rest_is_announced_before_its_count() -> None:
    steps, cues = spoken(plan_of("glute-bridge"))
    sets = [at + step.seconds for at, step in _starts(steps) if step.kind == REST]
    for rest_end in sets:
        before = [c for c in cues if rest_end - 5 < c.at < rest_end]
        assert [c.say for c in before] == ["Get ready."], rest_end
