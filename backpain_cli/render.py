"""Rich screens for people. Text from content is always data: never markup,
and control characters are made visible (see textsafe)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backpain_cli.models import Catalog, Dosage, Entry, Exercise, Safety
from backpain_cli.planner import SessionPlan
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from backpain_cli.journal import History
    from backpain_cli.progress import Advice

NARROW = 60  # below this width, tables become stacked blocks
PAIN_STYLES = {"green": "green", "amber": "yellow", "red": "red"}


def out(console: Console, *renderables: RenderableType) -> None:
    """Print screens, separated by a blank line."""
    for index, renderable in enumerate(renderables):
        if index:
            console.print()
        console.print(renderable)


def safe_text(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _title(text: str) -> Text:
    return safe_text(text, "bold")


def section(title: str, body: RenderableType) -> Group:
    return Group(safe_text(title, "bold cyan"), Padding(body, (0, 0, 0, 2), expand=False))


def bullets(lines: Iterable[str], numbered: bool = False) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim" if not numbered else "bold")
    grid.add_column(overflow="fold")
    for index, line in enumerate(lines, 1):
        grid.add_row(f"{index}." if numbered else "•", safe_text(line))
    return grid


def duration(seconds: int) -> str:
    """A rough, friendly length of time."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def sides(exercise: Exercise) -> str:
    """ "each side", "each side, alternating" or "" for an exercise done both ways."""
    if exercise.alternating:
        return "each side, alternating"
    return "each side" if exercise.each_side else ""


def dose(dosage: Dosage, exercise: Exercise) -> str:
    return f"{dosage.sets} x {dosage.reps}" + (" each side" if exercise.each_side else "")


def hold(dosage: Dosage) -> str:
    return f"{dosage.hold_seconds} s at the top" if dosage.hold_seconds else "-"


def equipment(exercise: Exercise) -> str:
    text = exercise.equipment.describe()
    return text[:1].upper() + text[1:]


# --- safety, shown wherever a person is about to exercise -------------------------


def disclaimer_panel(safety: Safety) -> Panel:
    return Panel(
        safe_text(safety.disclaimer), title="Disclaimer", title_align="left", border_style="yellow"
    )


def pain_guide(safety: Safety) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for level in safety.pain_guide:
        style = PAIN_STYLES.get(level.colour.lower(), "")
        grid.add_row(
            f"{level.low}-{level.high}",
            safe_text(level.colour, f"bold {style}"),
            safe_text(level.meaning),
        )
    return grid


def red_flags(safety: Safety) -> Group:
    parts: list[RenderableType] = []
    for group in safety.red_flags:
        parts.append(safe_text(f"{group.level.capitalize()}: {group.action}:", "bold red"))
        parts.append(Padding(bullets(group.signs), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def safety_block(safety: Safety) -> Group:
    """Pain guide, stop rules, red flags and disclaimer: one block for every screen."""
    return Group(
        section("Pain during and after exercise (0-10)", pain_guide(safety)),
        Text(),
        section("When to stop", bullets(safety.stop_rules)),
        Text(),
        section("Stop and get medical help", red_flags(safety)),
        Text(),
        disclaimer_panel(safety),
    )


# --- screens ------------------------------------------------------------------


def exercise_list(catalog: Catalog, width: int) -> RenderableType:
    if width < NARROW:
        blocks: list[RenderableType] = [_title("Exercises")]
        for e in catalog.exercises:
            blocks.append(Text())
            blocks.append(
                Text.assemble(safe_text(e.name, "bold"), " ", safe_text(f"({e.id})", "dim"))
            )
            facts = f"{e.area}; {e.equipment.describe()}" + (f"; {sides(e)}" if e.each_side else "")
            blocks.append(
                Padding(Group(safe_text(facts), safe_text(e.summary)), (0, 0, 0, 2), expand=False)
            )
        return Group(*blocks, Text(), safe_text("Details: backpain show ID", "dim"))
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        title="Exercises",
        title_justify="left",
        title_style="bold",
    )
    table.add_column("Exercise", overflow="fold")
    table.add_column("Area", overflow="fold")
    table.add_column("Equipment", overflow="fold")
    table.add_column("Each side", overflow="fold")
    table.add_column("Why", overflow="fold", ratio=1)
    for e in catalog.exercises:
        table.add_row(
            Text.assemble(safe_text(e.name, "bold"), "\n", safe_text(e.id, "dim")),
            safe_text(e.area),
            safe_text(equipment(e)),
            "alternating" if e.alternating else "yes" if e.each_side else "no",
            safe_text(e.summary),
        )
    return Group(table, Text(), safe_text("Details: backpain show ID", "dim"))


def exercise_detail(catalog: Catalog, e: Exercise) -> RenderableType:
    header = Text.assemble(
        safe_text(e.name, "bold"),
        " ",
        safe_text(f"({e.id})", "dim"),
        ": ",
        safe_text(e.area, "cyan"),
    )
    parts: list[RenderableType] = [header]
    if e.aliases:
        parts.append(safe_text("Also called: " + ", ".join(e.aliases), "dim"))
    parts += [
        Text(),
        section("Why it helps", safe_text(e.why)),
        Text(),
        section("Equipment", safe_text(equipment(e))),
        Text(),
        section("Steps", bullets(e.steps, numbered=True)),
    ]
    for title, lines in (
        ("Cues", e.cues),
        ("Common mistakes", e.mistakes),
        ("Easier", e.easier),
        ("Harder", e.harder),
    ):
        if lines:
            parts += [Text(), section(title, bullets(lines))]
    doses = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("Band", "Sets x reps", "Hold", "Rest"):
        doses.add_column(column, overflow="fold")
    for band, d in catalog.dosage_by_band(e.id):
        doses.add_row(safe_text(band.name), dose(d, e), hold(d), f"{d.rest_seconds} s")
    if doses.row_count:
        parts += [Text(), section("How much, for each band", doses)]
    sources = [s.title + (f" ({s.covers})" if s.covers else "") + (f" {s.url}" if s.url else "")
               for s in e.sources]  # fmt: skip
    parts += [Text(), section("Sources", bullets(sources)), Text(), safety_block(catalog.safety)]
    return Group(*parts)


def band_guide(catalog: Catalog) -> RenderableType:
    guide = catalog.bands
    levels = Table.grid(padding=(0, 1))
    levels.add_column(no_wrap=True, style="bold")
    levels.add_column(no_wrap=True)
    levels.add_column(overflow="fold")
    for index, band in enumerate(guide.levels, 1):
        levels.add_row(f"{index}.", safe_text(band.name, "bold"), safe_text(band.resistance))
    buy = guide.where_to_buy
    return Group(
        _title("Band levels, lightest first"),
        Padding(levels, (0, 0, 0, 2), expand=False),
        Text(),
        section(
            "Colours differ between makers",
            Group(safe_text(guide.colour_caution), safe_text(guide.stretch_note)),
        ),
        Text(),
        section("Choosing a band", safe_text(guide.choosing)),
        Text(),
        section("When to move up", safe_text(guide.moving_up)),
        Text(),
        section("Before each use", safe_text(guide.safety_check)),
        Text(),
        section("Where to get them", safe_text(buy.title + (f": {buy.url}" if buy.url else ""))),
    )


def session(catalog: Catalog, plan: SessionPlan, width: int) -> RenderableType:
    parts: list[RenderableType] = [
        _title(f"Session: {plan.band.name} band"),
        safe_text(plan.reason, "dim"),
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
            facts = [dose(d, e), f"rest {d.rest_seconds} s after each set", equipment(e)]
            if d.hold_seconds:
                facts.insert(1, f"hold {hold(d)}")
            parts.append(Padding(bullets(facts), (0, 0, 0, 3), expand=False))
    else:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("#", justify="right")
        table.add_column("Exercise", overflow="fold")
        table.add_column("Sets x reps", overflow="fold")
        table.add_column("Hold", overflow="fold")
        table.add_column("Rest", overflow="fold")
        for index, item in enumerate(plan.items, 1):
            d, e = item.dosage, item.exercise
            name = Text.assemble(safe_text(e.name, "bold"), "\n", safe_text(equipment(e), "dim"))
            table.add_row(str(index), name, dose(d, e), hold(d), f"{d.rest_seconds} s")
        parts.append(table)
    parts += [
        Text(),
        safe_text("How to do each one: backpain show ID", "dim"),
        Text(),
        section("Where these numbers come from", bullets(catalog.sessions.basis)),
        Text(),
        safety_block(catalog.safety),
    ]
    return Group(*parts)


def safety_screen(catalog: Catalog) -> RenderableType:
    return Group(_title("Safety"), Text(), safety_block(catalog.safety))


# --- the journal ------------------------------------------------------------------


def band_name(catalog: Catalog, band_id: str) -> str:
    """A band's name, or its id when the content no longer has it."""
    return next((b.name for b in catalog.bands.levels if b.id == band_id), band_id)


def exercise_name(catalog: Catalog, exercise_id: str) -> str:
    return next((e.name for e in catalog.exercises if e.id == exercise_id), exercise_id)


def pain_reading(catalog: Catalog, label: str, score: int) -> Text:
    """ "Pain after: 2 out of 10, green: Carry on." in the level's colour."""
    level = catalog.safety.pain_level(score)
    style = PAIN_STYLES.get(level.colour.lower(), "")
    return Text.assemble(
        f"{label}: {score} out of 10, ",
        safe_text(level.colour, f"bold {style}"),
        ": ",
        safe_text(level.meaning),
    )


def _pain(before: int | None, after: int | None) -> str:
    def shown(score: int | None) -> str:
        return "-" if score is None else str(score)

    return f"{shown(before)} -> {shown(after)}"


def _sets(entry: Entry) -> str:
    return f"{entry.session.sets_done}/{entry.session.sets_planned}"


def headline(catalog: Catalog, advice: Advice) -> str:
    band = band_name(catalog, advice.band)
    if advice.advice == "up":
        return f"Move up to {band}"
    if advice.advice == "down":
        if advice.band == advice.current:
            return f"Make it easier, staying with {band}"
        return f"Step down to {band}"
    if advice.advice == "see-professional":
        return "See a physiotherapist or doctor"
    return f"Stay with {band}"


def logged(catalog: Catalog, number: int, entry: Entry, advice: Advice) -> RenderableType:
    s = entry.session
    count = len(s.exercises)
    sets = "every set done" if s.all_sets_done else f"{_sets(entry)} sets, not the whole session"
    parts: list[RenderableType] = [
        safe_text(
            f"Logged session {number}: {s.day.isoformat()}, {band_name(catalog, s.band)} band, "
            f"{count} exercise{'s' if count != 1 else ''}, {sets}."
        )
    ]
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
    return Group(*parts)


def history(catalog: Catalog, found: History, width: int) -> RenderableType:
    from backpain_cli.progress import sparkline

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
        _title(f"Journal: {found.total} session{'s' if found.total != 1 else ''}{since}"),
        safe_text(f"Showing {which}, oldest first.", "dim"),
        Text(),
    ]
    if width < NARROW:
        for item in found.entries:
            s = item.session
            names = ", ".join(exercise_name(catalog, e.exercise) for e in s.exercises)
            title = f"{item.id}. {s.day.isoformat()} "
            parts.append(
                Text.assemble(
                    safe_text(title, "bold"), safe_text(band_name(catalog, s.band), "bold")
                )
            )
            lines = [f"{names}: {_sets(item)} sets", f"pain {_pain(s.pain_before, s.pain_after)}"]
            if s.notes:
                lines.append(s.notes)
            parts.append(Padding(bullets(lines), (0, 0, 0, 2), expand=False))
    else:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Date", no_wrap=True)
        table.add_column("Band", overflow="fold")
        table.add_column("Exercises", overflow="fold", ratio=2)
        table.add_column("Sets", no_wrap=True)
        table.add_column("Pain", no_wrap=True)
        table.add_column("Notes", overflow="fold", ratio=2)
        for item in found.entries:
            s = item.session
            names = ", ".join(exercise_name(catalog, e.exercise) for e in s.exercises)
            table.add_row(
                str(item.id),
                s.day.isoformat(),
                safe_text(band_name(catalog, s.band)),
                safe_text(names),
                _sets(item),
                _pain(s.pain_before, s.pain_after),
                safe_text(s.notes),
            )
        parts.append(table)
    target = found.weekly_target
    weeks = found.streak_weeks
    summary = Table.grid(padding=(0, 1))
    summary.add_column(no_wrap=True, style="bold")
    summary.add_column(overflow="fold")
    summary.add_row(
        "Streak",
        f"{weeks} week{'s' if weeks != 1 else ''} in a row with at least {target} sessions",
    )
    summary.add_row("This week", f"{found.this_week} of {target} sessions")
    summary.add_row(
        "Last 4 weeks",
        f"{found.last_four_weeks} of {found.four_week_target} sessions "
        f"({found.four_week_percent}%)",
    )
    trend = found.trend
    if trend.recent:
        first, last = trend.first_two_weeks, trend.last_two_weeks
        summary.add_row("Pain trend", f"{sparkline(trend.recent)}  (0 ▁ to 10 █, oldest first)")
        if first is not None and last is not None:
            summary.add_row(
                "Average pain", f"{first:.1f} in the first two weeks, {last:.1f} in the last two"
            )
        else:
            summary.add_row(
                "Average pain", "first and last two weeks compare once four weeks are logged"
            )
    parts += [Text(), summary]
    if shown < found.total:
        parts += [
            Text(),
            safe_text("Older sessions: --limit N or --since YYYY-MM-DD; everything: --csv.", "dim"),
        ]
    return Group(*parts)


def progress(catalog: Catalog, advice: Advice) -> RenderableType:
    rules = catalog.sessions.progress
    style = {"up": "green", "down": "yellow", "see-professional": "bold red"}.get(advice.advice, "")
    parts: list[RenderableType] = [
        Text.assemble(
            safe_text("Advice: ", "bold"), safe_text(headline(catalog, advice), f"bold {style}")
        ),
        safe_text(advice.reason),
    ]
    if advice.evidence:
        rows = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for column in ("#", "Date", "Band", "Sets", "Pain"):
            rows.add_column(column, no_wrap=True)
        for item in advice.evidence:
            s = item.session
            rows.add_row(
                str(item.id),
                s.day.isoformat(),
                safe_text(band_name(catalog, s.band)),
                _sets(item),
                _pain(s.pain_before, s.pain_after),
            )
        parts += [Text(), section("Sessions behind this advice", rows)]
    parts += [
        Text(),
        section(
            "The rules (from the content)",
            bullets(
                [
                    f"Move up after {rules.move_up_after_sessions} sessions in a row at one band "
                    f"with every set done and pain after {rules.move_up_max_pain_after} or less.",
                    f"Never move up after pain of {rules.step_down_min_pain_after} or more: step "
                    "down to a lighter band or an easier variant.",
                    f"See a professional when pain after is {rules.step_down_min_pain_after} or "
                    f"more {rules.see_professional_red_sessions} times within "
                    f"{rules.window_days} days, or pain does not improve over "
                    f"{rules.window_days} days.",
                    *rules.basis,
                ]
            ),
        ),
    ]
    if advice.advice in ("down", "see-professional"):
        parts += [Text(), section("Stop and get medical help", red_flags(catalog.safety))]
    parts += [Text(), disclaimer_panel(catalog.safety)]
    return Group(*parts)
