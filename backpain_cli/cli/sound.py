"""What a guided session sounds like: the voice (backpain_cli.speech) and the terminal
bell, rung once, twice or three times, the rings spaced out over the next frames so
that a terminal does not run them into one."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import click

from backpain_cli import speech
from backpain_cli.cues import END, WHOLE
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from rich.console import Console

    from backpain_cli.cues import Cue

#: Seconds between two rings of one cue.
RING_GAP = 0.3


class Sound:
    """The voice and the bell of one session; silent where ``quiet``."""

    def __init__(
        self, console: Console, voice: bool, quiet: bool, speech_command: str | None = None
    ) -> None:
        self.console = console
        self.quiet = quiet
        self.speaker: speech.Speaker | None = None
        self._rings: list[float] = []  # when each pending ring is due
        self._whole = False  # whether it must be heard whole (before a count starts)
        self._waiting: Cue | None = None  # a cue due while an instruction was being said
        if voice and not quiet:
            try:
                engine = speech.command_line(speech_command)
            except speech.SpeechSetupError as err:
                raise click.UsageError(visible(str(err))) from None
            if engine is None:
                click.echo(
                    f"No voice: {speech.install_hint()}, or set {speech.SPEECH_ENV} to a "
                    f"command that speaks its last argument (or {speech.PLACEHOLDER}). The "
                    "session goes on without it.",
                    err=True,
                )
            else:
                self.speaker = speech.Speaker(engine)

    def cue(self, cue: Cue, now: float) -> None:
        """Say and ring what ``cue`` asks for, starting at ``now`` (a monotonic reading).
        A cue due while an instruction is still being said waits for its end (the
        guide's own rule: an instruction is never cut short by the next line); it is
        then said by ``holding``, and heard whole before a count starts."""
        if self.quiet:
            return
        waits = cue.kind != END  # the end of a session is said at once
        if waits and self.speaker is not None and self._whole and self.speaker.speaking():
            self._waiting = cue  # the latest of those due, as when several fall due at once
            return
        self._say(cue, now, whole=cue.kind in WHOLE)

    def _say(self, cue: Cue, now: float, whole: bool) -> None:
        if cue.say and self.speaker is not None:
            self.speaker.say(cue.say)
            self._whole, self._waiting = whole, None
        self._rings += [now + RING_GAP * index for index in range(cue.rings)]
        self.ring(now)

    @property
    def speaks(self) -> bool:
        """Whether there is a voice (so the schedule gives its words time)."""
        return self.speaker is not None

    def holding(self) -> bool:
        """Whether an instruction that must be heard whole is still being said, or a cue
        waits for one: asked at every frame, it says a waiting cue once the voice is free."""
        if self.speaker is None:
            return False
        if self._whole and self.speaker.speaking():
            return True
        if self._waiting is not None:
            cue, self._waiting = self._waiting, None
            self._say(cue, time.monotonic(), whole=True)
            return True
        return False

    def say(self, text: str) -> None:
        """Say ``text`` now (a question outside the schedule), cutting short what was said."""
        if not self.quiet and self.speaker is not None:
            self.speaker.say(text)
            self._whole, self._waiting = False, None

    def ring(self, now: float) -> None:
        """Ring the bells that are due by ``now``."""
        while self._rings and self._rings[0] <= now:
            self._rings.pop(0)
            self.console.bell()

    def settle(self) -> None:
        """Ring what is left and let the last phrase end (for up to a few seconds)."""
        while self._rings:
            time.sleep(max(self._rings[0] - time.monotonic(), 0))
            self.ring(time.monotonic())
        if self.speaker is not None:
            self.speaker.wait(3.0)

    def finish(self) -> None:
        """Let the last phrase end, then stop speaking, saying once if the voice failed."""
        self.settle()
        if self.speaker is not None:
            if self.speaker.failed:
                click.echo(f"The voice could not speak: {visible(self.speaker.failed)}", err=True)
            self.close()

    def close(self) -> None:
        """Stop at once: no more rings, the voice cut short (Ctrl-C, a signal, an error).
        Closing again does nothing."""
        self._rings.clear()
        speaker, self.speaker = self.speaker, None
        if speaker is not None:
            speaker.close()
