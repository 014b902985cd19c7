"""The report for the next appointment, as data: the prescription and how much of it was
done, the charts, the check-ins' changes, the sessions in the amber or red with their
24-hour answers, the exercises that hurt, and the notes.

Pure: today's decision, the journal's rows for the period, the questionnaires and the
day come in as arguments. The HTML, the PDF, the JSON and the tests all read the same
Report, so its numbers are the journal's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.charts import PainChart, pain_chart
from backpain_cli.models import HURT, Catalog
from backpain_cli.outcomes import Outcome, outcome
from backpain_cli.planner import SessionPlan, plan_session
from backpain_cli.progress import Pause
from backpain_cli.records import CheckIn, Entry, Later, Questionnaire, Resume
from backpain_cli.today import Today, green_top, settled

#: Days with data are counted over this many days to the report's day (remote monitoring
#: is commonly billed on days with data out of 30).
DATA_WINDOW = 30


class WeekDone(NamedTuple):
    """One week of the period: the sessions done, and how many were planned."""

    monday: date
    done: int  # sessions done on days the programme was not paused
    planned: int
    paused: bool  # every planned day of it fell in a pause
    in_pause: int  # sessions done on days the programme was paused (not counted as planned)
    so_far: bool  # the report's own week, counted to its day


class Flagged(NamedTuple):
    """A session with pain after in the amber or red, and what was said 24 hours later."""

    entry: Entry
    colour: str  # the traffic light's level of the pain after
    later: Later | None
    settled: bool | None  # None: not answered


class Hurt(NamedTuple):
    """An exercise that hurt (its own pain, in the journal since per-exercise feedback)."""

    exercise: str  # its id
    name: str
    times: int
    worst: int
    days: tuple[date, ...]


class Note(NamedTuple):
    day: date
    text: str
    what: str  # "session 12, Green band" or "cleared to return"


class Report(NamedTuple):
    day: date  # the day it was made
    first: date  # the period: from this day
    patient: str | None
    clinician: str | None
    today: Today
    session: SessionPlan  # what is prescribed now (today's, or the next session's)
    sessions: int  # sessions done in the period
    planned: int  # sessions planned in the period
    in_pause: int  # of the sessions, those done while the programme was paused
    weeks: tuple[WeekDone, ...]
    days_with_data: int  # days with a session, a check-in or a 24-hour answer, of the last 30
    chart: PainChart | None
    outcomes: tuple[Outcome, ...]
    flagged: tuple[Flagged, ...]
    hurt: tuple[Hurt, ...]
    notes: tuple[Note, ...]


def report(
    catalog: Catalog,
    today: Today,
    entries: Sequence[Entry],
    checkins: Sequence[CheckIn],
    later: Sequence[Later],
    resumes: Sequence[Resume],
    pauses: Sequence[Pause],
    questionnaires: Sequence[Questionnaire],
    since: date | None = None,
    patient: str | None = None,
) -> Report:
    """The report on ``today.day`` over the period from ``since`` (by default, the first
    day the journal has anything) to that day. ``entries``, ``checkins`` and ``later``
    are the journal's (at least from ``since`` on)."""
    day = today.day
    start = since or date.min
    mine = [e for e in entries if start <= e.session.day <= day]
    asked = [c for c in checkins if start <= c.day <= day]
    starts = [e.session.day for e in mine] + [c.day for c in asked]
    first = since or min(starts, default=day)
    rx = catalog.prescription
    session = today.session or plan_session(catalog, today.band)
    by_session = {item.session: item for item in later}
    found = weeks_done(catalog, today, mine, pauses, first, day)
    return Report(
        day=day,
        first=first,
        patient=patient or (rx.patient if rx else None),
        clinician=rx.clinician if rx else None,
        today=today,
        session=session,
        sessions=len(mine),
        planned=sum(w.planned for w in found),
        in_pause=sum(w.in_pause for w in found),
        weeks=tuple(found),
        days_with_data=days_with_data(entries, checkins, later, day),
        chart=pain_chart(mine, catalog.safety.pain_guide, later, first, day) if mine else None,
        outcomes=tuple(outcome(q, asked, day) for q in questionnaires),
        flagged=tuple(flagged(catalog, mine, by_session)),
        hurt=tuple(hurt(catalog, mine)),
        notes=tuple(notes(catalog, mine, resumes, first, day)),
    )


def weeks_done(
    catalog: Catalog,
    today: Today,
    entries: Sequence[Entry],
    pauses: Sequence[Pause],
    first: date,
    day: date,
) -> list[WeekDone]:
    """Each week from ``first``'s to ``day``'s: sessions done, and planned (a session done
    on a day the programme was paused is counted apart from both). Planned is the
    kept plan's days where it has them (a day in a pause not counted), else the sessions
    a week the prescription or content asks, in proportion for a week the period only
    partly covers (the report's own week is counted to its day): this guide's own
    reckoning."""
    from backpain_cli.programme import PAUSED, PLANNED, paused_on

    programme_pauses = [p for p in pauses if p.exercise is None]
    plan_weeks = {w.monday: w for w in today.weeks}
    per_week = catalog.per_week
    monday = first - timedelta(days=first.weekday())
    found = []
    while monday <= day:
        end = monday + timedelta(days=6)
        days = [
            e.session.day for e in entries if max(monday, first) <= e.session.day <= min(end, day)
        ]
        # The session that started a pause was done before it began.
        in_pause = sum(1 for d in days if paused_on(d, programme_pauses)
                       and all(p.since != d for p in programme_pauses))  # fmt: skip
        covered = [monday + timedelta(days=d) for d in range(7)
                   if first <= monday + timedelta(days=d) <= day]  # fmt: skip
        free = [d for d in covered if not paused_on(d, programme_pauses)]
        week = plan_weeks.get(monday)
        if week is not None and week.days:
            planned = sum(1 for d in week.days if first <= d.day <= day
                          and d.status not in (PAUSED, PLANNED))  # fmt: skip
        else:
            planned = round(per_week * len(free) / 7)
        found.append(WeekDone(monday, len(days) - in_pause, planned, bool(covered) and not free,
                              in_pause, end > day))  # fmt: skip
        monday += timedelta(days=7)
    return found


def days_with_data(
    entries: Sequence[Entry], checkins: Sequence[CheckIn], later: Sequence[Later], day: date
) -> int:
    """Days of the DATA_WINDOW to ``day`` with a session, an answered check-in or an
    answered 24-hour question."""
    start = day - timedelta(days=DATA_WINDOW - 1)
    days = {e.session.day for e in entries}
    days |= {c.day for c in checkins if c.answers}
    days |= {item.day for item in later if item.pain is not None}
    return sum(1 for d in days if start <= d <= day)


def flagged(catalog: Catalog, entries: Sequence[Entry], later: dict[int, Later]) -> list[Flagged]:
    """The sessions whose pain after was above the traffic light's green, with the answer
    24 hours later where there is one."""
    found = []
    for entry in entries:
        after = entry.session.pain_after
        if after is None or after <= green_top(catalog):
            continue
        answer = later.get(entry.id)
        calm = None
        if answer is not None and answer.pain is not None:
            calm = settled(catalog, entry.session, answer.pain)
        colour = catalog.safety.pain_level(after).colour
        found.append(Flagged(entry, colour, answer, calm))
    return found


def hurt(catalog: Catalog, entries: Sequence[Entry]) -> list[Hurt]:
    """The exercises that hurt in the period, most often first: how often, how much at
    worst, and on which days."""
    by_exercise: dict[str, list[tuple[date, int]]] = {}
    for entry in entries:
        for done in entry.session.exercises:
            if done.feel == HURT:
                pain = done.pain or 0
                by_exercise.setdefault(done.exercise, []).append((entry.session.day, pain))
    known = {e.id: e.name for e in (*catalog.exercises, *catalog.variants)}
    found = [
        Hurt(exercise, known.get(exercise, exercise), len(times), max(p for _d, p in times),
             tuple(d for d, _p in times))
        for exercise, times in by_exercise.items()
    ]  # fmt: skip
    return sorted(found, key=lambda h: (-h.times, -h.worst, h.name))


def notes(
    catalog: Catalog, entries: Sequence[Entry], resumes: Sequence[Resume], first: date, day: date
) -> list[Note]:
    """The notes kept with the sessions, and with each return after a pause, by day."""
    found = [
        Note(e.session.day, e.session.notes,
             f"session {e.id}, {catalog.bands.name(e.session.band)} band")
        for e in entries if e.session.notes
    ]  # fmt: skip
    for resume in resumes:
        if first <= resume.day <= day:
            own = f" ({resume.exercise})" if resume.exercise else ""
            found.append(Note(resume.day, resume.note or "(no note)", f"cleared to return{own}"))
    return sorted(found, key=lambda n: n.day)
