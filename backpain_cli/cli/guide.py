"""The guide's commands: list, show, bands, session, today and safety."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App, Lazy
from backpain_cli.cli.params import (
    ExerciseType,
    band_option,
    check_options,
    given,
    read_command,
    seconds_option,
)

if TYPE_CHECKING:
    from backpain_cli.models import Exercise
    from backpain_cli.render import data, screens
    from backpain_cli.render import today as days
else:
    data = Lazy("backpain_cli.render.data")
    screens = Lazy("backpain_cli.render.screens")
    days = Lazy("backpain_cli.render.today")


@read_command("list")
def list_command(app: App, as_json: bool) -> None:
    """List the exercises at a glance.

    \b
    Examples:
      backpain list
      backpain list --json
    """
    catalog = app.catalog()
    app.emit(
        as_json,
        lambda: data.exercise_list(catalog),
        lambda width: screens.exercise_list(catalog, width),
    )


@read_command()
@click.argument("exercise", type=ExerciseType())
@click.option("--no-figure", is_flag=True, help="Leave out the drawings of the positions.")
def show(app: App, exercise: Exercise, as_json: bool, no_figure: bool) -> None:
    """Show the full guide for one EXERCISE (its id, name or alias).

    Drawings of its start and end positions, why it helps, equipment and where
    the band goes, the steps, cues, common mistakes, easier and harder
    variants, how much for each band, and safety.

    \b
    Examples:
      backpain show dead-bug
      backpain show "Glute bridge"
      backpain show clamshell --no-figure
      backpain show clamshell --json
    """
    catalog = app.catalog(figures=True)
    app.emit(
        as_json,
        lambda: data.exercise_detail(catalog, exercise),
        lambda width: screens.exercise_detail(catalog, exercise, width, not no_figure),
    )


@read_command()
def bands(app: App, as_json: bool) -> None:
    """Band levels in order, how to choose one and when to move up.

    Colours differ between makers, so the page also says how to tell a band's
    strength, what to check before each use and where to get one.

    \b
    Examples:
      backpain bands
      backpain bands --json
    """
    catalog = app.catalog()
    app.emit(as_json, lambda: data.band_guide(catalog), lambda _: screens.band_guide(catalog))


@read_command()
@band_option("The band you use (any case). Default: today's, as `backpain today` gives it.")
@click.option("--guided", is_flag=True, help="Guide me through it, timed, in this terminal.")
@seconds_option(
    "--rest", 600, "With --guided: rest this long after each set instead of the content's rest."
)
@seconds_option(
    "--get-ready", 60, "With --guided: the countdown before each exercise and each side."
)
@click.option(
    "--voice",
    is_flag=True,
    help="With --guided: say each step aloud (the system's speech, or $BACKPAIN_SPEECH_COMMAND).",
)
@click.option("--quiet", is_flag=True, help="With --guided: no voice and no terminal bell.")
@check_options
def session(
    app: App,
    band: str | None,
    as_json: bool,
    guided: bool,
    rest_seconds: int | None,
    get_ready_seconds: int | None,
    voice: bool,
    quiet: bool,
    pain_now: int | None,
    red_flag: bool,
) -> None:
    """Today's session: exercises, sets, reps, rests and time.

    Without --band, the band today's prescription gives (`backpain today`):
    your plan's phase and your journal, never heavier than the rules allow.
    On a rest day it shows the next session; while the programme is paused
    (see a professional) or when you say you have severe pain or a red-flag
    sign, there is no session. With --band, the session for that band, with
    a word when it differs from today's.

    With --guided, a timed walk-through in the terminal: a rep counter in
    large letters, the figure moving with you, holds, left and right by name,
    rest countdowns, and bells (once for go, twice to switch sides, three
    times when done). It first asks about the red flags and your pain. With
    --voice it speaks each step in the exercise's own words. Space pauses, n
    skips to the next step, Enter marks a set done, q ends early. At the end
    it asks your pain and saves the session in the journal. `backpain config
    show` lists the settings you can keep (voice, quiet, rest, get_ready).

    \b
    Examples:
      backpain session
      backpain session --band green
      backpain session --band Yellow --json
      backpain session --pain-now 4
      backpain session --guided --voice
      backpain session --band green --guided --rest 45 --quiet
    """
    from backpain_cli.today import Check

    if as_json and guided:
        raise click.UsageError("Choose one of --json and --guided.")
    if not guided:
        extra = given(
            ("--rest", rest_seconds),
            ("--get-ready", get_ready_seconds),
            ("--voice", voice),
            ("--quiet", quiet),
        )
        if extra:
            raise click.UsageError(f"{', '.join(extra)} only go with --guided.")
    else:
        from backpain_cli.cli.coach import unavailable

        reason = unavailable()
        if reason:
            raise click.UsageError(reason)
    catalog = app.catalog(figures=guided)
    check = Check(pain_now, red_flag)
    today = app.today(catalog, check, band)
    if guided:
        from backpain_cli.cli import coach

        asked = pain_now is not None or red_flag
        coach.run(app, catalog, today, band, asked, rest_seconds, get_ready_seconds, voice, quiet)
        return
    app.emit(
        as_json,
        lambda: data.session(catalog, today),
        lambda width: days.session(catalog, today, width),
    )


@read_command()
@check_options
def today(app: App, as_json: bool, pain_now: int | None, red_flag: bool) -> None:
    """What to do today: a session, a rest day, paused, or stop, and why.

    The one answer every other command follows: the band and the session
    from your plan and your journal, a rest day between sessions, a pause
    after repeated red pain (until `backpain resume`), and no session at all
    with severe pain or a red-flag sign. With a session, its exercises and
    doses; on a rest day, the next session's day and band.

    \b
    Examples:
      backpain today
      backpain today --pain-now 3
      backpain today --json
    """
    from backpain_cli.today import Check

    catalog = app.catalog()
    found = app.today(catalog, Check(pain_now, red_flag))
    app.emit(
        as_json,
        lambda: data.today(catalog, found),
        lambda width: days.today_screen(catalog, found, width),
    )


@read_command()
def safety(app: App, as_json: bool) -> None:
    """The disclaimer, the red flags and the pain guide.

    The same block ends every page you exercise from (`show`, `session`); here
    it stands alone, to read before you start or to print.

    \b
    Examples:
      backpain safety
      backpain safety --json
      backpain --no-color safety > safety.txt
    """
    catalog = app.catalog()
    app.emit(
        as_json, lambda: data.safety_document(catalog), lambda _: screens.safety_screen(catalog)
    )
