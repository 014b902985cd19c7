"""The plan over weeks: where a person stands in the programme, from the programme
(content), their plan (start, weekdays, weeks) and their journal, and the calendar.

Week by week since the plan's first Monday:
- a week with no session does not count towards its phase, so a gap moves every
  later phase on rather than pretending the person is ready to move up;
- a phase ends when its weeks are done and its checkpoint passes: the sessions the
  progress rules count at its band (`backpain progress`), with no red pain in the
  last session; otherwise it goes on another week;
- after as many poor sessions in a row as the programme says (pain after in the red,
  or a set not done in full) the plan steps back a phase.
These are rules the daily decision (backpain_cli.today) consults: which band a day
uses is decided there, not here. Everything here is pure: the journal's entries,
its pauses and today come in as arguments.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.content.programme import MOST_WEEKS
from backpain_cli.models import WEEKDAY_NAMES, Catalog, Programme, ProgressRules
from backpain_cli.progress import Pause, counted_sessions, looked_at
from backpain_cli.records import Day, Entry, PlanSettings, SessionRecord, Standing, Week

DONE, HURT, PARTIAL, MISSED, PAUSED, TODAY, PLANNED = (
    "done", "hurt", "partial", "missed", "paused", "today", "planned"
)  # fmt: skip


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_days(text: str) -> tuple[int, ...]:
    """ "mon,wed,fri" (or full names) as weekday numbers, Monday 0; ValueError says what
    is wrong."""
    from backpain_cli.checked import excerpt

    days: list[int] = []
    for word in (w.strip().lower() for w in text.split(",")):
        if not word:
            continue
        if word in WEEKDAY_NAMES:
            day = WEEKDAY_NAMES.index(word)
        elif word in FULL_NAMES:
            day = FULL_NAMES.index(word)
        else:
            raise ValueError(
                f"{excerpt(word)} is not a weekday; use mon, tue, wed, thu, fri, sat, sun"
            )
        if day in days:
            raise ValueError(f"{excerpt(word)} is given twice")
        days.append(day)
    if not days:
        raise ValueError("no weekday given; for example mon,wed,fri")
    return tuple(sorted(days))


def spread(per_week: int) -> tuple[int, ...]:
    """Weekdays (Monday 0) for ``per_week`` sessions spread through the week from Monday:
    two on Monday and Thursday, three on Monday, Wednesday and Friday (the guide's own
    choice of days; the programme's rest-day rule is checked apart)."""
    return tuple(index * 7 // per_week for index in range(per_week))


def no_rest_day(programme: Programme, days: Sequence[int]) -> str | None:
    """ "Monday and Tuesday": two of ``days`` next to each other, where the programme
    needs a rest day between sessions; None where it does not, or they are apart."""
    from backpain_cli.content.programme import next_to_each_other

    pair = None if programme.consecutive_days else next_to_each_other(days)
    if pair is None:
        return None
    first, second = (FULL_NAMES[d].capitalize() for d in pair)
    return f"{first} and {second}"


def _poor(entry: Entry, catalog: Catalog) -> bool:
    """Pain after in the red, or a set not done in full of an exercise that did not hurt
    (one that hurt steps down on its own: the daily decision sees to it)."""
    session = entry.session
    unfinished = [e for e in session.exercises if e.sets_done < e.sets_planned]
    return (
        catalog.red_pain(session.pain_after)
        or any(not catalog.red_pain(e.pain) for e in unfinished)
        or (not session.all_sets_done and not unfinished)
    )


def stand(
    catalog: Catalog,
    programme: Programme,
    plan: PlanSettings,
    entries: Sequence[Entry],
    today: date,
    pauses: Sequence[Pause] = (),
) -> tuple[Standing, tuple[Week, ...]]:
    """Where the person stands today, and the plan's weeks (done and to come).

    ``entries`` are the journal's sessions, oldest first (at least those from a window
    before the plan's start on); ``pauses`` mark the planned days that fell in a pause
    as paused rather than missed."""
    rules = catalog.sessions.progress
    phases = programme.phases
    last = len(phases) - 1
    first = monday(plan.start)
    this_week = monday(today)
    mine = [e for e in entries if e.session.day >= plan.start]
    by_week: dict[date, list[Entry]] = {}
    for entry in mine:
        by_week.setdefault(monday(entry.session.day), []).append(entry)
    marks = _Marks(plan, today, pauses, rules)
    phase = weeks_in = poor_run = stepped = 0
    weeks: list[Week] = []
    start = first
    while start < this_week and len(weeks) < MOST_WEEKS:  # the weeks gone by
        end = start + timedelta(days=6)
        in_week = by_week.get(start, [])
        for entry in in_week:
            poor_run = poor_run + 1 if _poor(entry, catalog) else 0
        was, checkpoint = phase, False
        if in_week:
            weeks_in += 1
        if poor_run >= programme.step_back_after_poor_sessions and phase > 0:
            phase, weeks_in, poor_run = phase - 1, 0, 0
            stepped += 1
        elif in_week and weeks_in >= phases[phase].weeks and phase < last:
            checkpoint = True
            so_far = [e for e in entries if e.session.day <= end]  # only at a checkpoint
            counted, _passed = counted_sessions(looked_at(so_far, rules), phases[phase].band, rules)
            if len(counted) >= rules.move_up_after_sessions and not rules.red(
                so_far[-1].session.pain_after
            ):
                phase, weeks_in = phase + 1, 0
        weeks.append(marks.week(len(weeks) + 1, start, was, in_week, checkpoint, False))
        start += timedelta(days=7)
    now = len(weeks) + 1 if today >= plan.start else 0
    # This week and the ones to come, as planned: each phase its weeks, then the next.
    gone = len(weeks)
    length = max(plan.weeks + sum(1 for w in weeks if not w.sessions) + stepped, gone + 1)
    ahead, left = phase, phases[phase].weeks - weeks_in
    while len(weeks) < length:
        left = max(left, 1)
        checkpoint = left == 1 and ahead < last
        in_week = by_week.get(start, [])
        weeks.append(marks.week(len(weeks) + 1, start, ahead, in_week, checkpoint, True))
        left -= 1
        if left == 0 and ahead < last:
            ahead += 1
            left = phases[ahead].weeks
        start += timedelta(days=7)
    this = weeks[gone] if now else None
    standing = Standing(
        week=now,
        weeks=length,
        phase=phase,
        sessions_this_week=this.sessions if this else 0,
        per_week=len(plan.days),
        stepped_back=stepped,
    )
    return standing, tuple(weeks)


class _Marks(NamedTuple):
    """What marks each planned day: the plan, the journal, the pauses and today."""

    plan: PlanSettings
    today: date
    pauses: Sequence[Pause]
    rules: ProgressRules

    def week(
        self,
        number: int,
        start: date,
        phase: int,
        entries: Sequence[Entry],
        checkpoint: bool,
        projected: bool,
    ) -> Week:
        end = start + timedelta(days=6)
        sessions = sum(1 for e in entries if start <= e.session.day <= end)
        return Week(number, start, phase, self.days(start, entries), sessions, checkpoint,
                    projected)  # fmt: skip

    def days(self, start: date, entries: Sequence[Entry]) -> tuple[Day, ...]:
        found = []
        for weekday in self.plan.days:
            day = start + timedelta(days=weekday)
            if day < self.plan.start:
                continue
            found.append(Day(day, self.status(day, [e.session for e in entries
                                                    if e.session.day == day])))  # fmt: skip
        return tuple(found)

    def status(self, day: date, logged: Sequence[SessionRecord]) -> str:
        if logged:
            if any(self.rules.red(s.pain_after) for s in logged):
                return HURT  # never a plain tick: the pain after it was in the red
            return DONE if any(s.all_sets_done for s in logged) else PARTIAL
        if day <= self.today and paused_on(day, self.pauses):
            return PAUSED
        if day < self.today:
            return MISSED
        return TODAY if day == self.today else PLANNED


def paused_on(day: date, pauses: Sequence[Pause]) -> bool:
    """Whether ``day`` falls in a pause of the whole programme (from its start to the day
    before its resume; to the end of time while it lasts). One exercise's pause leaves
    the day's session, and so the day, as planned."""
    return any(p.exercise is None and p.since <= day and (p.until is None or day < p.until)
               for p in pauses)  # fmt: skip


def summary(programme: Programme, standing: Standing) -> str:
    """ "Week 3 of 8, phase 2 of 4 (Building): 2 of 3 sessions this week."

    The band is not named here: the day's decision names it, once (it may be lighter
    than the phase's, after red pain or a break)."""
    if standing.week == 0:
        return "The plan has not started yet."
    phase = programme.phases[standing.phase]
    return (
        f"Week {standing.week} of {standing.weeks}, phase {standing.phase + 1} of "
        f"{len(programme.phases)} ({phase.name}): "
        f"{standing.sessions_this_week} of {standing.per_week} sessions this week."
    )
