"""Lines and dots on a grid of characters, for the charts: Unicode braille (2 x 4 dots
in each character), or plain ASCII where the output cannot show braille. (The figures
of the exercises are painted in pixels: see figures.raster.)

Each character takes the style of the topmost layer with a dot in it. A character
is about twice as tall as it is wide, so a braille dot is square; in ASCII each
character is one dot wide and half a dot tall.
"""

from __future__ import annotations

import math
from typing import NamedTuple

#: The layers drawn as rules in ASCII: a floor as underscores, a band as hashes.
FLOOR, BAND = "floor", "band"

#: The braille dot of each (column, row) in a character, as a bit of U+2800.
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
_BRAILLE = 0x2800


class Run(NamedTuple):
    """Characters in a row that share a layer (None: blank)."""

    text: str
    layer: str | None


def grid(columns: int, rows: int, layers: tuple[str, ...], braille: bool = True) -> _Grid:
    """An empty canvas of ``columns`` x ``rows`` characters whose strokes go on ``layers``
    (lowest first), for drawings other than a figure's (the charts): braille, 2 x 4 dots
    a character, or ASCII, one."""
    if braille:
        return _Braille(columns, rows, layers)
    return _Ascii(columns, rows, layers)


class _Grid:
    def __init__(
        self, columns: int, rows: int, cell_w: int, cell_h: int, layers: tuple[str, ...]
    ) -> None:
        self.columns, self.rows = columns, rows
        self.cell_w, self.cell_h = cell_w, cell_h
        self.layers = layers
        self.layer: list[list[int]] = [[-1] * columns for _ in range(rows)]

    def _mark(self, x: float, y: float, rank: int) -> tuple[int, int] | None:
        """The character a dot at (x, y) falls in, which now shows layer ``rank`` if
        no higher one; None outside the grid."""
        column, row = int(x // self.cell_w), int(y // self.cell_h)
        if not (0 <= column < self.columns and 0 <= row < self.rows):
            return None
        ranks = self.layer[row]
        if ranks[column] < rank:
            ranks[column] = rank
        return column, row

    def line(self, start: tuple[float, float], end: tuple[float, float], layer: str) -> None:
        rank = self.layers.index(layer)
        (x0, y0), (x1, y1) = start, end
        dx, dy = x1 - x0, y1 - y0
        steps = max(int(max(abs(dx), abs(dy)) * 2), 1)
        dot, direction = self.dot, (dx, dy)
        for step in range(steps + 1):
            t = step / steps
            dot(x0 + dx * t, y0 + dy * t, rank, direction)

    def circle(self, cx: float, cy: float, rx: float, ry: float) -> None:
        steps = max(int(6 * max(rx, ry)), 12)
        rank = self.layers.index("body")
        for step in range(steps):
            angle = 2 * math.pi * step / steps
            self.dot(cx + rx * math.cos(angle), cy + ry * math.sin(angle), rank, None)

    def dot(self, x: float, y: float, rank: int, direction: tuple[float, float] | None) -> None:
        raise NotImplementedError

    def char(self, column: int, row: int) -> str:
        raise NotImplementedError

    def runs(self) -> list[list[Run]]:
        out: list[list[Run]] = []
        for row, ranks in enumerate(self.layer):
            runs: list[Run] = []
            chars: list[str] = []
            shown: str | None = None
            for column, rank in enumerate(ranks):
                layer = self.layers[rank] if rank >= 0 else None
                if layer != shown and chars:
                    runs.append(Run("".join(chars), shown))
                    chars = []
                shown = layer
                chars.append(self.char(column, row) if layer else " ")
            if chars:
                runs.append(Run("".join(chars), shown))
            out.append(runs)
        return out


class _Braille(_Grid):
    def __init__(self, columns: int, rows: int, layers: tuple[str, ...]) -> None:
        super().__init__(columns, rows, 2, 4, layers)
        self.bits = [[0] * columns for _ in range(rows)]

    def dot(self, x: float, y: float, rank: int, direction: tuple[float, float] | None) -> None:
        del direction
        found = self._mark(x, y, rank)
        if found:
            column, row = found
            self.bits[row][column] |= _DOTS[int(y) % 4][int(x) % 2]

    def char(self, column: int, row: int) -> str:
        return chr(_BRAILLE + self.bits[row][column])


class _Ascii(_Grid):
    def __init__(self, columns: int, rows: int, layers: tuple[str, ...]) -> None:
        super().__init__(columns, rows, 1, 1, layers)
        self.chars = [[" "] * columns for _ in range(rows)]

    def dot(self, x: float, y: float, rank: int, direction: tuple[float, float] | None) -> None:
        found = self._mark(x, y, rank)
        if not found:
            return
        column, row = found
        if self.layer[row][column] != rank:
            return  # a higher layer already has this character
        layer = self.layers[rank]
        if direction is None:
            self.chars[row][column] = "o"
        elif layer == FLOOR:
            self.chars[row][column] = "_"
        elif layer == BAND:
            self.chars[row][column] = "#"
        else:
            dx, dy = direction[0], direction[1] * 2  # a character is twice as tall as wide
            slope = math.degrees(math.atan2(-dy, dx)) % 180
            self.chars[row][column] = (
                "-" if slope < 22.5 or slope >= 157.5 else "/" if slope < 67.5 else
                "|" if slope < 112.5 else "\\"
            )  # fmt: skip

    def char(self, column: int, row: int) -> str:
        return self.chars[row][column]
