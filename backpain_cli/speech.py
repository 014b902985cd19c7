"""The system's own speech, in the background: espeak-ng or spd-say on Linux, say on
macOS, the built-in speech on Windows, or the command in BACKPAIN_SPEECH_COMMAND.

Speaking never waits: each phrase is handed to a small thread that starts the
speech command and returns. A phrase still being spoken when the next is due is
cut short (its process ended) rather than queued, so speech never falls behind
the clock.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence

SPEECH_ENV = "BACKPAIN_SPEECH_COMMAND"
PLACEHOLDER = "{text}"
#: The built-in speech on Windows, through PowerShell; the phrase is its last argument.
_WINDOWS = [
    "powershell", "-NoProfile", "-Command",
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak($args[0])",
]  # fmt: skip
#: What to install, said once when no speech command is found.
INSTALL = {
    "linux": "install espeak-ng (Debian and Ubuntu: sudo apt install espeak-ng)",
    "darwin": "macOS's `say` was not found",
    "win32": "Windows PowerShell was not found",
}


class SpeechSetupError(ValueError):
    """BACKPAIN_SPEECH_COMMAND (or the config's) cannot be used as given."""


def command_line(
    configured: str | None = None,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> list[str] | None:
    """The speech command to use, with {text} where the phrase goes, or None.

    BACKPAIN_SPEECH_COMMAND wins over ``configured`` (the config file's), which wins
    over the system's own."""
    env = os.environ if env is None else env
    given = env.get(SPEECH_ENV) or configured
    if given:
        try:
            words = shlex.split(given)
        except ValueError as err:
            raise SpeechSetupError(f"{SPEECH_ENV} cannot be read ({err}): {given}") from None
        if not words:
            raise SpeechSetupError(f"{SPEECH_ENV} is empty")
        return words
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return ["say"] if shutil.which("say") else None
    if platform == "win32":
        return _WINDOWS if shutil.which("powershell") else None
    for name, options in (("espeak-ng", []), ("spd-say", ["--wait"])):
        found = shutil.which(name)
        if found:
            return [found, *options]
    return None


def arguments(command: Sequence[str], text: str) -> list[str]:
    """``command`` with the phrase in place of {text}, or last when there is no {text}."""
    if any(PLACEHOLDER in word for word in command):
        return [word.replace(PLACEHOLDER, text) for word in command]
    return [*command, text]


def install_hint(platform: str | None = None) -> str:
    return INSTALL.get(sys.platform if platform is None else platform, INSTALL["linux"])


class Speaker:
    """Says phrases in the background with ``command``; never blocks its caller."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self._wanted: str | None = None
        self._starting = 0  # phrases handed over whose command has not started yet
        self._wake = threading.Condition()
        self._closed = False
        self._process: subprocess.Popen[bytes] | None = None
        self.failed: str | None = None  # why the command could not be started, if so
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def say(self, text: str) -> None:
        """Speak ``text``, cutting short whatever is still being said."""
        with self._wake:
            if self._wanted is None:
                self._starting += 1
            self._wanted = text
            self._wake.notify_all()

    def close(self) -> None:
        """Stop speaking and let the thread end (what is being said is cut short)."""
        with self._wake:
            self._closed = True
            self._wake.notify()
        self._thread.join(timeout=2)
        self._stop()

    def speaking(self) -> bool:
        """Whether a phrase is still being said (or about to be)."""
        with self._wake:
            if self._starting:
                return True
        process = self._process
        return process is not None and process.poll() is None

    def wait(self, timeout: float) -> None:
        """Let the last phrase finish (at the end of a session), for up to ``timeout`` s."""
        with self._wake:
            self._wake.wait_for(lambda: self._starting == 0, timeout)
        process = self._process
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout)

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._wanted is not None or self._closed)
                if self._closed:
                    return
                text, self._wanted = self._wanted, None
            self._stop()
            assert text is not None
            try:
                self._process = subprocess.Popen(
                    arguments(self.command, text),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,  # Ctrl-C at the keyboard is the session's, not its
                )
            except OSError as err:
                self.failed = f"{self.command[0]}: {err.strerror or err}"
            with self._wake:
                self._starting -= 1
                self._wake.notify_all()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(1)
