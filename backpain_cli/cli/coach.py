"""The coach in a real terminal: keys, the live view, prompts and saving.

A thin layer over backpain_cli.coach: the coach decides what happens; this module reads
keys without echo, draws the coach's views with rich's Live, rings the bell,
and saves what was done in the journal, also after Ctrl-C.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import select
import signal
import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn

import click
from rich.live import Live

from backpain_cli.cli.params import PainType
from backpain_cli.cli.sound import Sound
from backpain_cli.coach import DIGITS, FEEL_KEYS, NEXT, PAUSE, QUIT, SET_DONE, Coach, View, drive
from backpain_cli.cues import (
    ASKING,
    COUNT,
    WHOLE,
    WORDS_PER_MINUTE,
    Prompter,
    estimate,
    needs,
    script,
)
from backpain_cli.errors import EXIT_INTERRUPTED, EXIT_PROBLEM, BackpainError
from backpain_cli.render import coach as screens
from backpain_cli.render import widgets
from backpain_cli.textsafe import visible
from backpain_cli.today import REST, Check, headline, stopped_during

if TYPE_CHECKING:
    from backpain_cli.cli.app import App
    from backpain_cli.models import Catalog
    from backpain_cli.records import SessionRecord
    from backpain_cli.today import Today

KEYMAP = {" ": PAUSE, "n": NEXT, "N": NEXT, "q": QUIT, "Q": QUIT, "\r": SET_DONE, "\n": SET_DONE,
          **{key: key for key in (*FEEL_KEYS, *DIGITS)},
          **{key.upper(): key for key in FEEL_KEYS}}  # fmt: skip


PLAIN = "Plain `backpain session` prints the plan instead."
#: Ten frames a second: a figure moves smoothly, and the process stays mostly idle.
FRAME_SECONDS = 0.1


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


#: Said when a session ends early with something done.
KEPT = " What you did is saved in the journal."
#: What Keyboard.read gives when Ctrl-Z asked the program to stop for a while.
SUSPEND = "suspend"


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP during a guided session: it ends as Ctrl-C ends it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class Keyboard:
    """Single key presses from the terminal, without echo; the terminal restored on exit.

    Ctrl-Z (SIGTSTP) does not stop the program in the middle of a screen: its handler
    only wakes ``read``, which answers SUSPEND, so that the caller can put the
    terminal back, stop, and take it again on `fg`.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._saved: list[Any] | None = None
        self._wake_read, self._wake = os.pipe()
        os.set_blocking(self._wake, False)

    def __enter__(self) -> Keyboard:
        import termios

        self._saved = termios.tcgetattr(self.fd)
        self.take()
        signal.signal(signal.SIGTSTP, self._on_suspend)
        return self

    def __exit__(
        self,
        _kind: type[BaseException] | None,
        _error: BaseException | None,
        _trace: TracebackType | None,
    ) -> None:
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        self.give_back()
        os.close(self._wake_read)
        os.close(self._wake)

    def take(self) -> None:
        """Keys one at a time, without echo; Ctrl-C and Ctrl-Z still send their signals."""
        import tty

        tty.setcbreak(self.fd)

    def give_back(self) -> None:
        """The terminal as it was (nothing to do when it has gone, after a hang-up)."""
        if self._saved is not None:
            import termios

            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def stop_here(self) -> None:
        """Stop the program as Ctrl-Z asked (the terminal already given back), until `fg`."""
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here; `fg` sends SIGCONT
        signal.signal(signal.SIGTSTP, self._on_suspend)

    def _on_suspend(self, _signum: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.write(self._wake, b"z")

    def read(self, timeout: float) -> str | None:
        """A key the coach knows, SUSPEND after Ctrl-Z, or None when the time ran out."""
        ready, _, _ = select.select([self.fd, self._wake_read], [], [], timeout)
        if self._wake_read in ready:
            os.read(self._wake_read, 64)
            return SUSPEND
        if not ready:
            return None
        pressed = os.read(self.fd, 32).decode("utf-8", "replace")
        if pressed.startswith("\x1b"):  # arrow and function keys: not ours
            return None
        return next((KEYMAP[c] for c in pressed if c in KEYMAP), None)


def read_line(prompt: str) -> str:
    """A line typed at the terminal after ``prompt`` (click.Abort at the end of input).

    The wait is a select() that a signal wakes through ``signal.set_wakeup_fd``: a
    SIGTERM that lands between the prompt and the read, outside any system call,
    would otherwise leave the program blocked in read() with its handler never run.
    """
    sys.stdout.write(prompt)
    sys.stdout.flush()
    fd = sys.stdin.fileno()
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    previous = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
    try:
        typed = b""
        while not typed.endswith(b"\n"):
            ready, _, _ = select.select([fd, wake_read], [], [])
            if wake_read in ready:  # a signal: its handler runs as this loop goes on
                with contextlib.suppress(BlockingIOError):
                    os.read(wake_read, 64)
                continue
            chunk = os.read(fd, 1024)
            if not chunk:
                sys.stdout.write("\n")
                raise click.Abort()
            typed += chunk
        return typed.decode("utf-8", "replace").rstrip("\r\n")
    finally:
        signal.set_wakeup_fd(previous)
        os.close(wake_read)
        os.close(wake_write)


def confirm(question: str) -> bool:
    """Yes or no at a prompt, no when Enter is pressed on its own."""
    while True:
        answer = read_line(f"{question} [y/N]: ").strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("", "n", "no"):
            return False
        click.echo("Error: invalid input", err=True)


def ask_pain(question: str) -> int | None:
    """A pain score 0-10 from a prompt, or None when Enter is pressed on its own."""
    kind = PainType()
    while True:
        answer = read_line(f"{question} ")
        if not answer.strip():
            return None
        try:
            return int(kind.convert(answer, None, None))
        except click.BadParameter as err:
            click.echo(visible(err.message), err=True)


def run(
    app: App,
    catalog: Catalog,
    today: Today,
    band: str | None,
    asked: bool,
    rest_seconds: int | None,
    get_ready_seconds: int | None,
    voice: bool,
    quiet: bool,
) -> None:
    """The whole guided session, from the red flags to the saved journal entry.

    ``today`` is today's prescription; unless ``asked`` (the command line said the pain
    and red flags already), the red flags and the pain right now are asked first, and
    the decision made again with the answers: it may stop the session, or make it
    easier. ``band``: a band chosen by hand. The options given win over the settings
    file's (`backpain config show`)."""
    import gc

    from backpain_cli.config import read
    from backpain_cli.folders import config_file
    from backpain_cli.render import today as days

    gc.enable()  # it runs for minutes: unreachable cycles are collected, as usual (cli.run)
    console = app.console()
    if today.session is None:  # paused, or stopped by what the command line said
        console.print(days.state_screen(catalog, today))
        return
    from backpain_cli.journal.open import check_writable

    try:  # said now, not after the session: its record must be kept
        check_writable(app.data_folder())
    except BackpainError as err:
        raise BackpainError(
            f"{err} Nothing was started, as the session could not be kept."
        ) from None
    settings = read(config_file())
    rest_seconds = settings.rest if rest_seconds is None else rest_seconds
    get_ready_seconds = settings.get_ready if get_ready_seconds is None else get_ready_seconds
    quiet = quiet or settings.quiet
    install_signals()
    sound = Sound(console, voice or settings.voice, quiet, settings.speech_command)
    try:
        _guided(
            app, catalog, today, band, asked, rest_seconds, get_ready_seconds, sound,
            settings.speech_wpm,
        )  # fmt: skip
    finally:
        sound.close()  # whatever happens, no speech process outlives the session


def _guided(
    app: App,
    catalog: Catalog,
    today: Today,
    band: str | None,
    asked: bool,
    rest_seconds: int | None,
    get_ready_seconds: int | None,
    sound: Sound,
    speech_wpm: int | None = None,
) -> None:
    """The session itself, once its settings are read and its sound is ready."""
    from backpain_cli.render import today as days

    console = sound.console
    safety = catalog.safety
    console.print(widgets.section("Stop and get medical help", widgets.red_flags(safety)))
    console.print()
    console.print(widgets.safe_text(f"{safety.short} When to stop: backpain safety", "bold"))
    console.print()
    pain_before = None
    try:
        if not asked:
            red_flag = confirm("Do you have any of these signs now?")
            pain_before = None if red_flag else ask_pain("Pain right now, 0-10 (Enter to skip):")
            today = app.today(catalog, Check(pain_before, red_flag), band)
        if today.session is None:  # stopped: severe pain, or a red flag
            if pain_before is not None:
                console.print(widgets.pain_reading(catalog, "Pain before", pain_before))
            console.print(days.state_screen(catalog, today))
            return
        if pain_before is not None:
            console.print(widgets.pain_reading(catalog, "Pain before", pain_before))
        plan = today.session
        if today.state == REST:
            console.print(widgets.safe_text(f"{headline(catalog, today)}.", "bold yellow"))
            console.print(widgets.safe_text(today.reasons[0], "yellow"))
            if not confirm("Start a session anyway?"):
                click.echo("Nothing was started.", err=True)
                return
        if today.chosen:
            console.print(widgets.safe_text(today.chosen, "bold yellow"))
        if pain_before is not None and catalog.red_pain(pain_before):
            console.print(widgets.safe_text(f"Made easier: {plan.adjustment}.", "bold yellow"))
            if not confirm("That is red on the traffic light. Start the easier session, gently?"):
                click.echo(
                    "Nothing was started. `backpain safety` says when to get help.", err=True
                )
                return
    except (click.Abort, KeyboardInterrupt) as error:
        stopped_early = _signalled(error)
        if stopped_early is None:
            raise
        sys.exit(128 + stopped_early.signum)  # nothing started, nothing to save
    console.print(widgets.safe_text(plan.reason, "dim"))
    console.print()
    drawn = any(item.exercise.figure for item in plan.items)
    wpm = speech_wpm or WORDS_PER_MINUTE

    def length(text: str) -> float:
        return estimate(text, wpm)

    need = needs(plan, length) if sound.speaks else None  # the voice's words given time
    coach = Coach(
        plan,
        rest_seconds,
        get_ready_seconds,
        FRAME_SECONDS if drawn else 0.25,
        need,
        stops=lambda exercise, pain: stopped_during(catalog, exercise, pain),
    )
    braille = app.can_draw()
    prompter = Prompter(script(plan, coach.steps, length))
    said = [""]  # the instruction said last: the screen shows the same words
    stopped: Stopped | None = None
    interrupted = False
    failed: Exception | None = None
    with (
        Keyboard(sys.stdin.fileno()) as keys,
        Live(console=console, auto_refresh=False, transient=True) as live,
    ):

        def show(view: View) -> None:
            now = time.monotonic()
            cue = prompter.take(view)
            if cue is not None and not (view.finished and coach.ended_early):
                sound.cue(cue, now)
                if cue.kind in WHOLE or cue.kind == ASKING:
                    said[0] = cue.say
            if cue is not None and cue.kind == COUNT:
                said[0] = ""
            screen = screens.screen(plan, view, console.width, braille, said[0])
            live.update(screen, refresh=True)
            sound.ring(now)

        def read_key(timeout: float) -> str | None:
            key = keys.read(timeout)
            if key != SUSPEND:
                return key
            # Ctrl-Z: pause the clocks, give the terminal back, stop; on `fg`, take it
            # again and show the session paused (Space carries on).
            if not coach.paused:
                coach.key(PAUSE, time.monotonic())
            live.stop()
            keys.give_back()
            keys.stop_here()
            keys.take()
            live.start()
            show(coach.view(time.monotonic()))
            return None

        try:
            drive(coach, time.monotonic, read_key, show, sound.holding)
        except Stopped as signalled:
            stopped = signalled
            coach.stop(time.monotonic())
        except KeyboardInterrupt:
            interrupted = True
            coach.stop(time.monotonic())
        except Exception as error:  # any other: the session ends here, and what was done
            failed = error  # is saved before it is reported
            coach.stop(time.monotonic())
        if stopped is not None:  # the terminal may have gone with the hang-up
            with contextlib.suppress(OSError):
                live.stop()
    now = time.monotonic()
    if failed is not None:
        sound.close()
        _save_and_raise(app, catalog, coach.record(datetime.date.today(), now, pain_before), failed)
    if stopped is not None or interrupted:
        sound.close()
    else:
        if coach.ended_early:
            sound.cue(prompter.ended_early(), now)
        sound.settle()
    if stopped is not None:
        _save_and_exit(app, catalog, coach.record(datetime.date.today(), now, pain_before), stopped)
    pain_after = None
    try:
        console.print(screens.summary(coach.results(), coach.elapsed(now), coach.ended_early))
        console.print()
        question = catalog.sessions.pain_question
        if coach.stopped_for:  # an exercise hurt too much to go on: why, and who to see
            from backpain_cli.render.today import stopped_screen

            question = f"{coach.stopped_for.partition('. ')[0]}. {question}"
            console.print(stopped_screen(catalog, coach.stopped_for))
            console.print()
        if not interrupted:
            sound.say(question)  # the question by ear, the answer by key
            pain_after = ask_pain("Pain now, 0-10 (Enter to skip):")
    except (click.Abort, KeyboardInterrupt) as error:
        sound.close()
        late = _signalled(error)
        if late is not None:
            done = coach.record(datetime.date.today(), now, pain_before)
            _save_and_exit(app, catalog, done, late)
        interrupted = True
    except Exception as error:  # the summary or the question: the session is done all the same
        sound.close()
        _save_and_raise(app, catalog, coach.record(datetime.date.today(), now, pain_before), error)
    sound.finish()
    record = coach.record(datetime.date.today(), now, pain_before, pain_after)
    saved = bool(record.exercises_started)
    if not saved:
        click.echo("No set was done, so nothing was saved in the journal.", err=True)
    else:
        console.print()
        saved = app.keep_session(catalog, record)
    if interrupted:
        click.echo(f"Interrupted.{KEPT if saved else ''}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if not saved and record.exercises_started:
        sys.exit(EXIT_PROBLEM)  # kept, but not in the journal: said above where
    if saved:
        offer_checkin(app, record.day)


def offer_checkin(app: App, day: datetime.date) -> None:
    """After a saved session, the week's check-in, when it is due: once a week, as the
    questionnaires say. Declined, it is kept as offered, and offered again a week on."""
    from backpain_cli.cli.checkin import ask
    from backpain_cli.errors import BackpainError
    from backpain_cli.outcomes import due
    from backpain_cli.records import CheckIn

    try:
        questionnaires = app.questionnaires()
    except BackpainError as err:  # a broken questionnaire never spoils a session's end
        app.warn(f"the check-in is not offered: {err}")
        return
    checkins = app.checkins()
    waiting = [q for q in questionnaires if due(q, checkins, day)]
    if not waiting:
        return
    names = " and ".join(visible(q.name.lower()) for q in waiting)
    click.echo()
    try:
        if not confirm(f"Your weekly check-in is due: {names}. Answer it now?"):
            with app.write_journal() as journal:
                for q in waiting:
                    journal.add_checkin(CheckIn(day, q.id, ()))
            click.echo("Offered again in a week; `backpain check-in` asks it any time.")
            return
        ask(app, waiting, day, lambda prompt: read_line(prompt + " "))
    except (click.Abort, KeyboardInterrupt):
        click.echo("Interrupted. Your session is saved in the journal.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo("Kept. `backpain progress` shows how your check-ins change.")


def _save_and_exit(app: App, catalog: Catalog, record: SessionRecord, stopped: Stopped) -> NoReturn:
    """After SIGTERM or SIGHUP: save what was done first, then say so if the terminal is
    still there, and exit with 128 + the signal's number."""
    saved = bool(record.exercises_started) and app.keep_session(catalog, record, show=False)
    with contextlib.suppress(OSError):
        name = signal.Signals(stopped.signum).name
        click.echo(f"Stopped ({name}).{KEPT if saved else ''}", err=True)
    sys.exit(128 + stopped.signum)


def _save_and_raise(
    app: App, catalog: Catalog, record: SessionRecord, error: Exception
) -> NoReturn:
    """After an error in the middle of a session (content that cannot be drawn, a
    terminal that has gone): save what was done first, then report the error."""
    saved = bool(record.exercises_started) and app.keep_session(catalog, record, show=False)
    what = str(error).rstrip(".") if isinstance(error, BackpainError) else (
        f"an unexpected error ({type(error).__name__}: {error})")  # fmt: skip
    raise BackpainError(f"The session stopped: {what}.{KEPT if saved else ''}") from None


#: The signals that ended the session, as click turns them into Abort at a prompt.
_RECEIVED: list[int] = []


def _stop(signum: int, _frame: object) -> None:
    _RECEIVED.append(signum)
    raise Stopped(signum)


def _signalled(error: BaseException) -> Stopped | None:
    """The Stopped behind ``error`` (itself, or click's Abort at a prompt), if any."""
    if isinstance(error, Stopped):
        return error
    return Stopped(_RECEIVED[-1]) if _RECEIVED else None


def install_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP end a guided session, saving what was done, even when
    the program was started with them ignored (as a background job)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
