"""Rich screens for people. Text from content is always data: never markup,
and control characters are made visible (see textsafe)."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backpain_cli.models import Catalog, Dosage, Exercise, Safety
from backpain_cli.planner import SessionPlan
from backpain_cli.textsafe import visible

NARROW = 60  # below this width, tables become stacked blocks
PAIN_STYLES = {"green": "green", "amber": "yellow", "red": "red"}


def out(console: Console, *renderables: RenderableType) -> None:
    """Print screens, separated by a blank line."""
    for index, renderable in enumerate(renderables):
        if index:
            console.print()
        console.print(renderable)


def _t(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _title(text: str) -> Text:
    return _t(text, "bold")


def _section(title: str, body: RenderableType) -> Group:
    return Group(_t(title, "bold cyan"), Padding(body, (0, 0, 0, 2), expand=False))


def _items(lines: Iterable[str], numbered: bool = False) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim" if not numbered else "bold")
    grid.add_column(overflow="fold")
    for index, line in enumerate(lines, 1):
        grid.add_row(f"{index}." if numbered else "•", _t(line))
    return grid


def duration(seconds: int) -> str:
    """A rough, friendly length of time."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def dose(dosage: Dosage, each_side: bool) -> str:
    return f"{dosage.sets} x {dosage.reps}" + (" each side" if each_side else "")


def hold(dosage: Dosage) -> str:
    return f"{dosage.hold_seconds} s at the top" if dosage.hold_seconds else "-"


def equipment(exercise: Exercise) -> str:
    text = exercise.equipment.describe()
    return text[:1].upper() + text[1:]


# --- safety, shown wherever a person is about to exercise -------------------------


def disclaimer_panel(safety: Safety) -> Panel:
    return Panel(
        _t(safety.disclaimer), title="Disclaimer", title_align="left", border_style="yellow"
    )


def pain_guide(safety: Safety) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for level in safety.pain_guide:
        style = PAIN_STYLES.get(level.colour.lower(), "")
        grid.add_row(
            f"{level.low}-{level.high}", _t(level.colour, f"bold {style}"), _t(level.meaning)
        )
    return grid


def red_flags(safety: Safety) -> Group:
    parts: list[RenderableType] = []
    for group in safety.red_flags:
        parts.append(_t(f"{group.level.capitalize()}: {group.action}:", "bold red"))
        parts.append(Padding(_items(group.signs), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def safety_block(safety: Safety) -> Group:
    """Pain guide, stop rules, red flags and disclaimer: one block for every screen."""
    return Group(
        _section("Pain during and after exercise (0-10)", pain_guide(safety)),
        Text(),
        _section("When to stop", _items(safety.stop_rules)),
        Text(),
        _section("Stop and get medical help", red_flags(safety)),
        Text(),
        disclaimer_panel(safety),
    )


# --- screens ------------------------------------------------------------------


def exercise_list(catalog: Catalog, width: int) -> RenderableType:
    if width < NARROW:
        blocks: list[RenderableType] = [_title("Exercises")]
        for e in catalog.exercises:
            blocks.append(Text())
            blocks.append(Text.assemble(_t(e.name, "bold"), " ", _t(f"({e.id})", "dim")))
            facts = f"{e.area}; {e.equipment.describe()}" + ("; each side" if e.each_side else "")
            blocks.append(Padding(Group(_t(facts), _t(e.summary)), (0, 0, 0, 2), expand=False))
        return Group(*blocks, Text(), _t("Details: backpain show ID", "dim"))
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
            Text.assemble(_t(e.name, "bold"), "\n", _t(e.id, "dim")),
            _t(e.area),
            _t(equipment(e)),
            "yes" if e.each_side else "no",
            _t(e.summary),
        )
    return Group(table, Text(), _t("Details: backpain show ID", "dim"))


def exercise_detail(catalog: Catalog, e: Exercise) -> RenderableType:
    header = Text.assemble(
        _t(e.name, "bold"), " ", _t(f"({e.id})", "dim"), ": ", _t(e.area, "cyan")
    )
    parts: list[RenderableType] = [header]
    if e.aliases:
        parts.append(_t("Also called: " + ", ".join(e.aliases), "dim"))
    parts += [
        Text(),
        _section("Why it helps", _t(e.why)),
        Text(),
        _section("Equipment", _t(equipment(e))),
        Text(),
        _section("Steps", _items(e.steps, numbered=True)),
    ]
    for title, lines in (
        ("Cues", e.cues),
        ("Common mistakes", e.mistakes),
        ("Easier", e.easier),
        ("Harder", e.harder),
    ):
        if lines:
            parts += [Text(), _section(title, _items(lines))]
    doses = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("Band", "Sets x reps", "Hold", "Rest"):
        doses.add_column(column, overflow="fold")
    for band, d in catalog.dosage_by_band(e.id):
        doses.add_row(_t(band.name), dose(d, e.each_side), hold(d), f"{d.rest_seconds} s")
    if doses.row_count:
        parts += [Text(), _section("How much, for each band", doses)]
    sources = [s.title + (f" ({s.covers})" if s.covers else "") + (f" {s.url}" if s.url else "")
               for s in e.sources]  # fmt: skip
    parts += [Text(), _section("Sources", _items(sources)), Text(), safety_block(catalog.safety)]
    return Group(*parts)


def band_guide(catalog: Catalog) -> RenderableType:
    guide = catalog.bands
    levels = Table.grid(padding=(0, 1))
    levels.add_column(no_wrap=True, style="bold")
    levels.add_column(no_wrap=True)
    levels.add_column(overflow="fold")
    for index, band in enumerate(guide.levels, 1):
        levels.add_row(f"{index}.", _t(band.name, "bold"), _t(band.resistance))
    buy = guide.where_to_buy
    return Group(
        _title("Band levels, lightest first"),
        Padding(levels, (0, 0, 0, 2), expand=False),
        Text(),
        _section(
            "Colours differ between makers", Group(_t(guide.colour_caution), _t(guide.stretch_note))
        ),
        Text(),
        _section("Choosing a band", _t(guide.choosing)),
        Text(),
        _section("When to move up", _t(guide.moving_up)),
        Text(),
        _section("Before each use", _t(guide.safety_check)),
        Text(),
        _section("Where to get them", _t(buy.title + (f": {buy.url}" if buy.url else ""))),
    )


def session(catalog: Catalog, plan: SessionPlan, width: int) -> RenderableType:
    parts: list[RenderableType] = [
        _title(f"Session: {plan.band.name} band"),
        _t(plan.reason, "dim"),
        _t(
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
                Text.assemble(f"{index}. ", _t(e.name, "bold"), " ", _t(f"({e.id})", "dim"))
            )
            facts = [dose(d, e.each_side), f"rest {d.rest_seconds} s after each set", equipment(e)]
            if d.hold_seconds:
                facts.insert(1, f"hold {hold(d)}")
            parts.append(Padding(_items(facts), (0, 0, 0, 3), expand=False))
    else:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("#", justify="right")
        table.add_column("Exercise", overflow="fold")
        table.add_column("Sets x reps", overflow="fold")
        table.add_column("Hold", overflow="fold")
        table.add_column("Rest", overflow="fold")
        for index, item in enumerate(plan.items, 1):
            d, e = item.dosage, item.exercise
            name = Text.assemble(_t(e.name, "bold"), "\n", _t(equipment(e), "dim"))
            table.add_row(str(index), name, dose(d, e.each_side), hold(d), f"{d.rest_seconds} s")
        parts.append(table)
    parts += [
        Text(),
        _t("How to do each one: backpain show ID", "dim"),
        Text(),
        _section("Where these numbers come from", _items(catalog.sessions.basis)),
        Text(),
        safety_block(catalog.safety),
    ]
    return Group(*parts)


def safety_screen(catalog: Catalog) -> RenderableType:
    return Group(_title("Safety"), Text(), safety_block(catalog.safety))
