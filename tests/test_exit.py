"""The program's end: quick when nothing is left to do, and never at the cost of
output, an exit handler or another thread's work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def child(code: str, *, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (it ends by calling backpain's ``run``)."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, input=input, check=False
    )


#: A global object that says so when Python takes the modules apart at the end.
TEARDOWN = (
    "import os\n"
    "class Watch:\n"
    "    def __del__(self, write=os.write):\n"
    "        write(2, b'taken apart')\n"
    "watch = Watch()\n"
)


@pytest.mark.parametrize(
    "args", [["list"], ["show", "dead-bug"], ["session", "--band", "green"], ["list", "--json"]]
)
def test_a_glance_ends_without_taking_every_module_apart(args: list[str]) -> None:
    done = child(
        f"{TEARDOWN}import sys\nsys.argv = ['backpain', *{args!r}]\n"
        "from backpain_cli.cli import run\nrun()\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert "taken apart" not in done.stderr  # an exit handler (logging, say) would undo this


def test_output_to_a_file_is_whole_and_exit_codes_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "list.json"
    with out.open("w") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "backpain_cli", "list", "--json"], stdout=sink, check=False
        )
    assert done.returncode == 0
    assert len(json.loads(out.read_text())["exercises"]) == 3
    missing = child("import sys\nsys.argv = ['backpain', 'show', 'nope']\n"
                    "from backpain_cli.cli import run\nrun()\n")  # fmt: skip
    assert missing.returncode == 2
    assert "nope" in missing.stderr
    broken = tmp_path / "content"
    broken.mkdir()
    env = {**os.environ, "BACKPAIN_CONTENT_DIR": str(broken)}
    done = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "list"], capture_output=True, text=True, env=env,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Error:" in done.stderr


def test_an_exit_handler_still_runs() -> None:
    done = child(
        "import atexit, sys\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "sys.argv = ['backpain', 'list', '--json']\n"
        "from backpain_cli.cli import run\nrun()\n"
    )
    assert done.returncode == 0
    assert done.stdout.rstrip().endswith("handler ran")


def test_another_thread_still_finishes_its_work() -> None:
    """The thread waits for input that comes only after the command has printed all it
    had to: ended at once, the process would never print the thread's line."""
    code = (
        "import sys, threading\n"
        "def echo():\n"
        "    print('thread read', sys.stdin.readline().strip(), flush=True)\n"
        "threading.Thread(target=echo).start()\n"
        "sys.argv = ['backpain', 'list', '--json']\n"
        "from backpain_cli.cli import run\nrun()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    lines = []
    while not lines or lines[-1] != "}\n":  # the end of the JSON: the command is done
        line = process.stdout.readline()
        assert line, "the process ended before the command had printed everything"
        lines.append(line)
    process.stdin.write("hello\n")
    process.stdin.close()
    rest = process.stdout.read()
    assert process.wait(timeout=30) == 0
    assert rest == "thread read hello\n"
    assert len(json.loads("".join(lines))["exercises"]) == 3
