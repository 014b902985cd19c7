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

from backpain_cli.figures.band import band_lines
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
from backpain_cli.figures.paint import Box, Drawing, Layer, Line, Shape
from backpain_cli.models import Figure, Pose

#: What each group's parts are filled with, by part, and its outline's colour.
_FILLS = {"pelvis": "shirt", "chest": "shirt", "hair": "hair"}
_INK = {FAR_ARM: "far_ink", FAR_LEG: "far_ink"}
#: The order the groups are painted in, for each way of lying: lying on the back, the
#: far limbs are behind the trunk; lying on the side, the legs are drawn forward of it.
#: The band is painted over them all, as much of it as the camera sees (see figures.band).
ORDER = {
    "back": (FAR_ARM, FAR_LEG, TRUNK_GROUP, NEAR_LEG, NEAR_ARM),
    "side": (FAR_ARM, TRUNK_GROUP, FAR_LEG, NEAR_LEG, NEAR_ARM),
}
LINE = 0.007  # an outline's width, in body heights
ARROW_WIDTH = 0.016
ARROW_HEAD = (0.05, 0.032)  # the arrowhead's length and half its width
MARGIN = 0.03
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
    share = point[1] / towards[1]
    return (
        point[0] - towards[0] * share,
        point[1] - towards[1] * share,
        point[2] - towards[2] * share,
    )


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
        layers.append(Layer("band", None, 0.0, lines=tuple(band_lines(body, camera, figure.band))))
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
