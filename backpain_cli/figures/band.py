"""The band: a loop round both legs where the content puts it, and as the camera sees
it, solid where nothing of the body is in front of it and dashed where a leg hides it.
"""

import itertools
import math
from typing import NamedTuple

from backpain_cli.figures.body import Body, Vector
from backpain_cli.figures.camera import Camera, Point
from backpain_cli.figures.paint import Box, Line

BAND_WIDTH = 0.022
#: Where the band goes round each leg: along which solid, between which joints, how far.
_BAND_AT = {"above-knees": ("hip", "knee", 0.7), "below-knees": ("knee", "ankle", 0.23)}


class Band(NamedTuple):
    """The band in the room: a closed loop, and where it crosses each leg's axis."""

    loop: tuple[Vector, ...]
    legs: tuple[Vector, Vector]  # the near leg's, the far leg's


def band(body: Body, where: str) -> Band:
    """The band as a loop round both legs where the content puts it (``where``), in the
    plane across them: half way round the outside of each leg, and straight across
    between them, so that it stretches as the legs part."""
    start, end, along = _BAND_AT[where]
    joints = body.joints
    centres: list[Vector] = []
    radii: list[float] = []
    directions: list[Vector] = []
    part = "thigh" if start == "hip" else "shin"
    for side in ("near", "far"):
        a, b = joints[f"{side}_{start}"], joints[f"{side}_{end}"]
        centres.append(_lerp(a, b, along))
        directions.append(_unit(_sub(b, a)))
        solid = next(s for s in body.solids if s.name == f"{side}_{part}")
        first, last = solid.balls[0].radius, solid.balls[-1].radius
        radii.append(first + (last - first) * along + BAND_WIDTH / 2)
    near, far = centres
    leg = _unit(_add(directions[0], directions[1]))
    across = _sub(far, near)
    across = _unit(_sub(across, _scale(leg, _dot(across, leg))))
    round_ = _cross(leg, across)
    loop: list[Vector] = []
    for centre, radius, outward in ((near, radii[0], -1.0), (far, radii[1], 1.0)):
        turn = _scale(round_, -outward)
        for step in range(13):  # from one face of the loop, round the outside, to the other
            angle = math.pi * step / 12
            point = _add(
                _scale(turn, math.cos(angle) * radius),
                _scale(across, outward * math.sin(angle) * radius),
            )
            loop.append(_add(centre, point))
    return Band(tuple(loop), (near, far))


def band_lines(body: Body, camera: Camera, where: str) -> list[tuple[Line, str]]:
    """The band as the camera sees it, in runs, each with its colour: where nothing of
    the body is in front of it, solid, the part round the far leg paler as the far leg
    is; where a leg hides it, going round behind, pale and dashed, so that the loop
    shows closed round both legs."""
    found = band(body, where)
    loop = found.loop
    near, far = found.legs
    occluders = _occluders(body, camera)
    seen: list[tuple[Point, str]] = []
    for index, a in enumerate(loop):
        b = loop[(index + 1) % len(loop)]
        pieces = max(math.ceil(math.dist(a, b) / _BAND_STEP), 1)
        for step in range(pieces):
            point = _lerp(a, b, step / pieces)
            if _hidden(point, camera, occluders):
                kind = _BEHIND
            else:
                kind = "band" if math.dist(point, near) <= math.dist(point, far) else "far_band"
            seen.append((camera.project(point), kind))
    # Runs of one kind, each ending where the next begins; the loop starts afresh at a
    # change of kind, so that no run goes round the end of the list.
    first = next((i for i in range(len(seen)) if seen[i][1] != seen[i - 1][1]), 0)
    seen = seen[first:] + seen[:first]
    runs: list[tuple[Line, str]] = []
    start = 0
    for index in range(1, len(seen) + 1):
        if index == len(seen) or seen[index][1] != seen[start][1]:
            kind = seen[start][1]
            points = [p for p, _kind in seen[start:index]] + [seen[index % len(seen)][0]]
            if kind == _BEHIND:
                runs += [(Line(dash, BAND_WIDTH / 2), "far_band") for dash in _dashes(points)]
            else:
                runs.append((Line(tuple(points), BAND_WIDTH), kind))
            start = index
    # The hidden runs first: where a run behind meets one in front, the front is on top.
    return sorted(runs, key=lambda run: run[0].width)


_BEHIND = "behind"
_DASH = (0.018, 0.014)  # a hidden run's dashes and the gaps between them


def _dashes(points: list[Point]) -> list[tuple[Point, ...]]:
    """The line through ``points`` as dashes."""
    dash, gap = _DASH
    found: list[tuple[Point, ...]] = []
    current: list[Point] = [points[0]]
    inked, left = True, dash  # in a dash or a gap, and how much of it is left
    for a, b in itertools.pairwise(points):
        length = math.dist(a, b)
        done = 0.0
        while length - done > left:
            done += left
            share = done / length
            at = (a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share)
            if inked:
                found.append((*current, at))
            current = [at]
            inked, left = not inked, gap if inked else dash
        left -= length - done
        if inked:
            current.append(b)
    if inked and len(current) > 1:
        found.append(tuple(current))
    return found


_BAND_STEP = 0.008  # how finely the band is tested for what hides it


class _Occluder(NamedTuple):
    """A part of the body as something that may hide the band: the segments between
    its balls, as (picture point, depth, radius) at each end, its picture's box, and
    the nearest the camera any of it comes."""

    segments: tuple[tuple[tuple[Point, float, float], tuple[Point, float, float]], ...]
    box: Box
    front: float


def _occluders(body: Body, camera: Camera) -> list[_Occluder]:
    found = []
    for solid in body.solids:
        ends = [(camera.project(b.centre), camera.depth(b.centre), b.radius) for b in solid.balls]
        pairs = tuple(itertools.combinations(ends, 2)) or ((ends[0], ends[0]),)
        xs = [p[0] + sign * r for p, _d, r in ends for sign in (-1, 1)]
        ys = [p[1] + sign * r for p, _d, r in ends for sign in (-1, 1)]
        front = max(d + r for _p, d, r in ends)
        found.append(_Occluder(pairs, Box(min(xs), min(ys), max(xs), max(ys)), front))
    return found


def _hidden(point: Vector, camera: Camera, occluders: list[_Occluder]) -> bool:
    """Whether some part of the body is between ``point`` and the camera: its surface,
    seen where ``point`` is, nearer the camera than ``point`` is (by more than a
    little, so that the band is not hidden by the leg it lies on)."""
    (x, y), depth = camera.project(point), camera.depth(point) + _SLACK
    for occluder in occluders:
        box = occluder.box
        if occluder.front <= depth or not (
            box.left <= x <= box.right and box.bottom <= y <= box.top
        ):
            continue
        for ((ax, ay), a_depth, a_radius), ((bx, by), b_depth, b_radius) in occluder.segments:
            if max(a_depth + a_radius, b_depth + b_radius) <= depth:
                continue
            for step in range(_SURFACE_STEPS + 1):
                t = step / _SURFACE_STEPS
                radius = a_radius + (b_radius - a_radius) * t
                off = math.hypot(ax + (bx - ax) * t - x, ay + (by - ay) * t - y)
                if off < radius:
                    front = a_depth + (b_depth - a_depth) * t + math.sqrt(radius**2 - off**2)
                    if front > depth:
                        return True
    return False


_SURFACE_STEPS = 8  # balls along a segment between two of a part's, to find its surface
_SLACK = 0.006  # how far in front of the band a surface must be to hide it


# Small vector helpers -------------------------------------------------------------


def _add(a: Vector, b: Vector) -> Vector:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vector, b: Vector) -> Vector:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _scale(a: Vector, k: float) -> Vector:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vector, b: Vector) -> Vector:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit(a: Vector) -> Vector:
    size = math.sqrt(_dot(a, a)) or 1.0
    return _scale(a, 1 / size)


def _lerp(a: Vector, b: Vector, t: float) -> Vector:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)
