"""Today's screens: what today is (`backpain today`), the session it gives (`backpain
session`), and the screen of a day with no session (paused or stopped)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from backpain_cli.models import Catalog
from backpain_cli.planner import SessionPlan, prescribed_doses
from backpain_cli.render.widgets import (
    NARROW,
    Indented,
    bullets,
    disclaimer_panel,
    heading,
    plain_table,
    red_flags,
    safe_text,
    safety_block,
    section,
)
from backpain_cli.render.words import duration, equipment, hold
from backpain_cli.today import REST, SESSION, Today, headline, when


def session(catalog: Catalog, today: Today, width: int) -> RenderableType:
    """The session `backpain session` shows: today's (or, on a rest day, the next one's),
    under what today is; paused or stopped, no session, and why."""
    plan = today.session
    if plan is None:
        return state_screen(catalog, today)
    parts: list[RenderableType] = [heading(f"Session: {plan.band.name} band")]
    if today.state == REST:
        parts.append(safe_text(headline(catalog, today) + ".", "bold yellow"))
    if today.chosen:
        parts.append(safe_text(today.chosen, "bold yellow"))
    parts += [
        safe_text(plan.reason, "dim"),
        *_session_body(catalog, plan, width),
        Text(),
        safe_text("How to do each one: backpain show ID", "dim"),
        Text(),
        section("Where these numbers come from", bullets(numbers_from(catalog, plan))),
        Text(),
        safety_block(catalog.safety),
    ]
    return Group(*parts)


def numbers_from(catalog: Catalog, plan: SessionPlan) -> list[str]:
    """Where the session's numbers come from: the doses a prescription sets first (said to
    be the prescriber's), then the content's sources."""
    return [*prescribed_doses(catalog, plan), *catalog.sessions.basis]


def _session_body(catalog: Catalog, plan: SessionPlan, width: int) -> list[RenderableType]:
    """How often and how long, each exercise's dose, what to do instead, and the notes."""
    parts: list[RenderableType] = [
        safe_text(
            f"{plan.sessions_per_week} sessions a week; each takes {duration(plan.total_seconds)} "
            f"(lift {plan.tempo.lift_seconds} s, lower {plan.tempo.lower_seconds} s, "
            "plus the rests)."
        ),
        Text(),
    ]
    if width < NARROW:
        for index, item in enumerate(plan.items, 1):
            d, e = item.dosage, item.exercise
            parts.append(
                Text.assemble(
                    f"{index}. ", safe_text(e.name, "bold"), " ", safe_text(f"({e.id})", "dim")
                )
            )
            facts = [e.dose(d), f"rest {d.rest_seconds} s after each set", equipment(e)]
            if d.hold_seconds:
                facts.insert(1, f"hold {hold(d)}")
            parts.append(Indented(bullets(facts), 3))
    else:
        grid = plain_table("#", "Exercise", "Sets x reps", "Hold", "Rest")
        grid.columns[0].justify = "right"
        for index, item in enumerate(plan.items, 1):
            d, e = item.dosage, item.exercise
            name = Text.assemble(safe_text(e.name, "bold"), "\n", safe_text(equipment(e), "dim"))
            grid.add_row(str(index), name, e.dose(d), hold(d), f"{d.rest_seconds} s")
        parts.append(grid)
    changed = [f"{i.exercise.name}: {i.variant}" for i in plan.items if i.variant]
    if changed:
        parts += [Text(), section("Do these instead", bullets(changed))]
    notes = [f"{i.exercise.name}: {i.exercise.note}" for i in plan.items if i.exercise.note]
    if catalog.sessions.note or notes:
        routine = [catalog.sessions.note] if catalog.sessions.note else []
        parts += [Text(), section("Notes for you", bullets([*routine, *notes]))]
    return parts


def today_screen(catalog: Catalog, today: Today, width: int) -> RenderableType:
    """`backpain today`: what today is, why, and the session it gives."""
    plan = today.session
    if plan is None:
        return state_screen(catalog, today)
    style = "bold" if today.state == SESSION else "bold yellow"
    parts: list[RenderableType] = [
        safe_text(f"{when(today.day)}. {headline(catalog, today)}.", style),
        Indented(bullets(today.reasons)),
        Text(),
    ]
    if today.state == REST:
        parts.append(heading(f"The next session: {plan.band.name} band"))
    parts += _session_body(catalog, plan, width)
    start = "Start it, guided: backpain session --guided (add --voice to hear it)"
    if today.state == REST:
        start = "On its day: backpain session --guided"
    parts += [Text(), safe_text(start, "dim"), Text(), safety_block(catalog.safety)]
    return Group(*parts)


def state_screen(catalog: Catalog, today: Today) -> RenderableType:
    """Paused or stopped: no session; why, what ends it, the red flags and the disclaimer."""
    return _stopped(catalog, f"{headline(catalog, today)}.", today.reasons)


def stopped_screen(catalog: Catalog, reason: str) -> RenderableType:
    """A session ended by pain during it (today.stopped_during): why, the red flags and
    the disclaimer."""
    head, _, why = reason.partition(". ")
    return _stopped(catalog, f"{head}.", (why,))


def _stopped(catalog: Catalog, head: str, reasons: Sequence[str]) -> RenderableType:
    return Group(
        safe_text(head, "bold red"),
        Indented(bullets(reasons)),
        Text(),
        section("Stop and get medical help", red_flags(catalog.safety)),
        Text(),
        disclaimer_panel(catalog.safety),
    )
