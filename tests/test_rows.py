"""Lists drawn without tables: the same page a table grid draws, and long lists kept quick."""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from backpain_cli.render.screens import LONG_LIST
from backpain_cli.render.widgets import Rows

from .conftest import Invoke, another_exercise

WORDS = st.sampled_from(["a", "bb", "knees", "90-degree", "x" * 30, "日本語", "ü", "(band)"])
TEXT = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
MARKERS = st.sampled_from(["•", "1.", "10.", "0-3 Green", "Last 4 weeks"])


def drawn(renderable: object, width: int, colour: bool) -> str:
    """What a person reads: the page at ``width``, without colour codes or trailing spaces."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        no_color=not colour,
        markup=False,
        highlight=False,
    )
    console.print(Padding(renderable, (0, 0, 0, 2), expand=False))
    page = re.sub(r"\x1b\[[0-9;]*m", "", console.file.getvalue())  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in page.splitlines())


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.tuples(MARKERS, TEXT), min_size=1, max_size=6),
    width=st.integers(min_value=20, max_value=140),
    colour=st.booleans(),
)
def test_rows_draw_what_a_table_grid_draws(
    rows: list[tuple[str, str]], width: int, colour: bool
) -> None:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for marker, text in rows:
        grid.add_row(Text(marker, "dim"), Text(text))
    ours = Rows((Text(marker, "dim"), Text(text)) for marker, text in rows)
    assert drawn(ours, width, colour) == drawn(grid, width, colour)


def test_a_long_list_gives_each_exercise_one_wrapped_entry(
    invoke: Invoke, content_copy: Path
) -> None:
    for index in range(LONG_LIST):
        another_exercise(content_copy, f"more-{index}", f"name: More {index}")
    for width in ("80", "40"):
        result = invoke("--content-dir", str(content_copy), "list", env={"COLUMNS": width})
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert out.startswith(f"Exercises ({LONG_LIST + 3})\n")
        assert out.count("• ") == LONG_LIST + 3
        assert "• Glute bridge (glute-bridge): glutes;" in out
        assert "• More 7 (more-7): deep core;" in out
        assert max(len(line) for line in out.splitlines()) <= int(width)
    joined = " ".join(line.strip() for line in out.splitlines())  # the 40-column page, unwrapped
    assert "• Glute bridge (glute-bridge): glutes; band just below the knees. Gets" in joined
