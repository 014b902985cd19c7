"""The pieces every screen is built of: safe text, sections, lists, dosage phrases, and
the safety block. Text from content is always data: never markup, and control
characters are made visible (see textsafe)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from backpain_cli.models import Catalog, Safety
from backpain_cli.render.words import red_flag_heading
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from rich.panel import Panel
    from rich.table import Table

NARROW = 60  # below this width, tables become stacked blocks
PAIN_STYLES = {"green": "green", "amber": "yellow", "red": "red"}


def out(console: Console, *renderables: RenderableType) -> None:
    """Print screens, separated by a blank line."""
    for index, renderable in enumerate(renderables):
        if index:
            console.print()
        console.print(renderable)


def plain_table(*headers: str, **options: Any) -> Table:
    """The program's one kind of table: a bold header over a rule, no outer edge, the
    columns folding words that do not fit; ``options`` go to rich's ``Table``."""
    from rich import box
    from rich.table import Table

    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, **options)
    for header in headers:
        grid.add_column(header, overflow="fold")
    return grid


def safe_text(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def heading(text: str) -> Text:
    return safe_text(text, "bold")


def section(title: str, body: RenderableType) -> Group:
    return Group(safe_text(title, "bold cyan"), Indented(body))


class Indented:
    """``body`` moved ``columns`` to the right, each line as long as its text.

    What ``Padding(body, (0, 0, 0, columns), expand=False)`` shows, without measuring
    the body first (a table measured twice was most of a page's drawing) and without
    spaces at the ends of the lines. Nothing measures it in turn: it is drawn at the
    width it is given, as a page's sections are.
    """

    def __init__(self, body: RenderableType, columns: int = 2) -> None:
        self.body = body
        self.columns = columns

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update_width(max(options.max_width - self.columns, 1))
        margin, new_line = Segment(" " * self.columns), Segment.line()
        for line in console.render_lines(self.body, inner, pad=False):
            if Segment.get_line_length(line):
                yield margin
                yield from line
            yield new_line


class Rows:
    """Text beside a marker ("•", "1.", "0-3 Green"), wrapped with a hanging indent.

    It draws what a two-column ``Table.grid(padding=(0, 1))`` draws (the markers
    never wrapped, the text folded to fit: a test holds the two to the same page),
    but measures each line once and cuts each row's styled segments where its
    lines break, rather than making a rich Text of every line: a page of lists
    drawn as tables spent most of its time measuring them, and a list of a
    thousand exercises most of its time making Texts.
    """

    def __init__(self, rows: Iterable[tuple[Text, Text]]) -> None:
        self.rows = list(rows)
        self.marker_width = max((marker.cell_len for marker, _ in self.rows), default=0)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        gap = self.marker_width + 1
        sizes = [Measurement.get(console, options, text) for _, text in self.rows]
        return Measurement(
            gap + max((m.minimum for m in sizes), default=0),
            gap + max((m.maximum for m in sizes), default=0),
        ).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gap = self.marker_width + 1
        widest = max(
            (cell_len(line) for _, text in self.rows for line in text.plain.split("\n")),
            default=0,
        )
        width = max(min(options.max_width - gap, widest), 1)
        blank = Segment(" " * self.marker_width)
        space, new_line = Segment(" "), Segment.line()
        for marker, text in self.rows:
            for index, (line, _width) in enumerate(wrapped(console, text, width)):
                if index:
                    yield blank
                else:
                    yield from marker.render(console)
                    yield Segment(" " * (self.marker_width - marker.cell_len))
                yield space
                yield from line
                yield new_line


def wrapped(console: Console, text: Text, width: int) -> Iterator[tuple[list[Segment], int]]:
    """``text`` folded to ``width`` cells as rich wraps it: each line's styled segments,
    without the spaces at its end, and how many cells they take."""
    if "\t" in text.plain:
        text = text.copy()
        text.expand_tabs()
    plain = text.plain
    segments = list(text.render(console))
    start = 0
    for part in plain.split("\n"):
        edges = [start, *(start + at for at in _line_breaks(part, width)), start + len(part)]
        for begin, end in pairwise(edges):
            shown = plain[begin:end].rstrip()
            yield list(_cut(segments, begin, begin + len(shown))), cell_len(shown)
        start += len(part) + 1


def _line_breaks(text: str, width: int) -> list[int]:
    """Where ``text`` (one line) breaks to fit ``width`` cells, as rich wraps it: words
    move to the next line whole, and a word wider than a line is folded."""
    measure = len if text.isascii() else cell_len
    if measure(text) <= width:
        return []
    breaks: list[int] = []
    used = 0
    for word in _WORD.finditer(text):
        start, chunk = word.start(), word.group()
        length = measure(chunk.rstrip())
        if width - used >= length:
            used += measure(chunk)
        elif length > width:  # wider than any line: folded across lines
            pieces = chop_cells(chunk, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = measure(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = measure(chunk)
    return breaks


_WORD = re.compile(r"\s*\S+\s*")


def _cut(segments: list[Segment], start: int, end: int) -> Iterator[Segment]:
    """The part of ``segments`` from character ``start`` to ``end``, styles kept."""
    at = 0
    for segment in segments:
        text = segment.text
        low, high = max(start, at), min(end, at + len(text))
        if low < high:
            yield Segment(text[low - at : high - at], segment.style)
        at += len(text)
        if at >= end:
            return


def aligned(rows: Sequence[Sequence[Text]]) -> Rows:
    """Rows whose marker is one or more short columns, each as wide as its widest cell."""
    if not rows:
        return Rows([])
    widths = [max(row[i].cell_len for row in rows) for i in range(len(rows[0]) - 1)]

    def marker(cells: Sequence[Text]) -> Text:
        text = Text()
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if index:
                text.append(" ")
            text.append_text(cell)
            if index < len(widths) - 1:
                text.append(" " * (width - cell.cell_len))
        return text

    return Rows((marker(row[:-1]), row[-1]) for row in rows)


def bullet_rows(lines: Iterable[Text], numbered: bool = False) -> Iterable[tuple[Text, Text]]:
    """Each line with its marker: "•", or "1.", "2." ... when ``numbered``."""
    style = "bold" if numbered else "dim"
    for index, line in enumerate(lines, 1):
        yield Text(f"{index}." if numbered else "•", style=style), line


def bullets(lines: Iterable[str], numbered: bool = False) -> Rows:
    """A bulleted (or numbered) list of text from content."""
    return Rows(bullet_rows((safe_text(line) for line in lines), numbered))


# --- safety, shown wherever a person is about to exercise -------------------------


def disclaimer_panel(safety: Safety) -> Panel:
    from rich.panel import Panel  # only the pages a person exercises from have one

    return Panel(
        safe_text(safety.disclaimer),
        title=Text("Disclaimer"),  # as text, not markup: markup would load rich's emoji table
        title_align="left",
        border_style="yellow",
    )


def pain_guide(safety: Safety) -> Rows:
    return aligned(
        [
            (
                Text(f"{level.low}-{level.high}"),
                safe_text(level.colour, f"bold {PAIN_STYLES.get(level.colour.lower(), '')}"),
                safe_text(level.meaning),
            )
            for level in safety.pain_guide
        ]
    )


def red_flags(safety: Safety) -> Group:
    parts: list[RenderableType] = []
    for group in safety.red_flags:
        parts.append(safe_text(red_flag_heading(group), "bold red"))
        parts.append(Indented(bullets(group.signs)))
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
