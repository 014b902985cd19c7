"""The coach in a real terminal: keys, the live view, prompts and saving.

A thin layer over backpain_cli.coach: the coach decides what happens; this module reads
keys without echo, draws the coach's views with rich's Live, rings the bell,
and saves what was done in the journal, also after Ctrl-C.
"""

from __future__ import annotations

import datetime
import os
import select
import signal
import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

import click
from rich.live import Live

from backpain_cli.cli.params import PainType
from backpain_cli.coach import NEXT, PAUSE, QUIT, SET_DONE, Coach, View, drive
from backpain_cli.errors import EXIT_INTERRUPTED
from backpain_cli.planner import easier
from backpain_cli.render import coach as screens
from backpain_cli.render import widgets
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from backpain_cli.cli.app import App
    from backpain_cli.models import Catalog
    from backpain_cli.planner import SessionPlan

KEYMAP = {" ": PAUSE, "n": NEXT, "N": NEXT, "q": QUIT, "Q": QUIT, "\r": SET_DONE, "\n": SET_DONE}


PLAIN = "Plain `backpain session` prints the plan instead."


def unavailable() -> str | None:
    """Why a guided session cannot run here, or None when it can."""
    term = os.environ.get("TERM", "")
    if not (sys.stdin.isatty() and sys.stdout.isatty()) or term.lower() in ("dumb", "unknown"):
        return (
            "Guided mode needs an interactive terminal (a keyboard and a screen); this is "
            f"a pipe, a file or a dumb terminal. {PLAIN}"
        )
    try:
        import termios  # noqa: F401
    except ImportError:
        return (
            "Guided mode reads single key presses, which needs a Unix terminal (Linux, macOS, "
            f"or WSL on Windows). {PLAIN}"
        )
    return None


class Keyboard:
    """Single key presses from the terminal, without echo; the terminal restored on exit."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._saved: list[Any] | None = None

    def __enter__(self) -> Keyboard:
        import termios
        import tty

        self._saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)  # keys arrive one at a time; Ctrl-C still interrupts
        return self

    def __exit__(
        self,
        _kind: type[BaseException] | None,
        _error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> str | None:
        """A key the coach knows, or None when the time ran out first."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        pressed = os.read(self.fd, 32).decode("utf-8", "replace")
        if pressed.startswith("\x1b"):  # arrow and function keys: not ours
            return None
        return next((KEYMAP[c] for c in pressed if c in KEYMAP), None)


def ask_pain(question: str) -> int | None:
    """A pain score 0-10 from a prompt, or None when Enter is pressed on its own."""
    kind = PainType()
    while True:
        answer = click.prompt(question, default="", show_default=False, prompt_suffix=" ")
        if not answer.strip():
            return None
        try:
            return int(kind.convert(answer, None, None))
        except click.BadParameter as err:
            click.echo(visible(err.message), err=True)


def run(
    app: App,
    catalog: Catalog,
    plan: SessionPlan,
    rest_seconds: int | None,
    get_ready_seconds: int | None,
    quiet: bool,
) -> None:
    """The whole guided session, from the disclaimer to the saved journal entry."""
    console = app.console()
    safety = catalog.safety
    console.print(widgets.section("Stop and get medical help", widgets.red_flags(safety)))
    console.print()
    console.print(widgets.safe_text(f"{safety.short} When to stop: backpain safety", "bold"))
    console.print(widgets.safe_text(plan.reason, "dim"))
    console.print()
    pain_before = ask_pain("Pain right now, 0-10 (Enter to skip):")
    if pain_before is not None:
        console.print(widgets.pain_reading(catalog, "Pain before", pain_before))
        if catalog.red_pain(pain_before):
            if not click.confirm(
                "That is red on the traffic light. Start an easier session, gently?",
                default=False,
            ):
                click.echo(
                    "Nothing was started. `backpain safety` says when to get help.", err=True
                )
                return
            plan = easier(catalog, plan, f"after pain of {pain_before} out of 10 before it")
            console.print(widgets.safe_text(plan.reason, "bold yellow"))
    coach = Coach(plan, rest_seconds, get_ready_seconds)
    interrupted = False
    # Ctrl-C must end the session even when started with SIGINT ignored (as a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)

    with (
        Keyboard(sys.stdin.fileno()) as keys,
        Live(console=console, auto_refresh=False, transient=True) as live,
    ):

        def show(view: View) -> None:
            live.update(screens.screen(plan, view, console.width), refresh=True)
            if view.bell and not quiet:
                console.bell()

        try:
            drive(coach, time.monotonic, keys.read, show)
        except KeyboardInterrupt:
            interrupted = True
            coach.stop(time.monotonic())
    now = time.monotonic()
    console.print(screens.summary(coach.results(), coach.elapsed(now), coach.ended_early))
    console.print()
    pain_after = None
    if not interrupted:
        try:
            pain_after = ask_pain("Pain now, 0-10 (Enter to skip):")
        except click.Abort:
            interrupted = True
    record = coach.record(datetime.date.today(), now, pain_before, pain_after)
    saved = record.sets_done + record.sets_partial > 0
    if not saved:
        click.echo("No set was done, so nothing was saved in the journal.", err=True)
    else:
        console.print()
        app.log_session(catalog, record)
    if interrupted:
        kept = " What you did is saved in the journal." if saved else ""
        click.echo(f"Interrupted.{kept}", err=True)
        sys.exit(EXIT_INTERRUPTED)
