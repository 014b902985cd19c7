"""The pieces every screen is built of: safe text, sections, lists, dosage phrases, and
the safety block. Text from content is always data: never markup, and control
characters are made visible (see textsafe)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backpain_cli.models import Catalog, Dosage, Exercise, Safety
from backpain_cli.textsafe import visible

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


def heading(text: str) -> Text:
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


# --- names and readings ---------------------------------------------------------


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
