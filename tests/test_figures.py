"""Pictures of every position: the geometry a physiotherapist would check, the pose data's
validation, and the drawings in the terminal and as SVG."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.content import load as loader
from backpain_cli.errors import ContentError
from backpain_cli.figures import body as body_module
from backpain_cli.figures.body import (
    FLOOR_TOLERANCE,
    LYING,
    RANGES,
    Body,
    Solid,
    Vector,
    movement,
    place,
    posed,
)
from backpain_cli.figures.camera import Camera
from backpain_cli.figures.drawing import camera_for, points
from backpain_cli.figures.outline import Circle, outline, polygon
from backpain_cli.models import Catalog, Figure, Limb, Pose

from .conftest import Invoke
from .test_loader_errors import edit, problems

CONTENT = Path(__file__).resolve().parent.parent / "content"
SVG = "{http://www.w3.org/2000/svg}"
BRAILLE = range(0x2801, 0x2900)
#: Every tenth of the way through a movement, the start and the end included.
THROUGH = [step / 10 for step in range(11)]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(CONTENT)


def figure_of(catalog: Catalog, name: str) -> Figure:
    exercise = catalog.find(name)
    assert exercise is not None
    assert exercise.figure is not None
    return exercise.figure


def angle_at(a: tuple[float, ...], joint: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The angle a-joint-b in degrees (180 is a straight line)."""
    u = [x - y for x, y in zip(a, joint, strict=True)]
    v = [x - y for x, y in zip(b, joint, strict=True)]
    dot = sum(x * y for x, y in zip(u, v, strict=True))
    return math.degrees(math.acos(max(-1.0, min(1.0, dot / (math.hypot(*u) * math.hypot(*v))))))


# Geometry -------------------------------------------------------------------------


def solid_of(body: Body, name: str) -> Solid:
    return next(s for s in body.solids if s.name == name)


def lowest(solid: Solid) -> float:
    return min(b.centre[1] - b.radius for b in solid.balls)


def highest(solid: Solid) -> float:
    return max(b.centre[1] + b.radius for b in solid.balls)


def middle(a: Vector, b: Vector) -> Vector:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def test_the_bridge_top_puts_shoulders_hips_and_knees_in_one_line(catalog: Catalog) -> None:
    figure = figure_of(catalog, "glute-bridge")
    top, start = place(figure.poses[-1]), place(figure.poses[0])
    knees = middle(top["near_knee"], top["far_knee"])
    assert angle_at(top["neck"], top["pelvis"], knees) == pytest.approx(180, abs=4)
    assert (
        angle_at(start["neck"], start["pelvis"], middle(start["near_knee"], start["far_knee"]))
        < 140
    )
    assert top["pelvis"][1] > start["pelvis"][1] + 0.1  # the hips really lift


def test_the_bridge_feet_stay_flat_on_the_floor_and_do_not_slide(catalog: Catalog) -> None:
    figure = figure_of(catalog, "glute-bridge")
    first = place(figure.poses[0])
    for amount in THROUGH:
        body = posed(movement(figure, amount))
        now = body.joints
        for side in ("near", "far"):
            foot = solid_of(body, f"{side}_foot")
            assert abs(lowest(foot)) < 0.012, amount  # on the floor: within 2 cm
            heel, toe = foot.balls[1], foot.balls[-1]  # the sole, heel to toe, is level
            assert abs((heel.centre[1] - heel.radius) - (toe.centre[1] - toe.radius)) < 0.012
            assert abs(now[f"{side}_heel"][0] - first[f"{side}_heel"][0]) < 0.03, amount
        assert now["neck"][1] <= body_module.BACK_DEPTH + 0.01, amount  # the shoulders stay down
        assert lowest(solid_of(body, "head")) < 0.015, amount  # and the head


def test_the_clam_shell_opens_the_knee_with_the_heels_together(catalog: Catalog) -> None:
    figure = figure_of(catalog, "clam-shell")
    apart = []
    for amount in THROUGH:
        now = place(movement(figure, amount))
        assert math.dist(now["near_heel"], now["far_heel"]) < 0.05, amount  # heels touch
        apart.append(math.dist(now["near_knee"], now["far_knee"]))
    assert apart == sorted(apart)  # the knee opens all the way through the lift
    assert apart[-1] - apart[0] > 0.08  # by more than 8% of height: a real opening
    for pose in figure.poses:
        at = place(pose)
        for side in ("near", "far"):  # the knees stay bent at 90 degrees, opening or not
            knee = angle_at(at[f"{side}_hip"], at[f"{side}_knee"], at[f"{side}_ankle"])
            assert knee == pytest.approx(90, abs=5)


def test_the_clam_shell_lies_as_a_physiotherapist_would_set_it_up(catalog: Catalog) -> None:
    """Hips at about 45 degrees, the heels in line with the spine, the head resting on
    the lower arm, the top hand planted on the floor in front of the chest."""
    start = figure_of(catalog, "clam-shell").poses[0]
    body = posed(start)
    at = body.joints
    spine = tuple(n - p for n, p in zip(at["neck"], at["pelvis"], strict=True))
    for side in ("near", "far"):
        thigh = tuple(k - h for k, h in zip(at[f"{side}_knee"], at[f"{side}_hip"], strict=True))
        hip = 180 - angle_at(spine, (0.0, 0.0, 0.0), thigh)
        assert hip == pytest.approx(45, abs=8), side
        heel = at[f"{side}_heel"]
        assert abs(heel[2] - at["pelvis"][2]) < 0.04, side  # neither forward nor back
    head, arm = solid_of(body, "head"), solid_of(body, "far_upper_arm")
    assert 0 <= lowest(head) - highest(arm) < 0.02  # resting on it
    hand = solid_of(body, "near_hand")
    assert abs(lowest(hand)) < 0.012  # on the floor
    chest = solid_of(body, "chest")
    assert at["near_hand"][2] > max(b.centre[2] + b.radius for b in chest.balls)  # in front
    assert at["near_shoulder"][0] - 0.1 < at["near_hand"][0] < at["pelvis"][0]  # of the chest


def test_the_dead_bug_lifts_head_and_shoulders_with_the_arms_straight_up(
    catalog: Catalog,
) -> None:
    figure = figure_of(catalog, "dead-bug")
    for amount in THROUGH:
        body = posed(movement(figure, amount))
        now = body.joints
        assert lowest(solid_of(body, "pelvis")) == pytest.approx(0, abs=0.005), amount
        assert now["neck"][1] > body_module.BACK_DEPTH + 0.03, amount  # shoulder blades up
        assert lowest(solid_of(body, "head")) > 0.05, amount  # the head lifted
        for side in ("near", "far"):
            shoulder, elbow, hand = (now[f"{side}_{j}"] for j in ("shoulder", "elbow", "hand"))
            assert angle_at(shoulder, elbow, hand) > 175  # straight
            assert math.dist(hand[::2], shoulder[::2]) < 0.03  # right above the shoulder
            assert hand[1] > shoulder[1] + 0.3
    start, out = place(figure.poses[0]), place(figure.poses[-1])
    # The chin tucked: the head tipped forward of the line of the upper back.
    assert angle_at(start["pelvis"], start["neck"], start["head"]) < 155
    for side in ("near", "far"):
        assert angle_at(start[f"{side}_hip"], start[f"{side}_knee"], start[f"{side}_ankle"]) == (
            pytest.approx(90, abs=3)
        )
        assert start[f"{side}_heel"][1] > 0.15  # feet off the floor
    assert angle_at(out["near_hip"], out["near_knee"], out["near_ankle"]) > 175  # straight
    assert angle_at(out["far_hip"], out["far_knee"], out["far_ankle"]) == pytest.approx(90, abs=3)
    assert 0.05 < out["near_heel"][1] < 0.3  # out low, off the floor


@given(
    start=st.lists(st.floats(0, 120), min_size=4, max_size=4),
    end=st.lists(st.floats(0, 120), min_size=4, max_size=4),
    amount=st.floats(0, 1),
)
def test_limbs_keep_their_length_between_poses(
    start: list[float], end: list[float], amount: float
) -> None:
    from backpain_cli.models import Limb, Pose

    def pose(angles: list[float]) -> Pose:
        limb = Limb(angles[0], angles[1], 0, angles[2], 10, 0, angles[3] / 4)
        return Pose("p", "", "back", 0, 0, limb, limb)

    between = body_module.joints(body_module.blend(pose(start), pose(end), amount))
    assert math.dist(between["near_hip"], between["near_knee"]) == pytest.approx(body_module.THIGH)
    assert math.dist(between["near_knee"], between["near_ankle"]) == pytest.approx(
        body_module.SHANK
    )
    assert math.dist(between["near_shoulder"], between["near_elbow"]) == pytest.approx(
        body_module.UPPER_ARM
    )


# Nothing through the floor ----------------------------------------------------------


def drawn_lowest(pose: Pose) -> float:
    """The lowest point of the drawn outline of every part, seen by a camera on the floor
    looking straight across (where the floor is the line y = 0 of the picture)."""
    level = Camera(elevation=0.0, azimuth=0.0)
    low = math.inf
    for solid in posed(pose).solids:
        circles = [Circle(*level.project(b.centre), b.radius) for b in solid.balls]
        for _x, y in polygon(outline(circles), 0.002):
            low = min(low, y)
    return low


def test_no_drawn_outline_of_any_pose_goes_under_the_floor(catalog: Catalog) -> None:
    for exercise in (*catalog.exercises, *catalog.variants):
        figure = exercise.figure
        assert figure is not None
        for amount in THROUGH:
            pose = movement(figure, amount)
            turns = (pose, body_module.other_side(pose)) if exercise.alternating else (pose,)
            for each in turns:  # the other leg's turn too, where the legs take turns
                assert drawn_lowest(each) > -FLOOR_TOLERANCE, (exercise.id, amount)


LIMBS = st.builds(
    Limb,
    *(st.floats(*RANGES[j]) for j in ("hip", "knee", "ankle", "shoulder", "elbow")),
    *(st.floats(*RANGES[j]) for j in ("hip_abduction", "hip_rotation", "shoulder_abduction")),
)


@settings(max_examples=150, deadline=None)
@given(
    lying=st.sampled_from(LYING),
    trunk=st.floats(*RANGES["trunk"]),
    head=st.floats(*RANGES["head"]),
    curl=st.floats(*RANGES["curl"]),
    near=LIMBS,
    far=LIMBS,
)
def test_the_floor_check_passes_a_pose_only_when_its_drawing_stays_above_the_floor(
    lying: str, trunk: float, head: float, curl: float, near: Limb, far: Limb
) -> None:
    """For any pose the schema allows: one the checker passes never draws under the
    floor, and one drawn 4% of the body's height under it never passes."""
    pose = Pose("p", "", lying, trunk, head, near, far, curl)
    low = drawn_lowest(pose)
    if not body_module.below_floor(pose):
        assert low > -FLOOR_TOLERANCE - 1e-6
    if low < -0.04:
        assert body_module.below_floor(pose)


def test_a_lower_knee_under_the_floor_is_named_with_its_file_and_line(
    content_copy: Path,
) -> None:
    """The clam shell's bottom leg, turned down by 12 degrees: its knee goes 4 to 5% of
    the body's height into the floor, which the checker finds on the outline."""
    path = content_copy / "exercises" / "clam-shell.yaml"
    edit(path, "far: {hip_abduction: 0,", "far: {hip_abduction: 12,")
    found = problems(content_copy)
    line = line_of(path, "    start:")
    assert f"exercises/clam-shell.yaml:{line}: figure.poses.start: the far " in found[0]
    assert "under the floor" in found[0]


# Validation -----------------------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "knee: 112",
            "kne: 111",
            "figure.poses.top.both.kne",
            "unknown field 'kne' (did you mean 'knee'?)",
        ),
        (
            "knee: 112",
            "knee: 200",
            "figure.poses.top.both.knee",
            "expected a value from 0 to 160, found 200",
        ),
        ("from: start", "from: stat", "figure.poses.top.from", "from: no pose named 'stat'"),
        ("lying: back", "lying: front", "figure.poses.start.lying", "expected one of back, side"),
        ("view: side", "view: front", "figure.view", "use view: side"),
        ("band: below-knees", "band: on-the-knees", "figure.band", "expected one of above-knees"),
        (
            "hip: 58,",
            "hip: -25,",
            "figure.poses.start",
            "the near foot would be 28% of the body's height under the floor",
        ),
    ],
)
def test_bad_pose_data_is_named_by_file_line_and_field(
    content_copy: Path, old: str, new: str, field: str, message: str
) -> None:
    path = content_copy / "exercises" / "glute-bridge.yaml"
    edit(path, old, new)
    found = problems(content_copy)
    assert len(found) == 1, found
    where, _, problem = found[0].partition(f": {field}: ")
    assert where.startswith("exercises/glute-bridge.yaml:"), found
    line = int(where.rsplit(":", 1)[1])
    assert 1 <= line <= len(path.read_text(encoding="utf-8").splitlines())
    assert message in problem, found


def test_a_pose_that_inherits_from_itself_is_refused(content_copy: Path) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    edit(path, "      from: start\n", "      from: extended\n")
    (found,) = problems(content_copy)
    line = line_of(path, "      from: extended")
    assert found.startswith(f"exercises/dead-bug.yaml:{line}: figure.poses.extended.from: ")
    assert "cannot inherit from itself" in found


def test_a_pose_without_its_angles_says_what_is_missing(content_copy: Path) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    edit(path, "      from: start\n", "")
    (found,) = problems(content_copy)
    assert "figure.poses.extended: missing lying, trunk, head, near.shoulder" in found
    assert "`from: start`" in found


def test_a_band_drawn_on_an_exercise_without_one_is_refused(content_copy: Path) -> None:
    edit(
        content_copy / "exercises" / "dead-bug.yaml",
        "  view: side\n",
        "  view: side\n  band: below-knees\n",
    )
    (found,) = problems(content_copy)
    assert "figure.band: a band is drawn, but equipment.band is false" in found


def test_a_figure_needs_a_start_and_an_end(content_copy: Path) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.index("    extended:")
    path.write_text(text[:cut] + text[text.index("sources:") :], encoding="utf-8")
    (found,) = problems(content_copy)
    assert "figure.poses: needs at least 2 field(s)" in found


def test_an_exercise_without_a_figure_is_valid_and_simply_not_drawn(
    invoke: Invoke, content_copy: Path
) -> None:
    path = content_copy / "exercises" / "clam-shell.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("figure:")] + text[text.index("sources:") :], "utf-8")
    shown = invoke("--content-dir", str(content_copy), "show", "clam-shell")
    assert shown.exit_code == 0, shown.stderr
    assert not any(ord(c) in BRAILLE for c in shown.stdout)
    assert "Why it helps" in shown.stdout
    as_json = invoke("--content-dir", str(content_copy), "show", "clam-shell", "--json")
    assert '"figure": null' in as_json.stdout
    drawn = invoke("--content-dir", str(content_copy), "figure", "clam-shell")
    assert drawn.exit_code == 1
    assert drawn.stderr.startswith("Error: 'clam-shell' has no figure to draw; add a figure:")
    assert "Traceback" not in drawn.stderr


def test_the_json_schema_describes_the_figure(invoke: Invoke) -> None:
    import json

    schema = json.loads(invoke("content", "schema", "exercise").stdout)
    poses = schema["properties"]["figure"]["properties"]["poses"]
    assert poses["required"] == ["start"]
    assert "knee" in poses["additionalProperties"]["properties"]["near"]["properties"]


# In the terminal --------------------------------------------------------------------


def braille_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(ord(c) in BRAILLE for c in line)]


def test_show_draws_start_and_end_side_by_side_with_captions(invoke: Invoke) -> None:
    shown = invoke("show", "glute-bridge", env={"COLUMNS": "100"})
    lines = shown.stdout.splitlines()
    rows = braille_rows(shown.stdout)
    assert len(rows) >= 6
    caption = next(line for line in lines if line.startswith("Start: on your back"))
    assert "Top: hips lifted" in caption  # the two captions on one line: side by side
    assert lines.index(caption) > lines.index(rows[-1])  # under the pictures
    assert lines.index(rows[0]) < next(i for i, x in enumerate(lines) if x == "Why it helps")


def test_at_40_columns_the_pictures_are_stacked_and_fit(invoke: Invoke) -> None:
    shown = invoke("show", "clam-shell", env={"COLUMNS": "40"})
    lines = shown.stdout.splitlines()
    assert all(len(line) <= 40 for line in lines)
    start = next(i for i, x in enumerate(lines) if x.startswith("Start: on your side"))
    top = next(i for i, x in enumerate(lines) if x.startswith("Top: top knee opened"))
    between = [line for line in lines[start:top] if any(ord(c) in BRAILLE for c in line)]
    assert len(between) >= 4  # the second picture sits under the first caption


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": ""}])
def test_a_plain_terminal_gets_an_ascii_drawing(env: dict[str, str]) -> None:
    import os
    import subprocess
    import sys

    shown = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "show", "glute-bridge"],
        capture_output=True,
        env={**os.environ, "COLUMNS": "80", "LC_CTYPE": "", **env},
        check=True,
    )
    text = shown.stdout.decode("ascii")  # nothing but ASCII
    lines = text.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("Start: on your back")))
    second = lines.index(next(line for line in lines if line.startswith("Top: hips lifted")))
    start, top = "\n".join(lines[2:first]), "\n".join(lines[first + 1 : second])
    for picture in (start, top):
        assert picture.count("o") > 100  # the limbs and head
        assert picture.count("#") > 50  # the shirt
        assert picture.count(":") > 20  # the far limbs, drawn apart from the near ones
        assert "=" in picture  # the band
    assert "*" not in start
    assert "*" in top  # the arrow, on the end of the movement
    assert all(len(line) <= 80 for line in lines)


def test_no_figure_leaves_the_drawing_out(invoke: Invoke) -> None:
    shown = invoke("show", "dead-bug", "--no-figure")
    assert not braille_rows(shown.stdout)
    assert "Start: on your back" not in shown.stdout
    assert shown.stdout.splitlines()[3] == "Why it helps"


def test_json_has_the_pose_data_and_the_joint_positions(invoke: Invoke, catalog: Catalog) -> None:
    import json

    data = json.loads(invoke("show", "dead-bug", "--json").stdout)["exercise"]["figure"]
    assert data["view"] == "side"
    assert data["band"] is None
    start, extended = data["poses"]
    assert (start["name"], extended["name"]) == ("start", "extended")
    assert extended["near"]["knee"] == 0
    assert extended["far"]["knee"] == 90
    assert extended["head"] == start["head"] == 22
    assert extended["curl"] == start["curl"] == 10
    dead_bug = figure_of(catalog, "dead-bug")
    expected = points(dead_bug.poses[1], camera_for(dead_bug))
    assert extended["points"]["near_heel"] == [round(v, 4) for v in expected["near_heel"]]


# SVG ------------------------------------------------------------------------------


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def painted(root: ET.Element, attribute: str) -> list[str | None]:
    """What each thing drawn is painted with: a path's own attribute or its group's (each
    fill's shapes and each style of line are a path in a group of that style), and the
    ink round them, drawn by reference (``<use>``)."""
    found: list[str | None] = []
    for group in root.iter(f"{SVG}g"):
        found += [path.get(attribute, group.get(attribute)) for path in group.findall(f"{SVG}path")]
    found += [use.get(attribute) for use in root.iter(f"{SVG}use")]
    return found


def fills(root: ET.Element) -> list[str | None]:
    return painted(root, "fill")


def test_the_svg_is_accessible_with_mat_band_arrow_and_paler_far_limbs(invoke: Invoke) -> None:
    from backpain_cli.figures.svg import colour

    drawn = invoke("figure", "glute-bridge")
    assert drawn.exit_code == 0, drawn.stderr
    root = parse(drawn.stdout)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert title.text == "Glute bridge: start, top"
    assert desc is not None
    assert "feet flat near your bottom" in (desc.text or "")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    strokes = painted(root, "stroke")
    filled = fills(root)
    assert strokes.count(colour("band")) >= 2  # the band, in each picture
    assert filled.count(colour("mat")) == 2  # a mat under each
    assert filled.count(colour("hair")) == 2  # a head in each, facing its way
    assert colour("far_ink") in filled  # the far limbs, paler than the near ones
    assert colour("ink") in filled
    assert filled.count(colour("arrow")) == 1  # the arrow, on the end of the movement only
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts[0].startswith("Start: on your back")


def test_every_figure_ends_with_an_arrow_and_starts_without_one(catalog: Catalog) -> None:
    from backpain_cli.figures.drawing import draw

    for exercise in (*catalog.exercises, *catalog.variants):
        figure = exercise.figure
        assert figure is not None, exercise.id
        end = draw(figure, figure.poses[-1], arrow=True).layers
        assert [layer for layer in end if layer.name == "arrow"], exercise.id
        start = draw(figure, figure.poses[0]).layers
        assert not [layer for layer in start if layer.name == "arrow"], exercise.id


def test_the_arrow_is_on_the_end_pose_only(invoke: Invoke) -> None:
    from backpain_cli.figures.svg import colour

    for exercise, end in (("glute-bridge", "top"), ("clam-shell", "top"),
                          ("dead-bug", "extended")):  # fmt: skip
        start = parse(invoke("figure", exercise, "--pose", "start").stdout)
        last = parse(invoke("figure", exercise, "--pose", end).stdout)
        assert colour("arrow") not in fills(start), exercise
        assert colour("arrow") in fills(last), exercise


def test_the_arrow_follows_the_part_that_moves_most(catalog: Catalog) -> None:
    """It points where that part went: its head near the end of the part's path, and
    the whole arrow near the path (within a tenth of the body's height)."""
    from backpain_cli.figures.drawing import draw

    for name, joint in (("glute-bridge", "pelvis"), ("clam-shell", "near_knee"),
                        ("dead-bug", "near_ankle")):  # fmt: skip
        figure = figure_of(catalog, name)
        layers = draw(figure, figure.poses[-1], arrow=True).layers
        (arrow,) = [layer for layer in layers if layer.name == "arrow"]
        ((shaft, _colour),) = arrow.lines
        camera = camera_for(figure)
        path = [points(movement(figure, step / 10), camera)[joint] for step in range(11)]
        for point in shaft.points:
            assert min(math.dist(point, p) for p in path) < 0.1, name
        start, end = path[0], path[-1]
        moved = (end[0] - start[0], end[1] - start[1])
        first, last = shaft.points[0], shaft.points[-1]
        along = (last[0] - first[0], last[1] - first[1])
        cosine = (
            (moved[0] * along[0] + moved[1] * along[1]) / math.hypot(*moved) / math.hypot(*along)
        )
        assert cosine > 0.6, name  # it points the way the part went
        assert math.hypot(*along) > 0.4 * math.hypot(*moved), name
        assert not [
            layer for layer in draw(figure, figure.poses[0]).layers if layer.name == "arrow"
        ]


def test_the_band_is_a_loop_round_both_legs_that_stretches_with_them(catalog: Catalog) -> None:
    from backpain_cli.figures.band import band

    for name in ("glute-bridge", "clam-shell"):
        figure = figure_of(catalog, name)
        assert figure.band is not None
        lengths = []
        for pose in figure.poses:
            found = band(posed(pose), figure.band)
            loop = found.loop
            near, far = found.legs
            # In the plane of the loop: both legs inside it (winding round each once).
            across = [f - n for f, n in zip(far, near, strict=True)]
            size = math.hypot(*across)
            unit = [a / size for a in across]
            normal = _normal(loop)
            side = _cross3(normal, unit)

            ring = [_flat(p, near, unit, side) for p in loop]
            for leg in (near, far):
                assert abs(_winding(ring, _flat(leg, near, unit, side))) == 1, (name, pose.name)
            # Hugging the legs: no point of it further from both than a leg is thick.
            for point in loop:
                assert min(math.dist(point, near), math.dist(point, far)) < size / 2 + 0.08
            lengths.append(sum(math.dist(a, b) for a, b in zip(loop, loop[1:] + loop[:1],
                                                                strict=True)))  # fmt: skip
            if name == "glute-bridge":  # just below the knees
                knee = place(pose)["near_knee"]
                assert math.dist(near, knee) < 0.06
        if name == "clam-shell":
            assert lengths[-1] > lengths[0] + 0.1  # stretched as the knee opens


def _flat(
    point: Vector, origin: Vector, across: list[float], side: list[float]
) -> tuple[float, float]:
    """``point`` in the plane of the band: along ``across`` and ``side`` from ``origin``."""
    rel = [p - o for p, o in zip(point, origin, strict=True)]
    return (
        sum(r * u for r, u in zip(rel, across, strict=True)),
        sum(r * s for r, s in zip(rel, side, strict=True)),
    )


def _normal(loop: tuple[Vector, ...]) -> list[float]:
    a, b, c = loop[0], loop[len(loop) // 4], loop[len(loop) // 2]
    n = _cross3(
        [q - p for p, q in zip(a, b, strict=True)], [q - p for p, q in zip(a, c, strict=True)]
    )
    size = math.hypot(*n)
    return [v / size for v in n]


def _cross3(a: list[float] | Vector, b: list[float] | Vector) -> list[float]:
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]


def _winding(ring: list[tuple[float, float]], point: tuple[float, float]) -> int:
    total = 0.0
    for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
        a = math.atan2(ay - point[1], ax - point[0])
        b = math.atan2(by - point[1], bx - point[0])
        total += (b - a + math.pi) % (2 * math.pi) - math.pi
    return round(total / (2 * math.pi))


def test_one_pose_and_an_unknown_pose(invoke: Invoke) -> None:
    from backpain_cli.figures.svg import colour

    one = parse(invoke("figure", "dead-bug", "--pose", "extended").stdout)
    assert fills(one).count(colour("hair")) == 1
    wrong = invoke("figure", "dead-bug", "--pose", "top")
    assert wrong.exit_code == 2
    assert "'top' is not a pose of Dead bug; its poses: start, extended" in wrong.stderr


def test_the_animated_svg_moves_on_the_tempo(invoke: Invoke, catalog: Catalog) -> None:
    root = parse(invoke("figure", "clam-shell", "--animate").stdout)
    animations = root.findall(f".//{SVG}animate")
    assert animations
    tempo = catalog.sessions.tempo
    holds = [d.hold_seconds for _b, d in catalog.dosage_by_band("clam-shell")]
    expected = tempo.lift_seconds + holds[0] + tempo.lower_seconds + 1
    for animation in animations:
        assert animation.get("dur") == f"{expected}s"
        assert animation.get("repeatCount") == "indefinite"
        values = (animation.get("values") or "").split(";")
        times = (animation.get("keyTimes") or "").split(";")
        assert len(values) == len(times) > 10
        assert float(times[0]) == 0
        assert float(times[-1]) == 1
        assert values[0] == values[-1]  # back where it started
    moving = [a for a in animations if len(set((a.get("values") or "").split(";"))) > 1]
    assert moving  # something does move


def test_a_figure_file_is_written_and_never_overwritten(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "bridge.svg"
    written = invoke("figure", "bridge", "-o", str(target))
    assert written.exit_code == 0
    assert f"Wrote {target}." in written.stderr
    assert parse(target.read_text(encoding="utf-8")).tag == f"{SVG}svg"
    target.write_text("mine", encoding="utf-8")
    again = invoke("figure", "bridge", "-o", str(target))
    assert again.exit_code == 1
    assert "already exists and was left as it is" in again.stderr
    assert "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = invoke("figure", "bridge", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<svg")
    missing = invoke("figure", "bridge", "-o", str(tmp_path / "nope" / "b.svg"))
    assert missing.exit_code == 1
    assert "does not exist" in missing.stderr


def test_the_pictures_in_docs_are_what_the_program_draws(catalog: Catalog) -> None:
    from backpain_cli.figures.svg import of_exercise

    docs = CONTENT.parent / "docs" / "figures"
    for exercise in catalog.exercises:
        for animate, name in ((False, f"{exercise.id}.svg"), (True, f"{exercise.id}-moving.svg")):
            kept = (docs / name).read_text(encoding="utf-8")
            assert kept == of_exercise(catalog, exercise, animate), (
                f"docs/figures/{name} is out of date: run python docs/figures/make.py"
            )


# In the guided session ------------------------------------------------------------


def guided_screen(plan: object, view: object, width: int) -> str:
    import io

    from rich.console import Console

    from backpain_cli.render import coach as coach_screens

    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(coach_screens.screen(plan, view, width))  # type: ignore[arg-type]
    return console.export_text()


def picture_of(text: str) -> list[str]:
    """The braille in a screen, column by column as it stands."""
    return [
        "".join(c if ord(c) in BRAILLE else " " for c in line).rstrip()
        for line in text.splitlines()
    ]


def still_picture(
    figure: Figure, amount: float, mirrored: bool = False, other: bool = False
) -> str:
    from backpain_cli.figures.body import other_side
    from backpain_cli.render.coach import FIGURE_COLUMNS
    from backpain_cli.render.figure import Picture

    pose = movement(figure, amount)
    pose = other_side(pose) if other else pose
    return Picture(figure, pose, FIGURE_COLUMNS, mirrored=mirrored).plain


def plan_for(catalog: Catalog, exercise: str) -> object:
    from backpain_cli.planner import plan_session

    plan = plan_session(catalog, "green")
    return plan._replace(items=tuple(i for i in plan.items if i.exercise.id == exercise))


def in_screen(picture: str, screen: str) -> bool:
    wanted = [line.rstrip() for line in picture.splitlines() if line.strip()]
    found = [line.strip() for line in picture_of(screen) if line.strip()]
    return [line.strip() for line in wanted] == found


def test_the_figure_lifts_holds_and_lowers_with_the_rep_counter(catalog: Catalog) -> None:
    from backpain_cli.coach import HOLD, LIFT, LOWER, Coach, amount_moved

    plan = plan_for(catalog, "glute-bridge")  # green: lift 2, hold 2, lower 2
    figure = figure_of(catalog, "glute-bridge")
    coach = Coach(plan, get_ready_seconds=5)  # type: ignore[arg-type]
    coach.start(0.0)
    seen = {}
    for at, movement_now, amount in (
        (2.0, "", 0.0),  # getting ready: the start position
        (5.0, LIFT, 0.0),
        (6.0, LIFT, 0.5),
        (8.0, HOLD, 1.0),
        (9.0, LOWER, 1.0),
        (10.0, LOWER, 0.5),
        (10.99, LOWER, 0.005),
    ):
        view = coach.tick(at)
        assert view.movement == movement_now
        assert amount_moved(plan, view) == pytest.approx(amount)  # type: ignore[arg-type]
        screen = guided_screen(plan, view, 100)
        assert in_screen(still_picture(figure, amount), screen), at
        seen[at] = picture_of(screen)
    assert seen[6.0] != seen[5.0]
    assert seen[6.0] != seen[8.0]
    assert seen[6.0] == seen[10.0]  # lowering passes where lifting did


def test_pausing_freezes_the_figure(catalog: Catalog) -> None:
    from backpain_cli.coach import PAUSE, Coach

    plan = plan_for(catalog, "glute-bridge")
    coach = Coach(plan, get_ready_seconds=0)  # type: ignore[arg-type]
    coach.start(0.0)
    coach.key(PAUSE, 1.0)
    frozen = [picture_of(guided_screen(plan, coach.tick(at), 100)) for at in (1.0, 1.5, 30.0)]
    assert frozen[0] == frozen[1] == frozen[2]
    coach.key(PAUSE, 30.0)
    assert picture_of(guided_screen(plan, coach.tick(30.5), 100)) != frozen[0]


def test_the_second_side_is_mirrored_and_alternate_reps_move_the_other_leg(
    catalog: Catalog,
) -> None:
    from backpain_cli.coach import WORK, Coach, amount_moved

    clam = plan_for(catalog, "clam-shell")
    coach = Coach(clam, get_ready_seconds=0)  # type: ignore[arg-type]
    second = next(i for i, s in enumerate(coach.steps) if s.kind == WORK and s.side == 2)
    at = sum(s.seconds for s in coach.steps[:second]) + 0.01
    coach.start(0.0)
    view = coach.tick(at)
    assert view.step is not None
    assert view.step.side == 2
    figure = figure_of(catalog, "clam-shell")
    amount = amount_moved(clam, view)  # type: ignore[arg-type]
    screen = guided_screen(clam, view, 100)
    assert in_screen(still_picture(figure, amount, mirrored=True), screen)
    assert not in_screen(still_picture(figure, amount), screen)

    bug = plan_for(catalog, "dead-bug")
    coach = Coach(bug, get_ready_seconds=0)  # type: ignore[arg-type]
    coach.start(0.0)
    dead_bug = figure_of(catalog, "dead-bug")
    rep_seconds = bug.items[0].rep_seconds  # type: ignore[attr-defined]
    first, second_rep = coach.tick(2.0), coach.tick(rep_seconds + 2.0)
    assert (first.rep, second_rep.rep) == (1, 2)
    assert in_screen(still_picture(dead_bug, 1.0), guided_screen(bug, first, 100))
    assert in_screen(still_picture(dead_bug, 1.0, other=True), guided_screen(bug, second_rep, 100))


@pytest.mark.parametrize("width", [80, 40])
def test_the_counter_the_phase_and_the_figure_fit_80_by_24_and_40_columns(
    catalog: Catalog, width: int
) -> None:
    """At 80 x 24 the figure is beside the counter, all within the screen; at 40
    columns the counter stays whole, with the figure under it."""
    from backpain_cli.coach import Coach
    from backpain_cli.planner import plan_session

    plan = plan_session(catalog, "green")._replace(first_get_ready_seconds=None)
    coach = Coach(plan)
    coach.start(0.0)
    screen = guided_screen(plan, coach.tick(7.5), width).splitlines()
    assert max(len(line) for line in screen) <= width
    counter = next(i for i, line in enumerate(screen) if "Rep 1 of 10" in line)
    assert "SQUEEZE 2" in screen[counter]  # the bridge's own word for its hold
    large = [i for i, line in enumerate(screen) if "█" in line or "▀" in line]
    assert len(large) == 3  # the rep number and the word in large letters, three rows high
    drawn = [i for i, line in enumerate(screen) if any(ord(c) in BRAILLE for c in line)]
    assert len(drawn) >= 4
    if width == 80:
        assert set(large) & set(drawn)  # the figure beside the large counter
        keys = next(i for i, line in enumerate(screen) if "Space pause" in line)
        assert keys < 24
    else:
        assert drawn[0] > counter


def test_a_set_is_drawn_ten_times_a_second_and_the_loop_waits_between_frames(
    catalog: Catalog,
) -> None:
    """The deterministic half of the CPU check: the loop sleeps in its key wait
    between frames, about ten times a second during a set and at most four times a
    second otherwise, never spinning (the benchmark measures the real process)."""
    from backpain_cli.cli.coach import FRAME_SECONDS
    from backpain_cli.coach import WORK, Coach, View, drive

    plan = plan_for(catalog, "glute-bridge")
    coach = Coach(plan, get_ready_seconds=10, frame_seconds=FRAME_SECONDS)  # type: ignore[arg-type]
    now = [0.0]
    waits: list[tuple[str, float]] = []
    shown: list[tuple[float, View]] = []

    def read_key(timeout: float) -> str | None:
        kind = coach.view(now[0]).step
        waits.append((kind.kind if kind else "", timeout))
        now[0] += timeout
        return None

    drive(coach, lambda: now[0], read_key, lambda view: shown.append((now[0], view)))
    during_sets = [t for kind, t in waits if kind == WORK]
    elsewhere = [t for kind, t in waits if kind and kind != WORK]
    set_seconds = sum(s.seconds for s in coach.steps if s.kind == WORK)
    assert len(during_sets) <= set_seconds * 12  # about ten frames a second
    assert len(during_sets) >= set_seconds * 9
    assert len(elsewhere) <= sum(s.seconds for s in coach.steps if s.kind != WORK) * 4 + 4
    assert sum(1 for t in during_sets + elsewhere if t < 0.01) <= len(coach.steps)  # no spin


def test_a_waiting_guided_session_uses_under_a_tenth_of_a_core(
    content_copy: Path, data_dir: Path
) -> None:
    """The process's own CPU time while a set is under way, for two seconds, in a
    real terminal (Linux, where /proc has it)."""
    import contextlib
    import os
    import time

    from .terminal import Terminal, terminal_env

    if not Path(f"/proc/{os.getpid()}/stat").exists():
        pytest.skip("needs /proc")
    args = ["--content-dir", str(content_copy), "session", "--band", "green", "--guided"]
    term = Terminal([*args, "--quiet", "--get-ready", "0"], terminal_env(data_dir))
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("\r")
    screen = term.expect("Rep 1 of 10")
    assert any(ord(c) in BRAILLE for c in screen[screen.index("Glute bridge") :])  # drawn

    def cpu() -> float:
        fields = Path(f"/proc/{term.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    used, began = cpu(), time.monotonic()
    with contextlib.suppress(AssertionError):  # two seconds of frames, read as they come
        term.expect("never shown", timeout=2.0)
    share = (cpu() - used) / (time.monotonic() - began)
    term.send("q")
    term.expect("Pain now")
    term.send("\r")
    term.wait()
    assert share < 0.10, f"{share:.0%} of a core"


def test_a_figure_read_back_from_the_content_cache_is_the_same(content_copy: Path) -> None:
    first = loader.load(content_copy)  # checked, and put in the cache
    again = loader.load(content_copy)  # from the cache: put together, not checked again
    assert [e.figure for e in again.exercises] == [e.figure for e in first.exercises]
    assert all(e.figure is not None for e in again.exercises)
    edit(content_copy / "exercises" / "glute-bridge.yaml", "hip: 58,", "hip: -25,")
    assert any("under the floor" in p for p in problems(content_copy))  # an edit is seen


def test_a_cached_exercise_still_names_the_line_of_a_wrong_id(content_copy: Path) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    edit(path, "id: dead-bug", "id: dead-bugs")
    first = problems(content_copy)  # read afresh, then kept in the cache as a valid file
    assert problems(content_copy) == first
    assert first[0].startswith(f"exercises/dead-bug.yaml:{line_of(path, 'id: dead-bugs')}: id: ")


def test_commands_that_draw_nothing_leave_the_figures_unbuilt_but_checked(
    content_copy: Path,
) -> None:
    from backpain_cli.cli.app import App

    app = App(content_copy, "flag", None)
    assert all(e.figure is None for e in app.catalog().exercises)  # list, session: no need
    assert all(e.figure is not None for e in app.catalog(figures=True).exercises)
    assert all(e.figure is not None for e in app.catalog().exercises)  # kept once built
    edit(content_copy / "exercises" / "glute-bridge.yaml", "hip: 58,", "hip: -25,")
    with pytest.raises(ContentError):
        App(content_copy, "flag", None).catalog()  # checked all the same


def test_force_never_replaces_a_device_a_pipe_or_a_link(invoke: Invoke, tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "pipe.svg"
    os.mkfifo(pipe)
    mine = tmp_path / "mine.svg"
    mine.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(mine)
    cases = (
        (pipe, "not a regular file"),
        (link, "a link"),
        (Path(os.devnull), "not a regular file"),
    )
    for target, kind in cases:
        done = invoke("figure", "bridge", "-o", str(target), "--force")
        assert done.exit_code == 1
        assert f"{target} is {kind}" in done.stderr
        assert "left as it is" in done.stderr
    assert pipe.is_fifo()
    assert link.is_symlink()
    assert mine.read_text(encoding="utf-8") == "mine"
    assert Path(os.devnull).is_char_device()
