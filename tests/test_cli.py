"""Every command as a person and a script use it: exit codes, output, JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backpain_cli import __version__

from .conftest import Invoke

COMMANDS = [
    ["list"],
    ["show", "dead-bug"],
    ["bands"],
    ["session", "--band", "green"],
    ["safety"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_succeeds_and_writes_only_stdout(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert "\x1b" not in result.stdout  # no colour when not a terminal


@pytest.mark.parametrize("args", [*COMMANDS, []], ids=lambda a: " ".join(a) or "top")
def test_help_has_examples(invoke: Invoke, args: list[str]) -> None:
    for flag in ("--help", "-h"):
        result = invoke(*args[:1], flag)
        assert result.exit_code == 0
        assert "Examples:" in result.stdout


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"backpain, version {__version__}\n"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "Glute bridge" in done.stdout


def test_list_shows_each_exercise_with_band_placement(invoke: Invoke) -> None:
    out = invoke("list").stdout
    for text in ("Glute bridge", "glute-bridge", "Clam shell", "Dead bug", "deep core"):
        assert text in out
    assert "Band just below" in out
    assert "Band just above" in out


@pytest.mark.parametrize("name", ["dead-bug", "Dead Bug", "DEADBUG", "deadbug", "dead_bug"])
def test_show_accepts_id_name_and_alias(invoke: Invoke, name: str) -> None:
    result = invoke("show", name)
    assert result.exit_code == 0
    assert result.stdout.startswith("Dead bug (dead-bug)")


def test_show_has_the_whole_guide(invoke: Invoke) -> None:
    out = invoke("show", "bridge").stdout
    for heading in (
        "Why it helps",
        "Equipment",
        "Steps",
        "Cues",
        "Common mistakes",
        "Easier",
        "Harder",
        "How much, for each band",
        "Stop and get medical help",
        "Disclaimer",
    ):
        assert heading in out
    assert "1. Place a small band just below your knees." in out
    assert "Yellow   2 x 8" in out


def test_unknown_exercise_exits_2_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke("show", "ded-bug")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown exercise 'ded-bug'. Did you mean 'dead-bug'?" in result.stderr
    assert "Choose from: glute-bridge, clam-shell, dead-bug." in result.stderr
    assert "Traceback" not in result.stderr


def test_session_band_is_case_insensitive(invoke: Invoke) -> None:
    result = invoke("session", "--band", "GREEN")
    assert result.exit_code == 0
    assert result.stdout.startswith("Session: Green band")
    assert "3 x 10 each side" in result.stdout


def test_session_without_band_uses_the_lightest_and_says_so(invoke: Invoke) -> None:
    out = invoke("session").stdout
    assert out.startswith("Session: Yellow band")
    assert "No sessions in the journal yet: start with the lightest band, Yellow." in out


def test_session_shows_time_frequency_pain_guide_and_disclaimer(invoke: Invoke) -> None:
    out = invoke("session", "--band", "blue").stdout
    assert "3 sessions a week; each takes about 23 minutes" in out
    assert "Pain during and after exercise" in out
    assert "numbness, tingling or weakness in both legs" in out
    assert "allied health professional" in out


def test_unknown_band_exits_2_listing_the_valid_ones(invoke: Invoke) -> None:
    result = invoke("session", "--band", "purple")
    assert result.exit_code == 2
    assert "'purple' is not one of 'yellow', 'green', 'blue'" in result.stderr


def test_list_json(invoke: Invoke) -> None:
    data = json.loads(invoke("list", "--json").stdout)
    assert data["version"] == 1
    assert [e["id"] for e in data["exercises"]] == ["glute-bridge", "clam-shell", "dead-bug"]
    bridge = data["exercises"][0]
    assert bridge["equipment"] == {"band": True, "placement": "just below the knees", "note": None}
    assert bridge["each_side"] is False
    assert "allied health professional" in data["disclaimer"]


def test_show_json(invoke: Invoke) -> None:
    data = json.loads(invoke("show", "clamshell", "--json").stdout)
    assert data["exercise"]["id"] == "clam-shell"
    assert len(data["exercise"]["steps"]) == 5
    assert [d["band"] for d in data["dosage"]] == ["yellow", "green", "blue"]
    assert data["dosage"][1] == {
        "band": "green",
        "sets": 3,
        "reps": 10,
        "each_side": True,
        "alternating": False,
        "hold_seconds": 2,
        "rest_seconds": 60,
    }
    assert {f["level"] for f in data["red_flags"]} == {"emergency", "urgent"}
    assert data["pain_guide"][0] == {"colour": "green", "low": 0, "high": 3, "meaning": "Carry on."}
    assert data["disclaimer"]


def test_bands_json(invoke: Invoke) -> None:
    data = json.loads(invoke("bands", "--json").stdout)
    assert [b["id"] for b in data["levels"]] == ["yellow", "green", "blue"]
    assert data["where_to_buy"]["url"].startswith("https://www.ironedge.com.au/")
    assert data["disclaimer"]


def test_session_json(invoke: Invoke) -> None:
    data = json.loads(invoke("session", "--band", "Green", "--json").stdout)
    assert data["band"]["id"] == "green"
    assert data["sessions_per_week"] == 3
    assert [(e["id"], e["sets"], e["reps"]) for e in data["exercises"]] == [
        ("glute-bridge", 3, 10),
        ("clam-shell", 3, 10),
        ("dead-bug", 3, 8),
    ]
    assert (
        data["estimated_seconds"]
        == sum(e["work_seconds"] for e in data["exercises"]) + data["rest_seconds"]
    )
    assert data["disclaimer"]
    assert data["red_flags"]


def test_safety_json(invoke: Invoke) -> None:
    data = json.loads(invoke("safety", "--json").stdout)
    assert set(data) == {"version", "disclaimer", "stop_rules", "red_flags", "pain_guide"}


def test_json_never_contains_colour_even_when_forced(invoke: Invoke) -> None:
    result = invoke("--color", "list", "--json")
    assert "\x1b" not in result.stdout
    json.loads(result.stdout)


def test_content_dir_that_does_not_exist(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--content-dir", str(tmp_path / "nope"), "list")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_content_dir_from_the_environment(invoke: Invoke, content_copy: Path) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    path.write_text(path.read_text().replace("name: Dead bug", "name: Dead beetle"))
    result = invoke("list", env={"BACKPAIN_CONTENT_DIR": str(content_copy)})
    assert result.exit_code == 0
    assert "Dead beetle" in result.stdout
