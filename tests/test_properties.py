"""Whatever is in a content file, the loader gives a catalog or a ContentError."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpain_cli.cli import main
from backpain_cli.content import load as loader
from backpain_cli.content.yamlread import parse
from backpain_cli.errors import ContentError

from .conftest import CONTENT

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = yaml.safe_load((CONTENT / "exercises" / "glute-bridge.yaml").read_text())


def write_exercise(root: Path, data: bytes) -> None:
    """Write the glute bridge's file: its modification time always moves on, so the content
    cache never takes it for the one an earlier example wrote."""
    path = root / "exercises" / "glute-bridge.yaml"
    before = path.stat().st_mtime_ns
    path.write_bytes(data)
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1, before + 1))


def load_with_exercise(root: Path, data: bytes) -> None:
    write_exercise(root, data)
    try:
        found: tuple[object, ...] = loader.load(root).exercises
    except ContentError as err:
        found = tuple(err.problems)
    assert found
    assert all(str(item) for item in found)


def fresh(tmp_path: Path) -> Path:
    """The test's copy of the built-in content, made at its first example: an example
    changes the glute bridge's file only, and writes all of it."""
    root = tmp_path / "content"
    if not root.exists():
        shutil.copytree(CONTENT, root)
    return root


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_parses_or_raises_content_error(text: str) -> None:
    try:
        parse(text, "f.yaml")
    except ContentError as err:
        problems = err.problems
    else:
        problems = ()
    assert all(str(p).startswith("f.yaml") for p in problems)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_as_an_exercise_file(tmp_path: Path, data: bytes) -> None:
    load_with_exercise(fresh(tmp_path), data)


@SETTINGS
@given(document=values)
def test_any_yaml_document_as_an_exercise_file(tmp_path: Path, document: Any) -> None:
    load_with_exercise(fresh(tmp_path), yaml.safe_dump(document).encode())


@SETTINGS
@given(field=st.sampled_from(sorted(FIELDS)), value=values)
def test_any_value_in_any_field(tmp_path: Path, field: str, value: Any) -> None:
    load_with_exercise(fresh(tmp_path), yaml.safe_dump({**FIELDS, field: value}).encode())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(sorted(FIELDS)), value=values)
def test_the_cli_never_shows_a_traceback(tmp_path: Path, field: str, value: Any) -> None:
    root = fresh(tmp_path)
    write_exercise(root, yaml.safe_dump({**FIELDS, field: value}).encode())
    result = CliRunner().invoke(main, ["--content-dir", str(root), "show", "bridge"])
    assert result.exit_code in (0, 1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ")
