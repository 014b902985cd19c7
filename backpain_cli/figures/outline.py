"""The outline of a hull of circles: the shape a part of the body makes in a picture.

The boundary of the convex hull of circles is arcs of some of them joined by their
outer tangents. ``outline`` finds which circles are on it and in what order, once;
an SVG path follows it exactly with arcs, and a raster samples it as a polygon.
"""

import math
from collections.abc import Sequence
from typing import NamedTuple

Point = tuple[float, float]


class Circle(NamedTuple):
    x: float
    y: float
    r: float


class Arc(NamedTuple):
    """Part of a circle on the outline, counter-clockwise from ``start`` to ``end``
    (radians); the outline runs on from ``end`` in a straight line to the next arc."""

    circle: Circle
    start: float
    end: float  # start <= end <= start + 2 pi


_TURN = 2 * math.pi


def _tangent(a: Circle, b: Circle) -> float:
    """The direction (radians) of the outward normal of the outer tangent from ``a`` to
    ``b``, with the hull on the left going from ``a`` to ``b``."""
    dx, dy = b.x - a.x, b.y - a.y
    distance = math.hypot(dx, dy)
    k = max(-1.0, min(1.0, (a.r - b.r) / distance))
    ux, uy = dx / distance, dy / distance
    side = math.sqrt(1 - k * k)
    nx, ny = k * ux + side * uy, k * uy - side * ux  # the right-hand side of a -> b
    return math.atan2(ny, nx)


def outline(circles: Sequence[Circle]) -> list[Arc]:
    """The outline of the convex hull of ``circles``, as arcs counter-clockwise.

    Gift wrapping: a line that touches the hull from below rolls round it, and at
    each circle it leaves for the one it meets first."""
    kept = [
        c
        for i, c in enumerate(circles)
        if not any(
            j != i
            and math.hypot(c.x - o.x, c.y - o.y) + c.r <= o.r + 1e-12
            and (o.r > c.r or j < i)
            for j, o in enumerate(circles)
        )
    ]
    if len(kept) == 1:
        return [Arc(kept[0], 0.0, _TURN)]
    start = min(range(len(kept)), key=lambda i: (kept[i].y - kept[i].r, kept[i].x))
    current, normal, turned = start, -math.pi / 2, 0.0
    leaving: list[tuple[int, float]] = []  # each circle on the way, and where it is left
    for _ in range(4 * len(kept)):
        turn, following, angle = min(
            ((_tangent(kept[current], c) - normal) % _TURN, j, _tangent(kept[current], c))
            for j, c in enumerate(kept)
            if j != current
        )
        if turned + turn >= _TURN - 1e-9:
            break
        turned += turn
        leaving.append((current, angle))
        current, normal = following, angle
    arcs = []
    for index, (circle, end) in enumerate(leaving):
        begin = leaving[index - 1][1]
        while end < begin:
            end += _TURN
        arcs.append(Arc(kept[circle], begin, end))
    return arcs


def polygon(arcs: Sequence[Arc], step: float) -> list[Point]:
    """The outline as a polygon, each arc sampled at most ``step`` apart (as long as
    the arc), counter-clockwise."""
    found: list[Point] = []
    for arc in arcs:
        c = arc.circle
        sweep = arc.end - arc.start
        count = max(int(c.r * sweep / step) + 1, 1) if c.r > 0 else 0
        for n in range(count + 1):
            angle = arc.start + sweep * n / count if count else arc.start
            found.append((c.x + c.r * math.cos(angle), c.y + c.r * math.sin(angle)))
    return found


def grown(arcs: Sequence[Arc], by: float) -> list[Arc]:
    """The same outline, every circle ``by`` larger: an outline drawn round it."""
    return [Arc(Circle(a.circle.x, a.circle.y, a.circle.r + by), a.start, a.end) for a in arcs]
