"""What the coach says and rings, and when: a script worked out from the plan's
schedule, then handed out as the session reaches each cue.

The script is complete enough to follow with the eyes shut: as each exercise comes
up, its name and band, where the band goes, the starting position, which side and
which leg works, and the key cue, all in the content's words; before each set, the
side it starts on; at each switch, the new side; the counts; the rests and what
comes next; how the exercise felt; the end. The screen shows the same text.

Every phrase knows how long it takes to say (``length``: an engine's own report, or
an estimate from the text), and the schedule gives the instructions that matter
(kinds INTRO, SIDE and SWITCH) the time to be said whole before a count starts:
only a count may be cut short, and only by the next count. Every cue has its place
in the schedule (seconds into it, pauses left out), so the script is a pure
function of the plan and the lengths; it is data, free of any terminal, which is
what another coach (a web page) speaks too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from backpain_cli.coach import ASK, GET_READY, REST, SWITCH, WORK, Step, View
from backpain_cli.models import Exercise
from backpain_cli.planner import SessionPlan

#: How many times the bell rings: a set starts, sides change, the session is over.
GO, CHANGE_SIDES, DONE = 1, 2, 3
#: Kinds of phrase. The first three are instructions; they and READY are never cut short
#: (WHOLE): a count waits for them.
INTRO, SIDE, SWITCHING = "intro", "side", "switch"
COUNT, RESTING, READY, ASKING, END = "count", "rest", "ready", "ask", "end"
INSTRUCTIONS = (INTRO, SIDE, SWITCHING)
WHOLE = (*INSTRUCTIONS, READY)
#: Said just before a set starts, where there is room.
READY_WORDS = "Get ready."
#: What is said at the end of a session, and when it is ended before its end.
SESSION_DONE, SESSION_ENDED = "Session done.", "Session ended."
#: Seconds of quiet after an instruction before the next thing is due.
GAP = 0.5
#: Words a minute of the estimate, when the engine cannot say how long it takes.
WORDS_PER_MINUTE = 170

Length = Callable[[str], float]


class Cue(NamedTuple):
    at: float  # seconds into the schedule
    say: str  # "" for nothing to say
    rings: int = 0
    kind: str = ""  # INTRO, SIDE, SWITCHING, COUNT, RESTING, READY, ASKING or END


def estimate(text: str, words_per_minute: int = WORDS_PER_MINUTE) -> float:
    """How long ``text`` takes to say, estimated from its words and its pauses (a comma or
    a full stop is a short pause): a little longer than espeak-ng takes at its own speed
    (a test holds the two together)."""
    words = len(text.split())
    pauses = len(re.findall(r"[,.;:?!]", text))
    return words * 60 / words_per_minute + 0.3 * pauses + 0.3 if words else 0.0


# What is said ---------------------------------------------------------------------------


def position(exercise: Exercise) -> str:
    """The starting position: the content's words, else its picture's start, else its
    first step."""
    if exercise.voice.position:
        return exercise.voice.position
    if exercise.figure is not None:
        caption = exercise.figure.poses[0].caption.split(": ", 1)[-1]
        return caption[:1].upper() + caption[1:].rstrip(".") + "."
    return exercise.steps[0]


def side_words(exercise: Exercise, number: int) -> str:
    """What is said before side ``number`` (1 or 2): the content's words, else which side
    or which leg by name."""
    said = exercise.voice.sides
    if len(said) >= number:
        return said[number - 1]
    which = f"{exercise.side_name(number)} {exercise.side_is}"
    if exercise.alternating:
        return f"{which.capitalize()} first, then they take turns."
    if number == 2:
        return f"Switch to your {which}."
    return f"Lie on your {which}." if exercise.side_is == "side" else f"Start with your {which}."


def key_cue(exercise: Exercise) -> str:
    return exercise.voice.cue or (exercise.cues[0] if exercise.cues else "")


def band_words(plan: SessionPlan, index: int) -> str:
    """Where the band goes, or that there is none (after an exercise with one)."""
    exercise = plan.items[index].exercise
    if exercise.equipment.band:
        return f"{plan.band.name} band, {exercise.equipment.placement}."
    before = plan.items[index - 1].exercise if index else None
    return "No band for this one." if before is not None and before.equipment.band else ""


def intro(plan: SessionPlan, index: int) -> str:
    """Everything said as an exercise comes up, in order: its name, where the band goes,
    the starting position, the side it starts on and the key cue."""
    exercise = plan.items[index].exercise
    parts = [f"{exercise.name}.", band_words(plan, index), position(exercise)]
    if exercise.each_side or exercise.alternating:
        parts.append(side_words(exercise, 1))
    parts.append(key_cue(exercise))
    return " ".join(p.strip() for p in parts if p.strip())


def felt(exercise: Exercise) -> str:
    """The question after an exercise, as said."""
    return f"How was the {exercise.name.lower()}? Fine, hard, or did it hurt?"


def _rest_words(plan: SessionPlan, step: Step, following: Step | None) -> str:
    then = ""
    if following is not None and following.item != step.item:
        then = f" Next: {plan.items[following.item].exercise.name}."
    elif following is not None:
        then = f" Next: set {following.set}."
    how = f"{felt(plan.items[step.item].exercise)} " if step.asks else ""
    return f"{how}Rest, {round(step.seconds)} seconds.{then}"


def _rest_said(plan: SessionPlan, step: Step, following: Step | None) -> tuple[str, str]:
    """What a rest says: its own words, and the side the next set starts on ("" when the
    next set has no side, or is another exercise's: its get-ready says that)."""
    sided = following is not None and following.kind == WORK and _sided(plan, following)
    side = side_words(plan.items[step.item].exercise, 1) if sided else ""
    return _rest_words(plan, step, following), side


def _before_set(following: Step | None) -> bool:
    return following is not None and following.kind == WORK


def _sided(plan: SessionPlan, step: Step) -> bool:
    exercise = plan.items[step.item].exercise
    return exercise.each_side or exercise.alternating


# How long each step needs ---------------------------------------------------------------


def needs(plan: SessionPlan, length: Length) -> Callable[[Step, Step | None], float]:
    """For the schedule: the least time a step needs for what is said in it to be said
    whole before the next count (a get-ready its exercise's introduction, a switch the
    new side, a rest before a set of an exercise done on each side its rest words and
    the side the set starts on; a count needs nothing)."""

    def need(step: Step, following: Step | None) -> float:
        if step.kind == GET_READY:  # the introduction heard, then the time to get into it
            return length(intro(plan, step.item)) + GAP + step.seconds
        if step.kind == SWITCH:
            return length(side_words(plan.items[step.item].exercise, 2)) + GAP
        if step.kind == REST:
            rest, side = _rest_said(plan, step, following)
            if not step.seconds and not side:
                return 0.0  # no rest asked for, and nothing that matters to say
            words = length(rest) + GAP if step.seconds else 0.0
            if side:
                return words + length(side) + GAP
            ready = length(READY_WORDS) + GAP if step.seconds and _before_set(following) else 0
            return words + ready
        if step.kind == ASK:
            return length(felt(plan.items[step.item].exercise)) + GAP
        return 0.0

    return need


# The script -----------------------------------------------------------------------------


def script(plan: SessionPlan, steps: Sequence[Step], length: Length = estimate) -> tuple[Cue, ...]:
    """Every cue of a guided session, in order. ``steps`` are the schedule, fitted with
    :func:`needs` for the same ``length``."""
    cues: list[Cue] = []
    at = 0.0
    for index, step in enumerate(steps):
        item = plan.items[step.item]
        exercise = item.exercise
        following = steps[index + 1] if index + 1 < len(steps) else None
        end = at + step.seconds
        if step.kind == GET_READY:
            said = intro(plan, step.item)
            cues.append(Cue(at, said, 0, INTRO))
            due = end - length(READY_WORDS) - GAP
            if due >= at + length(said) + GAP:  # only where there is room after the rest
                cues.append(Cue(due, READY_WORDS, 0, READY))
        elif step.kind == SWITCH:
            cues.append(Cue(at, side_words(exercise, 2), CHANGE_SIDES, SWITCHING))
        elif step.kind == REST:
            rest, side = _rest_said(plan, step, following)
            room = length(rest) + GAP + (length(side) + GAP if side else 0.0)
            if step.seconds >= room:  # a rest asked for (one made only to say the side: not)
                cues.append(Cue(at, rest, 0, RESTING))
            if side:
                cues.append(Cue(end - length(side) - GAP, side, 0, SIDE))
            elif step.seconds >= room + length(READY_WORDS) + GAP and _before_set(following):
                cues.append(Cue(end - length(READY_WORDS) - GAP, READY_WORDS, 0, READY))
        elif step.kind == ASK:
            cues.append(Cue(at, felt(exercise), 0, ASKING))
        elif step.kind == WORK:
            cues += _repetitions(plan, step, at)
        at = end
    cues.append(Cue(at, SESSION_DONE, DONE, END))
    return tuple(cues)


def counted(exercise: Exercise, rep: int, reps: int) -> tuple[int, int]:
    """The number repetition ``rep`` (1-based) of a set of ``reps`` is counted as, and of
    how many: sides taking turns count each pair once ("3, left", "3, right", of 6 each
    side), as the dose says them."""
    per = per_count(exercise)
    return (rep + per - 1) // per, reps // per


def per_count(exercise: Exercise) -> int:
    """How many repetitions one number of the count stands for: two where the sides take
    turns (left and right are one), else one."""
    return 2 if exercise.alternating else 1


def _repetitions(plan: SessionPlan, step: Step, at: float) -> list[Cue]:
    """The rep number and each part of every repetition, in the exercise's own words."""
    item = plan.items[step.item]
    exercise = item.exercise
    lift, hold, lower = exercise.words
    tempo = plan.tempo
    cues = []
    for rep in range(1, step.reps + 1):
        start = at + (rep - 1) * item.rep_seconds
        which = f"{exercise.side_name(rep)}, " if exercise.alternating else ""
        number, _ = counted(exercise, rep, step.reps)
        cues.append(Cue(start, f"{number}, {which}{lift}", GO if rep == 1 else 0, COUNT))
        if item.dosage.hold_seconds:
            cues.append(Cue(start + tempo.lift_seconds, hold, 0, COUNT))
        cues.append(Cue(start + tempo.lift_seconds + item.dosage.hold_seconds, lower, 0, COUNT))
    return cues


def as_data(cues: Sequence[Cue]) -> list[dict[str, Any]]:
    """The script as plain data (for JSON): what another coach speaks, in order."""
    return [{"at": round(c.at, 2), "say": c.say, "rings": c.rings, "kind": c.kind} for c in cues]


class Prompter:
    """Hands out each cue once, as the session reaches it."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.cues = tuple(cues)
        self._next = 0
        self.dropped = 0  # phrases left unsaid because a later one was due with them

    def take(self, view: View) -> Cue | None:
        """The cue ``view`` has reached, if any: of several (a step skipped with `n`),
        the last instruction among them (which exercise, which side: without it a person
        with their eyes closed would not know), else the last; with the bells of the
        loudest of them, so that a change of sides is never missed."""
        position_now = view.total if view.finished else view.position
        # Held at a step's end, the cues of the next step (the count) are not yet due.
        reach = position_now - 1e-6 if view.held and not view.finished else position_now + 1e-6
        due = []
        while self._next < len(self.cues) and self.cues[self._next].at <= reach:
            due.append(self.cues[self._next])
            self._next += 1
        if not due:
            return None
        self.dropped += len(due) - 1
        chosen = next((cue for cue in reversed(due) if cue.kind in INSTRUCTIONS), due[-1])
        return chosen._replace(rings=max(cue.rings for cue in due))

    def ended_early(self) -> Cue:
        """What is said when the session is ended before its end."""
        self._next = len(self.cues)
        return Cue(0.0, SESSION_ENDED, DONE, END)


def side(exercise: Exercise, number: int) -> str:
    """ "your left side", "your right leg": side ``number`` (1 or 2) by name, for screens."""
    return f"your {exercise.side_name(number)} {exercise.side_is}"
