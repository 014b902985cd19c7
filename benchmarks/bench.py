"""Start-up benchmark: each command as a person runs it, against a reference, side by side.

Standard library only. Every command runs as a whole process in a pseudo-terminal
(100 columns by 30 lines, as a terminal window), alternating run by run with the
reference `python -c "import click, rich.console"` run the same way, after a
warm-up. For each command it prints the median time, the median of the per-pair
ratios to the reference, the ratio of the fastest runs (which a shared, noisy
machine disturbs least) and the peak memory (maximum resident set size). Then
the growth rows: a small and a big case alternating, and the median ratio; and
the share of one core a guided session uses while its figure moves (Linux).

    python benchmarks/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from datetime import date, timedelta
from pathlib import Path

REFERENCE = [sys.executable, "-c", "import click, rich.console"]
# The installed `backpain` script, as people run it; `python -m backpain_cli` without one.
_SCRIPT = Path(sys.executable).parent / "backpain"
BACKPAIN = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "backpain_cli"]
COLUMNS, LINES = 100, 30


def spawn(command: list[str], env: dict[str, str]) -> tuple[int, int]:
    """``command`` started in a new pseudo-terminal of COLUMNS x LINES: its process id,
    and the terminal's other end to read it from and type into."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    pid = os.posix_spawn(
        command[0],
        command,
        env,
        file_actions=[
            (os.POSIX_SPAWN_DUP2, follower, 0),
            (os.POSIX_SPAWN_DUP2, follower, 1),
            (os.POSIX_SPAWN_DUP2, follower, 2),
            (os.POSIX_SPAWN_CLOSE, leader),
        ],
        setsid=True,
    )
    os.close(follower)
    return pid, leader


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds taken and peak memory (MiB) of one run of ``command`` in a pseudo-terminal.

    Everything the command writes is read (and dropped) as a terminal would take it.
    """
    start = time.perf_counter()
    pid, leader = spawn(command, env)
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                raise SystemExit(f"no output for 30 s: {' '.join(command)}")
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # EIO: every copy of the terminal's other end is closed
                break
    finally:
        os.close(leader)
    _pid, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def guided_cpu(env: dict[str, str], data: Path, seconds: float) -> float | None:
    """The share of one core a guided session uses while a set is under way, its
    figure moving: the process's CPU time over ``seconds`` of wall time, from /proc
    (None where there is no /proc)."""
    if not Path("/proc/self/stat").exists():
        return None
    command = [*BACKPAIN, "--data-dir", str(data), "session", "--band", "green", "--guided"]
    pid, leader = spawn([*command, "--quiet", "--get-ready", "0"], env)

    def read_until(text: bytes, timeout: float = 30) -> None:
        seen = b""
        deadline = time.monotonic() + timeout
        while text not in seen:
            ready, _, _ = select.select([leader], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                raise SystemExit(f"never saw {text!r} in a guided session")
            seen = seen[-4096:] + os.read(leader, 65536)

    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    try:
        read_until(b"Do you have any of these signs now?")
        os.write(leader, b"\r")
        read_until(b"Pain right now")
        os.write(leader, b"\r")
        read_until(b"Rep 1 of 10")
        used, began = cpu(), time.monotonic()
        end = began + seconds
        while time.monotonic() < end:  # keep reading, as a terminal does
            ready, _, _ = select.select([leader], [], [], end - time.monotonic())
            if ready:
                os.read(leader, 65536)
        share = (cpu() - used) / (time.monotonic() - began)
    finally:
        os.kill(pid, 15)  # the session saves what was done and ends
        os.close(leader)
        os.waitpid(pid, 0)
    return share


def big_content(root: Path, count: int) -> Path:
    """A content folder of ``count`` exercises, made from the built-in one."""
    built_in = Path(__file__).resolve().parent.parent / "content"
    target = root / f"content-{count}"
    shutil.copytree(built_in, target)
    template = (target / "exercises" / "dead-bug.yaml").read_text()
    # Without its variants, whose ids would repeat: from `variants:` to the next
    # top-level field, or to the end.
    start = template.index("\nvariants:") + 1
    following = re.search(r"\n[a-z_]+:", template[start:])
    template = template[:start] + (template[start + following.start() + 1 :] if following else "")
    for index in range(count - 3):
        text = template.replace("id: dead-bug", f"id: extra-{index}")
        text = text.replace("name: Dead bug", f"name: Extra exercise {index}")
        text = text.replace("aliases: [deadbug, dead bugs, deadbugs]", "aliases: []")
        (target / "exercises" / f"extra-{index}.yaml").write_text(text)
    return target


def journal_with(root: Path, count: int) -> Path:
    """A data folder whose journal holds ``count`` sessions, made in a separate process.

    The benchmark process stays small: a child's peak memory as reported by the
    kernel includes what it started with, which is a copy of this process.
    """
    folder = root / f"data-{count}"
    subprocess.run(
        [sys.executable, __file__, "--make-journal", str(folder), str(count)], check=True
    )
    return folder


def make_journal(folder: Path, count: int) -> None:
    from backpain_cli.journal import open_for_writing
    from backpain_cli.models import ExerciseDone, SessionRecord

    done = tuple(ExerciseDone(e, 3, 3, 10) for e in ("glute-bridge", "clam-shell", "dead-bug"))
    today = date.today()
    with open_for_writing(folder) as journal:
        for index in range(count):
            day = today - timedelta(days=(count - index) * 2 // 3)
            pain = (index * 7) % 11
            journal.add(SessionRecord(day, "green", done, True, pain, max(pain - 2, 0), "ok"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument(
        "--make-journal", nargs=2, metavar=("FOLDER", "COUNT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.make_journal:
        make_journal(Path(args.make_journal[0]), int(args.make_journal[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # A terminal as people have one (colour on), with the user folders in a
        # temporary place, found the usual way (XDG variables on Linux).
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "XDG_CACHE_HOME": str(root / "cache"),
            "XDG_DATA_HOME": str(root / "data"),
            "PAGER": "cat",  # a long page is drawn as usual, but nobody is here to quit less
        }
        for name in ("BACKPAIN_CONTENT_DIR", "BACKPAIN_CACHE_DIR", "BACKPAIN_DATA_DIR",
                     "NO_COLOR", "COLUMNS", "LINES"):  # fmt: skip
            env.pop(name, None)
        # As installed: pip compiles every module to bytecode, so allow the bytecode cache.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        large = big_content(root, 1000)
        few, many = journal_with(root, 10), journal_with(root, 10_000)
        cases = [
            ("--help", [*BACKPAIN, "--help"]),
            ("list", [*BACKPAIN, "list"]),
            ("show dead-bug", [*BACKPAIN, "show", "dead-bug"]),
            ("session --band green", [*BACKPAIN, "session", "--band", "green"]),
            ("list --json", [*BACKPAIN, "list", "--json"]),
            ("session --band green --json", [*BACKPAIN, "session", "--band", "green", "--json"]),
            ("list, 1,000 exercises", [*BACKPAIN, "--content-dir", str(large), "list"]),
            ("history, 10 sessions", [*BACKPAIN, "--data-dir", str(few), "history"]),
            ("history, 10,000 sessions", [*BACKPAIN, "--data-dir", str(many), "history"]),
        ]
        commands = dict(cases)
        print(
            f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs each, "
            f"in a {COLUMNS}x{LINES} pseudo-terminal"
        )
        head = ("median ms", "x reference", "x (fastest)", "peak MiB")
        print(f"{'command':30} {head[0]:>9} {head[1]:>11} {head[2]:>11} {head[3]:>9}")
        for name, command in cases:
            timed(command, env)  # warm-up (bytecode and the content cache)
            timed(REFERENCE, env)
            times, references, ratios, peaks = [], [], [], []
            for _run in range(args.runs):
                reference, _peak = timed(REFERENCE, env)
                elapsed, peak = timed(command, env)
                times.append(elapsed)
                references.append(reference)
                ratios.append(elapsed / reference)
                peaks.append(peak)
            print(
                f"{name:30} {statistics.median(times) * 1000:9.1f} "
                f"{statistics.median(ratios):11.2f} {min(times) / min(references):11.2f} "
                f"{max(peaks):9.1f}"
            )
        # Growth, measured side by side too: the small and the big command alternate.
        for small, big in (
            ("list", "list, 1,000 exercises"),
            ("history, 10 sessions", "history, 10,000 sessions"),
        ):
            growth = []
            for _run in range(args.runs):
                before, _peak = timed(commands[small], env)
                after, _peak = timed(commands[big], env)
                growth.append(after / before)
            print(f"{big} / {small}: {statistics.median(growth):.2f}x")
        share = guided_cpu(env, root / "guided", 10.0)
        if share is not None:
            print(f"guided session, a set under way (figure moving): {share:.1%} of one core")


if __name__ == "__main__":
    main()
