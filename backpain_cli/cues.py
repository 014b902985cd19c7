"""What the coach says and rings, and when: a script worked out from the plan's
schedule, then handed out as the session reaches each cue.

Every cue has its place in the schedule (seconds into it, pauses left out), so
the script is a pure function of the plan, and where a session is now is all it
takes to know what is due. A phrase never waits behind another: of several due at
once (after a skip, or a slow machine) only the last is said.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from backpain_cli.coach import ASK, GET_READY, REST, SWITCH, WORK, Step, View
from backpain_cli.models import Exercise
from backpain_cli.planner import SessionPlan

#: How many times the bell rings: a set starts, sides change, the session is over.
GO, CHANGE_SIDES, DONE = 1, 2, 3
#: Seconds before the end of a countdown that "get ready" is said.
WARNING = 3


class Cue(NamedTuple):
    at: float  # seconds into the schedule
    say: str  # "" for nothing to say
    rings: int = 0


def side(exercise: Exercise, number: int) -> str:
    """ "your left side", "your right leg": side ``number`` (1 or 2) by name."""
    return f"your {exercise.side_name(number)} {exercise.side_is}"


def starting(exercise: Exercise, band: str) -> str:
    """What is said as an exercise comes up: its name, the band, the side to start on."""
    words = f"{exercise.name}, {band} band"
    if exercise.alternating:
        words += f". {exercise.side_name(1).capitalize()} {exercise.side_is} first"
    elif exercise.each_side:
        verb = "Lie on" if exercise.side_is == "side" else "Start with"
        words += f". {verb} {side(exercise, 1)}"
    return words


def felt(exercise: Exercise) -> str:
    """The question after an exercise, as said."""
    return f"How was the {exercise.name.lower()}? f fine, h hard, p if it hurt."


def script(plan: SessionPlan, steps: Sequence[Step]) -> tuple[Cue, ...]:
    """Every cue of a guided session, in order."""
    cues: list[Cue] = []
    at = 0.0
    for index, step in enumerate(steps):
        item = plan.items[step.item]
        exercise = item.exercise
        following = steps[index + 1] if index + 1 < len(steps) else None
        if step.kind == GET_READY:
            cues.append(Cue(at, starting(exercise, plan.band.name)))
        elif step.kind == SWITCH:
            cues.append(Cue(at, f"switch to {side(exercise, step.side)}", CHANGE_SIDES))
        elif step.kind == REST:
            then = ""
            if following is not None and following.item != step.item:
                then = f" Next: {plan.items[following.item].exercise.name}."
            elif following is not None:
                then = f" Next: set {following.set}."
            how = f"{felt(exercise)} " if step.asks else ""
            cues.append(Cue(at, f"{how}Rest, {round(step.seconds)} seconds.{then}"))
        elif step.kind == ASK:
            cues.append(Cue(at, felt(exercise)))
        elif step.kind == WORK:
            introduced = index > 0 and steps[index - 1].item == step.item
            intro = "" if introduced else starting(exercise, plan.band.name) + ". "
            cues += _repetitions(plan, step, at, intro)
        if step.kind != WORK and step.seconds > WARNING + 1:
            cues.append(Cue(at + step.seconds - WARNING, "Get ready"))
        at += step.seconds
    cues.append(Cue(at, "Session done", DONE))
    return tuple(cues)


def _repetitions(plan: SessionPlan, step: Step, at: float, intro: str = "") -> list[Cue]:
    """The rep number and each part of every repetition, in the exercise's own words;
    ``intro`` before the first (the exercise's name, when no get-ready said it)."""
    item = plan.items[step.item]
    exercise = item.exercise
    lift, hold, lower = exercise.words
    tempo = plan.tempo
    cues = []
    for rep in range(1, step.reps + 1):
        start = at + (rep - 1) * item.rep_seconds
        which = f"{exercise.side_name(rep)}, " if exercise.alternating else ""
        first = intro if rep == 1 else ""
        cues.append(Cue(start, f"{first}{rep}, {which}{lift}", GO if rep == 1 else 0))
        if item.dosage.hold_seconds:
            cues.append(Cue(start + tempo.lift_seconds, hold))
        cues.append(Cue(start + tempo.lift_seconds + item.dosage.hold_seconds, lower))
    return cues


class Prompter:
    """Hands out each cue once, as the session reaches it."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.cues = tuple(cues)
        self._next = 0
        self.dropped = 0  # phrases left unsaid because a later one was due with them

    def take(self, view: View) -> Cue | None:
        """The cue ``view`` has reached, if any: of several, the last (the bells of the
        loudest of them, so that a change of sides is never missed)."""
        position = view.total if view.finished else view.position
        due = []
        while self._next < len(self.cues) and self.cues[self._next].at <= position + 1e-6:
            due.append(self.cues[self._next])
            self._next += 1
        if not due:
            return None
        self.dropped += len(due) - 1
        return due[-1]._replace(rings=max(cue.rings for cue in due))

    def ended_early(self) -> Cue:
        """What is said when the session is ended before its end."""
        self._next = len(self.cues)
        return Cue(0.0, "Session ended", DONE)
