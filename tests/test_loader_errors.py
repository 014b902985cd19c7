"""Broken content gets one clear message naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_cli.content import load as loader
from backpain_cli.errors import ContentError

from .conftest import Invoke


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        loader.load(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bridge(root: Path) -> Path:
    return root / "exercises" / "glute-bridge.yaml"


def test_a_typo_in_a_field_name_is_caught_with_a_suggestion(content_copy: Path) -> None:
    edit(bridge(content_copy), "steps:", "stpes:")
    found = problems(content_copy)
    assert (
        "exercises/glute-bridge.yaml:14: stpes: unknown field 'stpes' (did you mean 'steps'?)"
        in found
    )
    assert any("missing required field 'steps'" in p for p in found)


def test_a_wrong_type_names_expected_and_found(content_copy: Path) -> None:
    path = bridge(content_copy)
    text = path.read_text(encoding="utf-8")
    start = text.index("steps:")
    end = text.index("cues:")
    path.write_text(text[:start] + "steps: 42\n" + text[end:], encoding="utf-8")
    assert problems(content_copy) == [
        "exercises/glute-bridge.yaml:14: steps: expected a list, found the number 42"
    ]


def test_a_value_yaml_reads_as_true_gets_a_quoting_hint(content_copy: Path) -> None:
    edit(bridge(content_copy), "name: Glute bridge", "name: yes")
    (found,) = problems(content_copy)
    assert found.startswith("exercises/glute-bridge.yaml:3: name: expected text, found true")
    assert "quotes" in found


def test_a_missing_nested_field(content_copy: Path) -> None:
    edit(bridge(content_copy), "  placement: just below the knees\n", "")
    assert problems(content_copy) == [
        "exercises/glute-bridge.yaml:11: equipment: missing required field 'placement' (text)"
    ]


def test_every_problem_in_every_file_is_reported(content_copy: Path) -> None:
    edit(bridge(content_copy), "each_side: false", "each_side: maybe")
    edit(content_copy / "exercises" / "dead-bug.yaml", "cues:", "queues:")
    edit(content_copy / "sessions.yaml", "sessions_per_week: 3", "sessions_per_week: 9")
    found = problems(content_copy)
    assert any(p.startswith("exercises/glute-bridge.yaml:27: each_side:") for p in found)
    assert any("dead-bug.yaml" in p and "queues" in p for p in found)
    assert "sessions.yaml:4: sessions_per_week: expected a value from 1 to 7, found 9" in found


def test_yaml_syntax_errors_give_line_and_column(content_copy: Path) -> None:
    edit(bridge(content_copy), "aliases: [bridge, glute bridges, hip bridge]", "aliases: [bridge")
    (found,) = problems(content_copy)
    assert found.startswith("exercises/glute-bridge.yaml:")
    assert "YAML syntax error (column" in found


def test_duplicate_keys_are_reported_not_silently_dropped(content_copy: Path) -> None:
    edit(bridge(content_copy), "area: glutes\n", "area: glutes\narea: core\n")
    assert problems(content_copy) == [
        "exercises/glute-bridge.yaml:6: area: duplicate key 'area' (first at line 5); "
        "YAML would silently keep only the last one, so remove one of them"
    ]


def test_duplicate_exercise_ids_across_files(content_copy: Path) -> None:
    source = bridge(content_copy).read_text(encoding="utf-8")
    (content_copy / "exercises" / "glute-bridge-2.yaml").write_text(source, encoding="utf-8")
    found = problems(content_copy)
    assert any(
        "glute-bridge-2.yaml:2: id: the id 'glute-bridge' must match the file name (glute-bridge-2)"
        in p
        for p in found
    )
    assert any(
        "'glute-bridge', 'bridge', 'glute-bridges', 'hip-bridge' already used by" in p
        for p in found
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a\n- b\n", "expected a mapping of fields at the top of the file, found a list of 2"),
        ("just words\n", "expected a mapping of fields at the top of the file, found the text"),
    ],
)
def test_empty_and_wrongly_shaped_files(content_copy: Path, text: str, message: str) -> None:
    (content_copy / "bands.yaml").write_text(text, encoding="utf-8")
    (found,) = problems(content_copy)
    assert found.startswith("bands.yaml")
    assert message in found


def test_missing_disclaimer_refuses_to_run(content_copy: Path) -> None:
    (content_copy / "disclaimer.yaml").unlink()
    (found,) = problems(content_copy)
    assert found.startswith("disclaimer.yaml: missing file")
    assert "will not run without its disclaimer" in found


def test_a_folder_without_exercises(content_copy: Path) -> None:
    for path in (content_copy / "exercises").iterdir():
        path.unlink()
    assert any(p.startswith("exercises/: no exercise files found") for p in problems(content_copy))


def test_sessions_must_name_real_exercises_and_bands(content_copy: Path) -> None:
    edit(content_copy / "sessions.yaml", "exercise: dead-bug", "exercise: dead-bugg")
    edit(content_copy / "sessions.yaml", "  blue:", "  red:")
    found = problems(content_copy)
    assert any(
        "sessions.yaml: bands.yellow[2].exercise: unknown exercise 'dead-bugg'" in p for p in found
    )
    assert any("unknown band 'red'; bands.yaml defines yellow, green, blue" in p for p in found)
    assert any("no session for band 'blue'" in p for p in found)


def test_each_side_takes_true_false_or_alternating_and_not_a_number(content_copy: Path) -> None:
    edit(bridge(content_copy), "each_side: false", "each_side: 1")
    assert problems(content_copy) == [
        "exercises/glute-bridge.yaml:27: each_side: expected one of true, false, alternating, "
        "found the number 1"
    ]


def test_progress_rules_are_checked(content_copy: Path) -> None:
    sessions = content_copy / "sessions.yaml"
    edit(sessions, "window_days: 14", "window_days: 2")
    line = sessions.read_text(encoding="utf-8").splitlines().index("  window_days: 2") + 1
    assert problems(content_copy) == [
        f"sessions.yaml:{line}: progress.window_days: expected a value from 7 to 90, found 2"
    ]


def test_a_missing_progress_section_says_what_it_is_for(content_copy: Path) -> None:
    sessions = content_copy / "sessions.yaml"
    text = sessions.read_text(encoding="utf-8")
    sessions.write_text(text[: text.index("# When to move up a band")], encoding="utf-8")
    (found,) = problems(content_copy)
    assert found.startswith("sessions.yaml:3: missing required field 'progress'")
    assert "advises moving up, stepping down or seeing a professional" in found
    assert "`backpain content copy DEST` gives a complete example" in found


def test_progress_thresholds_must_leave_room_between_moving_up_and_stepping_down(
    content_copy: Path,
) -> None:
    edit(content_copy / "sessions.yaml", "move_up_max_pain_after: 3", "move_up_max_pain_after: 6")
    assert problems(content_copy) == [
        "sessions.yaml: progress: move_up_max_pain_after (6) must be below "
        "step_down_min_pain_after (6)"
    ]


def test_not_utf8(content_copy: Path) -> None:
    bridge(content_copy).write_bytes(b"id: glute-bridge\nname: Glute \xe9bridge\n")
    (found,) = problems(content_copy)
    assert (
        found == "exercises/glute-bridge.yaml:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    )


def test_an_oversized_file_is_refused_unread(content_copy: Path) -> None:
    bridge(content_copy).write_bytes(b"# " + b"x" * (loader.MAX_FILE_BYTES + 1))
    (found,) = problems(content_copy)
    assert "too large" in found
    assert "1 MiB" in found


def test_object_constructing_tags_are_rejected_never_run(
    content_copy: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    edit(
        bridge(content_copy),
        "name: Glute bridge",
        f"name: !!python/object/apply:os.system ['touch {marker}']",
    )
    (found,) = problems(content_copy)
    assert "!!python/object/apply:os.system is not allowed" in found
    assert not marker.exists()


def test_alias_bombs_are_refused_quickly(content_copy: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (content_copy / "bands.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(content_copy)
    assert found[0] == (
        "bands.yaml:2: b[0]: aliases (*a) are not supported in content; write the value out in full"
    )


def test_deep_nesting_is_refused_without_crashing(content_copy: Path) -> None:
    (content_copy / "bands.yaml").write_text("[" * 100_000, encoding="utf-8")
    (found,) = problems(content_copy)
    # Our own limit (32 levels), or PyYAML's where its scanner has one (6.0.4 and later).
    assert found.startswith("bands.yaml:1:")
    assert "nested more than 32 levels deep" in found or "nesting depth" in found


def test_the_cli_reports_content_problems_on_stderr_with_exit_1(
    invoke: Invoke, content_copy: Path
) -> None:
    edit(bridge(content_copy), "steps:", "stpes:")
    result = invoke("--content-dir", str(content_copy), "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: exercises/glute-bridge.yaml:")
    assert "exercises/glute-bridge.yaml:14: stpes: unknown field" in result.stderr
    assert "Traceback" not in result.stderr


def test_many_problems_fit_on_one_screen(invoke: Invoke, content_copy: Path) -> None:
    path = bridge(content_copy)
    text = path.read_text(encoding="utf-8")
    for field in ("cues", "mistakes", "easier", "harder", "sources", "summary", "why", "area"):
        text = text.replace(f"\n{field}:", f"\nx{field}:")
    path.write_text(text, encoding="utf-8")
    result = invoke("--content-dir", str(content_copy), "show", "bridge")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) <= 10
    assert "more; run `backpain content validate` to see them all" in lines[-1]
