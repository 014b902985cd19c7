"""The plan over weeks on screen (a calendar), as data, and as an iCalendar file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from backpain_cli.models import WEEKDAY_NAMES, Catalog, Programme
from backpain_cli.planner import SessionPlan
from backpain_cli.programme import (
    DONE,
    HURT,
    MISSED,
    PARTIAL,
    PAUSED,
    PLANNED,
    TODAY,
    summary,
)
from backpain_cli.records import PlanSettings, Standing, Week
from backpain_cli.render.widgets import NARROW, bullets, heading, plain_table, safe_text, section
from backpain_cli.render.words import red_flag_heading
from backpain_cli.today import REST, SESSION, Today, headline

MARKS = {DONE: ("✓", "green"), HURT: ("!", "bold red"), PARTIAL: ("◐", "yellow"),
         MISSED: ("✗", "red"), PAUSED: ("‖", "magenta"), TODAY: ("▶", "bold reverse"),
         PLANNED: ("·", "dim")}  # fmt: skip
KEY = (
    "✓ done   ! done, pain after in the red   ◐ partly done   ✗ missed   ‖ paused   "
    "▶ today   · to come"
)


def _phase_name(programme: Programme, catalog: Catalog, index: int) -> str:
    phase = programme.phases[index]
    return f"{phase.name} ({catalog.bands.get(phase.band).name})"


class Shown(NamedTuple):
    """A plan as a command shows it."""

    catalog: Catalog
    programme: Programme
    plan: PlanSettings
    today: Today  # with the plan's standing and weeks
    kept: bool  # whether it is kept with the journal, or only a preview

    @property
    def standing(self) -> Standing:
        assert self.today.standing is not None
        return self.today.standing


def screen(shown: Shown, width: int) -> RenderableType:
    catalog, programme, plan, today, kept = shown
    standing, weeks = shown.standing, today.weeks
    days = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.days)
    style = {SESSION: "bold", REST: "bold"}.get(today.state, "bold red")
    parts: list[RenderableType] = [
        heading(f"Your plan: {len(plan.days)} days a week ({days}) from {plan.start:%a %d %b %Y}"),
        safe_text(summary(programme, standing), "bold"),
        safe_text(f"{headline(catalog, today)}.", style),
    ]
    rx = catalog.prescription
    if rx is not None and rx.start is not None:
        who = f" ({rx.clinician})" if rx.clinician else ""
        parts.append(safe_text(f"Its start and days are your prescription's{who}.", "dim"))
    elif not kept:
        parts.append(
            safe_text("Not kept yet: give --start DAY (such as --start today) to keep it.", "dim")
        )
    parts += [Text(), bullets(r for r in today.reasons if not r.startswith("Your plan: "))]
    if standing.stepped_back:
        parts.append(
            safe_text(
                f"Stepped back {standing.stepped_back} time(s) after "
                f"{programme.step_back_after_poor_sessions} poor sessions in a row.",
                "yellow",
            )
        )
    parts.append(Text())
    if width < NARROW:
        parts.append(_list(catalog, programme, weeks))
    else:
        parts.append(_table(catalog, programme, weeks))
    parts += [
        safe_text(KEY, "dim"),
        Text(),
        section("Where these rules come from", bullets(programme.basis)),
    ]
    return Group(*parts)


def _mark(status: str) -> Text:
    mark, style = MARKS[status]
    return Text(mark, style)


def _table(catalog: Catalog, programme: Programme, weeks: tuple[Week, ...]) -> Table:
    table = plain_table(pad_edge=False)
    table.add_column("Week", no_wrap=True)
    for name in WEEKDAY_NAMES:
        table.add_column(name.capitalize(), justify="center", no_wrap=True)
    table.add_column("Phase", overflow="fold")
    for week in weeks:
        cells: list[Text | str] = [""] * 7
        for day in week.days:
            cells[day.day.weekday()] = _mark(day.status)
        phase = _phase_name(programme, catalog, week.phase)
        if week.checkpoint:
            phase += ", checkpoint"
        style = "dim" if week.projected and week.days and all(
            d.status == PLANNED for d in week.days) else ""  # fmt: skip
        table.add_row(
            Text(f"{week.number:>2}  {week.monday:%d %b}", style), *cells, safe_text(phase, style)
        )
    return table


def _list(catalog: Catalog, programme: Programme, weeks: tuple[Week, ...]) -> Group:
    lines: list[RenderableType] = []
    shown = None
    for week in weeks:
        if week.phase != shown:
            shown = week.phase
            lines.append(safe_text(_phase_name(programme, catalog, week.phase), "bold"))
        line = Text(f"  {week.number:>2} {week.monday:%d %b} ")
        for day in week.days:
            line.append(f" {WEEKDAY_NAMES[day.day.weekday()].capitalize()} ")
            line.append_text(_mark(day.status))
        lines.append(line)
        if week.checkpoint:  # a line of its own: a week of five days fills 40 columns
            lines.append(Text("      checkpoint at the end of the week", "dim"))
    return Group(*lines)


def data(shown: Shown) -> dict[str, Any]:
    catalog, programme, plan, today, kept = shown
    standing, weeks = shown.standing, today.weeks
    from backpain_cli.render.data import VERSION, today_fields

    return {
        "version": VERSION,
        "kept": kept,
        "start": plan.start.isoformat(),
        "days": [WEEKDAY_NAMES[d] for d in plan.days],
        "weeks": standing.weeks,
        "week": standing.week,
        "phase": standing.phase + 1,
        "band": today.band,
        "sessions_this_week": standing.sessions_this_week,
        "sessions_per_week": standing.per_week,
        "stepped_back": standing.stepped_back,
        "summary": summary(programme, standing),
        "advice": {"advice": today.advice.advice, "reason": today.advice.reason},
        "today": today_fields(catalog, today),
        "phases": [
            {"name": p.name, "weeks": p.weeks, "band": p.band, "variants": dict(p.variants)}
            for p in programme.phases
        ],
        "calendar": [
            {
                "week": w.number,
                "monday": w.monday.isoformat(),
                "phase": w.phase + 1,
                "checkpoint": w.checkpoint,
                "projected": w.projected,
                "sessions": w.sessions,
                "days": [{"date": d.day.isoformat(), "status": d.status} for d in w.days],
            }
            for w in weeks
        ],
        "basis": list(programme.basis),
        "disclaimer": catalog.safety.disclaimer,
    }


def calendar(
    catalog: Catalog,
    programme: Programme,
    plan: PlanSettings,
    today: Today,
    at: time | None,
    remind: timedelta | None,
    stamp: datetime,
) -> bytes:
    """One event for each planned session from today's decision on (none while the
    programme is paused or stopped), each with a UID that stays the same for the same
    plan and day, so that importing again updates rather than duplicates.

    The current phase's sessions are today's (its band may be lighter than the
    phase's, after red pain or a break); later phases are as the plan goes if all
    goes well."""
    from icalendar import Alarm, Calendar, Event

    from backpain_cli.escaping import ics_text
    from backpain_cli.planner import harder, plan_session

    cal = Calendar()
    cal.add("prodid", "-//backpain//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "backpain")
    if today.session is None:  # paused or stopped: nothing is scheduled
        return bytes(cal.to_ical())
    first = today.next_day or today.day
    current = today.standing.phase if today.standing else 0
    safety = _safety_words(catalog)
    sessions: dict[int, SessionPlan] = {current: today.session}
    for week in today.weeks:
        phase = programme.phases[week.phase]
        if week.phase not in sessions:
            sessions[week.phase] = harder(
                catalog, plan_session(catalog, phase.band), phase.variants
            )
        session = sessions[week.phase]
        for day in week.days:
            if day.day < first:
                continue
            event = Event()
            event.add("uid", f"{plan.start.isoformat()}-{day.day.isoformat()}@backpain")
            event.add("dtstamp", stamp)
            event.add("summary", ics_text(f"Back exercises: {phase.name}"))
            event.add("description", ics_text(_described(session, phase.name, week.number, safety)))
            if at is None:
                event.add("dtstart", day.day)
                event.add("dtend", day.day + timedelta(days=1))
            else:
                begins = datetime.combine(day.day, at)  # floating: the user's own time
                event.add("dtstart", begins)
                event.add("dtend", begins + timedelta(minutes=30))
                if remind is not None:
                    alarm = Alarm()
                    alarm.add("action", "DISPLAY")
                    alarm.add("description", ics_text(f"Back exercises: {phase.name}"))
                    alarm.add("trigger", -remind)
                    event.add_component(alarm)
            cal.add_component(event)
    return bytes(cal.to_ical())


def _described(session: SessionPlan, phase: str, week: int, safety: list[str]) -> str:
    """An event's description: the phase, band and week, each exercise's dose, and what
    to do if it hurts, in words (text from content is never a template)."""
    from backpain_cli.render.words import dosage_line

    lines = []
    for item in session.items:
        line = dosage_line(item.exercise, item.dosage, session.band.name, session.tempo)
        if item.variant:
            line += f"; {item.variant[:1].lower()}{item.variant[1:]}"
        lines.append(f"{item.exercise.name}: {line}")
    head = f"{phase}, {session.band.name} band. Week " + str(week) + "."
    return "\n".join([head, "", *lines, "", *safety])


def _safety_words(catalog: Catalog) -> list[str]:
    """The disclaimer, when to stop and the red flags, in words, for a calendar event."""
    safety = catalog.safety
    lines = [safety.short, *safety.stop_rules]
    for group in safety.red_flags:
        lines.append(f"{red_flag_heading(group)} " + "; ".join(group.signs) + ".")
    return lines
