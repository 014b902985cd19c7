"""Custom content folders: path, copy, validate and schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from backpain_cli.content.schemas import SCHEMAS, document

from .conftest import CONTENT, Invoke, another_exercise


def test_content_path_says_which_folder_and_why(invoke: Invoke, content_copy: Path) -> None:
    built_in = invoke("content", "path")
    assert built_in.exit_code == 0
    assert Path(built_in.stdout.strip()) == CONTENT
    assert "built-in" in built_in.stderr
    flagged = invoke("--content-dir", str(content_copy), "content", "path")
    assert flagged.stdout.strip() == str(content_copy)
    assert "--content-dir" in flagged.stderr
    from_env = invoke("content", "path", env={"BACKPAIN_CONTENT_DIR": str(content_copy)})
    assert from_env.stdout.strip() == str(content_copy)
    assert "BACKPAIN_CONTENT_DIR" in from_env.stderr


def test_copy_makes_a_folder_that_validates_and_runs(invoke: Invoke, tmp_path: Path) -> None:
    dest = tmp_path / "routine"
    result = invoke("content", "copy", str(dest))
    assert result.exit_code == 0
    assert "Copied 9 files" in result.stderr
    assert (dest / "exercises" / "dead-bug.yaml").read_text() == (
        CONTENT / "exercises" / "dead-bug.yaml"
    ).read_text()
    assert invoke("content", "validate", str(dest)).exit_code == 0
    assert invoke("--content-dir", str(dest), "session", "--band", "blue").exit_code == 0


def test_copy_into_an_empty_folder_is_allowed(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("content", "copy", str(tmp_path)).exit_code == 0
    assert (tmp_path / "bands.yaml").is_file()


def test_copy_never_overwrites(invoke: Invoke, tmp_path: Path) -> None:
    mine = tmp_path / "bands.yaml"
    mine.write_text("my own notes\n")
    result = invoke("content", "copy", str(tmp_path))
    assert result.exit_code == 1
    assert "already exists and is not an empty folder" in result.stderr
    assert mine.read_text() == "my own notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bands.yaml"]
    a_file = tmp_path / "bands.yaml"
    assert invoke("content", "copy", str(a_file)).exit_code == 1
    assert a_file.read_text() == "my own notes\n"


def test_validate_reports_every_problem_with_file_and_line(
    invoke: Invoke, content_copy: Path
) -> None:
    bridge = content_copy / "exercises" / "glute-bridge.yaml"
    bridge.write_text(bridge.read_text().replace("\ncues:", "\ncuse:"))
    bands = content_copy / "bands.yaml"
    bands.write_text(bands.read_text().replace("stretch_note:", "stretch:"))
    result = invoke("content", "validate", str(content_copy))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    cuse = "cuse: unknown field 'cuse' (did you mean 'cues'?)"
    stretch = "stretch: unknown field 'stretch' (did you mean 'stretch_note'?)"
    assert f"{content_copy}/exercises/glute-bridge.yaml:20: {cuse}" in lines
    assert f"{content_copy}/bands.yaml:17: {stretch}" in lines
    assert len(lines) == 4  # two unknown fields, two missing ones
    assert result.stderr == "4 problems found.\n"


def test_validate_a_clean_folder(invoke: Invoke) -> None:
    result = invoke("content", "validate", str(CONTENT))
    assert result.exit_code == 0
    assert "OK (3 exercises, 8 variants, 3 bands, a programme of 8 weeks, 2 questionnaires)" in (
        result.stderr
    )


def test_validate_a_folder_that_is_not_there(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("content", "validate", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert "not a folder" in result.stdout


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_schema_is_valid_json_schema(invoke: Invoke, kind: str) -> None:
    result = invoke("content", "schema", kind)
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(printed)


def _files() -> list[tuple[str, Path]]:
    files = [("exercise", p) for p in sorted((CONTENT / "exercises").glob("*.yaml"))]
    files += [("questionnaire", p) for p in sorted((CONTENT / "questionnaires").glob("*.yaml"))]
    return [*files, ("bands", CONTENT / "bands.yaml"), ("sessions", CONTENT / "sessions.yaml"),
            ("disclaimer", CONTENT / "disclaimer.yaml")]  # fmt: skip


@pytest.mark.parametrize(("kind", "path"), _files(), ids=lambda v: getattr(v, "name", v))
def test_built_in_content_passes_the_schema(kind: str, path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text()), document(kind))


BROKEN = {
    "unknown field": ("cues:", "cuse:"),
    "wrong type": ("each_side: false", "each_side: 3"),
    "empty step": ("  - Lie flat on your back.", "  - ''"),
    "band without placement": ("  placement: just below the knees\n", ""),
    "bad id": ("id: glute-bridge", "id: Glute Bridge"),
}


@pytest.mark.parametrize("change", list(BROKEN))
def test_broken_files_fail_both_the_schema_and_the_loader(
    invoke: Invoke, content_copy: Path, change: str
) -> None:
    old, new = BROKEN[change]
    path = (
        content_copy
        / "exercises"
        / ("dead-bug.yaml" if change == "empty step" else "glute-bridge.yaml")
    )
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(path.read_text()), document("exercise"))
    assert invoke("content", "validate", str(content_copy)).exit_code == 1


def test_unreadable_file(invoke: Invoke, content_copy: Path) -> None:
    (content_copy / "sessions.yaml").unlink()
    (content_copy / "sessions.yaml").mkdir()
    result = invoke("--content-dir", str(content_copy), "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: sessions.yaml: cannot be read:")


def test_content_dir_that_is_a_file(invoke: Invoke, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    result = invoke("--content-dir", str(a_file), "list")
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def _leave_out(content: Path, band: str, exercise: str) -> None:
    """Take ``exercise`` out of ``band``'s session in sessions.yaml."""
    path = content / "sessions.yaml"
    text = path.read_text()
    start = text.index(f"  {band}:\n")
    item = text.index(f"    - exercise: {exercise}\n", start)
    end = text.index("\n    - exercise:", item + 1)
    path.write_text(text[:item] + text[end + 1 :])


def test_an_exercise_a_session_leaves_out_is_a_warning(invoke: Invoke, content_copy: Path) -> None:
    _leave_out(content_copy, "green", "clam-shell")
    checked = invoke("content", "validate", str(content_copy))
    assert checked.exit_code == 0
    (line,) = checked.stdout.splitlines()
    assert line.startswith(f"warning: {content_copy}/sessions.yaml:")
    assert "bands.green: 'clam-shell' (exercises/clam-shell.yaml) is left out of the Green" in line
    assert "1 warning" in checked.stderr
    used = invoke("--content-dir", str(content_copy), "session", "--band", "green", "--json")
    assert used.exit_code == 0
    assert [e["id"] for e in json.loads(used.stdout)["exercises"]] == ["glute-bridge", "dead-bug"]
    assert used.stderr.count("Warning: sessions.yaml:") == 1
    assert "'clam-shell'" in used.stderr


def test_many_warnings_fit_on_one_screen_and_validate_lists_them_all(
    invoke: Invoke, content_copy: Path
) -> None:
    for index in range(10):  # in no band's session: a warning each
        another_exercise(content_copy, f"extra-{index}", f"name: Extra {index}")
    used = invoke("--content-dir", str(content_copy), "list")
    assert used.exit_code == 0
    lines = used.stderr.splitlines()
    assert len(lines) == 9
    assert all(line.startswith("Warning: sessions.yaml:") for line in lines[:8])
    assert lines[8] == ("Warning: ... and 2 more; run `backpain content validate` to see them all.")
    checked = invoke("content", "validate", str(content_copy))
    assert checked.stdout.count("warning: ") == 10


def test_an_exercise_in_no_session_says_only_show_has_it(
    invoke: Invoke, content_copy: Path
) -> None:
    for band in ("yellow", "green", "blue"):
        _leave_out(content_copy, band, "clam-shell")
    checked = invoke("content", "validate", str(content_copy))
    assert checked.exit_code == 0
    assert "is in no band's session, so only `backpain show` has it" in checked.stdout
    assert invoke("content", "validate").stdout == ""  # the built-in content: no warning


def test_notes_from_the_therapist_show_where_a_person_exercises(
    invoke: Invoke, content_copy: Path
) -> None:
    bridge = content_copy / "exercises" / "glute-bridge.yaml"
    bridge.write_text(bridge.read_text() + "note: Keep the lift small for the first week.\n")
    sessions = content_copy / "sessions.yaml"
    sessions.write_text(sessions.read_text() + "note: Do this after your morning walk.\n")
    assert invoke("content", "validate", str(content_copy)).exit_code == 0
    shown = invoke("--content-dir", str(content_copy), "show", "bridge").stdout
    assert "Note for you\n  Keep the lift small for the first week." in shown
    session = invoke("--content-dir", str(content_copy), "session", "--band", "green").stdout
    assert "• Do this after your morning walk." in session
    assert "• Glute bridge: Keep the lift small for the first week." in session
    data = json.loads(
        invoke("--content-dir", str(content_copy), "session", "--band", "green", "--json").stdout
    )
    assert data["note"] == "Do this after your morning walk."
    assert data["exercises"][0]["note"] == "Keep the lift small for the first week."
