"""The README and the help say what the program does: where a beginner starts, which
commands there are, and what exit codes mean."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

import pytest

from backpain_cli.cli import COMMANDS, main

from .conftest import REPO, Invoke

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.index("\n## ", start + 1)
    return README[start:end]


def band_started(invoke: Invoke, command: str) -> str:
    """The band of the session that ``command`` (a `backpain ...` line) shows a beginner."""
    words = shlex.split(command)
    assert words[0] == "backpain"
    result = invoke(*words[1:])
    assert result.exit_code == 0, result.stderr
    found = re.search(r"(?:^Session: |A session today: )(\w+) band", result.stdout, re.MULTILINE)
    assert found, result.stdout
    return found.group(1)


def test_the_readme_and_the_help_start_a_beginner_where_the_program_does(
    invoke: Invoke,
) -> None:
    advised = json.loads(invoke("progress", "--json").stdout)["band"]  # an empty journal
    name = json.loads(invoke("bands", "--json").stdout)["levels"][0]
    assert name["id"] == advised
    run_it = section("Run it")
    (line,) = re.findall(r"^python3 .*$", run_it, re.MULTILINE)
    command = line.split("&&")[-1].strip()
    assert band_started(invoke, command) == name["name"]
    assert f"the lightest band, {name['name']}" in " ".join(run_it.split())
    epilog = invoke("--help").stdout
    suggested = re.search(r"Start with `(backpain[^`]*)`", epilog)
    assert suggested
    assert band_started(invoke, suggested.group(1)) == name["name"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_commands_table_lists_every_command(command: str) -> None:
    table = section("Commands")
    assert f"| `backpain {command}" in table


def test_the_commands_table_lists_every_content_command() -> None:
    group = main.get_command(None, "content")  # type: ignore[arg-type]
    assert group is not None
    table = section("Commands")
    for name in group.list_commands(None):  # type: ignore[attr-defined, arg-type]
        assert f"| `backpain content {name}" in table


def test_the_exit_code_the_readme_gives_for_a_page_into_head_is_the_real_one() -> None:
    program = " ".join(shlex.quote(a) for a in (sys.executable, "-m", "backpain_cli"))
    done = subprocess.run(
        ["bash", "-c", f'{program} show dead-bug | head -3 > /dev/null; echo "${{PIPESTATUS[0]}}"'],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.stdout.strip() == "0"
    assert "`backpain show dead-bug | head -3` exits 0" in section("Exit codes")
