"""An exercise's `figure:` section, already checked against its schema, made into a
Figure: poses that inherit with `from:`, and the checks no schema can make (a pose
that names itself, a missing angle, a foot under the floor, a band on an exercise
without one)."""

from __future__ import annotations

from typing import Any

from backpain_cli.content.document import Document
from backpain_cli.content.schema_types import Schema, angle, obj, text
from backpain_cli.errors import Problem
from backpain_cli.figures.body import BAND_PLACES, LIMB_JOINTS, LYING, RANGES, VIEW_FOR, below_floor
from backpain_cli.models import Figure, Limb, Pose

#: The most poses a figure has: each is drawn side by side, on a screen as on paper.
MOST_POSES = 12

# The figure: section's schema (content.schemas puts it in the exercise's), its ranges
# and words the geometry's own.
_LIMB = obj(
    [],
    {
        "hip": angle("Hip flexion: the thigh forward of the trunk's line.", *RANGES["hip"]),
        "hip_abduction": angle(
            "Hip abduction, the leg out to the side; negative brings it across towards "
            "the other leg (lying on the side, so that the heels meet). Default 0.",
            *RANGES["hip_abduction"],
        ),
        "hip_rotation": angle(
            "Hip external rotation, turning the whole leg outwards about the trunk's line: "
            "it opens the knee in the clam shell. Default 0.",
            *RANGES["hip_rotation"],
        ),
        "knee": angle("Knee flexion: 0 is straight.", *RANGES["knee"]),
        "ankle": angle(
            "Ankle dorsiflexion (toes towards the shin) positive, pointing the foot negative.",
            *RANGES["ankle"],
        ),
        "shoulder": angle(
            "Shoulder flexion: the arm raised forwards (90 points it straight ahead of the "
            "chest, 180 beside the head).",
            *RANGES["shoulder"],
        ),
        "elbow": angle("Elbow flexion: 0 is straight.", *RANGES["elbow"]),
        "shoulder_abduction": angle(
            "Shoulder abduction, the arm out to the side; negative brings it across the "
            "front of the body (lying on the side, down towards the floor). Default 0.",
            *RANGES["shoulder_abduction"],
        ),
    },
    description="Joint angles for one side, neutral-zero (0 is standing, flexion positive).",
)

_POSE = obj(
    ["caption"],
    {
        "from": {
            "type": "string",
            "minLength": 1,
            "description": "Another pose's name: start from its angles and change only the "
            "ones given here.",
        },
        "caption": text("One line under the picture, such as 'Start: on your back'."),
        "lying": {
            "enum": list(LYING),
            "description": "How the body rests on the floor: on the back, or on the side.",
        },
        "trunk": angle(
            "The trunk's angle to the floor; positive lifts the hips above the shoulders.",
            *RANGES["trunk"],
        ),
        "curl": angle(
            "The upper back rounded forward, lifting the shoulder blades off the floor "
            "(as in a crunch). Default 0.",
            *RANGES["curl"],
        ),
        "head": angle(
            "Neck flexion: positive tucks the chin and lifts the head off the floor.",
            *RANGES["head"],
        ),
        "near": {
            **_LIMB,
            "description": "The limbs nearer you (lying on the side: the upper ones).",
        },
        "far": {
            **_LIMB,
            "description": "The other limbs; where a pose leaves them out, the same as near.",
        },
        "both": {**_LIMB, "description": "Angles for both sides at once; near and far win."},
    },
)

FIGURE: Schema = obj(
    ["view", "poses"],
    {
        "view": {
            "enum": list(VIEW_FOR.values()),
            "description": "Where the picture is seen from, at floor level: side (for a pose "
            "on the back) or front (for a pose on the side).",
        },
        "band": {
            "enum": list(BAND_PLACES),
            "description": "Where the band is drawn: just above or just below the knees.",
        },
        "poses": {
            "type": "object",
            "required": ["start"],
            "minProperties": 2,
            "maxProperties": MOST_POSES,
            "additionalProperties": _POSE,
            "description": "Named positions in the order of the movement: start first, then "
            "the end of the movement (such as top). A pose needs lying, trunk, head and "
            f"every near angle, or `from:` another pose. At most {MOST_POSES}.",
        },
    },
    description="The exercise's positions as joint angles, to draw it (optional).",
)

_POSE_FIELDS = ("lying", "trunk", "head")
_OPTIONAL_FIELDS = ("curl",)
_NEEDED = ("hip", "knee", "ankle", "shoulder", "elbow")


def build(
    data: dict[str, Any],
    doc: Document,
    file: str,
    band: bool,
    check: bool = True,
    inherit: dict[str, dict[str, Any]] | None = None,
    at: str = "figure",
) -> tuple[Figure | None, list[Problem]]:
    """The figure in ``data`` (the exercise's `figure:`), or None with the problems found.

    Without ``check``, for a file already checked, the poses are only put together:
    the geometry (nothing under the floor) is not worked out again. A variant's figure
    ``inherit``s its exercise's poses: `from: NAME` takes the variant's own pose NAME
    where it has another of that name, else the exercise's. ``at`` is where the figure
    sits in the file, for the problems' field paths."""
    problems: list[Problem] = []

    def fail(message: str, path: str) -> None:
        problems.append(Problem(file, message, doc.line(path), path))

    raw: dict[str, dict[str, Any]] = data["poses"]
    parents: dict[str, dict[str, Any]] = inherit or {}
    resolved: dict[tuple[bool, str], dict[str, Any]] = {}

    failed: set[tuple[bool, str]] = set()

    def resolve(name: str) -> dict[str, Any] | None:
        """The pose's angles, with those it takes `from:` another, walking the chain of
        `from:` without recursion (however long), each pose once. A node is (own, name):
        a pose of this figure, or (in a variant's figure) one of the exercise's."""
        walk: list[tuple[bool, str]] = []  # the poses to put together, the deepest last
        chain: tuple[str, ...] = ()  # the names walked in the present figure, for loops
        own, current = True, name
        while (own, current) not in resolved:
            if (own, current) in failed:
                failed.update(walk)
                return None
            walk.append((own, current))
            pose = (raw if own else parents)[current]
            if "from" not in pose:
                break
            base = pose["from"]
            path = f"{at}.poses.{current}"
            # In a variant's figure, a pose named as one of the exercise's, and taken from
            # it, takes the exercise's; any other name is the variant's own.
            same = (base in raw and base != current) if own else base in parents
            if not same and not (own and base in parents) and base != current:
                known = ", ".join(dict.fromkeys([*raw, *parents]) if own else parents)
                fail(f"from: no pose named '{base}'; poses: {known}", f"{path}.from")
                failed.update(walk)
                return None
            if (same and base in chain) or (base == current and not (own and base in parents)):
                fail(
                    f"from: '{base}' leads back to '{current}'; a pose cannot inherit from itself",
                    f"{path}.from",
                )
                failed.update(walk)
                return None
            chain = (*chain, current) if same else ()
            own, current = own and same, base
        for index in range(len(walk) - 1, -1, -1):
            node = walk[index]
            pose = (raw if node[0] else parents)[node[1]]
            above = walk[index + 1] if index + 1 < len(walk) else (own, current)
            merged = _merge(node[1], pose, resolved[above] if "from" in pose else {})
            if merged is None:
                failed.update(walk[: index + 1])
                return None
            resolved[node] = merged
        return resolved[True, name]

    def _merge(name: str, pose: dict[str, Any], parent: dict[str, Any]) -> dict[str, Any] | None:
        """One pose's angles over those it takes from."""
        path = f"{at}.poses.{name}"
        merged = {
            **parent,
            **{k: pose[k] for k in (*_POSE_FIELDS, *_OPTIONAL_FIELDS, "caption") if k in pose},
        }
        both = pose.get("both", {})
        near = {**parent.get("near", {}), **both, **pose.get("near", {})}
        far = {**parent.get("far", {}), **both, **pose.get("far", {})}
        if "from" not in pose:
            far = {**near, **far}  # a pose that leaves the far limbs out: as the near ones
        merged["near"], merged["far"] = near, far
        missing = [k for k in _POSE_FIELDS if k not in merged]
        missing += [f"near.{j}" for j in _NEEDED if j not in near]
        if missing:
            fail(
                "missing " + ", ".join(missing) + "; give them, or `from: start` to take "
                "them from another pose",
                path,
            )
            return None
        return merged

    poses: list[Pose] = []
    for name in raw:
        merged = resolve(name)
        if merged is None:
            continue
        poses.append(
            Pose(
                name=name,
                caption=merged["caption"],
                lying=merged["lying"],
                trunk=float(merged["trunk"]),
                head=float(merged["head"]),
                curl=float(merged.get("curl", 0)),
                near=_limb(merged["near"]),
                far=_limb(merged["far"]),
            )
        )
    if problems:
        return None, problems
    if not check:
        return Figure(data["view"], data.get("band"), tuple(poses)), []
    view, lying = data["view"], poses[0].lying
    if VIEW_FOR[lying] != view:
        fail(
            f"'{view}' does not show a body lying on its {lying}; use view: {VIEW_FOR[lying]}",
            f"{at}.view",
        )
    for pose in poses:
        path = f"{at}.poses.{pose.name}"
        if pose.lying != lying:
            fail(
                f"lying: '{pose.lying}' differs from '{lying}' in '{poses[0].name}'; "
                "the picture moves between poses, so they all rest the same way",
                f"{path}.lying",
            )
        under = below_floor(pose)
        if under:
            joint, depth = max(under, key=lambda found: found[1])
            fail(
                f"the {joint.replace('_', ' ')} would be {depth * 100:.0f}% of the body's "
                "height under the floor; change the angles of this pose",
                path,
            )
    if data.get("band") and not band:
        fail("a band is drawn, but equipment.band is false; remove band: or set it", f"{at}.band")
    if problems:
        return None, problems
    return Figure(view, data.get("band"), tuple(poses)), []


def _limb(angles: dict[str, Any]) -> Limb:
    return Limb(**{joint: float(angles.get(joint, 0)) for joint in LIMB_JOINTS})
