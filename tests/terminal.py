"""The program running for real in a pseudo-terminal, read back as a screen of text."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


#: A shell's job control, and no more: the program runs as a job in a process group of
#: its own in the foreground, so that Ctrl-Z really stops it (the kernel ignores it
#: for a group with no shell above it). A stop is written to $JOB_REPORT and the
#: terminal taken back; SIGUSR1 is `fg`.
JOB_SHELL = """
import os, signal, sys
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
job = os.fork()
if job == 0:
    os.setpgid(0, 0)
    os.tcsetpgrp(0, os.getpgrp())
    signal.signal(signal.SIGTTOU, signal.SIG_DFL)
    os.execv(sys.executable, [sys.executable, "-m", "backpain_cli", *sys.argv[1:]])
try:
    os.setpgid(job, job)  # as shells do, both sides, whichever runs first
except PermissionError:
    pass  # the child has set it already and started the program (EACCES after exec)
def fg(*_):
    os.tcsetpgrp(0, job)
    os.kill(job, signal.SIGCONT)
signal.signal(signal.SIGUSR1, fg)
while True:
    _, status = os.waitpid(job, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        os.tcsetpgrp(0, os.getpgrp())
        with open(os.environ["JOB_REPORT"], "a") as report:
            report.write("stopped\\n")
        continue
    sys.exit(os.waitstatus_to_exitcode(status))
"""


class Terminal:
    """The program running in a pseudo-terminal of 80 x 30, read as a screen of text;
    with ``job_control``, as a job under a shell's job control (see JOB_SHELL)."""

    def __init__(
        self, args: list[str], env: dict[str, str], job_control: bool = False, code: str = ""
    ) -> None:
        """``code``: Python run first, in the program's process (to break something on
        purpose); it ends by running the program with ``args``."""
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pseudo-terminal is its controlling terminal
            if job_control:
                os.execve(sys.executable, [sys.executable, "-c", JOB_SHELL, *args], env)
            if code:
                run = f"{code}\nfrom backpain_cli.cli import run\nrun()"
                os.execve(sys.executable, [sys.executable, "-c", run, *args], env)
            os.execve(sys.executable, [sys.executable, "-m", "backpain_cli", *args], env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 80, 0, 0))
        self.seen = ""  # the text, escape sequences taken out
        self.raw = ""  # everything, as written

    def expect(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {text!r}; the screen so far:\n{self.seen[-2000:]}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the program has ended
                    chunk = b""
                if not chunk:
                    assert text in self.seen, f"ended before {text!r}:\n{self.seen[-2000:]}"
                written = chunk.decode("utf-8", "replace")
                self.raw += written
                self.seen += ANSI.sub("", written)
        return self.seen

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def decline_checkin(self) -> None:
        """Say no to the week's check-in that a saved guided session offers when it is due."""
        self.expect("Answer it now? [y/N]:")
        self.send("\r")

    def echo_is_on(self) -> bool:
        return bool(termios.tcgetattr(self.fd)[3] & termios.ECHO)

    def wait(self) -> int:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(AssertionError):
                self.expect("\x00", timeout=0.2)  # drain until the program ends
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the program did not end")


def terminal_env(data_dir: Path) -> dict[str, str]:
    """The environment of a colour terminal, with ``data_dir`` as the data folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return {**env, "TERM": "xterm-256color", "BACKPAIN_DATA_DIR": str(data_dir)}
