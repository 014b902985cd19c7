"""The README, the reference and the help say what the program does: where a beginner
starts, which commands there are, what exit codes mean, and examples that fit the
terminal."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

import click
import pytest

from backpain_cli.cli import COMMANDS, main

from .conftest import REPO, Invoke

README = (REPO / "README.md").read_text(encoding="utf-8")
REFERENCE = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")


def section(title: str, page: str = README) -> str:
    start = page.index(f"\n## {title}\n")
    end = page.find("\n## ", start + 1)
    return page[start:] if end < 0 else page[start:end]


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
    table = section("Commands", REFERENCE)
    assert f"| `backpain {command}" in table


@pytest.mark.parametrize("group_name", ["content", "config"])
def test_the_commands_table_lists_every_command_of_a_group(group_name: str) -> None:
    group = main.get_command(None, group_name)  # type: ignore[arg-type]
    assert isinstance(group, click.Group)
    table = section("Commands", REFERENCE)
    for name in group.list_commands(None):  # type: ignore[arg-type]
        assert f"| `backpain {group_name} {name}" in table


def every_command() -> list[list[str]]:
    """Every command's words, groups and the commands in them included."""
    found: list[list[str]] = [[]]
    for name in sorted(COMMANDS):
        command = main.get_command(None, name)  # type: ignore[arg-type]
        found.append([name])
        if isinstance(command, click.Group):
            found += [[name, sub] for sub in command.list_commands(None)]  # type: ignore[arg-type]
    return found


def examples(page: str) -> list[str]:
    """The examples in a help page, each on one line (folded lines joined)."""
    block = page.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    return [" ".join(line.split()) for line in block.replace("\\\n", " ").splitlines()]


@pytest.mark.parametrize("words", every_command(), ids=lambda w: " ".join(w) or "backpain")
def test_help_at_40_columns_fits_and_folds_examples_that_still_run(
    invoke: Invoke, words: list[str]
) -> None:
    narrow = invoke(*words, "--help", env={"COLUMNS": "40"})
    wide = invoke(*words, "--help", env={"COLUMNS": "200"})
    assert narrow.exit_code == wide.exit_code == 0
    too_wide = [line for line in narrow.stdout.splitlines() if len(line) > 40]
    assert too_wide == []
    assert examples(narrow.stdout) == examples(wide.stdout)  # the same commands, folded


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
    assert "`backpain show dead-bug | head -3` exits 0" in section("Exit codes", REFERENCE)
