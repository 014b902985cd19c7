"""The journal's screens: a session just logged, the history and the progress advice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from backpain_cli.history import History, sparkline
from backpain_cli.models import Catalog
from backpain_cli.programme import summary
from backpain_cli.progress import DOWN, SEE_PROFESSIONAL, UP, Advice
from backpain_cli.records import Entry
from backpain_cli.render.data import session_fields
from backpain_cli.render.widgets import (
    NARROW,
    Indented,
    aligned,
    bullets,
    disclaimer_panel,
    exercise_name,
    heading,
    pain_reading,
    plain_table,
    red_flags,
    safe_text,
    section,
)
from backpain_cli.today import PAUSED, Today, pause_ends, when
from backpain_cli.today import headline as today_headline

if TYPE_CHECKING:
    from backpain_cli.charts import PainChart
    from backpain_cli.outcomes import Outcome


def _pain(before: int | None, after: int | None) -> str:
    """ "4 -> 2": pain before and after, "-" for one not recorded."""

    def shown(score: int | None) -> str:
        return "-" if score is None else str(score)

    return f"{shown(before)} -> {shown(after)}"


def _cells(catalog: Catalog, item: Entry) -> dict[str, str]:
    """A session's cells in the journal's tables, by column, from its one set of fields."""
    f = session_fields(item)
    started = item.session.exercises_started
    early = f" ({f['sets_partial']} ended early)" if f["sets_partial"] else ""
    made_easier = f"Made easier: {f['adjustment']}." if f["adjustment"] else ""
    return {
        "#": str(f["id"]),
        "Date": f["date"],
        "Band": catalog.bands.name(f["band"]),
        "Exercises": ", ".join(exercise_name(catalog, e.exercise) for e in started),
        "Sets": f"{f['sets_done']}/{f['sets_planned']}{early}",
        "Pain": _pain(f["pain_before"], f["pain_after"]),
        "Notes": " ".join(text for text in (made_easier, f["notes"]) if text),
    }


def _session_list(catalog: Catalog, entries: Iterable[Entry]) -> list[RenderableType]:
    """Sessions as stacked blocks, for a narrow terminal: nothing cut, nothing folded."""
    parts: list[RenderableType] = []
    for item in entries:
        cells = _cells(catalog, item)
        parts.append(
            Text.assemble(
                safe_text(f"{cells['#']}. {cells['Date']} ", "bold"),
                safe_text(cells["Band"], "bold"),
            )
        )
        lines = [f"{cells['Exercises']}: {cells['Sets']} sets", f"pain {cells['Pain']}"]
        if cells["Notes"]:
            lines.append(cells["Notes"])
        parts.append(Indented(bullets(lines)))
    return parts


def _session_table(catalog: Catalog, entries: Iterable[Entry], columns: dict[str, dict[str, Any]],
                   **options: Any) -> Table:  # fmt: skip
    """A table of sessions with ``columns`` (name: rich column options)."""
    grid = plain_table(**options)
    for name, settings in columns.items():
        grid.add_column(name, **settings)
    for item in entries:
        cells = _cells(catalog, item)
        grid.add_row(*(safe_text(cells[name]) for name in columns))
    return grid


def headline(catalog: Catalog, advice: Advice) -> str:
    band = catalog.bands.name(advice.band)
    if advice.advice == UP:
        return f"Move up to {band}"
    if advice.advice == DOWN:
        if advice.band == advice.current:
            return f"Make it easier, staying with {band}"
        return f"Step down to {band}"
    if advice.advice == SEE_PROFESSIONAL:
        return "See a physiotherapist or doctor"
    return f"Stay with {band}"


def logged(catalog: Catalog, number: int, entry: Entry, today: Today) -> RenderableType:
    """A session just logged: what was kept, its pain on the traffic light, and what
    comes next as today's decision now says."""
    advice = today.advice
    s = entry.session
    count = len(s.exercises_started)
    early = f" ({s.sets_partial} ended early)" if s.sets_partial else ""
    sets = (
        "every set done"
        if s.all_sets_done
        else f"{s.sets_done}/{s.sets_planned} sets{early}, not the whole session"
    )
    parts: list[RenderableType] = [
        safe_text(
            f"Logged session {number}: {s.day.isoformat()}, {catalog.bands.name(s.band)} band, "
            f"{count} exercise{'s' if count != 1 else ''}, {sets}."
        )
    ]
    if s.adjustment:
        parts.append(safe_text(f"Made easier: {s.adjustment}.", "yellow"))
    readings = [("Pain before", s.pain_before), ("Pain after", s.pain_after)]
    for label, score in readings:
        if score is not None:
            parts.append(pain_reading(catalog, label, score))
    if s.pain_after is None:
        parts.append(safe_text("Pain after was not recorded; advice on moving up needs it.", "dim"))
    if any(catalog.red_pain(score) for _, score in readings):
        parts.append(safe_text("Red flags and when to get help: backpain safety", "bold red"))
    parts += [
        Text(),
        Text.assemble(
            safe_text("Next: ", "bold"), safe_text(headline(catalog, advice) + ".", "bold")
        ),
        safe_text(advice.reason),
    ]
    if today.state == PAUSED and today.pause is not None:
        parts.append(safe_text(pause_ends(catalog, today.pause), "bold red"))
    elif today.next_day is not None:
        band = catalog.bands.name(today.band)
        parts.append(safe_text(f"Next session: {when(today.next_day)}, {band} band.", "bold"))
    return Group(*parts)


def history(
    catalog: Catalog,
    found: History,
    width: int,
    today: Today,
    chart: PainChart | None = None,
    drawn: bool = False,
    braille: bool = True,
) -> RenderableType:
    """Today's line and where the plan stands on top; then the sessions, streak,
    adherence and pain trend, and the chart of pain before and after (drawn in a
    terminal, a plain table in a pipe)."""
    top = [safe_text(f"{today_headline(catalog, today)}.", "bold")]
    if today.standing is not None and catalog.programme is not None:
        top.append(safe_text(f"Your plan: {summary(catalog.programme, today.standing)}"))
    parts: list[RenderableType] = [*top, Text(), _history(catalog, found, width)]
    if chart is not None:
        from backpain_cli.render import charts

        shown = charts.pain_chart(chart, width, braille) if drawn else charts.pain_table(chart)
        parts += [Text(), shown]
    return Group(*parts)


def _history(catalog: Catalog, found: History, width: int) -> RenderableType:
    if not found.total:
        when = f" since {found.since.isoformat()}" if found.since else ""
        return Group(
            safe_text(f"No sessions in the journal{when} yet."),
            safe_text(
                "Log one after exercising: backpain log --pain-before 3 --pain-after 2", "dim"
            ),
        )
    shown = len(found.entries)
    which = "all" if shown == found.total else f"the last {shown}"
    since = f" since {found.since.isoformat()}" if found.since else ""
    parts: list[RenderableType] = [
        heading(f"Journal: {found.total} session{'s' if found.total != 1 else ''}{since}"),
        safe_text(f"Showing {which}, oldest first.", "dim"),
        Text(),
    ]
    if width < NARROW:
        parts += _session_list(catalog, found.entries)
    else:
        fixed: dict[str, Any] = {"no_wrap": True}
        wraps: dict[str, Any] = {"overflow": "fold"}
        columns = {
            "#": {"justify": "right", "no_wrap": True},
            "Date": fixed,
            "Band": wraps,
            "Exercises": {**wraps, "ratio": 2},
            "Sets": fixed,
            "Pain": fixed,
            "Notes": {**wraps, "ratio": 2},
        }
        parts.append(_session_table(catalog, found.entries, columns))
    target = found.weekly_target
    weeks = found.streak_weeks
    facts = [
        (
            "Streak",
            f"{weeks} week{'s' if weeks != 1 else ''} in a row with at least {target} sessions",
        ),
        ("This week", f"{found.this_week} of {target} sessions"),
        (
            "Last 4 weeks",
            f"{found.last_four_weeks} of {found.four_week_target} sessions "
            f"({found.four_week_percent}%)",
        ),
    ]
    trend = found.trend
    if trend.recent:
        first, last = trend.first_two_weeks, trend.last_two_weeks
        facts.append(("Pain trend", f"{sparkline(trend.recent)}  (0 ▁ to 10 █, oldest first)"))
        if first is not None and last is not None:
            compared = f"{first:.1f} in the first two weeks, {last:.1f} in the last two"
        else:
            compared = "first and last two weeks compare once four weeks are logged"
        facts.append(("Average pain", compared))
    summary = aligned([(Text(label, "bold"), safe_text(value)) for label, value in facts])
    parts += [Text(), summary]
    if shown < found.total:
        parts += [
            Text(),
            safe_text("Older sessions: --limit N or --since YYYY-MM-DD; everything: --csv.", "dim"),
        ]
    return Group(*parts)


def progress(
    catalog: Catalog,
    today: Today,
    width: int,
    outcomes: Sequence[Outcome] = (),
    drawn: bool = False,
    braille: bool = True,
) -> RenderableType:
    """The advice as today's band follows it, why, and the sessions behind it; then the
    check-ins' changes against their thresholds."""
    advice = today.advice
    rules = catalog.sessions.progress
    style = {UP: "green", DOWN: "yellow", SEE_PROFESSIONAL: "bold red"}.get(advice.advice, "")
    title = today_headline(catalog, today) if today.state == PAUSED else headline(catalog, advice)
    parts: list[RenderableType] = [
        Text.assemble(safe_text("Advice: ", "bold"), safe_text(title, f"bold {style}")),
        Indented(bullets(today.reasons)),
    ]
    if advice.evidence:
        rows: RenderableType
        if width < NARROW:
            rows = Group(*_session_list(catalog, advice.evidence))
        else:
            columns = {name: {"no_wrap": True} for name in ("#", "Date", "Band", "Sets", "Pain")}
            rows = _session_table(catalog, advice.evidence, columns, pad_edge=False)
        parts += [Text(), section("Sessions behind this advice", rows)]
    if outcomes:
        from backpain_cli.render.outcomes import outcomes_section

        parts += [Text(), outcomes_section(outcomes, width, drawn, braille)]
    parts += [
        Text(),
        section(
            "The rules (from the content)",
            bullets(
                [
                    f"Move up after {rules.move_up_after_sessions} sessions in a row at one band, "
                    f"each at least {rules.min_days_between} days after the one before, with "
                    f"every set done in full and pain after {rules.move_up_max_pain_after} or "
                    "less; a session made easier never counts.",
                    f"Never move up after pain of {rules.step_down_min_pain_after} or more: step "
                    "down to a lighter band or an easier variant.",
                    f"See a professional when pain after is {rules.step_down_min_pain_after} or "
                    f"more {rules.see_professional_red_sessions} times within "
                    f"{rules.window_days} days (and pause the programme until then), or pain "
                    f"does not improve over {rules.window_days} days. The pause lasts until "
                    "you record that a professional has cleared your return (`backpain "
                    "resume`).",
                    f"No session on a day when pain before it is {rules.severe_pain_before} "
                    "or more.",
                    f"After {rules.break_days} days or more without a session, never a move up "
                    "straight away: back at the band of your last session or a lighter one.",
                    *rules.basis,
                ]
            ),
        ),
    ]
    if advice.advice in (DOWN, SEE_PROFESSIONAL):
        parts += [Text(), section("Stop and get medical help", red_flags(catalog.safety))]
    parts += [Text(), disclaimer_panel(catalog.safety)]
    return Group(*parts)
