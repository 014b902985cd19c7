"""A body from joint angles: forward kinematics, its solid shape, its place on the
floor, and blending between poses.

Lengths are fractions of standing height (segment proportions after Drillis and
Contini, as tabled by Winter's *Biomechanics and Motor Control of Human
Movement*), so a figure is one body tall. Angles are degrees in the clinical
neutral-zero convention: 0 is the standing anatomical position, flexion is
positive. In the body's own frame x points forward, y up the spine and z out
to the near side; the pose's ``lying`` and ``trunk`` place that frame in the
room, where y is up and the floor is at y = 0.

The body's surface is made of balls: each part (a thigh, the chest, a foot) is
the convex hull of a few balls, so a thigh tapers from hip to knee, and a
camera sees each part as the hull of circles (figures.camera). The same balls
rest the body on the floor and say whether any of it would be under the floor.
"""

import math
from typing import NamedTuple

from backpain_cli.models import Figure, Limb, Pose

# Segment lengths, as fractions of height.
TRUNK = 0.29  # hip joints to shoulder joints
LUMBAR = 0.12  # hip joints to where the upper back rounds (``curl``)
HEAD_REACH = 0.12  # from between the shoulders to the centre of the head
UPPER_ARM = 0.186
FOREARM = 0.146  # elbow to wrist
THIGH = 0.245
SHANK = 0.246
ANKLE_HEIGHT = 0.039
FOOT = 0.152  # heel to toe
HIP_HALF_WIDTH = 0.08
SHOULDER_HALF_WIDTH = 0.105
HEAD_RADIUS = 0.058  # the skull, seen as a ball
#: Spine to floor, lying on the back: the depth of the pelvis behind the hip joints.
BACK_DEPTH = 0.064

#: The range each angle may take, in degrees: the plausible human range, a little wide.
RANGES = {
    "hip": (-30, 140),
    "hip_abduction": (-30, 60),
    "hip_rotation": (-45, 60),
    "knee": (0, 160),
    "ankle": (-60, 40),
    "shoulder": (-60, 180),
    "shoulder_abduction": (-90, 180),
    "elbow": (0, 160),
    "trunk": (-10, 60),
    "curl": (0, 45),
    "head": (-20, 70),
}
LIMB_JOINTS = (
    "hip", "knee", "ankle", "shoulder", "elbow",
    "hip_abduction", "hip_rotation", "shoulder_abduction",
)  # fmt: skip
LYING = ("back", "side")
#: Each way of lying, and the view that shows it (figures.camera places its camera).
VIEW_FOR = {"back": "side", "side": "front"}
BAND_PLACES = ("above-knees", "below-knees")
#: How far below the floor the body's surface may seem before a pose is called
#: impossible: soft tissue gives a little, a part 4% of height under it is wrong.
FLOOR_TOLERANCE = 0.015

#: The groups a body is drawn in: each limb, and the trunk with the neck and head.
NEAR_ARM, NEAR_LEG, TRUNK_GROUP, FAR_LEG, FAR_ARM = (
    "near_arm", "near_leg", "trunk", "far_leg", "far_arm",
)  # fmt: skip

Vector = tuple[float, float, float]


class Ball(NamedTuple):
    centre: Vector
    radius: float


class Solid(NamedTuple):
    """One part of the body: the convex hull of its balls."""

    name: str  # such as "near_thigh"
    group: str  # the limb it belongs to, or the trunk
    balls: tuple[Ball, ...]


class Body(NamedTuple):
    """A posed body: its joints and its solid parts, in one frame."""

    joints: dict[str, Vector]
    solids: tuple[Solid, ...]


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


def _curled(curl: float) -> tuple[float, float]:
    """(sin, cos) of the upper back's rounding."""
    radians = math.radians(curl)
    return math.sin(radians), math.cos(radians)


def _bend(point: Vector, curl: tuple[float, float]) -> Vector:
    """A point of the upper body, with the upper back rounded forward about LUMBAR."""
    sin, cos = curl
    x, y, z = point
    y -= LUMBAR
    return (x * cos + y * sin, LUMBAR + y * cos - x * sin, z)


def build(pose: Pose) -> Body:
    """The joints and solids of ``pose`` in the body's own frame (the hips' middle at 0)."""
    curl = _curled(pose.curl)
    neck: Vector = (0.0, TRUNK, 0.0)
    tip = math.radians(pose.head)  # the head tips forward as the neck flexes
    up: Vector = (math.sin(tip), math.cos(tip), 0.0)
    face: Vector = (math.cos(tip), -math.sin(tip), 0.0)
    head = _add(neck, up, HEAD_REACH)
    joints: dict[str, Vector] = {
        "pelvis": (0.0, 0.0, 0.0),
        "neck": _bend(neck, curl),
        "head": _bend(head, curl),
    }
    solids: list[Solid] = []

    def solid(name: str, group: str, *balls: tuple[Vector, float]) -> None:
        solids.append(Solid(name, group, tuple(Ball(c, r) for c, r in balls)))

    def pair(x: float, y: float, half: float, radius: float, bent: bool) -> list[Ball]:
        found = [Ball((x, y, half), radius), Ball((x, y, -half), radius)]
        return [Ball(_bend(b.centre, curl), b.radius) for b in found] if bent else found

    waist = pair(0.0, LUMBAR + 0.01, 0.048, 0.058, False)
    solids.append(
        Solid(
            "pelvis",
            TRUNK_GROUP,
            (*pair(-0.008, -0.035, 0.055, 0.058, False), *pair(0.0, 0.0, 0.062, BACK_DEPTH, False),
             *waist),
        )
    )  # fmt: skip
    solids.append(
        Solid(
            "chest",
            TRUNK_GROUP,
            (*waist, *pair(0.006, 0.21, 0.055, 0.066, True), *pair(0.0, TRUNK - 0.006, 0.088,
             0.048, True)),
        )
    )  # fmt: skip
    solid("neck", TRUNK_GROUP, (joints["neck"], 0.03), (_bend(_add(neck, up, 0.06), curl), 0.028))
    centre = joints["head"]
    solid("hair", TRUNK_GROUP, (_bend(_add(_add(head, face, -0.014), up, 0.01), curl), 0.056))
    solid(
        "head",
        TRUNK_GROUP,
        (centre, HEAD_RADIUS),
        (_bend(_add(_add(head, face, 0.026), up, -0.044), curl), 0.035),
    )
    solid("nose", TRUNK_GROUP, (_bend(_add(_add(head, face, 0.058), up, -0.014), curl), 0.012))

    for name, side, limb in (("near", 1.0, pose.near), ("far", -1.0, pose.far)):
        legs, arms = f"{name}_leg", f"{name}_arm"
        hip: Vector = (0.0, 0.0, side * HIP_HALF_WIDTH)
        turns = (limb.hip_abduction, limb.hip_rotation)
        knee = _add(hip, _limb(side, limb.hip, *turns), THIGH)
        shank = limb.hip - limb.knee
        down = _limb(side, shank, *turns)
        ankle = _add(knee, down, SHANK)
        # The foot lies as a resting body's feet do, its sole square to the body's side
        # plane whatever the hip's turns (the ankle and the foot's own joints take them
        # up): the clam shell's top foot rests on the bottom one as the knee opens.
        sole = _limb(side, shank + limb.ankle)  # from the ankle to the sole
        toes = _limb(side, shank + limb.ankle + 90)  # along the sole
        heel = _add(ankle, sole, ANKLE_HEIGHT)
        toe = _add(heel, toes, FOOT)
        solid(f"{name}_thigh", legs, (hip, 0.058), (knee, 0.042))
        solid(f"{name}_shin", legs, (knee, 0.04), (_add(knee, down, 0.09), 0.036), (ankle, 0.023))
        solid(
            f"{name}_foot",
            legs,
            (ankle, 0.024),
            (_add(_add(ankle, sole, ANKLE_HEIGHT - 0.021), toes, -0.014), 0.021),
            (_add(_add(ankle, sole, ANKLE_HEIGHT - 0.017), toes, 0.1), 0.017),
            (_add(_add(ankle, sole, ANKLE_HEIGHT - 0.011), toes, FOOT - 0.026), 0.011),
        )
        shoulder: Vector = (0.0, TRUNK, side * SHOULDER_HALF_WIDTH)
        elbow = _add(shoulder, _limb(side, limb.shoulder, limb.shoulder_abduction), UPPER_ARM)
        along = _limb(side, limb.shoulder + limb.elbow, limb.shoulder_abduction)
        wrist = _add(elbow, along, FOREARM)
        palm = _add(wrist, along, 0.042)
        arm = [_bend(p, curl) for p in (shoulder, elbow, wrist, palm, _add(wrist, along, 0.092))]
        solid(f"{name}_upper_arm", arms, (arm[0], 0.036), (arm[1], 0.028))
        solid(f"{name}_forearm", arms, (arm[1], 0.028), (arm[2], 0.02))
        solid(f"{name}_hand", arms, (arm[2], 0.02), (arm[3], 0.025), (arm[4], 0.013))
        for joint, at in (
            ("hip", hip), ("knee", knee), ("ankle", ankle), ("heel", heel), ("toe", toe),
            ("shoulder", arm[0]), ("elbow", arm[1]), ("wrist", arm[2]), ("hand", arm[3]),
        ):  # fmt: skip
            joints[f"{name}_{joint}"] = at
    return Body(joints, tuple(solids))


def joints(pose: Pose) -> dict[str, Vector]:
    """Every joint of ``pose`` in the body's own frame (the middle of the hips at 0)."""
    return build(pose).joints


class Axes(NamedTuple):
    """Where the body's forward, up-the-spine and near-side axes point in the room
    (x along the floor, y up, z towards the camera's side of the room)."""

    forward: Vector
    spine: Vector
    near: Vector


def axes(pose: Pose) -> Axes:
    """The body's axes in the room: lying on the back or on the side, head to the
    left, the trunk tilted by ``trunk``."""
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


def _lowest(solid: Solid) -> float:
    return min(ball.centre[1] - ball.radius for ball in solid.balls)


def posed(pose: Pose) -> Body:
    """``pose`` in the room: resting on the floor (y = 0) by its trunk or head,
    whichever is lowest, with the shoulders at x = 0."""
    frame = axes(pose)
    built = build(pose)
    room = {name: _to_room(at, frame) for name, at in built.joints.items()}
    solids = [
        Solid(s.name, s.group, tuple(Ball(_to_room(b.centre, frame), b.radius) for b in s.balls))
        for s in built.solids
    ]
    floor = min(_lowest(s) for s in solids if s.group == TRUNK_GROUP)
    shift: Vector = (-room["neck"][0], -floor, 0.0)
    return Body(
        {name: _add(at, shift) for name, at in room.items()},
        tuple(
            Solid(s.name, s.group, tuple(Ball(_add(b.centre, shift), b.radius) for b in s.balls))
            for s in solids
        ),
    )


def place(pose: Pose) -> dict[str, Vector]:
    """Every joint of ``pose`` in the room, resting on the floor."""
    return posed(pose).joints


def below_floor(pose: Pose) -> list[tuple[str, float]]:
    """The parts of the body whose surface would be under the floor, and how deep the
    deepest point of each is (fractions of height)."""
    return [
        (solid.name, -low)
        for solid in posed(pose).solids
        if (low := _lowest(solid)) < -FLOOR_TOLERANCE
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
        curl=mix(start.curl, end.curl),
    )


def other_side(pose: Pose) -> Pose:
    """The same pose with the near and far limbs swapped (the other leg's turn)."""
    return pose._replace(near=pose.far, far=pose.near)


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
