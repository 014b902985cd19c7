"""Figures in the terminal: an exercise's poses side by side (stacked when narrow), each
with its caption, in braille or, where the output cannot show it, ASCII."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text

from backpain_cli.figures.canvas import Run, paint
from backpain_cli.figures.drawing import BAND, BODY, FAR, FLOOR, NEAR, Box, draw, frame
from backpain_cli.models import Figure, Pose
from backpain_cli.render.widgets import safe_text

STYLES = {FLOOR: "dim", FAR: "dim", BODY: "", NEAR: "bold", BAND: "bold magenta"}
#: The widest a picture is drawn, and the narrowest before pictures are stacked.
WIDEST = 46
NARROWEST = 24
GAP = 3


def picture(runs: list[list[Run]]) -> Text:
    """Rows of runs as styled text."""
    text = Text(no_wrap=True, overflow="crop")
    for index, row in enumerate(runs):
        if index:
            text.append("\n")
        for run in row:
            text.append(run.text, STYLES.get(run.layer or "", ""))
    return text


def pose_picture(
    figure: Figure, pose: Pose, box: Box, columns: int, braille: bool, mirrored: bool = False
) -> Text:
    return picture(paint(draw(figure, pose, box, mirrored), box, columns, braille))


def figure_block(figure: Figure, width: int, braille: bool) -> RenderableType:
    """Every pose of ``figure`` with its caption, side by side where they fit."""
    box = frame(figure)
    count = len(figure.poses)
    across = max(min(count, (width + GAP) // (NARROWEST + GAP)), 1)
    columns = min((width - GAP * (across - 1)) // across, WIDEST)
    cells = [
        Group(
            pose_picture(figure, pose, box, columns, braille),
            safe_text(pose.caption, "italic"),
        )
        for pose in figure.poses
    ]
    if across == 1:
        blocks: list[RenderableType] = []
        for index, cell in enumerate(cells):
            if index:
                blocks.append(Text())
            blocks.append(cell)
        return Group(*blocks)
    rows = range(0, count, across)
    return Group(*(Beside(cells[start : start + across], columns) for start in rows))


class Beside:
    """Pictures side by side, each in a column ``width`` wide, GAP apart: what a table
    grid draws (a test holds the two to the same page), without loading rich's tables
    for the one page that has pictures."""

    def __init__(self, cells: Sequence[RenderableType], width: int) -> None:
        self.cells = cells
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update(width=self.width, height=None)
        last = len(self.cells) - 1
        columns = [
            console.render_lines(cell, inner, pad=index < last)
            for index, cell in enumerate(self.cells)
        ]
        gap, blank = Segment(" " * GAP), Segment(" " * self.width)
        for row in range(max(len(lines) for lines in columns)):
            for index, lines in enumerate(columns):
                if row < len(lines):
                    yield from lines[row]
                elif index < last:
                    yield blank
                if index < last:
                    yield gap
            yield Segment.line()
