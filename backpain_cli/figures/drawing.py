"""A pose as a drawing: strokes and a head on layers, in one frame for all of a figure's
poses, for the terminal canvas and the SVG alike."""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

from backpain_cli.figures.body import HEAD_RADIUS, Point, blend, place, project
from backpain_cli.models import Figure, Pose

#: Layers, drawn in this order: the trunk's bulk (a wide stroke, where a drawing can
#: show one), the far limbs lighter, the band on top.
FLOOR, BULK, FAR, BODY, NEAR, BAND = "floor", "bulk", "far", "body", "near", "band"
LAYERS = (FLOOR, BULK, FAR, BODY, NEAR, BAND)

_LEG = ("hip", "knee", "ankle", "heel", "toe")
_ARM = ("shoulder", "elbow", "hand")
#: Where the band crosses each leg: along which segment, and how far along it.
_BAND_AT = {"above-knees": ("hip", "knee", 0.8), "below-knees": ("knee", "ankle", 0.15)}
_TICK = 0.035  # half the length of a band seen end on
MARGIN = 0.04


class Stroke(NamedTuple):
    layer: str
    points: tuple[Point, ...]


class Drawing(NamedTuple):
    strokes: tuple[Stroke, ...]  # in drawing order
    head: Point
    head_radius: float


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


def points(pose: Pose, view: str) -> dict[str, Point]:
    """Where each joint of ``pose`` is in the picture (y up, the floor at 0)."""
    return project(place(pose), view)


@functools.lru_cache(maxsize=64)  # a guided session asks for it ten times a second
def frame(figure: Figure) -> Box:
    """One box for every pose of ``figure``, and every pose between them, with the floor
    at its bottom: the pictures of one exercise share a scale and a floor."""
    xs: list[float] = []
    ys: list[float] = [0.0]
    poses = list(figure.poses)
    poses += [blend(a, b, 0.5) for a, b in zip(figure.poses, figure.poses[1:], strict=False)]
    for pose in poses:
        found = points(pose, figure.view)
        for x, y in found.values():
            xs.append(x)
            ys.append(y)
        hx, hy = found["head"]
        xs += [hx - HEAD_RADIUS, hx + HEAD_RADIUS]
        ys.append(hy + HEAD_RADIUS)
    return Box(min(xs) - MARGIN, -MARGIN / 4, max(xs) + MARGIN, max(ys) + MARGIN / 2)


def draw(figure: Figure, pose: Pose, box: Box, mirrored: bool = False) -> Drawing:
    """The strokes of ``pose`` in ``box``; ``mirrored`` turns it to face the other way
    (the other side, in an exercise done on each side)."""
    found = points(pose, figure.view)
    if mirrored:
        found = {name: (box.left + box.right - x, y) for name, (x, y) in found.items()}

    def line(layer: str, *names: str) -> Stroke:
        return Stroke(layer, tuple(found[name] for name in names))

    strokes = [Stroke(FLOOR, ((box.left, 0.0), (box.right, 0.0))), line(BULK, "neck", "pelvis")]
    for side, layer in (("far", FAR), ("near", NEAR)):
        strokes.append(line(layer, *(f"{side}_{joint}" for joint in _LEG)))
        strokes.append(line(layer, *(f"{side}_{joint}" for joint in _ARM)))
        if side == "far":  # the trunk between the far limbs and the near ones
            strokes += [  # seen from the side, the outline is the line of the spine
                line(BODY, "near_shoulder", "far_shoulder", "far_hip", "near_hip", "near_shoulder"),
                _neck(found),
            ]
    if figure.band:
        strokes.append(_band(found, figure.band))
    return Drawing(tuple(strokes), found["head"], HEAD_RADIUS)


def _neck(found: dict[str, Point]) -> Stroke:
    """From between the shoulders to the edge of the head."""
    (nx, ny), (hx, hy) = found["neck"], found["head"]
    reach = math.dist((nx, ny), (hx, hy))
    keep = max(reach - HEAD_RADIUS, 0.0) / reach if reach else 0.0
    return Stroke(BODY, ((nx, ny), (nx + (hx - nx) * keep, ny + (hy - ny) * keep)))


def _band(found: dict[str, Point], place_name: str) -> Stroke:
    """A line round both legs; seen end on (both legs in one place), a short mark across
    the leg."""
    start, end, along = _BAND_AT[place_name]
    ends = []
    for side in ("near", "far"):
        (ax, ay), (bx, by) = found[f"{side}_{start}"], found[f"{side}_{end}"]
        ends.append((ax + (bx - ax) * along, ay + (by - ay) * along))
    if math.dist(*ends) > 2 * _TICK:
        return Stroke(BAND, tuple(ends))
    (ax, ay), (bx, by) = found[f"near_{start}"], found[f"near_{end}"]
    length = math.dist((ax, ay), (bx, by)) or 1.0
    across = (-(by - ay) / length * _TICK, (bx - ax) / length * _TICK)
    (cx, cy) = ends[0]
    return Stroke(BAND, ((cx - across[0], cy - across[1]), (cx + across[0], cy + across[1])))
