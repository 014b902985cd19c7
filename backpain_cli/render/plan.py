"""The plan over weeks on screen (a calendar), as data, and as an iCalendar file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any, NamedTuple

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from backpain_cli.models import WEEKDAY_NAMES, Catalog, PlanSettings, Programme
from backpain_cli.programme import (
    DONE,
    MISSED,
    PARTIAL,
    PLANNED,
    TODAY,
    Standing,
    Week,
    summary,
)
from backpain_cli.progress import SEE_PROFESSIONAL
from backpain_cli.render.widgets import NARROW, bullets, heading, safe_text, section

MARKS = {DONE: ("✓", "green"), PARTIAL: ("◐", "yellow"), MISSED: ("✗", "red"),
         TODAY: ("▶", "bold reverse"), PLANNED: ("·", "dim")}  # fmt: skip
KEY = "✓ done   ◐ partly done   ✗ missed   ▶ today   · to come"


def _phase_name(programme: Programme, catalog: Catalog, index: int) -> str:
    phase = programme.phases[index]
    return f"{phase.name} ({catalog.bands.get(phase.band).name})"


class Shown(NamedTuple):
    """A plan as a command shows it."""

    catalog: Catalog
    programme: Programme
    plan: PlanSettings
    standing: Standing
    weeks: tuple[Week, ...]
    kept: bool  # whether it is kept with the journal, or only a preview


def screen(shown: Shown, width: int) -> RenderableType:
    catalog, programme, plan, standing, weeks, kept = shown
    days = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.days)
    parts: list[RenderableType] = [
        heading(f"Your plan: {len(plan.days)} days a week ({days}) from {plan.start:%a %d %b %Y}"),
        safe_text(summary(programme, standing, catalog), "bold"),
    ]
    if not kept:
        parts.append(
            safe_text("Not kept yet: give --start DAY (such as --start today) to keep it.", "dim")
        )
    if standing.advice.advice == SEE_PROFESSIONAL:
        parts += [Text(), safe_text(standing.advice.reason, "bold red")]
    elif standing.band != programme.phases[standing.phase].band:
        parts += [Text(), safe_text(standing.advice.reason, "bold yellow")]
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
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
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
    catalog, programme, plan, standing, weeks, kept = shown
    from backpain_cli.render.data import VERSION

    return {
        "version": VERSION,
        "kept": kept,
        "start": plan.start.isoformat(),
        "days": [WEEKDAY_NAMES[d] for d in plan.days],
        "weeks": standing.weeks,
        "week": standing.week,
        "phase": standing.phase + 1,
        "band": standing.band,
        "sessions_this_week": standing.sessions_this_week,
        "sessions_per_week": standing.per_week,
        "stepped_back": standing.stepped_back,
        "summary": summary(programme, standing, catalog),
        "advice": {"advice": standing.advice.advice, "reason": standing.advice.reason},
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
    weeks: tuple[Week, ...],
    at: time | None,
    remind: timedelta | None,
    stamp: datetime,
) -> bytes:
    """One event for each planned session, each with a UID that stays the same for the
    same plan and day, so that importing again updates rather than duplicates."""
    from icalendar import Alarm, Calendar, Event

    from backpain_cli.planner import plan_session
    from backpain_cli.render.words import dosage_line

    cal = Calendar()
    cal.add("prodid", "-//backpain//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "backpain")
    plans: dict[int, str] = {}
    for week in weeks:
        phase = programme.phases[week.phase]
        if week.phase not in plans:
            session = plan_session(catalog, phase.band)
            variants = dict(phase.variants)
            lines = []
            for item in session.items:
                line = dosage_line(item.exercise, item.dosage, session.band.name, session.tempo)
                if item.exercise.id in variants:
                    line += f"; harder variant: {variants[item.exercise.id]}"
                lines.append(f"{item.exercise.name}: {line}")
            plans[week.phase] = "\n".join(
                [
                    f"{phase.name}, {session.band.name} band. Week {{week}}.",
                    "",
                    *lines,
                    "",
                    catalog.safety.short,
                    "Stop and get help: backpain safety",
                ]
            )
        for day in week.days:
            event = Event()
            event.add("uid", f"{plan.start.isoformat()}-{day.day.isoformat()}@backpain")
            event.add("dtstamp", stamp)
            event.add("summary", f"Back exercises: {phase.name}")
            event.add("description", plans[week.phase].replace("{week}", str(week.number)))
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
                    alarm.add("description", f"Back exercises: {phase.name}")
                    alarm.add("trigger", -remind)
                    event.add_component(alarm)
            cal.add_component(event)
    return bytes(cal.to_ical())
