"""The guided session as a pure state machine: events in, what to show out.

The session plan becomes a schedule of steps (get ready, work, switch sides,
rest). Time comes in with every event as a reading of a monotonic clock, and
each step ends at a deadline fixed when it starts: the next step starts at
that deadline, not when the event arrived, so the schedule does not drift.
Time spent paused moves the deadlines on. Nothing here reads a clock, a key
or a terminal: :func:`drive` runs a coach with an injected clock and key
source, which is how the tests run a whole session instantly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from backpain_cli.models import FINE, HARD, HURT, Exercise
from backpain_cli.planner import PlannedExercise, SessionPlan
from backpain_cli.records import ExerciseDone, SessionRecord

GET_READY = "get-ready"
WORK = "work"
SWITCH = "switch"
REST = "rest"
ASK = "ask"  # after the last exercise: how did it feel?

LIFT = "lift"
HOLD = "hold"
#: Seconds between two looks at the voice while a count waits for it.
HELD_POLL = 0.05
LOWER = "lower"

PAUSE = " "
NEXT = "n"
QUIT = "q"
SET_DONE = "\n"
KEYS = {PAUSE: "pause", NEXT: "next", QUIT: "end", SET_DONE: "set done"}
#: The keys that say how an exercise felt, while the session asks (its rest, or the end).
FELT_FINE, FELT_HARD, FELT_HURT = "f", "h", "p"
FEEL_KEYS = {FELT_FINE: FINE, FELT_HARD: HARD, FELT_HURT: HURT}
DIGITS = "0123456789"


class Step(NamedTuple):
    kind: str  # GET_READY, WORK, SWITCH, REST or ASK
    item: int  # index of the exercise in the plan
    set: int  # 1-based
    side: int  # 1 or 2 for exercises done one side then the other, else 0
    seconds: float
    reps: int = 0  # repetitions in a WORK step (both sides, when they take turns)
    asks: bool = False  # it asks how the exercise ``item`` felt (its last rest, and ASK)


class View(NamedTuple):
    """What the screen shows at one moment."""

    step: Step | None  # None once the session is over
    next_step: Step | None
    step_elapsed: float
    step_left: float
    rep: int  # 1-based, during WORK; 0 otherwise
    movement: str  # LIFT, HOLD or LOWER during WORK; "" otherwise
    movement_left: float
    position: float  # how far through the schedule, in seconds
    total: float  # the whole schedule, in seconds
    elapsed: float  # time taken so far, pauses left out
    paused: bool
    finished: bool
    felt: tuple[str, int | None] = ("", None)  # while it asks: what was said so far
    held: bool = False  # at the end of a step before a set, waiting for the voice


class Done(NamedTuple):
    """One exercise at the end: sets planned, done in full and ended early, and how it felt."""

    item: PlannedExercise
    sets_done: int
    sets_partial: int = 0  # ended with Enter before the last repetition
    feel: str = ""  # FINE, HARD or HURT, when the person said
    pain: int | None = None  # with HURT, the score typed

    @property
    def sets_skipped(self) -> int:
        return self.item.dosage.sets - self.sets_done - self.sets_partial


#: What a step needs at least, given the step after it (see cues.needs): the time to say
#: what is said in it before the next count.
Need = Callable[["Step", "Step | None"], float]


def schedule(
    plan: SessionPlan,
    rest_seconds: int | None = None,
    get_ready_seconds: int | None = None,
    need: Need | None = None,
) -> tuple[Step, ...]:
    """The steps of a guided session, in order; steps of zero seconds are left out.

    The first get-ready is the content's longer one (time to get down on the floor
    with the band on), unless ``get_ready_seconds`` sets them all. A switch of sides
    takes at least the content's time to turn over, whatever the get-ready. The rest
    after an exercise's last set asks how it felt, and lasts at least the time to answer
    (even with no rest asked for); after the last exercise, an ASK step does. With
    ``need``, a get-ready, switch, question or rest before a set done on each side is
    stretched to what is said in it: the time to speak is taken from the
    waiting, never from the counted work."""
    ready = plan.get_ready_seconds if get_ready_seconds is None else get_ready_seconds
    first = plan.first_get_ready_seconds if get_ready_seconds is None else None
    steps: list[Step] = []
    for index, item in enumerate(plan.items):
        dosage = item.dosage
        rest = dosage.rest_seconds if rest_seconds is None else rest_seconds
        taking_turns = item.exercise.alternating
        sides = 2 if item.exercise.each_side and not taking_turns else 1
        reps = dosage.reps * (2 if taking_turns else 1)
        countdown = first if index == 0 and first is not None else ready
        steps.append(Step(GET_READY, index, 1, 1 if sides == 2 else 0, countdown))
        for number in range(1, dosage.sets + 1):
            for side in range(1, sides + 1):
                if side > 1:
                    turn = max(ready, plan.switch_seconds)
                    steps.append(Step(SWITCH, index, number, side, turn))
                seconds = reps * item.rep_seconds
                steps.append(Step(WORK, index, number, side if sides == 2 else 0, seconds, reps))
            asks = number == dosage.sets and plan.feedback_seconds > 0
            # The question takes its time to answer, whatever rest was asked for (--rest 0).
            took = max(rest, plan.feedback_seconds) if asks else rest
            steps.append(Step(REST, index, number, 0, took, asks=asks))
    if steps and steps[-1].kind == REST:
        steps.pop()
    if steps and plan.feedback_seconds:
        last = steps[-1]
        steps.append(Step(ASK, last.item, last.set, 0, plan.feedback_seconds, asks=True))
    if need is not None:
        steps = _fitted(steps, need)
    return tuple(step for step in steps if step.seconds or step.kind == WORK)


def _fitted(steps: list[Step], need: Need) -> list[Step]:
    """Each step but a count stretched to what it needs (see cues.needs)."""
    fitted = []
    for index, step in enumerate(steps):
        following = steps[index + 1] if index + 1 < len(steps) else None
        if step.kind != WORK:
            step = step._replace(seconds=max(step.seconds, need(step, following)))
        fitted.append(step)
    return fitted


class Coach:
    """A guided session in progress. Every method takes the clock's reading ``now``."""

    def __init__(
        self,
        plan: SessionPlan,
        rest_seconds: int | None = None,
        get_ready_seconds: int | None = None,
        frame_seconds: float = 0.25,
        need: Need | None = None,
        stops: Callable[[Exercise, int], str] | None = None,
    ) -> None:
        """``stops``: why the session ends when an exercise hurt this much ("" when it
        goes on), from the daily decision (today.stopped_during)."""
        self.plan = plan
        self._stops = stops
        self.stopped_for = ""  # why the session was ended by a pain answer
        self.frame_seconds = frame_seconds  # during a set, the longest between two views
        self.steps = schedule(plan, rest_seconds, get_ready_seconds, need)
        self.total = sum(step.seconds for step in self.steps)
        self._starts = [0.0]
        for step in self.steps:
            self._starts.append(self._starts[-1] + step.seconds)
        self._index = 0
        self._step_start = 0.0  # when the current step began, moved on by pauses
        self._began = 0.0
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self._ended_at: float | None = None
        self._completed: set[int] = set()  # indexes of WORK steps done in full
        self._partial: set[int] = set()  # indexes of WORK steps ended before the last rep
        self.ended_early = False
        self._held = False  # the step before a set waits at its end for the voice
        self.feelings: dict[int, tuple[str, int | None]] = {}  # item: how it felt, its pain

    # Events ------------------------------------------------------------------

    def start(self, now: float) -> View:
        self._began = self._step_start = now
        if not self.steps:
            self._ended_at = now
        return self.view(now)

    def tick(self, now: float, hold: bool = False) -> View:
        """Move past every deadline that ``now`` has reached. With ``hold`` (an instruction
        still being said), a step before a set waits at its end, so that the count starts
        only once the instruction is whole: a slow voice stretches the waiting, never the
        counted work."""
        if self._paused_at is None:
            while not self.finished and now >= self._deadline():
                step = self.steps[self._index]
                following = self._index + 1 < len(self.steps) and self.steps[self._index + 1]
                before_a_set = step.kind != WORK and following and following.kind == WORK
                if self._held or (hold and before_a_set):
                    self._step_start = now - step.seconds  # at its end, now
                    self._held = hold
                    if hold:
                        break
                self._finish_step(self._deadline(), completed=True)
        return self.view(now)

    def key(self, key: str, now: float) -> View:
        self.tick(now)
        if self.finished:
            return self.view(now)
        if key == QUIT:
            self.stop(now)
        elif key == PAUSE:
            if self._paused_at is None:
                self._paused_at = now
            else:
                self._resume(now)
        elif self._paused_at is None and key == NEXT:
            self._finish_step(now, completed=False)
        elif self._paused_at is None and key == SET_DONE:
            self._set_done(now)
        elif self._paused_at is None and (key in FEEL_KEYS or key in DIGITS):
            self._felt(key)
            self._stop_for_pain(now)
        return self.view(now)

    def _stop_for_pain(self, now: float) -> None:
        """End the session when an exercise's pain, as answered, says so."""
        if self._stops is None:
            return
        for item, (feel, pain) in self.feelings.items():
            if feel == HURT and pain is not None:
                reason = self._stops(self.plan.items[item].exercise, pain)
                if reason:
                    self.stopped_for = reason
                    self.stop(now)
                    return

    def stop(self, now: float) -> None:
        """End the session early (the `q` key, or Ctrl-C)."""
        if self.finished:
            return
        if self._paused_at is not None:
            self._resume(now)
        self.ended_early = True
        self._ended_at = now

    # State -------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._ended_at is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def elapsed(self, now: float) -> float:
        """Time taken so far, with the pauses left out."""
        end = self._ended_at if self._ended_at is not None else now
        paused = self._paused_for + (end - self._paused_at if self._paused_at is not None else 0)
        return max(end - self._began - paused, 0.0)

    def wait(self, now: float) -> float:
        """Seconds until the screen next needs to change: a deadline, a whole second, or
        during a set the next frame of a moving figure."""
        if self.finished or self.paused:
            return 0.25
        if self._held:  # waiting for the voice: ask again soon, without spinning
            return HELD_POLL
        into = now - self._step_start
        until_second = 1 - (into % 1)
        if until_second < 0.001:  # on the second already, but for rounding
            until_second += 1
        most = self.frame_seconds if self.steps[self._index].kind == WORK else 0.25
        return max(min(self._deadline() - now, until_second, most), 0.0)

    def view(self, now: float) -> View:
        if self.finished:
            return View(
                None, None, 0, 0, 0, "", 0, self.total, self.total, self.elapsed(now), False, True,
            )  # fmt: skip
        step = self.steps[self._index]
        at = self._paused_at if self._paused_at is not None else now
        into = min(max(at - self._step_start, 0.0), step.seconds)
        rep, movement, movement_left = 0, "", 0.0
        if step.kind == WORK and step.reps:
            rep, movement, movement_left = self._movement(step, into)
        following = self.steps[self._index + 1] if self._index + 1 < len(self.steps) else None
        felt = self.feelings.get(step.item, ("", None)) if step.asks else ("", None)
        return View(
            step=step,
            next_step=following,
            step_elapsed=into,
            step_left=step.seconds - into,
            rep=rep,
            movement=movement,
            movement_left=movement_left,
            position=self._starts[self._index] + into,
            total=self.total,
            elapsed=self.elapsed(now),
            paused=self.paused,
            finished=False,
            felt=felt,
            held=self._held,
        )

    def asking(self) -> int | None:
        """The exercise (its index) the session is asking about now, if it is."""
        if self.finished or self.paused:
            return None
        step = self.steps[self._index]
        return step.item if step.asks else None

    def results(self) -> tuple[Done, ...]:
        """Each exercise with its sets: done in full when every side of the set was, ended
        early when every side was done or ended early, and skipped otherwise."""
        done = []
        for index, item in enumerate(self.plan.items):
            full = partial = 0
            for number in range(1, item.dosage.sets + 1):
                parts = {
                    i
                    for i, s in enumerate(self.steps)
                    if s.kind == WORK and s.item == index and s.set == number
                }
                if not parts:
                    continue
                if parts <= self._completed:
                    full += 1
                elif parts <= self._completed | self._partial:
                    partial += 1
            feel, pain = self.feelings.get(index, ("", None))
            done.append(Done(item, full, partial, feel, pain))
        return tuple(done)

    def record(
        self,
        day: date,
        now: float,
        pain_before: int | None = None,
        pain_after: int | None = None,
    ) -> SessionRecord:
        """The session as done, for the journal."""
        results = self.results()
        return SessionRecord(
            day=day,
            band=self.plan.band.id,
            exercises=tuple(
                ExerciseDone(
                    d.item.exercise.id,
                    d.item.dosage.sets,
                    d.sets_done,
                    d.item.dosage.reps,
                    d.sets_partial,
                    d.feel,
                    d.pain,
                )
                for d in results
            ),
            all_sets_done=all(d.sets_done == d.item.dosage.sets for d in results),
            pain_before=pain_before,
            pain_after=pain_after,
            seconds=round(self.elapsed(now)),
            adjustment=self.plan.adjustment,
        )

    # Inside ------------------------------------------------------------------

    def _deadline(self) -> float:
        return self._step_start + self.steps[self._index].seconds

    def _finish_step(self, at: float, completed: bool) -> None:
        if completed and self.steps[self._index].kind == WORK:
            self._completed.add(self._index)
        self._index += 1
        self._step_start = at
        if self._index == len(self.steps):
            self._ended_at = at

    def _set_done(self, now: float) -> None:
        """Enter: the step ends now; a set of repetitions ended before its last one is
        only partly done."""
        step = self.steps[self._index]
        if step.kind != WORK or not step.reps:
            self._finish_step(now, completed=True)
            return
        rep, _movement, _left = self._movement(step, now - self._step_start)
        if rep >= step.reps:
            self._finish_step(now, completed=True)
        else:
            self._partial.add(self._index)
            self._finish_step(now, completed=False)

    def _felt(self, key: str) -> None:
        """f, h or p while the session asks how an exercise felt; after p, the digits of
        its pain (1 then 0 make 10; another digit starts again)."""
        item = self.asking()
        if item is None:
            return
        if key in FEEL_KEYS:
            self.feelings[item] = (FEEL_KEYS[key], None)
            return
        feel, pain = self.feelings.get(item, ("", None))
        if feel != HURT:
            return
        typed = int(key)
        self.feelings[item] = (HURT, 10 if pain == 1 and typed == 0 else typed)

    def _resume(self, now: float) -> None:
        assert self._paused_at is not None
        paused = now - self._paused_at
        self._paused_for += paused
        self._step_start += paused
        self._paused_at = None

    def _movement(self, step: Step, into: float) -> tuple[int, str, float]:
        """Which repetition, which part of it, and the seconds left in that part."""
        item = self.plan.items[step.item]
        tempo = self.plan.tempo
        rep_seconds = item.rep_seconds
        rep = min(int(into // rep_seconds), step.reps - 1)
        inside = into - rep * rep_seconds
        for movement, length in (
            (LIFT, tempo.lift_seconds),
            (HOLD, item.dosage.hold_seconds),
            (LOWER, tempo.lower_seconds),
        ):
            if inside < length:
                return rep + 1, movement, length - inside
            inside -= length
        return rep + 1, LOWER, 0.0


def amount_moved(plan: SessionPlan, view: View) -> float:
    """How far through its movement the body is at ``view``: 0 at the start (and outside
    a set), rising to 1 while lifting, 1 while holding, falling while lowering."""
    if view.step is None or view.step.kind != WORK:
        return 0.0
    tempo = plan.tempo
    if view.movement == LIFT:
        return 1 - view.movement_left / tempo.lift_seconds
    if view.movement == HOLD:
        return 1.0
    if view.movement == LOWER:
        return view.movement_left / tempo.lower_seconds
    return 0.0


Clock = Callable[[], float]
#: Waits up to the given seconds for a key; returns it, or None when none came.
KeySource = Callable[[float], "str | None"]


def drive(
    coach: Coach,
    clock: Clock,
    read_key: KeySource,
    show: Callable[[View], None],
    hold: Callable[[], bool] = lambda: False,
) -> None:
    """Run ``coach`` to its end: show each view, wait for keys or the next change; while
    ``hold`` says so (an instruction still being said), a count waits for it.

    KeyboardInterrupt is left to the caller, which still has the coach and can
    save what was done.
    """
    show(coach.start(clock()))
    while not coach.finished:
        show(coach.tick(clock(), hold()))
        if coach.finished:
            break
        key = read_key(coach.wait(clock()))
        if key is not None:
            show(coach.key(key, clock()))
