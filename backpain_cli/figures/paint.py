"""What a drawing is made of, for the terminal, SVG and PDF alike: the palette,
outlined shapes and lines of some width, the layers they are painted in, what each
layer paints, and the box a picture is framed in.
"""

from typing import NamedTuple

from backpain_cli.figures.camera import Point
from backpain_cli.figures.outline import Arc

#: The colours, by what they paint. The terminal and SVG both use these; each is one of
#: a 256-colour terminal's own, or a grey, so that it shows there as it is meant.
PALETTE = {
    "paper": (255, 255, 255),
    "mat": (228, 228, 228),
    "mat_edge": (175, 175, 175),
    "shadow": (208, 208, 208),
    "ink": (28, 28, 28),
    "skin": (255, 215, 175),
    "hair": (135, 95, 95),
    "shirt": (135, 175, 215),
    "far_ink": (138, 138, 138),
    "far_skin": (218, 218, 218),
    "band": (215, 0, 95),
    "far_band": (215, 135, 175),
    "arrow": (255, 95, 0),
}


class Shape(NamedTuple):
    """A filled outline: a part of the body, the mat, an arrowhead."""

    arcs: tuple[Arc, ...]
    fill: str


class Line(NamedTuple):
    """A line of some width through points: the band, an arrow's shaft."""

    points: tuple[Point, ...]
    width: float
    closed: bool = False


class Layer(NamedTuple):
    """What is painted together: the outlines of its shapes and lines (``ink``,
    ``line`` wide), then their fills."""

    name: str
    ink: str | None
    line: float
    shapes: tuple[Shape, ...] = ()
    lines: tuple[tuple[Line, str], ...] = ()  # each with its colour


class Drawing(NamedTuple):
    layers: tuple[Layer, ...]  # in painting order


class Paint(NamedTuple):
    """One thing a layer paints, in one style: outlines filled and/or stroked, or lines
    stroked. ``key`` names it among a layer's, the same in every frame of a movement."""

    key: str
    fill: str | None  # a colour of the palette inside the outlines, or none
    stroke: str | None  # a colour of the palette along them, or none
    width: float  # the stroke's width, in body heights
    shapes: tuple[Shape, ...] = ()
    lines: tuple[Line, ...] = ()


def paints(layer: Layer) -> list[Paint]:
    """What a layer paints, in order, for any output (SVG, PDF): the ink round its
    shapes and its lines (``line`` wider on each side), then the shapes' fills, then the
    lines in their colours."""
    styles = list(dict.fromkeys((name, line.width) for line, name in layer.lines))

    def lines(name: str, width: float) -> tuple[Line, ...]:
        return tuple(line for line, own in layer.lines if (own, line.width) == (name, width))

    found: list[Paint] = []
    if layer.ink is not None and layer.shapes:
        found.append(Paint("ink", layer.ink, layer.ink, 2 * layer.line, layer.shapes))
    if layer.ink is not None:
        found += [
            Paint(f"lines-ink:{name}:{width}", None, layer.ink, width + 2 * layer.line,
                  lines=lines(name, width))
            for name, width in styles
        ]  # fmt: skip
    for fill in dict.fromkeys(shape.fill for shape in layer.shapes):
        shapes = tuple(shape for shape in layer.shapes if shape.fill == fill)
        found.append(Paint(f"fill:{fill}", fill, None, 0.0, shapes))
    found += [
        Paint(f"lines:{name}:{width}", None, name, width, lines=lines(name, width))
        for name, width in styles
    ]
    return found


class Box(NamedTuple):
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom
