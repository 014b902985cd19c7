"""A plain table: a bold header, a rule under it, and rows, the columns three apart.

It draws what rich's ``Table(box=SIMPLE_HEAD, show_edge=False)`` draws, column
widths and all (a test holds the two to the same page at every width), without
rich's table machinery: importing that (with fractions and decimal) cost every
page with a table about a twentieth of its time.

Widths as rich works them out: each column as wide as its widest line, plus its
padding; when that is too wide, the widest columns give way first, down to the
next widest, until the table fits, and then all of them evenly. Cells wrap as
rich wraps text (see widgets.wrapped), folding a word wider than the column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from backpain_cli.render.widgets import wrapped

#: Between two columns, after the one's right padding and before the other's left.
DIVIDER = " "


class PlainTable:
    """Headers and rows of text; cells may hold several lines (``\\n``)."""

    def __init__(
        self,
        headers: Sequence[str],
        *,
        title: str | None = None,
        pad_edge: bool = True,
        right: Sequence[int] = (),
    ) -> None:
        """``right``: the columns (by index) whose cells are set to the right."""
        self.headers = [Text(header, "bold") for header in headers]
        self.rows: list[list[Text]] = []
        self.title = title
        self.pad_edge = pad_edge
        self.right = set(right)

    def add_row(self, *cells: Text | str) -> None:
        """A row of cells; missing ones at the end are empty."""
        row = [cell if isinstance(cell, Text) else Text(cell) for cell in cells]
        self.rows.append(row + [Text() for _ in range(len(self.headers) - len(row))])

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def _padding(self, index: int) -> tuple[int, int]:
        last = len(self.headers) - 1
        left = 1 if index or self.pad_edge else 0
        right = 1 if index < last or self.pad_edge else 0
        return left, right

    def widths(self, max_width: int) -> list[int]:
        """Each column's width, its padding included, for a table at most ``max_width``
        wide (as rich's Table works it out)."""
        count = len(self.headers)
        room = max_width - (count - 1) * len(DIVIDER)
        natural = [self._measure(index, room) for index in range(count)]
        widths = [width or 1 for width in natural]
        if sum(widths) > room:
            widths = _collapse(widths, room)
            if sum(widths) > room:
                widths = _reduce(sum(widths) - room, [1] * count, widths, widths)
            widths = [self._measure(index, width) for index, width in enumerate(widths)]
        return widths

    def _measure(self, index: int, most: int) -> int:
        """How wide column ``index`` wants to be, its padding included, at most ``most``."""
        if most < 1:
            return 0
        padding = sum(self._padding(index))
        if most - padding < 1:
            return most
        widest = max(
            max((cell_len(line) for line in row[index].plain.splitlines()), default=0)
            for row in (self.headers, *self.rows)
        )
        return min(widest + padding, most)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        table_width = sum(widths) + (len(widths) - 1) * len(DIVIDER)
        new_line = Segment.line()
        if self.title:  # wrapped to the table's width, as rich does
            title = Text(self.title, "bold", justify="left")
            yield from console.render(title, options.update(width=table_width, height=None))
        for number, row in enumerate((self.headers, *self.rows)):
            cells = [list(self._cell_lines(console, row[i], i, widths[i])) for i in range(len(row))]
            height = max(len(lines) for lines in cells)
            for index, lines in enumerate(cells):  # headers sit at the bottom, cells at the top
                blank = [[Segment(" " * widths[index])] if index < len(cells) - 1 else []]
                missing = blank * (height - len(lines))
                cells[index] = missing + lines if number == 0 else lines + missing
            for line in range(height):
                for index, lines in enumerate(cells):
                    if index:
                        yield Segment(DIVIDER)
                    yield from lines[line]
                yield new_line
            if number == 0:
                yield Segment("─" * table_width)
                yield new_line

    def _cell_lines(
        self, console: Console, text: Text, index: int, width: int
    ) -> Iterator[list[Segment]]:
        """The lines of one cell, each padded to the column's width (but the last
        column's, which end with their text)."""
        left, right = self._padding(index)
        inner = max(width - left - right, 1)
        last = index == len(self.headers) - 1
        for segments, used in wrapped(console, text, inner):
            spare = inner - used
            line = [Segment(" " * left)] if left else []
            if index in self.right:
                line.append(Segment(" " * spare))
            line += segments
            if not last:
                line.append(Segment(" " * (right if index in self.right else spare + right)))
            yield line


def _collapse(widths: list[int], room: int) -> list[int]:
    """Narrow the widest columns, down to the next widest, until the table fits."""
    while sum(widths) > room:
        widest = max(widths)
        second = max((width for width in widths if width != widest), default=0)
        if widest == second:
            break
        excess = sum(widths) - room
        ratios = [1 if width == widest else 0 for width in widths]
        step = min(excess, widest - second)
        widths = _reduce(excess, ratios, [step] * len(widths), widths)
    return widths


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take ``total`` from ``values`` in proportion to ``ratios``, at most ``maximums``
    from each."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    left, share = total, sum(ratios)
    result: list[int] = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and share > 0:
            taken = min(most, round(ratio * left / share))
            result.append(value - taken)
            left -= taken
            share -= ratio
        else:
            result.append(value)
    return result
