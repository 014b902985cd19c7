"""The README and the guides in docs/ say what is true: every relative link leads
somewhere, and every `backpain ...` command in their code blocks runs as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from backpain_cli.journal import open_for_writing
from backpain_cli.models import ExerciseDone, SessionRecord

from .conftest import CONTENT, REPO, Invoke
from .terminal import Terminal, terminal_env

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def anchors(page: Path) -> set[str]:
    """The anchors a forge gives the headings of ``page`` (GitHub's rule)."""
    found = set()
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def links() -> list[tuple[Path, str]]:
    found = []
    for page in PAGES:
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        for target in LINK.findall(text):
            if not re.match(r"[a-z]+:", target):
                found.append((page, target))
    return found


def test_the_guides_are_there_and_the_readme_is_short() -> None:
    names = {page.name for page in PAGES}
    assert {"patient.md", "clinician.md", "reference.md", "architecture.md"} <= names
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 150
    readme_links = {target for page, target in links() if page.name == "README.md"}
    for guide in ("patient", "clinician", "reference", "architecture"):
        assert f"docs/{guide}.md" in readme_links


@pytest.mark.parametrize(
    ("page", "target"),
    links(),
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_every_relative_link_leads_somewhere(page: Path, target: str) -> None:
    path, _, anchor = target.partition("#")
    linked = (page.parent / path).resolve() if path else page
    assert linked.exists(), f"{page.name}: {target} leads nowhere"
    assert REPO in linked.parents, f"{page.name}: {target} leads out of the repository"
    if anchor:
        assert anchor in anchors(linked), f"{page.name}: no heading for #{anchor} in {linked.name}"


# --- every command in a code block runs as written -----------------------------------


class Example(NamedTuple):
    page: str
    line: int
    command: str  # as written (continued lines joined)
    shown: str  # the output shown under it (`$ command` in a text block), or ""


def examples() -> list[Example]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for fence in FENCE.finditer(text):
            kind, body = fence.group(1), fence.group(2)
            first = text[: fence.start(2)].count("\n") + 1
            lines = body.replace("\\\n", " ").splitlines()
            for number, line in enumerate(lines):
                if kind == "text" and line.startswith("$ backpain "):
                    shown = []
                    for after in lines[number + 1 :]:
                        if after.startswith("$ "):
                            break
                        shown.append(after)
                    found.append(Example(page.name, first + number, line[2:], "\n".join(shown)))
                elif kind == "sh" and re.search(r"(^|[\s(])backpain\b", line):
                    command = re.sub(r"\s+#.*$", "", line).strip()
                    found.append(Example(page.name, first + number, command, ""))
    return found


def test_the_guides_show_commands() -> None:
    pages = {example.page for example in examples()}
    assert {"README.md", "patient.md", "clinician.md", "reference.md"} <= pages


def journal_of(folder: Path, count: int) -> None:
    """A journal of ``count`` good Green sessions, the last one three days ago."""
    done = tuple(ExerciseDone(e, 3, 3, 10) for e in ("glute-bridge", "clam-shell", "dead-bug"))
    with open_for_writing(folder) as journal:
        for index in range(count):
            day = date.today() - timedelta(days=3 + 2 * (count - 1 - index))
            journal.add(SessionRecord(day, "green", done, True, 3, 2, ""))


def broken_like_the_example(routine: Path, shown: str) -> None:
    """Make ``routine`` (a copy of the content) have the problems an example shows."""
    if "'stpes'" in shown:
        bridge = routine / "exercises" / "glute-bridge.yaml"
        bridge.write_text(bridge.read_text().replace("steps:", "stpes:", 1))
    if "under the floor" in shown:
        bridge = routine / "exercises" / "glute-bridge.yaml"
        text = bridge.read_text()  # the start pose's hips bent backwards: the feet go under
        bridge.write_text(text.replace("{hip: 58,", "{hip: -30,", 1))


def expected_exit(shown: str) -> int:
    """The exit code the output shown says: 2 for a usage problem, 1 for a content one."""
    if shown.startswith("Usage:"):
        return 2
    if re.search(r"^\d+ problems? found\.$|^Error:", shown, re.MULTILINE):
        return 1
    return 0


@pytest.fixture
def a_place_to_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Path:
    """A folder to run in, as the guides assume: a journal of four sessions and, for the
    commands that name it, `my-routine`, a copy of the content."""
    monkeypatch.chdir(tmp_path)
    journal_of(data_dir, 4)
    return tmp_path


def runs_in_a_shell(command: str) -> bool:
    return bool(re.search(r"[|>&;$]", command)) or not command.startswith("backpain ")


def shell_env(tmp_path: Path) -> dict[str, str]:
    """The environment with `backpain` and `python` on PATH, as after an install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    installed = Path(sys.executable).parent / "backpain"  # the script pip made
    script = bin_dir / "backpain"
    if installed.exists():
        script.symlink_to(installed)
    else:
        script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m backpain_cli "$@"\n')
        script.chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def run_guided(command: str, data_dir: Path) -> None:
    """A guided session, started in a terminal as written, ended with `q` once it counts."""
    env = {**terminal_env(data_dir), "BACKPAIN_SPEECH_COMMAND": "true"}
    term = Terminal(shlex.split(command)[1:], env)
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now, 0-10 (Enter to skip):")
    term.send("\r")
    term.expect("Space pause")
    term.send("q")
    term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("\r")
    assert term.wait() == 0


@pytest.mark.parametrize("example", examples(), ids=lambda e: f"{e.page}:{e.line}")
def test_every_command_in_the_guides_runs_as_written(
    example: Example, invoke: Invoke, a_place_to_run: Path, data_dir: Path
) -> None:
    command = example.command
    if re.search(r"^python3 -m venv .*&& backpain ", command):  # install, then run
        command = command.rsplit("&&", 1)[1].strip()
    if "content copy" not in command:
        shutil.copytree(CONTENT, a_place_to_run / "my-routine")
        broken_like_the_example(a_place_to_run / "my-routine", example.shown)
    if "--guided" in command:
        run_guided(command, data_dir)
        return
    completion = re.search(r"(_BACKPAIN_COMPLETE=\w+) backpain", command)
    if completion:  # the shell's own part is for that shell; the program's part runs here
        command = f"{completion.group(1)} backpain"
    if runs_in_a_shell(command):
        done = subprocess.run(
            ["bash", "-c", command],
            env=shell_env(a_place_to_run),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{example}:\n{done.stderr}"
        assert "Traceback" not in done.stderr
        if completion:
            assert "backpain" in done.stdout
        return
    result = invoke(*shlex.split(command)[1:])
    assert "Traceback" not in result.stderr
    assert result.exit_code == expected_exit(example.shown), f"{example}:\n{result.stderr}"
    said = result.stdout + result.stderr
    for line in example.shown.splitlines():
        # What an example shows, it says: every problem and error line as written (but
        # the line numbers), and the first line of a page that does not change by date.
        if re.match(r"^(Error:|\d+ problems? found|my-routine/)", line):
            assert re.sub(r":\d+:", ":N:", line) in re.sub(r":\d+:", ":N:", said)
    first = example.shown.splitlines()[0] if example.shown else ""
    if first and not re.search(r"\d", first) and expected_exit(example.shown) == 0:
        assert first in said
