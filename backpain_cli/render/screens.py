"""The screens of the guide: the exercise list, one exercise, the bands, a session and
the safety page."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from backpain_cli.models import Catalog, Exercise
from backpain_cli.render.widgets import (
    NARROW,
    Indented,
    Rows,
    aligned,
    bullet_rows,
    bullets,
    heading,
    plain_table,
    safe_text,
    safety_block,
    section,
)
from backpain_cli.render.words import equipment, hold, sides, variant_of, ways

#: Above this many exercises, `list` gives one wrapped line each instead of a table.
LONG_LIST = 30


def _facts(e: Exercise) -> str:
    """ "glutes; band just above the knees; each side" """
    return f"{e.area}; {e.equipment.describe()}" + (f"; {sides(e)}" if e.each_side else "")


def exercise_list(catalog: Catalog, width: int) -> RenderableType:
    details = safe_text("Details: backpain show ID", "dim")
    if len(catalog.exercises) > LONG_LIST:  # a table of hundreds of rows is slow to draw
        lines = [
            Text.assemble(
                safe_text(e.name, "bold"),
                " ",
                safe_text(f"({e.id})", "dim"),
                ": ",
                safe_text(f"{_facts(e)}. {e.summary}"),
            )
            for e in catalog.exercises
        ]
        count = f"{len(lines):,}"
        return Group(heading(f"Exercises ({count})"), Rows(bullet_rows(lines)), Text(), details)
    if width < NARROW:
        blocks: list[RenderableType] = [heading("Exercises")]
        for e in catalog.exercises:
            blocks.append(Text())
            blocks.append(
                Text.assemble(safe_text(e.name, "bold"), " ", safe_text(f"({e.id})", "dim"))
            )
            blocks.append(Indented(Group(safe_text(_facts(e)), safe_text(e.summary))))
        return Group(*blocks, Text(), details)
    grid = plain_table(
        "Exercise", "Area", "Equipment", "Each side", "Why",
        title="Exercises", title_justify="left", title_style="bold",
    )  # fmt: skip
    for e in catalog.exercises:
        grid.add_row(
            Text.assemble(safe_text(e.name, "bold"), "\n", safe_text(e.id, "dim")),
            safe_text(e.area),
            safe_text(equipment(e)),
            "alternating" if e.alternating else "yes" if e.each_side else "no",
            safe_text(e.summary),
        )
    return Group(grid, Text(), details)


def exercise_detail(
    catalog: Catalog, e: Exercise, width: int, figure: bool = True
) -> RenderableType:
    """The whole guide to one exercise; ``figure`` draws its positions at the top (see
    render.figure for how)."""
    header = Text.assemble(
        safe_text(e.name, "bold"),
        " ",
        safe_text(f"({e.id})", "dim"),
        ": ",
        safe_text(e.area, "cyan"),
    )
    parts: list[RenderableType] = [header]
    if e.parent is not None:
        parent = f" (backpain show {e.parent})"
        parts.append(safe_text(variant_of(catalog, e) + parent, "bold"))
    if e.aliases:
        parts.append(safe_text("Also called: " + ", ".join(e.aliases), "dim"))
    if e.note:
        parts += [Text(), section("Note for you", safe_text(e.note, "bold"))]
    if figure and e.figure:
        from backpain_cli.render.figure import figure_block

        parts += [Text(), figure_block(e.figure, width)]
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
        ("Easier", ways(catalog, e, "easier")),
        ("Harder", ways(catalog, e, "harder")),
    ):
        if lines:
            parts += [Text(), section(title, bullets(lines))]
    doses = plain_table("Band", "Sets x reps", "Hold", "Rest", pad_edge=False)
    for band, d in catalog.dosage_by_band(e.id):
        doses.add_row(safe_text(band.name), e.dose(d), hold(d), f"{d.rest_seconds} s")
    if doses.row_count:
        parts += [Text(), section("How much, for each band", doses)]
    sources = [s.title + (f" ({s.covers})" if s.covers else "") + (f" {s.url}" if s.url else "")
               for s in e.sources]  # fmt: skip
    parts += [Text(), section("Sources", bullets(sources)), Text(), safety_block(catalog.safety)]
    return Group(*parts)


def band_guide(catalog: Catalog) -> RenderableType:
    guide = catalog.bands
    levels = aligned(
        [
            (Text(f"{index}.", "bold"), safe_text(band.name, "bold"), safe_text(band.resistance))
            for index, band in enumerate(guide.levels, 1)
        ]
    )
    buy = guide.where_to_buy
    return Group(
        heading("Band levels, lightest first"),
        Indented(levels),
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


def safety_screen(catalog: Catalog) -> RenderableType:
    return Group(heading("Safety"), Text(), safety_block(catalog.safety))
