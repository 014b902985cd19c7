"""Figures in the terminal: an exercise's poses side by side (stacked when narrow), each
with its caption, the end of the movement with its arrow.

Where colour is on, a picture is half blocks (two pixels a character, in truecolor
where the terminal says it has it and in 256 colours otherwise, as rich sends
them); without colour, braille outlines; where the output cannot show either,
ASCII.
"""

from __future__ import annotations

from rich.color import Color
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from backpain_cli.figures import raster
from backpain_cli.figures.drawing import draw, frame
from backpain_cli.models import Figure, Pose
from backpain_cli.render.widgets import safe_text

#: The widest a picture is drawn, and the narrowest before pictures are stacked.
WIDEST = 46
NARROWEST = 24
GAP = 3
#: Half blocks and ASCII: the widest a picture is drawn, and the narrowest it is beside
#: another.
WIDEST_BLOCKS = 80
BLOCKS_BESIDE = 50


def mode_for(console: Console, options: ConsoleOptions) -> str:
    """How ``console`` shows a picture: half blocks with 256 colours or more, braille
    without (or with only the 16 standard colours, in which skin, shirt and mat all come
    out white or grey), ASCII where its output cannot show either (see render.console)."""
    if options.ascii_only:
        return raster.ASCII
    if console.color_system not in ("256", "truecolor") or console.no_color:
        return raster.BRAILLE
    return raster.HALF_BLOCKS


class Picture:
    """One pose of a figure, ``columns`` wide, drawn in ``mode``, or (None) in the mode
    the console it is printed on can show."""

    def __init__(
        self,
        figure: Figure,
        pose: Pose,
        columns: int,
        mode: str | None = None,
        mirrored: bool = False,
        arrow: bool = False,
    ) -> None:
        self.figure, self.pose, self.columns, self.mode = figure, pose, columns, mode
        self.mirrored, self.arrow = mirrored, arrow

    def lines(self, mode: str) -> list[list[Segment]]:
        """The picture's rows of segments in ``mode``, each exactly ``columns`` wide."""
        box = frame(self.figure)
        across, down, _rows = raster.size(box, self.columns, mode)
        drawing = draw(self.figure, self.pose, self.mirrored, self.arrow)
        pixels = raster.paint(drawing, box, across, down)
        if mode == raster.BRAILLE:
            return [[Segment(row)] for row in raster.braille(pixels)]
        if mode == raster.ASCII:
            return [[Segment(row)] for row in raster.ascii_art(pixels)]
        outlined = across / box.width >= raster.OUTLINED
        styles: dict[tuple[object, object], Style] = {}
        found = []
        for runs in raster.half_blocks(raster.colours(pixels, outlined)):
            row = []
            for run in runs:
                key = (run.fg, run.bg)
                style = styles.get(key)
                if style is None:
                    style = styles[key] = Style(
                        color=Color.from_rgb(*run.fg) if run.fg else None,
                        bgcolor=Color.from_rgb(*run.bg) if run.bg else None,
                    )
                row.append(Segment(run.text, style))
            found.append(row)
        return found

    @property
    def plain(self) -> str:
        """The picture's characters (in braille, unless it has a mode of its own)."""
        rows = self.lines(self.mode or raster.BRAILLE)
        return "\n".join("".join(s.text for s in row) for row in rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for row in self.lines(self.mode or mode_for(console, options)):
            yield from row
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> object:
        from rich.measure import Measurement

        return Measurement(self.columns, self.columns)


def figure_block(figure: Figure, width: int, mode: str | None = None) -> RenderableType:
    """Every pose of ``figure`` with its caption, side by side where they fit, the
    start first and the end with the movement's arrow (in ``mode``, or the one the
    console can show)."""
    return _Block(figure, width, mode)


class _Block:
    def __init__(self, figure: Figure, width: int, mode: str | None) -> None:
        self.figure, self.width, self.mode = figure, width, mode

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        mode = self.mode or mode_for(console, options)
        yield layout(self.figure, self.width, mode)


def layout(figure: Figure, width: int, mode: str) -> RenderableType:
    """The poses side by side when each has room (a picture of pixels, in half blocks or
    letters, needs more than one of braille dots), else one under the other."""
    count = len(figure.poses)
    narrowest, widest = (
        (NARROWEST, WIDEST) if mode == raster.BRAILLE else (BLOCKS_BESIDE, WIDEST_BLOCKS)
    )
    across = max(min(count, (width + GAP) // (narrowest + GAP)), 1)
    columns = min((width - GAP * (across - 1)) // across, widest)
    last = figure.poses[-1]
    cells = [
        Group(
            Picture(figure, pose, columns, mode, arrow=pose is last and count > 1),
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
