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
Everything here is pure: the journal's entries and today come in as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.models import WEEKDAY_NAMES, Catalog, Entry, PlanSettings, Programme
from backpain_cli.progress import DOWN, SEE_PROFESSIONAL, Advice, counted_sessions, looked_at

DONE, PARTIAL, MISSED, TODAY, PLANNED = "done", "partial", "missed", "today", "planned"
#: The most weeks a plan is worked out over (ten years), whatever the journal holds.
MOST_WEEKS = 520


class Day(NamedTuple):
    day: date
    status: str  # DONE, PARTIAL, MISSED, TODAY or PLANNED


class Week(NamedTuple):
    number: int  # from 1, the week of the plan's first day
    monday: date
    phase: int  # index into the programme's phases
    days: tuple[Day, ...]  # the planned days
    sessions: int  # sessions logged in the week, on any day
    checkpoint: bool  # the phase's checkpoint falls at the end of this week
    projected: bool  # this week or later: the phases as they will go if all goes well


class Standing(NamedTuple):
    week: int  # this week's number (0 before the plan starts)
    weeks: int  # the plan's length now, moved on by gaps, checkpoints and steps back
    phase: int
    band: str  # the band to use this week
    sessions_this_week: int
    per_week: int
    stepped_back: int  # how many times the plan has stepped back
    advice: Advice


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_days(text: str) -> tuple[int, ...]:
    """ "mon,wed,fri" (or full names) as weekday numbers, Monday 0; ValueError says what
    is wrong."""
    days: list[int] = []
    for word in (w.strip().lower() for w in text.split(",")):
        if not word:
            continue
        if word in WEEKDAY_NAMES:
            day = WEEKDAY_NAMES.index(word)
        elif word in FULL_NAMES:
            day = FULL_NAMES.index(word)
        else:
            raise ValueError(f"'{word}' is not a weekday; use mon, tue, wed, thu, fri, sat, sun")
        if day in days:
            raise ValueError(f"'{word}' is given twice")
        days.append(day)
    if not days:
        raise ValueError("no weekday given; for example mon,wed,fri")
    return tuple(sorted(days))


def _poor(entry: Entry, catalog: Catalog) -> bool:
    session = entry.session
    return catalog.red_pain(session.pain_after) or not session.all_sets_done


def stand(
    catalog: Catalog,
    programme: Programme,
    plan: PlanSettings,
    entries: Sequence[Entry],
    today: date,
    advice: Advice,
) -> tuple[Standing, tuple[Week, ...]]:
    """Where the person stands today, and the plan's weeks (done and to come).

    ``entries`` are the journal's sessions, oldest first; ``advice`` is what
    `backpain progress` says of them, so that "see a professional" and stepping down
    follow one set of rules."""
    rules = catalog.sessions.progress
    phases = programme.phases
    last = len(phases) - 1
    first = monday(plan.start)
    this_week = monday(today)
    mine = [e for e in entries if e.session.day >= plan.start]
    by_week: dict[date, list[Entry]] = {}
    for entry in mine:
        by_week.setdefault(monday(entry.session.day), []).append(entry)
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
        weeks.append(_week(len(weeks) + 1, start, was, plan, in_week, today, checkpoint, False))
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
        weeks.append(_week(len(weeks) + 1, start, ahead, plan, in_week, today, checkpoint, True))
        left -= 1
        if left == 0 and ahead < last:
            ahead += 1
            left = phases[ahead].weeks
        start += timedelta(days=7)
    band = phases[phase].band
    if advice.advice in (DOWN, SEE_PROFESSIONAL):
        band = advice.band  # never heavier than progress says, after red pain
    this = weeks[gone] if now else None
    standing = Standing(
        week=now,
        weeks=length,
        phase=phase,
        band=band,
        sessions_this_week=this.sessions if this else 0,
        per_week=len(plan.days),
        stepped_back=stepped,
        advice=advice,
    )
    return standing, tuple(weeks)


def _week(
    number: int,
    start: date,
    phase: int,
    plan: PlanSettings,
    entries: Sequence[Entry],
    today: date,
    checkpoint: bool,
    projected: bool,
) -> Week:
    end = start + timedelta(days=6)
    sessions = sum(1 for e in entries if start <= e.session.day <= end)
    days = _days(plan, start, entries, today)
    return Week(number, start, phase, days, sessions, checkpoint, projected)


def _days(
    plan: PlanSettings, start: date, entries: Sequence[Entry], today: date
) -> tuple[Day, ...]:
    found = []
    for weekday in plan.days:
        day = start + timedelta(days=weekday)
        if day < plan.start:
            continue
        logged = [e for e in entries if e.session.day == day]
        if logged:
            status = DONE if any(e.session.all_sets_done for e in logged) else PARTIAL
        elif day < today:
            status = MISSED
        elif day == today:
            status = TODAY
        else:
            status = PLANNED
        found.append(Day(day, status))
    return tuple(found)


def summary(programme: Programme, standing: Standing, catalog: Catalog) -> str:
    """ "Week 3 of 8, phase 2 (Building, Green band): 2 of 3 sessions this week." """
    if standing.week == 0:
        return "The plan has not started yet."
    phase = programme.phases[standing.phase]
    band = catalog.bands.get(phase.band).name
    return (
        f"Week {standing.week} of {standing.weeks}, phase {standing.phase + 1} of "
        f"{len(programme.phases)} ({phase.name}, {band} band): "
        f"{standing.sessions_this_week} of {standing.per_week} sessions this week."
    )
