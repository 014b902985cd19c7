"""Tables and pictures drawn without rich's table machinery: the same page rich's
Table and table grid draw."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Group, JustifyMethod
from rich.table import Table
from rich.text import Text

from backpain_cli.content.load import load
from backpain_cli.figures.raster import BRAILLE
from backpain_cli.render.figure import GAP, Picture, figure_block
from backpain_cli.render.tables import PlainTable
from backpain_cli.render.widgets import safe_text

from .conftest import CONTENT
from .test_rows import drawn

WORDS = st.sampled_from(
    ["a", "bb", "knees", "90-degree", "x" * 30, "日本語", "ü", "(band)", "60 s", "y" * 70]
)
CELL = st.lists(WORDS, max_size=8).map(" ".join)
HEADERS = st.sampled_from(["#", "Band", "Sets x reps", "Hold", "Exercise", "Each side", "Why"])


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.data(),
    width=st.integers(min_value=20, max_value=140),
    colour=st.booleans(),
    pad_edge=st.booleans(),
    title=st.booleans(),
    right=st.booleans(),
)
def test_a_plain_table_draws_what_rich_draws(
    data: st.DataObject, width: int, colour: bool, pad_edge: bool, title: bool, right: bool
) -> None:
    count = data.draw(st.integers(1, 5))
    headers = data.draw(st.lists(HEADERS, min_size=count, max_size=count))
    cells = st.tuples(CELL, st.booleans(), CELL)
    rows = data.draw(st.lists(st.lists(cells, min_size=count, max_size=count), max_size=4))
    named = "Exercises" if title else None
    theirs = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=pad_edge, title=named,
        title_justify="left", title_style="bold",
    )  # fmt: skip
    ours = PlainTable(headers, title=named, pad_edge=pad_edge, right=[0] if right else [])
    for index, header in enumerate(headers):
        justify: JustifyMethod = "right" if right and not index else "left"
        theirs.add_column(header, overflow="fold", justify=justify)
    for row in rows:
        texts = [
            Text.assemble((first, "bold"), "\n" if apart else " ", (second, "dim"))
            if second
            else Text(first)
            for first, apart, second in row
        ]
        theirs.add_row(*(text.copy() for text in texts))
        ours.add_row(*(text.copy() for text in texts))
    # Where a column is narrower than a wide character, rich crops the character away;
    # ours shows it. Every other page is the same.
    widths = ours.widths(width - 2)  # drawn() sets the page two columns in
    assume(all(size - sum(ours._padding(i)) >= 2 for i, size in enumerate(widths)))
    assert drawn(ours, width, colour) == drawn(theirs, width, colour)


def test_pictures_side_by_side_are_what_a_table_grid_draws() -> None:
    catalog = load(CONTENT)
    for exercise in catalog.exercises:
        figure = exercise.figure
        assert figure is not None
        for width in (56, 80, 100, 140):
            ours = figure_block(figure, width, BRAILLE)
            columns = min((width - GAP) // 2, 46)
            grid = Table.grid(padding=(0, GAP, 0, 0))
            for _ in figure.poses:
                grid.add_column(width=columns, no_wrap=False)
            grid.add_row(
                *(
                    Group(
                        Picture(figure, pose, columns, BRAILLE, arrow=pose is figure.poses[-1]),
                        safe_text(pose.caption, "italic"),
                    )
                    for pose in figure.poses
                )
            )
            assert len(figure.poses) == 2
            assert drawn(ours, width, True) == drawn(grid, width, True)
