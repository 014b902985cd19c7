"""A drawing as pixels, and pixels as characters for a terminal.

The drawing is painted layer by layer, as the SVG is, into a grid of colour names:
each shape's polygon filled where it covers a pixel's centre. Then:

- half blocks: two pixels a character, the upper one the foreground of "▀" and the
  lower one its background (for a terminal with colour);
- braille: 2 x 4 dots a character, a dot for each pixel of an outline, the band or
  the arrow, every other one for the paler far limbs (for one without colour);
- ASCII: one pixel a character, a letter for each thing drawn (for an output that
  can show neither).

A character is about twice as tall as it is wide, so the pixels are square in the
first two and twice as tall as wide in ASCII.
"""

import math
from typing import NamedTuple

from backpain_cli.figures.outline import polygon
from backpain_cli.figures.paint import PALETTE, Box, Drawing, Line

Grid = list[list[str]]
RGB = tuple[int, int, int]

HALF_BLOCKS, BRAILLE, ASCII = "blocks", "braille", "ascii"
MODES = (HALF_BLOCKS, BRAILLE, ASCII)
#: Below this many pixels to the body's height, a half-block picture is too coarse for
#: outlines: each part is painted solid, in a stronger colour that shows on the paper.
OUTLINED = 50
SOLID = {
    "skin": (215, 175, 135),
    "far_skin": (178, 178, 178),
    "shirt": (0, 95, 175),
    "mat": (228, 228, 228),
}
#: What braille dots all over (elsewhere only edges are dotted), and the colours whose
#: edges get every other dot.
_SOLID_DOTS = frozenset({"band", "far_band", "arrow", "hair", "mat_edge", "shirt"})
_PALE = frozenset({"far_skin"})
#: What each colour shows as in ASCII.
_LETTERS = {
    "ink": "#",
    "skin": "o",
    "shirt": "#",
    "hair": "@",
    "far_ink": ":",
    "far_skin": ":",
    "band": "=",
    "far_band": "-",
    "arrow": "*",
    "mat": " ",
    "mat_edge": " ",
    "shadow": " ",
    "paper": " ",
}
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


class Run(NamedTuple):
    """Characters in a row that share colours: the text, and the foreground and
    background (None: the terminal's own)."""

    text: str
    fg: RGB | None
    bg: RGB | None


def size(box: Box, columns: int, mode: str) -> tuple[int, int, int]:
    """(pixels across, pixels down, rows of characters) for a picture of ``box`` at
    ``columns`` wide in ``mode``."""
    across = columns * (2 if mode == BRAILLE else 1)
    tall = box.height / box.width * across  # square pixels
    if mode == ASCII:
        tall /= 2
    per_row = {HALF_BLOCKS: 2, BRAILLE: 4, ASCII: 1}[mode]
    rows = max(math.ceil(tall / per_row), 2)
    return across, rows * per_row, rows


class Pixels(NamedTuple):
    """A painted picture: each pixel's colour, and which layer of the drawing painted it
    last (0 for none), so that an outline is found where the number changes; and the
    colour of each layer's outline (None: it has none)."""

    colours: Grid
    parts: list[list[int]]
    inks: list[str | None]


def paint(drawing: Drawing, box: Box, across: int, down: int) -> Pixels:
    """The drawing's fills in ``across`` x ``down`` pixels (its outlines are found
    from them: see ``edges``)."""
    scale_x = across / box.width
    scale_y = down / box.height
    pixels = Pixels(
        [["paper"] * across for _ in range(down)], [[0] * across for _ in range(down)], [None]
    )
    step = 1.5 / scale_x  # polygon points about a pixel and a half apart

    def to_pixels(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [((x - box.left) * scale_x, (box.top - y) * scale_y) for x, y in points]

    for layer in drawing.layers:  # a layer is one part, with one outline round it
        # A halo (an outline in the paper's colour) would hide a thin line at this size.
        pixels.inks.append(layer.ink if layer.ink != "paper" else None)
        part = len(pixels.inks) - 1
        for shape in layer.shapes:
            _fill(pixels, to_pixels(polygon(shape.arcs, step)), shape.fill, part)
        for line, colour in layer.lines:
            for points in _capsules(line, step):
                _fill(pixels, to_pixels(points), colour, part)
    return pixels


def _capsules(line: Line, step: float) -> list[list[tuple[float, float]]]:
    """A line as a row of capsules."""
    half = line.width / 2
    return [
        _capsule(ax, ay, bx, by, half, step)
        for (ax, ay), (bx, by) in zip(line.points, line.points[1:], strict=False)
    ]


def _capsule(
    ax: float, ay: float, bx: float, by: float, r: float, step: float
) -> list[tuple[float, float]]:
    """The polygon round the segment a-b at ``r`` from it, counter-clockwise."""
    angle = math.atan2(by - ay, bx - ax)
    count = max(int(math.pi * r / step), 2)
    found = []
    for cx, cy, first in ((bx, by, angle - math.pi / 2), (ax, ay, angle + math.pi / 2)):
        for n in range(count + 1):
            turn = first + math.pi * n / count
            found.append((cx + r * math.cos(turn), cy + r * math.sin(turn)))
    return found


def _fill(pixels: Pixels, points: list[tuple[float, float]], colour: str, part: int) -> None:
    """Fill a convex polygon: every pixel whose centre it covers. Each edge marks where
    it crosses the rows it spans; a row is filled between the two crossings."""
    if len(points) < 3:
        return
    grid = pixels.colours
    ys = [y for _, y in points]
    top = max(math.ceil(min(ys) - 0.5), 0)
    bottom = min(math.floor(max(ys) - 0.5), len(grid) - 1)
    if top > bottom:
        return
    count = bottom - top + 1
    low = [math.inf] * count
    high = [-math.inf] * count
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        if ay == by:
            continue
        if ay > by:
            ax, ay, bx, by = bx, by, ax, ay
        slope = (bx - ax) / (by - ay)
        # The rows whose centres (row + 0.5) are in [ay, by).
        for row in range(max(math.ceil(ay - 0.5), top), min(math.ceil(by - 0.5), bottom + 1)):
            x = ax + (row + 0.5 - ay) * slope
            index = row - top
            if x < low[index]:
                low[index] = x
            if x > high[index]:
                high[index] = x
    width = len(grid[0])
    for index in range(count):
        first = max(math.ceil(low[index] - 0.5), 0) if low[index] != math.inf else width
        last = min(math.floor(high[index] - 0.5), width - 1) if high[index] != -math.inf else -1
        if first <= last:
            row = top + index
            span = last - first + 1
            grid[row][first : last + 1] = [colour] * span
            pixels.parts[row][first : last + 1] = [part] * span


def edges(pixels: Pixels) -> list[list[bool]]:
    """The pixels on the edge of what painted them: beside a pixel that a part painted
    earlier did (or nothing did), so that an edge is one pixel wide, on the part on top."""
    parts = pixels.parts
    blank = [0] * len(parts[0])
    found = []
    for y, row in enumerate(parts):
        above = parts[y - 1] if y else blank
        below = parts[y + 1] if y + 1 < len(parts) else blank
        found.append(
            [
                here > above_ or here > below_ or here > left or here > right
                for here, above_, below_, left, right in zip(
                    row, above, below, [0, *row[:-1]], [*row[1:], 0], strict=True
                )
            ]
        )
    return found


#: A pixel is too coarse for the mat's front edge: it would show as steps.
_FLAT = {"mat_edge": "mat"}


def colour_of(name: str, outlined: bool) -> RGB:
    """The colour a name paints in half blocks, in a picture with outlines or without."""
    name = _FLAT.get(name, name)
    return PALETTE[name] if outlined else SOLID.get(name, PALETTE[name])


def colours(pixels: Pixels, outlined: bool) -> list[list[RGB]]:
    """Each pixel's colour: with ``outlined``, each part's edge in its outline's colour;
    without, every part in its solid colour."""
    rgb = {name: colour_of(name, outlined) for row in pixels.colours for name in set(row)}
    if not outlined:
        return [[rgb[name] for name in row] for row in pixels.colours]
    inks = [PALETTE[ink] if ink else None for ink in pixels.inks]
    found = []
    for names, parts, edged in zip(pixels.colours, pixels.parts, edges(pixels), strict=True):
        found.append(
            [
                (inks[part] or rgb[name]) if edge else rgb[name]
                for name, part, edge in zip(names, parts, edged, strict=True)
            ]
        )
    return found


def half_blocks(grid: list[list[RGB]]) -> list[list[Run]]:
    """Two rows of pixels a row of characters: "▀" in the upper pixel's colour on the
    lower one's."""
    rows: list[list[Run]] = []
    for upper, lower in zip(grid[0::2], grid[1::2], strict=True):
        runs: list[Run] = []
        count = 0
        pair: tuple[RGB, RGB] | None = None
        for here in zip(upper, lower, strict=True):
            if here != pair and count:
                runs.append(_block(pair, count))
                count = 0
            pair = here
            count += 1
        if count:
            runs.append(_block(pair, count))
        rows.append(runs)
    return rows


def _block(pair: tuple[RGB, RGB] | None, count: int) -> Run:
    assert pair is not None
    top, bottom = pair
    if top == bottom:
        return Run(" " * count, None, bottom)
    return Run("▀" * count, top, bottom)


def braille(pixels: Pixels) -> list[str]:
    """Four rows of pixels a row of characters, 2 x 4 dots each: a dot on each outline
    (every other one for the paler far limbs) and all over the band, the arrow, the
    hair, the shirt and the floor's edge."""
    grid = pixels.colours
    edge = edges(pixels)
    inks = pixels.inks
    rows: list[str] = []
    for top in range(0, len(grid), 4):
        bits = [0] * (len(grid[0]) // 2)
        for dy in range(4):
            names, parts, edged = grid[top + dy], pixels.parts[top + dy], edge[top + dy]
            for x, name in enumerate(names):
                if name in _SOLID_DOTS or (
                    edged[x] and inks[parts[x]] and (name not in _PALE or (x + dy) % 2 == 0)
                ):
                    bits[x // 2] |= _BRAILLE_BITS[dy][x % 2]
        rows.append("".join(chr(0x2800 + b) if b else " " for b in bits))
    return rows


def ascii_art(pixels: Pixels) -> list[str]:
    """One pixel a character."""
    return ["".join(_LETTERS.get(name, "?") for name in row) for row in pixels.colours]
