"""Figures in the terminal: an exercise's poses side by side (stacked when narrow), each
with its caption, in braille or, where the output cannot show it, ASCII."""

from __future__ import annotations

from rich.console import Group, RenderableType
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
    from rich.table import Table

    grid = Table.grid(padding=(0, GAP, 0, 0))
    for _ in range(across):
        grid.add_column(width=columns)
    for start in range(0, count, across):
        grid.add_row(*cells[start : start + across])
    return grid
