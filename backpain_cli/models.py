"""The content as frozen data: exercises, bands, sessions, safety, and the catalog.

The annotations are evaluated as the classes are made (no `from __future__ import
annotations`): typing.NamedTuple compiles every annotation written as a string, which
cost every command about a millisecond here.
"""

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from backpain_cli.errors import Problem


class Source(NamedTuple):
    title: str
    url: str | None = None
    covers: str | None = None


class Equipment(NamedTuple):
    band: bool
    placement: str | None = None
    note: str | None = None

    def describe(self) -> str:
        """A phrase: the band and where it goes, or what else is needed."""
        if self.band:
            return f"band {self.placement}"
        return self.note or "no band"


class Limb(NamedTuple):
    """The joint angles of one side, in degrees, neutral-zero: 0 is the standing
    anatomical position and flexion is positive (see figures.body)."""

    hip: float
    knee: float
    ankle: float  # dorsiflexion positive, plantarflexion negative
    shoulder: float
    elbow: float
    hip_abduction: float = 0  # out to the side positive, across towards the other leg negative
    hip_rotation: float = 0  # external rotation positive: opens the knee in the clam shell
    shoulder_abduction: float = 0  # the arm out to the side positive, across the body negative


class Pose(NamedTuple):
    """One position of a figure, with every angle given (inheritance already applied)."""

    name: str
    caption: str
    lying: str  # "back" or "side"
    trunk: float  # the trunk's angle to the floor; positive lifts the hips (a bridge)
    head: float  # neck flexion: positive lifts the head off the floor, chin to chest
    near: Limb  # the limbs nearer you in the picture (lying on the side: the upper ones)
    far: Limb
    curl: float = 0  # the upper back rounded forward: the shoulder blades lift off the floor


class Figure(NamedTuple):
    """How to draw an exercise: the view, where the band sits, and its poses in order
    (the first is the start; the movement goes through the others and back)."""

    view: str  # "side" or "front"
    band: str | None  # "above-knees", "below-knees" or None
    poses: tuple[Pose, ...]

    def pose(self, name: str) -> Pose | None:
        return next((p for p in self.poses if p.name == name), None)


class Dosage(NamedTuple):
    exercise: str  # an exercise id
    sets: int
    reps: int
    hold_seconds: int
    rest_seconds: int


class DoseRange(NamedTuple):
    """The sets and repetitions the content's sources give (sessions.yaml, `range:`)."""

    sets: tuple[int, int]
    reps: tuple[int, int]
    source: str  # who gives them, as the session's basis cites it

    def holds(self, dosage: Dosage) -> bool:
        return (
            self.sets[0] <= dosage.sets <= self.sets[1]
            and self.reps[0] <= dosage.reps <= self.reps[1]
        )


class Voice(NamedTuple):
    """What the coach says of an exercise as it comes up, in the content's words."""

    position: str = ""  # the starting position
    sides: tuple[str, ...] = ()  # before side 1 (each set), and at the switch to side 2
    cue: str = ""  # the one thing to keep in mind


class Exercise(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    area: str
    summary: str
    why: str
    equipment: Equipment
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    each_side: bool
    easier: tuple[str, ...]
    harder: tuple[str, ...]
    sources: tuple[Source, ...]
    alternating: bool = False  # each side, the sides taking turns repetition by repetition
    note: str | None = None  # for the person doing it, from whoever hands the routine out
    figure: Figure | None = None  # its positions as pose data, when the content draws them
    words: tuple[str, str, str] = ("lift", "hold", "lower")  # for each part of a repetition
    first_side: str = "left"  # "left" or "right", for an exercise done on each side
    side_is: str = "side"  # what changes between sides: "side" (lain on), "leg" or "arm"
    parent: str | None = None  # a variant: the id of the exercise it varies
    kind: str = ""  # a variant: "easier" or "harder"
    doses: tuple[tuple[str, Dosage], ...] = ()  # a variant: (band id, its dose), each band
    voice: Voice = Voice()  # what the coach says of it (each part has a default: see cues)

    def side_name(self, number: int) -> str:
        """ "left" or "right": side 1 is the content's first side."""
        other = "right" if self.first_side == "left" else "left"
        return self.first_side if number % 2 == 1 else other

    def dose(self, dosage: Dosage) -> str:
        """ "3 x 10", or "3 x 10 each side" """
        return f"{dosage.sets} x {dosage.reps}" + (" each side" if self.each_side else "")

    def names(self) -> tuple[str, ...]:
        """Every name this exercise answers to, normalised."""
        return tuple(normalise(n) for n in (self.id, self.name, *self.aliases))

    def dosage_for(self, band_id: str) -> Dosage | None:
        """A variant's dose at a band (None where it has none, and for an exercise, whose
        doses are the sessions')."""
        return dict(self.doses).get(band_id)


class Band(NamedTuple):
    id: str
    name: str
    resistance: str


class BandGuide(NamedTuple):
    levels: tuple[Band, ...]  # lightest first
    colour_caution: str
    stretch_note: str
    choosing: str
    moving_up: str
    safety_check: str
    where_to_buy: Source

    @property
    def lightest(self) -> Band:
        return self.levels[0]

    def get(self, band_id: str) -> Band:
        return next(b for b in self.levels if b.id == band_id)

    def rank(self, band_id: str) -> int:
        """The band's place, lightest 0; a band the content does not have counts as 0."""
        return next((i for i, b in enumerate(self.levels) if b.id == band_id), 0)

    def name(self, band_id: str) -> str:
        """A band's name, or its id when the content does not have it (an old journal)."""
        return next((b.name for b in self.levels if b.id == band_id), band_id)


class Tempo(NamedTuple):
    lift_seconds: int
    lower_seconds: int


class ProgressRules(NamedTuple):
    """The thresholds behind `backpain progress` (sessions.yaml, `progress:`)."""

    move_up_after_sessions: int
    move_up_max_pain_after: int
    step_down_min_pain_after: int
    see_professional_red_sessions: int
    window_days: int
    min_days_between: int  # from one counted session to the next (2: a rest day between)
    basis: tuple[str, ...]
    severe_pain_before: int = 8  # pain before at or above this: no session today (stop)
    break_days: int = 14  # days without a session that make a break: never move up after one

    def red(self, score: int | None) -> bool:
        """Whether a pain score is high enough to stop or make it easier: never move up."""
        return score is not None and score >= self.step_down_min_pain_after


class SessionRules(NamedTuple):
    sessions_per_week: int
    tempo: Tempo
    get_ready_seconds: int
    basis: tuple[str, ...]
    dosages: tuple[tuple[str, tuple[Dosage, ...]], ...]  # (band id, dosages), lightest first
    progress: ProgressRules
    note: str | None = None  # for the whole routine, from whoever hands it out
    title: str | None = None  # the routine's title, at the top of the handout
    first_get_ready_seconds: int | None = None  # before the first exercise: time to get down
    dose_range: DoseRange | None = None  # the sets and repetitions the sources give
    feedback_seconds: int = 15  # after the last exercise of a guided session: how did it feel?
    switch_seconds: int = 5  # at least, to turn over between the sides (even with no get-ready)
    pain_question: str = "How is your pain now, from 0 to 10?"  # said at the end

    def for_band(self, band_id: str) -> tuple[Dosage, ...]:
        return dict(self.dosages)[band_id]


class RedFlags(NamedTuple):
    level: str
    action: str
    signs: tuple[str, ...]


class PainLevel(NamedTuple):
    colour: str
    low: int
    high: int
    meaning: str


class Safety(NamedTuple):
    disclaimer: str
    short: str
    stop_rules: tuple[str, ...]
    red_flags: tuple[RedFlags, ...]
    pain_guide: tuple[PainLevel, ...]
    sources: tuple[Source, ...]

    def pain_level(self, score: int) -> PainLevel:
        """The traffic-light level a pain score (0-10) falls in."""
        return next(p for p in self.pain_guide if p.low <= score <= p.high)


#: Weekdays as content and the command line write them, Monday 0.
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Phase(NamedTuple):
    name: str
    weeks: int  # at least this many weeks with sessions
    band: str  # a band id
    variants: tuple[tuple[str, str], ...] = ()  # (exercise id, harder variant), after the last


class Programme(NamedTuple):
    """The programme over weeks (programme.yaml)."""

    days: tuple[int, ...]  # weekdays, Monday 0
    consecutive_days: bool
    step_back_after_poor_sessions: int
    phases: tuple[Phase, ...]  # in order; an after-strongest phase last, when there is one
    basis: tuple[str, ...]

    @property
    def weeks(self) -> int:
        """The programme's length: its phases, without what follows the strongest band."""
        return sum(phase.weeks for phase in self.phases if not phase.variants)


class Prescribed(NamedTuple):
    """What a prescription says of one exercise."""

    on: bool = True
    note: str | None = None
    dose: tuple[tuple[str, Dosage], ...] = ()  # (band id, the whole dose with overrides)


class Prescription(NamedTuple):
    """One patient's prescription (prescription.yaml), from their physiotherapist."""

    patient: str | None
    per_week: int | None
    days: tuple[int, ...]  # weekdays, Monday 0; () when it leaves them to the programme
    start: date | None
    review: date | None
    clinician: str | None
    note: str | None
    exercises: tuple[tuple[str, Prescribed], ...]  # (exercise id, what it says of it)

    def of(self, exercise_id: str) -> Prescribed:
        return dict(self.exercises).get(exercise_id, Prescribed())


class Catalog(NamedTuple):
    root: str  # the content folder
    exercises: tuple[Exercise, ...]
    bands: BandGuide
    sessions: SessionRules
    safety: Safety
    warnings: tuple[Problem, ...] = ()  # allowed, but likely not meant (content validate)
    programme: Programme | None = None  # the plan over weeks, when the content has one
    variants: tuple[Exercise, ...] = ()  # every exercise's easier and harder variants
    prescription: Prescription | None = None  # one patient's, when the content has one
    cautions: tuple[Problem, ...] = ()  # for whoever writes the content: `content validate`

    def exercise(self, exercise_id: str) -> Exercise:
        """An exercise or a variant, by id."""
        return next(e for e in (*self.exercises, *self.variants) if e.id == exercise_id)

    def variants_of(self, exercise_id: str, kind: str) -> tuple[Exercise, ...]:
        """An exercise's easier (or harder) variants, in the content's order."""
        return tuple(v for v in self.variants if v.parent == exercise_id and v.kind == kind)

    @property
    def per_week(self) -> int:
        """Sessions a week: the prescription's, else the content's."""
        rx = self.prescription
        return rx.per_week if rx and rx.per_week else self.sessions.sessions_per_week

    def dosage_by_band(self, exercise_id: str) -> list[tuple[Band, Dosage]]:
        """How much of one exercise (or variant) each band's session asks for, lightest band
        first, as the prescription has it where it has a dose."""
        found = []
        for band in self.bands.levels:
            dosage = self.dosage(exercise_id, band.id)
            if dosage is not None:
                found.append((band, dosage))
        return found

    def dosage(self, exercise_id: str, band_id: str) -> Dosage | None:
        """One exercise's (or variant's) dose at a band: the prescriber's where there is
        one, else the content's; None where the band's session has none."""
        if self.prescription is not None:
            prescribed = dict(self.prescription.of(exercise_id).dose).get(band_id)
            if prescribed is not None:
                return prescribed
        variant = next((v for v in self.variants if v.id == exercise_id), None)
        if variant is not None:
            return variant.dosage_for(band_id)
        return next((d for d in self.sessions.for_band(band_id) if d.exercise == exercise_id),
                    None)  # fmt: skip

    def red_pain(self, score: int | None) -> bool:
        """Whether a pain score is high enough to stop or make it easier (the progress rules)."""
        return self.sessions.progress.red(score)

    def find(self, query: str) -> Exercise | None:
        """The exercise or variant whose id, name or alias is ``query`` (any case), if any."""
        wanted = normalise(query)
        return next((e for e in (*self.exercises, *self.variants) if wanted in e.names()), None)

    def suggest(self, query: str) -> str | None:
        """The id of the exercise whose name is closest to ``query``, if any is close."""
        import difflib

        by_name = {name: e.id for e in (*self.exercises, *self.variants) for name in e.names()}
        close = difflib.get_close_matches(normalise(query), list(by_name), n=1, cutoff=0.6)
        return by_name[close[0]] if close else None


def not_easier(parent: Exercise, theirs: Dosage, variant: Exercise, mine: Dosage) -> str:
    """Why ``variant`` at dose ``mine`` is not easier than ``parent`` at ``theirs`` in what
    the content can see (repetitions, hold, band), or "" when it is: the rule the content's
    check warns by and the planner chooses easier variants by."""

    def work(exercise: Exercise, dosage: Dosage) -> int:
        return dosage.sets * dosage.reps * (2 if exercise.each_side else 1)

    harder, lighter = [], []
    mine_work, their_work = work(variant, mine), work(parent, theirs)
    if mine_work > their_work:
        harder.append(f"more repetitions ({mine_work} against {their_work})")
    elif mine_work < their_work:
        lighter.append("fewer repetitions")
    if mine.hold_seconds > theirs.hold_seconds:
        harder.append(f"a longer hold ({mine.hold_seconds} s against {theirs.hold_seconds} s)")
    elif mine.hold_seconds < theirs.hold_seconds:
        lighter.append("a shorter hold")
    if variant.equipment.band and not parent.equipment.band:
        harder.append("a band, where the exercise has none")
    elif parent.equipment.band and not variant.equipment.band:
        lighter.append("no band")
    if harder:
        return "it has " + " and ".join(harder)
    if not lighter:
        return "the same repetitions, hold and band"
    return ""


def normalise(name: str) -> str:
    """Lower-case, with runs of spaces, underscores and hyphens made one hyphen."""
    return re.sub(r"[\s_-]+", "-", name.strip().lower())


#: How an exercise felt, as the person said after it (guided) or in `log`.
FINE, HARD, HURT, SKIPPED = "fine", "hard", "hurt", "skipped"
FEELS = (FINE, HARD, HURT, SKIPPED)


#: How a questionnaire's answers make its score.
MEAN, SUM, PERCENT = "mean", "sum", "percent"
SCORINGS = (MEAN, SUM, PERCENT)


# The journal's records, the plan's weeks and the outcome questionnaires are made by
# backpain_cli.records, only when a command uses them; they can be named from here too.
_RECORDS = frozenset(
    {
        "PlanSettings",
        "Day",
        "Week",
        "Standing",
        "ExerciseDone",
        "Reading",
        "SessionRecord",
        "Entry",
        "Resume",
        "Scale",
        "Question",
        "Named",
        "Threshold",
        "Licence",
        "Questionnaire",
        "CheckIn",
        "Later",
    }
)


def __getattr__(name: str) -> object:
    if name in _RECORDS:
        from backpain_cli import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from backpain_cli.records import CheckIn as CheckIn
    from backpain_cli.records import Day as Day
    from backpain_cli.records import Entry as Entry
    from backpain_cli.records import ExerciseDone as ExerciseDone
    from backpain_cli.records import Later as Later
    from backpain_cli.records import Licence as Licence
    from backpain_cli.records import Named as Named
    from backpain_cli.records import PlanSettings as PlanSettings
    from backpain_cli.records import Question as Question
    from backpain_cli.records import Questionnaire as Questionnaire
    from backpain_cli.records import Reading as Reading
    from backpain_cli.records import Resume as Resume
    from backpain_cli.records import Scale as Scale
    from backpain_cli.records import SessionRecord as SessionRecord
    from backpain_cli.records import Standing as Standing
    from backpain_cli.records import Threshold as Threshold
    from backpain_cli.records import Week as Week
