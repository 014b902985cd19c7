"""What the journal keeps, the plan works out and the check-ins ask, as frozen data:
sessions as done, returns after a pause, the plan's days and weeks, and the outcome
questionnaires with their answers.

Apart from the content's models (models.py) so that a glance at the exercises, which
reads none of these, does not make them: each record class costs about a tenth of a
millisecond to make. The annotations are evaluated as the classes are made, as there.
"""

from datetime import date
from typing import NamedTuple

from backpain_cli.models import Source

# The plan over weeks -----------------------------------------------------------------


class PlanSettings(NamedTuple):
    """The user's plan: when it starts, on which weekdays, for how many weeks."""

    start: date
    days: tuple[int, ...]  # weekdays, Monday 0
    weeks: int


class Day(NamedTuple):
    """A planned day of the plan over weeks, and what became of it."""

    day: date
    status: str  # DONE, HURT (done, pain after in the red), PARTIAL, MISSED, PAUSED, TODAY, PLANNED


class Week(NamedTuple):
    """A week of the plan over weeks (backpain_cli.programme works them out)."""

    number: int  # from 1, the week of the plan's first day
    monday: date
    phase: int  # index into the programme's phases
    days: tuple[Day, ...]  # the planned days
    sessions: int  # sessions logged in the week, on any day
    checkpoint: bool  # the phase's checkpoint falls at the end of this week
    projected: bool  # this week or later: the phases as they will go if all goes well


class Standing(NamedTuple):
    """Where a person stands in their plan today."""

    week: int  # this week's number (0 before the plan starts)
    weeks: int  # the plan's length now, moved on by gaps, checkpoints and steps back
    phase: int  # its band is the most the day's decision gives while it lasts
    sessions_this_week: int
    per_week: int
    stepped_back: int  # how many times the plan has stepped back


# Sessions as done, and returns after a pause ------------------------------------------


class ExerciseDone(NamedTuple):
    """One exercise of a session as it was done."""

    exercise: str  # an exercise id (a variant's, when one was done)
    sets_planned: int
    sets_done: int  # in full
    reps: int  # per set (each side, for one-sided exercises)
    sets_partial: int = 0  # ended early (Enter before the last repetition): not done
    feel: str = ""  # FINE, HARD, HURT or SKIPPED, when the person said; "" when not
    pain: int | None = None  # with HURT: how much, 0-10


class Reading(NamedTuple):
    """A session as the safety rules read it: its day, band and pain (a light row of the
    journal, so that every session since the last resume can be read quickly)."""

    day: date
    band: str
    pain_before: int | None = None
    pain_after: int | None = None
    hurt: tuple[tuple[str, int], ...] = ()  # (exercise id, its pain), for those that hurt

    @property
    def pain(self) -> int | None:
        """The day's back pain: the score before exercising, else the one after."""
        return self.pain_before if self.pain_before is not None else self.pain_after


class SessionRecord(NamedTuple):
    """A session as done, ready for the journal."""

    day: date
    band: str  # a band id
    exercises: tuple[ExerciseDone, ...]
    all_sets_done: bool  # every set of the band's whole session
    pain_before: int | None = None
    pain_after: int | None = None
    notes: str = ""
    seconds: int | None = None  # time taken, when the session was timed
    adjustment: str = ""  # how it was made easier (after red pain before it), if it was
    source: str = ""  # where it was recorded, when elsewhere: a coach page's id for it

    @property
    def sets_done(self) -> int:
        return sum(e.sets_done for e in self.exercises)

    @property
    def sets_planned(self) -> int:
        return sum(e.sets_planned for e in self.exercises)

    @property
    def sets_partial(self) -> int:
        return sum(e.sets_partial for e in self.exercises)

    @property
    def exercises_started(self) -> tuple[ExerciseDone, ...]:
        """The exercises with at least one set done, in full or ended early."""
        return tuple(e for e in self.exercises if e.sets_done or e.sets_partial)

    @property
    def reading(self) -> Reading:
        """The session as the safety rules read it."""
        hurt = tuple((e.exercise, e.pain) for e in self.exercises if e.pain is not None)
        return Reading(self.day, self.band, self.pain_before, self.pain_after, hurt)

    @property
    def pain(self) -> int | None:
        """The day's back pain for trends: the score before exercising, else the one after."""
        return self.reading.pain


class Entry(NamedTuple):
    """A session in the journal, with the number it is known by."""

    id: int
    session: SessionRecord


class Resume(NamedTuple):
    """A return to exercise after a pause, cleared by a professional (`backpain resume`)."""

    day: date
    note: str = ""
    exercise: str | None = None  # the one exercise whose pause it ends; None: every pause


# Outcomes: questionnaires in content, check-ins and 24-hour answers in the journal ------


class Scale(NamedTuple):
    """The answer scale of a questionnaire's every item: whole numbers, ``low`` to ``high``."""

    low: int
    high: int
    low_means: str  # "unable to do it"
    high_means: str  # "as well as before the back problem"


class Question(NamedTuple):
    """One fixed item of a questionnaire."""

    id: str
    question: str


class Named(NamedTuple):
    """Items the person names themselves the first time (the activities of the PSFS), and
    rates again at every check-in after."""

    fewest: int
    most: int
    ask: str  # asks for them: "Name the activities your back makes hard to do"
    question: str  # asks its rating: "How well can you do it today"
    what: str  # what one is called: "activity"


class Threshold(NamedTuple):
    """A change in a score (or in one item) that a source says matters: a minimal
    clinically important difference, or a smallest detectable change."""

    of: str  # "score" or "item"
    points: float | None  # in the score's own points
    percent: int | None  # of the first score
    words: str  # "the 2 points (or 30%) a person notices"
    source: str


class Licence(NamedTuple):
    holder: str
    terms: str


class Questionnaire(NamedTuple):
    """A questionnaire (content/questionnaires/ID.yaml), with what its change is judged by."""

    id: str
    name: str  # "Activities you find hard"
    full_name: str  # "Patient-Specific Functional Scale (PSFS)"
    score_name: str  # "activities score", as a sentence names the score
    about: str
    recall: str  # "today", "over the past 7 days"
    every_days: int  # how often it is asked
    higher_is_better: bool
    scale: Scale
    scoring: str  # MEAN, SUM or PERCENT
    items: tuple[Question, ...]  # fixed items; () when the person names them
    named: Named | None
    thresholds: tuple[Threshold, ...]  # the first of each kind ("score", "item") judges
    licence: Licence
    sources: tuple[Source, ...]

    def judged_by(self, of: str = "score") -> Threshold | None:
        """The threshold change is judged against: the first of its kind."""
        return next((t for t in self.thresholds if t.of == of), None)


class CheckIn(NamedTuple):
    """One questionnaire answered on one day: (item, answer) in order, where an item is a
    fixed item's id or what the person named. No answers: offered, and declined."""

    day: date
    questionnaire: str
    answers: tuple[tuple[str, int], ...]
    id: int = 0  # its number in the journal (0 before it is kept)


class Later(NamedTuple):
    """The answer to "how is the pain 24 hours later?" after a session in the amber or
    red; ``pain`` None when it was asked and not answered."""

    session: int  # the session's number in the journal
    day: date  # the day it was asked
    pain: int | None
