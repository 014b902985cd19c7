"""A stick body from joint angles: forward kinematics, interpolation and projection.

Lengths are fractions of standing height (segment proportions after Drillis and
Contini, as tabled by Winter's *Biomechanics and Motor Control of Human
Movement*), so a figure is one body tall. Angles are degrees in the clinical
neutral-zero convention: 0 is the standing anatomical position, flexion is
positive. In the body's own frame x points forward, y up the spine and z out
to the near side; the pose's ``lying`` and ``trunk`` place that frame on the
floor, and the view projects it to the picture, where y is up and the floor is
at y = 0.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from backpain_cli.models import Figure, Limb, Pose

# Segment lengths and half-widths, as fractions of height.
TRUNK = 0.29  # hip joints to shoulder joints
HEAD_REACH = 0.12  # from between the shoulders to the centre of the head
HEAD_RADIUS = 0.065
UPPER_ARM = 0.186
FOREARM = 0.20  # to the middle of the hand
THIGH = 0.245
SHANK = 0.246
ANKLE_HEIGHT = 0.039
FOOT = 0.152  # heel to toe
HIP_HALF_WIDTH = 0.08
SHOULDER_HALF_WIDTH = 0.13
BACK_DEPTH = HEAD_RADIUS  # spine to the skin of the back, so a flat back and head both touch
SIDE_DEPTH = SHOULDER_HALF_WIDTH  # spine to the floor, lying on the side (on the shoulder)

#: The range each angle may take, in degrees: the plausible human range, a little wide.
RANGES = {
    "hip": (-30, 140),
    "hip_abduction": (-30, 60),
    "hip_rotation": (-45, 60),
    "knee": (0, 160),
    "ankle": (-60, 40),
    "shoulder": (-60, 180),
    "elbow": (0, 160),
    "trunk": (-10, 60),
    "head": (-20, 70),
}
LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "hip_abduction", "hip_rotation")
LYING = ("back", "side")
#: Each way of lying, and the view that shows it: the camera is at floor level.
VIEW_FOR = {"back": "side", "side": "front"}
BAND_PLACES = ("above-knees", "below-knees")
#: How far below the floor a point may seem before the pose is called impossible.
FLOOR_TOLERANCE = 0.01

Vector = tuple[float, float, float]
Point = tuple[float, float]


def _add(a: Vector, b: Vector, scale: float = 1.0) -> Vector:
    return (a[0] + b[0] * scale, a[1] + b[1] * scale, a[2] + b[2] * scale)


def _sagittal(angle: float) -> tuple[float, float]:
    """A direction in the body's side plane, ``angle`` degrees forward from straight
    down: (forward, up)."""
    radians = math.radians(angle)
    return (math.sin(radians), -math.cos(radians))


def _limb(side: float, angle: float, abduction: float = 0.0, rotation: float = 0.0) -> Vector:
    """A unit vector in the body's frame: ``angle`` degrees forward from down; turned
    ``rotation`` degrees outwards about the spine's axis (towards ``side``: +1 near, -1
    far); then ``abduction`` degrees out to the side about the forward axis.

    In that order a foot right below the hip stays where it is as the leg turns out,
    which is how the clam shell opens with the heels together."""
    forward, up = _sagittal(angle)
    turn = math.radians(rotation)
    forward, outwards = forward * math.cos(turn), forward * math.sin(turn)
    out = math.radians(abduction)
    up, outwards = (
        up * math.cos(out) - outwards * math.sin(out),
        outwards * math.cos(out) - up * math.sin(out),
    )
    return (forward, up, side * outwards)


def joints(pose: Pose) -> dict[str, Vector]:
    """Every joint of ``pose`` in the body's own frame (the middle of the hips at 0)."""
    shoulders: Vector = (0.0, TRUNK, 0.0)
    tip = math.radians(pose.head)  # the head tips forward as the neck flexes
    found: dict[str, Vector] = {
        "pelvis": (0.0, 0.0, 0.0),
        "neck": shoulders,
        "head": _add(shoulders, (math.sin(tip), math.cos(tip), 0.0), HEAD_REACH),
    }
    for name, side, limb in (("near", 1.0, pose.near), ("far", -1.0, pose.far)):
        hip: Vector = (0.0, 0.0, side * HIP_HALF_WIDTH)
        turns = (limb.hip_abduction, limb.hip_rotation)
        knee = _add(hip, _limb(side, limb.hip, *turns), THIGH)
        shank = limb.hip - limb.knee
        ankle = _add(knee, _limb(side, shank, *turns), SHANK)
        heel = _add(ankle, _limb(side, shank + limb.ankle, *turns), ANKLE_HEIGHT)
        toe = _add(heel, _limb(side, shank + limb.ankle + 90, *turns), FOOT)
        shoulder: Vector = (0.0, TRUNK, side * SHOULDER_HALF_WIDTH)
        elbow = _add(shoulder, _limb(side, limb.shoulder), UPPER_ARM)
        hand = _add(elbow, _limb(side, limb.shoulder + limb.elbow), FOREARM)
        for joint, at in (
            ("hip", hip), ("knee", knee), ("ankle", ankle), ("heel", heel), ("toe", toe),
            ("shoulder", shoulder), ("elbow", elbow), ("hand", hand),
        ):  # fmt: skip
            found[f"{name}_{joint}"] = at
    return found


class Axes(NamedTuple):
    """Where the body's forward, up-the-spine and near-side axes point in the room
    (x along the floor, y up, z towards the camera)."""

    forward: Vector
    spine: Vector
    near: Vector


def axes(pose: Pose) -> Axes:
    """The body's axes in the room: lying on the back (seen from the side) or on the
    side (seen from the front), head to the left, the trunk tilted by ``trunk``."""
    tilt = math.radians(pose.trunk)
    spine: Vector = (-math.cos(tilt), -math.sin(tilt), 0.0)
    up: Vector = (-math.sin(tilt), math.cos(tilt), 0.0)
    if pose.lying == "back":
        return Axes(forward=up, spine=spine, near=(0.0, 0.0, 1.0))
    return Axes(forward=(0.0, 0.0, 1.0), spine=spine, near=up)


def _to_room(point: Vector, frame: Axes) -> Vector:
    x, y, z = point
    room = _add(_add((0.0, 0.0, 0.0), frame.forward, x), frame.spine, y)
    return _add(room, frame.near, z)


def place(pose: Pose) -> dict[str, Vector]:
    """Every joint of ``pose`` in the room: resting on the floor (y = 0) by the back
    or the side, with the shoulders at x = 0."""
    frame = axes(pose)
    body = joints(pose)
    room = {name: _to_room(at, frame) for name, at in body.items()}
    if pose.lying == "back":
        rests = [(room[n], frame.forward, BACK_DEPTH) for n in ("neck", "pelvis")]
        rests.append((room["head"], frame.forward, HEAD_RADIUS))
    else:
        rests = [(room[n], frame.near, SIDE_DEPTH) for n in ("neck", "pelvis")]
    floor = min(at[1] - towards[1] * depth for at, towards, depth in rests)
    shift: Vector = (-room["neck"][0], -floor, 0.0)
    return {name: _add(at, shift) for name, at in room.items()}


def below_floor(pose: Pose) -> list[tuple[str, float]]:
    """The joints that would be under the floor, and by how much (fractions of height)."""
    return [
        (name, -at[1])
        for name, at in place(pose).items()
        if at[1] < -FLOOR_TOLERANCE and name != "head"
    ]


def blend(start: Pose, end: Pose, amount: float) -> Pose:
    """The pose ``amount`` (0 to 1) of the way from ``start`` to ``end``, angle by angle,
    so that every limb keeps its length on the way."""

    def mix(a: float, b: float) -> float:
        return a + (b - a) * amount

    def limb(a: Limb, b: Limb) -> Limb:
        return Limb(*(mix(x, y) for x, y in zip(a, b, strict=True)))

    return Pose(
        name=end.name if amount >= 1 else start.name,
        caption=end.caption if amount >= 1 else start.caption,
        lying=start.lying,
        trunk=mix(start.trunk, end.trunk),
        head=mix(start.head, end.head),
        near=limb(start.near, end.near),
        far=limb(start.far, end.far),
    )


def other_side(pose: Pose) -> Pose:
    """The same pose with the near and far limbs swapped (the other leg's turn)."""
    return pose._replace(near=pose.far, far=pose.near)


#: How far the camera looks down on the floor, in degrees, for each view: from the
#: front a little from above, so that knees drawn forward show as bent.
ELEVATION = {"side": 0.0, "front": 35.0}


def project(points: dict[str, Vector], view: str) -> dict[str, Point]:
    """The picture of points in the room, seen by the camera from ``view``: along the
    floor, at the height of the body's middle (the line under it is the floor)."""
    tilt = math.radians(ELEVATION[view])
    cos, sin = math.cos(tilt), math.sin(tilt)
    return {name: (x, y * cos - z * sin) for name, (x, y, z) in points.items()}


def movement(figure: Figure, amount: float) -> Pose:
    """The pose ``amount`` of the way through the movement (0 the start, 1 its end),
    through the figure's poses in order."""
    poses = figure.poses
    if len(poses) == 1 or amount <= 0:
        return poses[0]
    if amount >= 1:
        return poses[-1]
    spans = len(poses) - 1
    index = min(int(amount * spans), spans - 1)
    return blend(poses[index], poses[index + 1], amount * spans - index)
