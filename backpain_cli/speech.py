"""The system's own speech, in the background: espeak-ng or spd-say on Linux, say on
macOS, the built-in speech on Windows, or the command in BACKPAIN_SPEECH_COMMAND.

Speaking never waits: each phrase is handed to a small thread that starts the
speech command and returns. A phrase still being spoken when the next is due is
cut short (its process ended) rather than queued, so speech never falls behind
the clock.

How a phrase reaches a speech process, and how the process is stopped, is one layer
of its own (Engine, arguments, launch, stop), whatever decides when to speak:

- the phrase is never read by a shell and never taken for an option: it is one
  argument, after the end-of-options marker ``--`` (or where a configured command
  puts ``{text}``, which must be a word of its own), or it goes on standard input;
- a process is stopped with its whole process group: SIGTERM, then SIGKILL after a
  short grace, and always waited for, so that none is left running or a zombie.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from backpain_cli.textsafe import visible

SPEECH_ENV = "BACKPAIN_SPEECH_COMMAND"
#: Where the settings file's speech command comes from, as a message names it.
SETTING = "speech_command in the settings file"
PLACEHOLDER = "{text}"
#: Seconds a speech process has to end after SIGTERM before it is killed.
GRACE_SECONDS = 0.5
#: The built-in speech on Windows, through PowerShell, reading the phrase from standard
#: input (arguments after -Command would be read as more PowerShell).
_WINDOWS = (
    "powershell", "-NoProfile", "-NonInteractive", "-Command",
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak([Console]::In.ReadToEnd())",
)  # fmt: skip
#: What to install, said once when no speech command is found.
INSTALL = {
    "linux": "install espeak-ng (Debian and Ubuntu: sudo apt install espeak-ng)",
    "darwin": "macOS's `say` was not found",
    "win32": "Windows PowerShell was not found",
}


class Engine(NamedTuple):
    """A speech command: its words, with {text} as the word where the phrase goes; or,
    with ``stdin``, the phrase goes on its standard input instead."""

    words: tuple[str, ...]
    stdin: bool = False


class SpeechSetupError(ValueError):
    """BACKPAIN_SPEECH_COMMAND (or the config's) cannot be used as given."""


def command_line(
    configured: str | None = None,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> Engine | None:
    """The speech command to use, or None.

    BACKPAIN_SPEECH_COMMAND wins over ``configured`` (the config file's), which wins
    over the system's own."""
    env = os.environ if env is None else env
    source = SPEECH_ENV if env.get(SPEECH_ENV) else SETTING
    given = env.get(SPEECH_ENV) or configured
    if given:
        try:
            words = shlex.split(given)
        except ValueError as err:
            raise SpeechSetupError(f"{source} cannot be read ({err}): {_quoted(given)}") from None
        return from_words(words, source)
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return Engine(("say", "-f", "-"), stdin=True) if shutil.which("say") else None
    if platform == "win32":
        return Engine(_WINDOWS, stdin=True) if shutil.which("powershell") else None
    for name, options in (("espeak-ng", ()), ("spd-say", ("--wait",))):
        found = shutil.which(name)
        if found:
            return Engine((found, *options, "--", PLACEHOLDER))
    return None


def from_words(words: Sequence[str], source: str = SPEECH_ENV) -> Engine:
    """A configured command as an Engine: the phrase where {text} stands, or last after
    ``--`` when it does not. {text} inside a longer word (``sh -c "say {text}"``) is
    refused: there a shell would read the phrase as commands."""
    if not words:
        raise SpeechSetupError(f"{source} is empty")
    inside = next((w for w in words if PLACEHOLDER in w and w != PLACEHOLDER), None)
    if inside is not None:
        raise SpeechSetupError(
            f"{source}: {PLACEHOLDER} must be a word of its own, not part of "
            f"{_quoted(inside)}: the phrase is always given as one argument, never to a "
            f"shell to read. With a shell, pass it as an argument: "
            f"sh -c 'espeak-ng -- \"$1\"' sh {PLACEHOLDER}"
        )
    if PLACEHOLDER in words:
        return Engine(tuple(words))
    return Engine((*words, "--", PLACEHOLDER))


def _quoted(text: str) -> str:
    """Text from a setting, in a message: control characters shown, at most 60 of it."""
    return "'" + visible(text[:60]) + ("..." if len(text) > 60 else "") + "'"


def speakable(text: str) -> str:
    """The phrase as an engine is given it: control characters and bidirectional
    overrides as spaces (a NUL cannot even be an argument), and never a leading ``-``."""
    kept = "".join(" " if _unspeakable(ord(c)) else c for c in text)
    return kept.lstrip("- \t\n\u3000")


def _unspeakable(code: int) -> bool:
    return (
        code < 0x20
        or 0x7F <= code < 0xA0
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
        or 0xD800 <= code < 0xE000
    )


def arguments(engine: Engine, text: str) -> list[str]:
    """The command line that says ``text``: its words with the phrase in place of {text}
    (none, when the phrase goes on standard input)."""
    if engine.stdin:
        return list(engine.words)
    phrase = speakable(text)
    return [phrase if word == PLACEHOLDER else word for word in engine.words]


def launch(engine: Engine, text: str) -> subprocess.Popen[bytes]:
    """Start saying ``text``, in a process group of its own (so that Ctrl-C at the
    keyboard is the session's, and the whole group can be stopped)."""
    process = subprocess.Popen(
        arguments(engine, text),
        stdin=subprocess.PIPE if engine.stdin else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if process.stdin is not None:
        with contextlib.suppress(OSError):  # an engine that has already ended
            process.stdin.write(speakable(text).encode("utf-8", "replace"))
        with contextlib.suppress(OSError):
            process.stdin.close()
    return process


def stop(process: subprocess.Popen[bytes], grace: float = GRACE_SECONDS) -> None:
    """End ``process`` and whatever it started: SIGTERM to its group, SIGKILL to what is
    left after ``grace`` seconds, and the process waited for (no zombie)."""
    if process.poll() is None:
        _signal(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(grace)
    _signal(process, getattr(signal, "SIGKILL", signal.SIGTERM))  # the group's stragglers
    process.wait()


def _signal(process: subprocess.Popen[bytes], signum: int) -> None:
    """Send ``signum`` to the process's group (to the process alone where there are no
    groups), ignoring a group that has already gone."""
    killpg = getattr(os, "killpg", None)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if killpg is not None:
            killpg(process.pid, signum)
        elif process.poll() is None:
            process.send_signal(signum)


def install_hint(platform: str | None = None) -> str:
    return INSTALL.get(sys.platform if platform is None else platform, INSTALL["linux"])


class Speaker:
    """Says phrases in the background with ``engine``; never blocks its caller."""

    def __init__(self, engine: Engine, grace: float = GRACE_SECONDS) -> None:
        self.engine = engine
        self.grace = grace
        self._wanted: str | None = None
        self._starting = 0  # phrases handed over whose command has not started yet
        self._wake = threading.Condition()
        self._closed = False
        self._running = threading.Lock()  # held to start or stop the process
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
        """Stop speaking and let the thread end (what is being said is cut short). No
        process is started after this, and the last one is stopped and waited for."""
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        self._thread.join(timeout=2 + self.grace)
        with self._running:
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
            assert text is not None
            self._start(text)
            with self._wake:
                self._starting -= 1
                self._wake.notify_all()

    def _start(self, text: str) -> None:
        with self._running:
            self._stop()
            if self._closed or not speakable(text):
                return
            try:
                self._process = launch(self.engine, text)
            except (OSError, ValueError) as err:
                self.failed = visible(
                    f"{self.engine.words[0]}: {getattr(err, 'strerror', None) or err}"
                )

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop(process, self.grace)
