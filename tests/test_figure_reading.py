"""What a first-time viewer reads in the pictures, with no caption: the clam shell's top
knee bent over a V with the feet together, the band a closed loop round both legs at
its place, the dead bug lying on the mat with its head tucked rather than crunched, and
each variant's foot where its steps put it."""

from __future__ import annotations

import itertools
import math

import pytest

from backpain_cli.content import load as loader
from backpain_cli.figures import raster
from backpain_cli.figures.band import BAND_WIDTH, band
from backpain_cli.figures.body import BACK_DEPTH, Body, movement, posed
from backpain_cli.figures.camera import Point
from backpain_cli.figures.drawing import camera_for, draw, frame, points
from backpain_cli.figures.paint import PALETTE, Drawing, Layer
from backpain_cli.models import Catalog, Figure

from .test_figures import CONTENT, THROUGH, angle_at, figure_of, lowest, solid_of

BANDED = (
    "glute-bridge", "small-bridge", "bridge-long-hold", "single-leg-bridge",
    "clam-shell", "clam-shell-long-hold",
)  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(CONTENT)


def layer(drawing: Drawing, name: str) -> Layer:
    return next(found for found in drawing.layers if found.name == name)


def drawn_angle(at: dict[str, Point], side: str) -> float:
    """The knee's angle as the picture shows it (180 is a straight leg)."""
    return angle_at(at[f"{side}_hip"], at[f"{side}_knee"], at[f"{side}_ankle"])


def inside(ring: list[Point], point: Point) -> bool:
    """Whether ``point`` is inside the convex polygon ``ring`` (counter-clockwise)."""
    x, y = point
    return all(
        (bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0
        for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def to_segment(point: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    size = dx * dx + dy * dy
    t = max(0.0, min(1.0, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / size)) if size else 0
    return math.dist(point, (a[0] + dx * t, a[1] + dy * t))


# The clam shell ----------------------------------------------------------------------


def test_the_clam_shell_top_knee_is_drawn_bent_over_a_v_to_the_bottom_one(
    catalog: Catalog,
) -> None:
    """As the picture shows them, not only in the pose data: a top leg that looks straight
    teaches a straight-leg side lift."""
    figure = figure_of(catalog, "clam-shell")
    camera = camera_for(figure)
    start, top = (points(pose, camera) for pose in figure.poses)
    for side in ("near", "far"):
        assert drawn_angle(start, side) < 110, side  # both knees bent at about a right angle
    assert drawn_angle(top, "far") < 110
    assert drawn_angle(top, "near") < 130  # opened, the top knee still clearly bent
    # The knees part in the picture while the heels stay together: a V.
    opened = math.dist(top["near_knee"], top["far_knee"]) - math.dist(
        start["near_knee"], start["far_knee"]
    )
    assert opened > 0.08
    assert math.dist(top["near_heel"], top["far_heel"]) < 0.05


def test_the_clam_shell_top_foot_rests_on_the_bottom_one(catalog: Catalog) -> None:
    """Stacked, sole beside sole, all through the movement: not pointed down past it."""
    figure = figure_of(catalog, "clam-shell")
    for amount in THROUGH:
        at = posed(movement(figure, amount)).joints
        soles = [
            [t - h for t, h in zip(at[f"{side}_toe"], at[f"{side}_heel"], strict=True)]
            for side in ("near", "far")
        ]
        assert angle_at(soles[0], [0.0, 0.0, 0.0], soles[1]) < 5, amount  # parallel
        for end in ("heel", "toe"):
            near, far = at[f"near_{end}"], at[f"far_{end}"]
            assert math.dist(near[::2], far[::2]) < 0.03, (amount, end)  # one over the other
            assert 0.03 < near[1] - far[1] < 0.06, (amount, end)  # resting on it


# The band ------------------------------------------------------------------------------


def test_the_band_is_drawn_as_a_closed_loop_round_both_legs(catalog: Catalog) -> None:
    """Every part of the loop is drawn, solid where it is seen and dashed where it goes
    round behind a leg, so it never stops in mid-air; solid on both legs, paler on the
    far one."""
    assert sum(PALETTE["far_band"]) > sum(PALETTE["band"])  # paler
    for name in BANDED:
        figure = figure_of(catalog, name)
        assert figure.band is not None
        camera = camera_for(figure)
        for pose in figure.poses:
            lines = layer(draw(figure, pose), "band").lines
            loop = [camera.project(p) for p in band(posed(pose), figure.band).loop]
            for index, a in enumerate(loop):  # the loop's every stretch, drawn
                b = loop[(index + 1) % len(loop)]
                for share in (0.0, 0.25, 0.5, 0.75):
                    point = (a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share)
                    gap = min(
                        to_segment(point, p, q)
                        for line, _colour in lines
                        for p, q in itertools.pairwise(line.points)
                    )
                    assert gap < 0.01, (name, pose.name, index)
            solid = {colour for line, colour in lines if line.width == BAND_WIDTH}
            assert solid == {"band", "far_band"}, (name, pose.name)


@pytest.mark.parametrize("name", BANDED)
def test_the_band_is_where_the_content_puts_it_and_clear_of_the_knee(
    catalog: Catalog, name: str
) -> None:
    """Just below the knees (on the shins) or just above them (on the thighs), as the
    equipment says; never on the knee joint itself."""
    exercise = catalog.find(name)
    assert exercise is not None
    figure = exercise.figure
    assert figure is not None
    placement = exercise.equipment.placement or ""
    below = figure.band == "below-knees"
    assert ("below" if below else "above") in placement
    for pose in figure.poses:
        body = posed(pose)
        found = band(body, figure.band or "")
        for side, centre in zip(("near", "far"), found.legs, strict=True):
            knee = body.joints[f"{side}_knee"]
            away = body.joints[f"{side}_ankle" if below else f"{side}_hip"]
            joint = max(b.radius for b in solid_of(body, f"{side}_thigh").balls[1:])
            along = [c - k for c, k in zip(centre, knee, strict=True)]
            limb = [a - k for a, k in zip(away, knee, strict=True)]
            assert angle_at(along, [0.0, 0.0, 0.0], limb) < 2  # on the shin, or the thigh
            assert joint + BAND_WIDTH / 2 < math.dist(centre, knee) < 0.08, (side, pose.name)


# The dead bug --------------------------------------------------------------------------


def mat_ring(drawing: Drawing) -> list[Point]:
    top = next(s for s in layer(drawing, "mat").shapes if s.fill == "mat")
    return [(arc.circle.x, arc.circle.y) for arc in top.arcs]


def test_the_dead_bug_lies_on_the_mat_head_and_all(catalog: Catalog) -> None:
    """The mat is seen behind the whole trunk, the lifted head included: a head beyond
    the mat's edge reads as a crunch."""
    for name in ("dead-bug", "dead-bug-arm-and-leg", "toe-taps"):
        figure = figure_of(catalog, name)
        camera = camera_for(figure)
        for amount in THROUGH:
            pose = movement(figure, amount)
            ring = mat_ring(draw(figure, pose))
            for solid in posed(pose).solids:
                if solid.group == "trunk":
                    for ball in solid.balls:
                        assert inside(ring, camera.project(ball.centre)), (name, solid.name)


def test_the_dead_bug_tucks_the_chin_with_the_shoulder_blades_just_off_the_floor(
    catalog: Catalog,
) -> None:
    """Not a crunch: the lower back flat, the shoulders a few centimetres up, the head a
    hand's breadth off the mat at most."""
    figure = figure_of(catalog, "dead-bug")
    for amount in THROUGH:
        body = posed(movement(figure, amount))
        assert BACK_DEPTH + 0.02 < body.joints["neck"][1] < BACK_DEPTH + 0.045
        assert 0.05 < lowest(solid_of(body, "head")) < 0.11
        chest = solid_of(body, "chest")
        assert max(b.centre[1] + b.radius for b in chest.balls) < 0.2  # flat, not curled up


def shadow_under(drawing: Drawing, body: Body, figure: Figure, side: str) -> float:
    """How far above its shadow the foot is drawn: from the shadow's top to the foot's
    lowest point, in the picture."""
    camera = camera_for(figure)
    foot = solid_of(body, f"{side}_foot")
    xs = [camera.project(b.centre)[0] for b in foot.balls]
    low = min(camera.project(b.centre)[1] - b.radius for b in foot.balls)
    for shape in layer(drawing, "shadow").shapes:
        outline = [(arc.circle.x, arc.circle.y) for arc in shape.arcs]
        if min(x for x, _ in outline) <= sum(xs) / len(xs) <= max(x for x, _ in outline):
            return low - max(y for _, y in outline)
    raise AssertionError(f"no shadow under the {side} foot")


def test_the_dead_bug_leg_goes_out_low_over_its_shadow(catalog: Catalog) -> None:
    """How high the foot goes shows against its shadow on the mat: well up at the
    start, just above the floor when the leg is out, touching it on the floor."""
    figure = figure_of(catalog, "dead-bug")
    start, out = figure.poses[0], figure.poses[-1]
    body = posed(out)
    assert 0.04 < lowest(solid_of(body, "near_foot")) < 0.1  # just off the floor
    low = shadow_under(draw(figure, out), body, figure, "near")
    high = shadow_under(draw(figure, start), posed(start), figure, "near")
    assert 0.02 < low < high / 3
    slide = figure_of(catalog, "heel-slides")
    slid = posed(slide.poses[-1])
    assert abs(shadow_under(draw(slide, slide.poses[-1]), slid, slide, "near")) < 0.02


# The variants --------------------------------------------------------------------------


def test_the_single_leg_bridge_straight_leg_is_level_with_the_other_thigh(
    catalog: Catalog,
) -> None:
    figure = figure_of(catalog, "single-leg-bridge")
    start, top = (posed(pose).joints for pose in figure.poses)
    straight = [a - h for a, h in zip(start["near_ankle"], start["near_hip"], strict=True)]
    thigh = [k - h for k, h in zip(start["far_knee"], start["far_hip"], strict=True)]
    assert angle_at(straight, [0.0, 0.0, 0.0], thigh) < 3  # in line with the other thigh
    assert abs(start["near_knee"][1] - start["far_knee"][1]) < 0.01  # knees level
    rise = math.degrees(math.atan2(thigh[1], math.hypot(thigh[0], thigh[2])))
    assert 35 < rise < 50  # a thigh at an easy slope, not steep
    side = [top[j][:2] for j in ("neck", "near_hip", "near_ankle")]  # seen from the side
    assert angle_at(*side) > 175  # at the top, the straight leg in line with the body
    foot = [posed(pose).joints["far_heel"] for pose in figure.poses]
    assert math.dist(foot[0], foot[1]) < 0.02  # the working foot stays where it is


def test_the_heel_slides_arrow_runs_along_the_floor(catalog: Catalog) -> None:
    figure = figure_of(catalog, "heel-slides")
    camera = camera_for(figure)
    (x0, y0), (x1, y1) = camera.project((0.0, 0.0, 0.0)), camera.project((1.0, 0.0, 0.0))
    floor = math.atan2(y1 - y0, x1 - x0)
    arrow = layer(draw(figure, figure.poses[-1], arrow=True), "arrow")
    ((shaft, _colour),) = arrow.lines
    tail = shaft.points[len(shaft.points) // 2 :]
    for (ax, ay), (bx, by) in itertools.pairwise(tail):
        assert abs(math.degrees(math.atan2(by - ay, bx - ax) - floor)) < 10  # no curl up
    end = posed(figure.poses[-1])
    assert abs(lowest(solid_of(end, "near_foot"))) < 0.01  # the heel on the floor


def test_toe_taps_touch_the_floor_with_the_toes_not_the_heel(catalog: Catalog) -> None:
    figure = figure_of(catalog, "toe-taps")
    tap = posed(figure.poses[-1])
    foot = solid_of(tap, "near_foot")
    heel, toes = foot.balls[1], foot.balls[-1]
    assert abs(toes.centre[1] - toes.radius) < 0.01
    assert heel.centre[1] - heel.radius > 0.015
    at = tap.joints
    assert angle_at(at["near_hip"], at["near_knee"], at["near_ankle"]) == pytest.approx(90, abs=3)


# The bridge's hip ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["glute-bridge", "small-bridge", "single-leg-bridge"])
def test_the_bridge_thigh_comes_out_of_the_trunk_without_a_ring_over_the_belly(
    catalog: Catalog, name: str
) -> None:
    """At the top, the near thigh's end is not outlined over the trunk: from the hip
    joint along the trunk and along the thigh, no outline crosses, so that shoulders,
    hips and knees read as one body in one line."""
    figure = figure_of(catalog, name)
    camera = camera_for(figure)
    top = figure.poses[-1]
    box = frame(figure)
    across, down = 600, round(600 * box.height / box.width)
    pixels = raster.paint(draw(figure, top), box, across, down)
    edge = raster.edges(pixels)
    at = points(top, camera)

    def pixel(point: Point) -> tuple[int, int]:
        x = int((point[0] - box.left) / box.width * across)
        return x, int((box.top - point[1]) / box.height * down)

    hip, neck, knee = at["near_hip"], at["neck"], at["near_knee"]
    up_the_trunk = 0.12 / math.dist(hip, neck)  # body heights, from the hip
    for towards, share in ((neck, up_the_trunk), (knee, 0.7)):
        steps = 2 * across  # half a pixel apart, or closer
        for step in range(steps + 1):
            t = share * step / steps
            x, y = pixel((hip[0] + (towards[0] - hip[0]) * t, hip[1] + (towards[1] - hip[1]) * t))
            assert not edge[y][x], (name, towards, t)
