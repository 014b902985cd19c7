"""A pose as a drawing, for the terminal and SVG alike: the body's parts as outlined
shapes in the order they are painted, on a mat, with the band and the movement's
arrow, in one frame for all of a figure's poses.

Each limb, and the trunk with the neck and head, is painted as one group: first
the outlines of all its parts, then their fills, so that a group shows one
contour and the group painted later covers the one before. The far limbs are
paler and painted behind the trunk; the near ones over it.
"""

import functools
import itertools
import math
from collections.abc import Sequence
from typing import NamedTuple

from backpain_cli.figures.body import (
    FAR_ARM,
    FAR_LEG,
    NEAR_ARM,
    NEAR_LEG,
    TRUNK_GROUP,
    Body,
    Vector,
    movement,
    posed,
)
from backpain_cli.figures.camera import BELOW_KNEES, CAMERAS, Camera, Point
from backpain_cli.figures.outline import Arc, Circle, outline, polygon
from backpain_cli.models import Figure, Pose

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
#: What each group's parts are filled with, by part, and its outline's colour.
_FILLS = {"pelvis": "shirt", "chest": "shirt", "hair": "hair"}
_INK = {FAR_ARM: "far_ink", FAR_LEG: "far_ink"}
#: The order the groups are painted in, for each way of lying: lying on the back, the
#: far limbs are behind the trunk; lying on the side, the legs are drawn forward of it.
#: The band is painted over them all, as much of it as the camera sees (see ``_band``).
ORDER = {
    "back": (FAR_ARM, FAR_LEG, TRUNK_GROUP, NEAR_LEG, NEAR_ARM),
    "side": (FAR_ARM, TRUNK_GROUP, FAR_LEG, NEAR_LEG, NEAR_ARM),
}
LINE = 0.007  # an outline's width, in body heights
BAND_WIDTH = 0.022
ARROW_WIDTH = 0.016
ARROW_HEAD = (0.05, 0.032)  # the arrowhead's length and half its width
MARGIN = 0.03
#: Where the band goes round each leg: along which solid, between which joints, how far.
_BAND_AT = {"above-knees": ("hip", "knee", 0.7), "below-knees": ("knee", "ankle", 0.23)}
#: The joints an arrow may follow: how far it stays from each (its part's size), and
#: how much its movement counts (a hand or a foot shows a movement best).
_MOVERS = {
    "pelvis": (0.07, 1.0),
    "near_knee": (0.045, 1.0),
    "far_knee": (0.045, 1.0),
    "near_ankle": (0.03, 1.3),
    "far_ankle": (0.03, 1.3),
    "near_hand": (0.03, 1.3),
    "far_hand": (0.03, 1.3),
    "head": (0.06, 1.0),
}
_GAP = 0.025  # between an arrow and the body
_TRUNK_MOVES = 0.05  # how far the pelvis goes (in the picture) for the trunk to move


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


class Scene(NamedTuple):
    """What every picture of one figure shares: the camera, the mat, the frame, and the
    movement's arrow for the end of it (None for a figure that hardly moves)."""

    camera: Camera
    mat: tuple[Vector, ...]  # the mat's corners on the floor
    box: Box
    arrow: Layer | None


def camera_for(figure: Figure) -> Camera:
    """The camera for ``figure``: its view's, or, for a band below the knees seen from
    the side, the one that shows the band round the front of both shins."""
    if figure.view == "side" and figure.band == "below-knees":
        return BELOW_KNEES
    return CAMERAS[figure.view]


def points(pose: Pose, camera: Camera) -> dict[str, Point]:
    """Where each joint of ``pose`` is in the picture (y up, in body heights)."""
    return {name: camera.project(at) for name, at in posed(pose).joints.items()}


class _Part(NamedTuple):
    name: str
    depth: float  # how near the camera its middle is
    shape: Shape


def _shapes(body: Body, camera: Camera) -> dict[str, list[_Part]]:
    """The body's parts as the camera sees them, by group."""
    groups: dict[str, list[_Part]] = {}
    for solid in body.solids:
        circles = [Circle(*camera.project(b.centre), b.radius) for b in solid.balls]
        fill = _FILLS.get(solid.name, "far_skin" if solid.group in _INK else "skin")
        depth = sum(camera.depth(b.centre) for b in solid.balls) / len(solid.balls)
        shape = Shape(tuple(outline(circles)), fill)
        groups.setdefault(solid.group, []).append(_Part(solid.name, depth, shape))
    return groups


#: The trunk's parts painted together: the pelvis and chest show one outline. Lying on
#: the back, the near thigh is painted with them, over them: it comes out of the
#: trunk at the hip joint in one outline with it, rather than lying over the belly as
#: a ringed round end that hides where the hip joint is.
_TRUNK_LAYERS = (("pelvis", "chest", "near_thigh"), ("neck",), ("hair", "head", "nose"))


def _group_layers(name: str, parts: list[_Part]) -> list[Layer]:
    """A group's layers: the trunk's torso, neck and head in turn; a limb's parts from
    the farthest to the nearest, each outlined, so that a bent knee or elbow shows
    which part comes towards you."""
    ink = _INK.get(name, "ink")
    if name == TRUNK_GROUP:
        by_name = {part.name: part.shape for part in parts}
        return [
            Layer(name, ink, LINE, tuple(by_name[n] for n in names if n in by_name))
            for names in _TRUNK_LAYERS
        ]
    return [Layer(name, ink, LINE, (part.shape,)) for part in sorted(parts, key=lambda p: p.depth)]


def _sampled(figure: Figure) -> list[Pose]:
    """Enough poses along the movement to find everywhere it reaches, the first and the
    last among them."""
    return [movement(figure, step / 4) for step in range(5)]


@functools.lru_cache(maxsize=64)  # a guided session asks for it ten times a second
def scene(figure: Figure) -> Scene:
    """The camera, the mat under every pose of ``figure``, and one box round every
    pose and every pose between them, the mat and the arrow: the pictures of one
    exercise share a scale and a floor."""
    camera = camera_for(figure)
    xs: list[float] = []
    zs: list[float] = []
    bodies = [posed(pose) for pose in _sampled(figure)]
    towards = camera.towards()
    for body in bodies:
        for solid in body.solids:
            for ball in solid.balls:
                xs += [ball.centre[0] - ball.radius, ball.centre[0] + ball.radius]
                zs += [ball.centre[2] - ball.radius, ball.centre[2] + ball.radius]
                if solid.group == TRUNK_GROUP:  # seen against the mat, the head too
                    x, _y, z = _seen_on_floor(ball.centre, towards)
                    xs.append(x)
                    zs.append(z)
    left, right = min(xs) - 0.05, max(xs) + 0.05
    back, front = min(zs) - 0.04, max(zs) + 0.04
    mat = ((left, 0.0, back), (right, 0.0, back), (right, 0.0, front), (left, 0.0, front))
    found: list[Point] = []
    reach = LINE + 0.005  # the outline, and a little for the sampled arcs
    for body in bodies:
        for solid in body.solids:
            for ball in solid.balls:
                x, y = camera.project(ball.centre)
                size = ball.radius + reach
                found += [(x - size, y - size), (x + size, y + size)]
    arrow = _arrow(bodies, camera)
    if arrow is not None:
        found += [p for line, _colour in arrow.lines for p in line.points]
        found += [(a.circle.x, a.circle.y) for shape in arrow.shapes for a in shape.arcs]
    # The frame is round the body and the arrow; the mat runs out of it.
    box = Box(
        min(x for x, _ in found) - MARGIN,
        min(y for _, y in found) - 2 * MARGIN,
        max(x for x, _ in found) + MARGIN,
        max(y for _, y in found) + MARGIN,
    )
    return Scene(camera, mat, box, arrow)


_MAT_THICKNESS = 0.012


def _seen_on_floor(point: Vector, towards: Vector) -> Vector:
    """The point of the floor that ``point`` is seen in front of: where the line from
    the camera through it meets the floor."""
    return _sub(point, _scale(towards, point[1] / towards[1]))


def frame(figure: Figure) -> Box:
    """The box every picture of ``figure`` is drawn in."""
    return scene(figure).box


def draw(figure: Figure, pose: Pose, mirrored: bool = False, arrow: bool = False) -> Drawing:
    """The layers of ``pose``, in the figure's frame; ``mirrored`` turns it to face
    the other way (the other side, in an exercise done on each side); ``arrow`` adds
    the movement's arrow (for the end of the movement)."""
    found = scene(figure)
    camera, box = found.camera, found.box
    body = posed(pose)
    groups = _shapes(body, camera)
    layers = [_mat(found), _shadows(body, camera)]
    if pose.lying == "back":
        thigh = next(part for part in groups[NEAR_LEG] if part.name == "near_thigh")
        groups[NEAR_LEG].remove(thigh)
        groups[TRUNK_GROUP].append(thigh)
    for name in ORDER[pose.lying]:
        layers += _group_layers(name, groups.get(name, []))
    if figure.band:
        layers.append(Layer("band", None, 0.0, lines=tuple(_band(body, camera, figure.band))))
    if arrow and found.arrow is not None:
        layers.append(found.arrow)
    if mirrored:
        layers = [_mirror(layer, box) for layer in layers]
    return Drawing(tuple(layers))


def _mat(found: Scene) -> Layer:
    """The mat: its top and its front edge, cut to the frame (it runs out of it)."""
    camera, box = found.camera, found.box
    top = [camera.project(p) for p in found.mat]
    edge = [camera.project((x, y - _MAT_THICKNESS, z)) for x, y, z in found.mat]
    shapes = []
    for points, fill in ((_hull_of([*top, *edge]), "mat_edge"), (top, "mat")):
        cut = _clip(points, box)
        if len(cut) >= 3:
            shapes.append(Shape(tuple(outline([Circle(x, y, 0.0) for x, y in cut])), fill))
    return Layer("mat", None, 0.0, tuple(shapes))


def _shadows(body: Body, camera: Camera) -> Layer:
    """Each foot's shadow on the mat, right under it: how far a foot is off the floor
    shows as the gap between the two."""
    shapes = []
    tilt = camera.towards()[1]  # the floor is seen this much shorter than it is deep
    for solid in body.solids:
        if not solid.name.endswith("_foot"):
            continue
        # On the floor, seen from straight above: the picture's x, and its y unshortened.
        circles = []
        for ball in solid.balls:
            x, y = camera.project((ball.centre[0], 0.0, ball.centre[2]))
            circles.append(Circle(x, y / tilt, ball.radius))
        rim = [(x, y * tilt) for x, y in polygon(outline(circles), 0.01)]
        shapes.append(Shape(tuple(Arc(Circle(x, y, 0.0), 0.0, 0.0) for x, y in rim), "shadow"))
    return Layer("shadow", None, 0.0, tuple(shapes))


def _hull_of(points: list[Point]) -> list[Point]:
    return [(a.circle.x, a.circle.y) for a in outline([Circle(x, y, 0.0) for x, y in points])]


def _clip(points: list[Point], box: Box) -> list[Point]:
    """A convex polygon cut to the box (Sutherland and Hodgman): by each side in turn,
    keeping what is on the box's side of it (``sign`` times the coordinate at least
    ``sign`` times the side's)."""
    for axis, at, sign in ((0, box.left, 1), (0, box.right, -1), (1, box.bottom, 1),
                           (1, box.top, -1)):  # fmt: skip
        kept: list[Point] = []
        for index, here in enumerate(points):
            before = points[index - 1]
            inside, was = sign * (here[axis] - at) >= 0, sign * (before[axis] - at) >= 0
            if inside != was:
                share = (at - before[axis]) / (here[axis] - before[axis])
                kept.append(
                    (before[0] + (here[0] - before[0]) * share,
                     before[1] + (here[1] - before[1]) * share)
                )  # fmt: skip
            if inside:
                kept.append(here)
        points = kept
        if not points:
            break
    return points


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


def _band(body: Body, camera: Camera, where: str) -> list[tuple[Line, str]]:
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


def _arrow(bodies: list[Body], camera: Camera) -> Layer | None:
    """An arrow along the path of the joint that moves most from the first pose to the
    last (``bodies`` along the movement), beside it where it crosses the least of the
    body at the end. Where the trunk itself moves (a bridge), the arrow is the
    pelvis's: a leg that goes with it only follows. A foot that slides on the floor
    all the way (a heel slide) has its arrow on the floor, along the line it slides."""
    paths = {name: [camera.project(b.joints[name]) for b in bodies] for name in _MOVERS}
    name = max(paths, key=lambda n: math.dist(paths[n][0], paths[n][-1]) * _MOVERS[n][1])
    if math.dist(paths["pelvis"][0], paths["pelvis"][-1]) >= _TRUNK_MOVES:
        name = "pelvis"
    path = _smooth(paths[name])
    if name.endswith("_ankle") and all(_on_floor(b, name.replace("ankle", "foot")) for b in bodies):
        (x0, _y0, z0), (x1, _y1, z1) = bodies[0].joints[name], bodies[-1].joints[name]
        steps = len(path) - 1
        path = [
            camera.project((x0 + (x1 - x0) * t / steps, 0.0, z0 + (z1 - z0) * t / steps))
            for t in range(steps + 1)
        ]
    if math.dist(path[0], path[-1]) < 0.04:
        return None
    offset = _MOVERS[name][0] + _GAP
    end = _shapes(bodies[-1], camera)
    solid = [_Outline(polygon(part.shape.arcs, 0.02)) for group in end.values() for part in group]
    candidates = [_beside(path, offset, 1.0), _beside(path, offset, -1.0), _behind(path, offset)]
    best = min(candidates, key=lambda line: sum(_inside(p, solid) for p in line))
    return _arrow_layer(best)


def _on_floor(body: Body, name: str) -> bool:
    """Whether the part ``name`` of ``body`` touches the floor."""
    solid = next(s for s in body.solids if s.name == name)
    return min(b.centre[1] - b.radius for b in solid.balls) < _TOUCHING


_TOUCHING = 0.015  # as near the floor as a part resting on it is


def _smooth(points: list[Point], between: int = 3) -> list[Point]:
    """A smooth curve through ``points`` (Catmull and Rom's), ``between`` points on it
    from each to the next."""

    def spline(a: float, b: float, c: float, d: float, t: float) -> float:
        cubic = (3 * b - a - 3 * c + d) * t + (2 * a - 5 * b + 4 * c - d)
        return 0.5 * (2 * b + (c - a) * t + cubic * t * t)

    found: list[Point] = []
    ends = [points[0], *points, points[-1]]
    for index in range(1, len(ends) - 2):
        p0, p1, p2, p3 = ends[index - 1 : index + 3]
        for step in range(between):
            t = step / between
            found.append(
                (spline(p0[0], p1[0], p2[0], p3[0], t), spline(p0[1], p1[1], p2[1], p3[1], t))
            )
    found.append(points[-1])
    return found


def _beside(path: Sequence[Point], offset: float, side: float) -> list[Point]:
    found = []
    for index, (x, y) in enumerate(path):
        a, b = path[max(index - 1, 0)], path[min(index + 1, len(path) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        found.append((x - dy / length * offset * side, y + dx / length * offset * side))
    return _trimmed(found, 0.1)


def _behind(path: Sequence[Point], offset: float) -> list[Point]:
    """The path through the space the part has left: a little behind it all the way."""
    found = []
    for index, (x, y) in enumerate(path):
        a, b = path[max(index - 1, 0)], path[min(index + 1, len(path) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy) or 1.0
        found.append((x - dx / length * offset, y - dy / length * offset))
    return _trimmed(found, 0.1)


def _trimmed(path: list[Point], fraction: float) -> list[Point]:
    """``path`` without ``fraction`` of its length at its start."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(path)]
    cut = sum(lengths) * fraction
    kept = list(path)
    while lengths and cut > lengths[0]:
        cut -= lengths.pop(0)
        kept.pop(0)
    if lengths:
        (ax, ay), (bx, by) = kept[0], kept[1]
        share = cut / lengths[0] if lengths[0] else 0
        kept[0] = (ax + (bx - ax) * share, ay + (by - ay) * share)
    return kept


class _Outline:
    """A convex polygon and the box round it, found once for the many points tested."""

    def __init__(self, points: list[Point]) -> None:
        self.points = points
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.box = Box(min(xs), min(ys), max(xs), max(ys))


def _inside(point: Point, outlines: list[_Outline]) -> bool:
    x, y = point
    for shape in outlines:
        box = shape.box
        if not (box.left <= x <= box.right and box.bottom <= y <= box.top):
            continue
        poly = shape.points
        if all(
            (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) >= 0
            for a, b in zip(poly, poly[1:] + poly[:1], strict=True)
        ):
            return True
    return False


def _arrow_layer(path: list[Point]) -> Layer:
    (ax, ay), (bx, by) = path[-2], path[-1]
    length, half = ARROW_HEAD
    dx, dy = bx - ax, by - ay
    size = math.hypot(dx, dy) or 1.0
    dx, dy = dx / size, dy / size
    tip = (bx + dx * length * 0.6, by + dy * length * 0.6)
    base = (tip[0] - dx * length, tip[1] - dy * length)
    head = [
        Circle(*tip, 0.004),
        Circle(base[0] - dy * half, base[1] + dx * half, 0.004),
        Circle(base[0] + dy * half, base[1] - dx * half, 0.004),
    ]
    return Layer(
        "arrow",
        "paper",
        LINE,
        (Shape(tuple(outline(head)), "arrow"),),
        ((Line(tuple(path), ARROW_WIDTH), "arrow"),),
    )


def _mirror(layer: Layer, box: Box) -> Layer:
    flip = box.left + box.right

    def arc(a: Arc) -> Arc:
        c = a.circle
        # Mirrored, an arc runs the other way round: from pi - end to pi - start.
        return Arc(Circle(flip - c.x, c.y, c.r), math.pi - a.end, math.pi - a.start)

    shapes = tuple(Shape(tuple(arc(a) for a in reversed(s.arcs)), s.fill) for s in layer.shapes)
    lines = tuple(
        (Line(tuple((flip - x, y) for x, y in line.points), line.width, line.closed), colour)
        for line, colour in layer.lines
    )
    return layer._replace(shapes=shapes, lines=lines)


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
