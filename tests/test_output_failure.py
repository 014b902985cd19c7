"""Standard output that cannot be written (a full disk, a closed output) ends every
command with one line saying so and exit code 1: never a traceback, never silence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FULL = "/dev/full"
needs_full = pytest.mark.skipif(not Path(FULL).exists(), reason="needs /dev/full")

COMMANDS = [
    ["list"], ["list", "--json"], ["--help"], ["show", "--help"], ["--version"],
    ["show", "dead-bug"], ["show", "dead-bug", "--json"], ["bands"], ["safety", "--json"],
    ["session", "--band", "green"], ["today"], ["today", "--json"], ["progress"],
    ["history"], ["history", "--csv"], ["history", "--json"], ["config", "path"],
    ["config", "show"], ["content", "path"], ["content", "schema"], ["handout", "-o", "-"],
    ["figure", "dead-bug"], ["figure", "clam-shell", "--animate"], ["plan"],
    ["plan", "--json"], ["plan", "--ics", "-"],
]  # fmt: skip


def run(args: list[str], data: Path, output: str) -> subprocess.CompletedProcess[bytes]:
    """``backpain ARGS`` with standard output on the full device, or closed."""
    command = [sys.executable, "-m", "backpain_cli", *args]
    env = {**os.environ, "BACKPAIN_DATA_DIR": str(data)}
    if output == "closed":
        command = ["sh", "-c", 'exec "$@" >&-', "sh", *command]
        return subprocess.run(command, capture_output=False, stderr=subprocess.PIPE,
                              env=env, timeout=60, check=False)  # fmt: skip
    with open(output, "w") as sink:
        return subprocess.run(
            command, stdout=sink, stderr=subprocess.PIPE, env=env, timeout=60, check=False
        )


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a session in it, so that the journal's pages have rows."""
    data = tmp_path_factory.mktemp("data")
    done = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "log", "--band", "green", "--pain-after", "2"],
        env={**os.environ, "BACKPAIN_DATA_DIR": str(data)},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return data


@needs_full
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_or_closed_output_ends_the_command_with_one_line(
    journal: Path, args: list[str]
) -> None:
    for output, reason in ((FULL, "no space left on device"), ("closed", "it is closed")):
        done = run(args, journal, output)
        assert done.returncode == 1, (output, done.stderr)
        assert done.stderr.decode() == f"Error: cannot write to standard output: {reason}.\n"


@needs_full
def test_a_command_that_fails_by_itself_still_says_its_own_error(tmp_path: Path) -> None:
    broken = tmp_path / "content"
    broken.mkdir()
    done = run(["content", "validate", str(broken)], tmp_path / "data", FULL)
    assert done.returncode == 1
    assert b"Error: cannot write to standard output: no space left on device." in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_closed_output_never_sends_the_page_into_the_journal(tmp_path: Path) -> None:
    """With standard output closed, the journal file could have taken its number and got
    the page written into it: the session is saved, the journal stays whole."""
    data = tmp_path / "data"
    done = run(["log", "--band", "green", "--pain-after", "2"], data, "closed")
    assert done.returncode == 1  # the session's page could not be shown...
    assert done.stderr.endswith(b"Error: cannot write to standard output: it is closed.\n")
    shown = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "history", "--json"],
        env={**os.environ, "BACKPAIN_DATA_DIR": str(data)},
        capture_output=True,
        check=True,
    )
    (saved,) = json.loads(shown.stdout)["sessions"]  # ...but it is saved, and readable
    assert saved["pain_after"] == 2
    assert b"Logged session" not in (data / "journal.sqlite3").read_bytes()


@needs_full
def test_with_both_outputs_gone_the_exit_code_still_says_so(tmp_path: Path) -> None:
    command = ["sh", "-c", 'exec "$@" > /dev/full 2>&-', "sh",
               sys.executable, "-m", "backpain_cli", "list"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stdout == b""


def test_a_pipe_closed_by_its_reader_still_ends_quietly() -> None:
    done = subprocess.run(
        f"{sys.executable} -m backpain_cli history --csv --limit 1 | head -c 1 > /dev/null; "
        f"{sys.executable} -m backpain_cli show dead-bug --no-figure | head -c 1 > /dev/null",
        shell=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.stderr == b""
