"""The guide's commands: list, show, bands, session and safety."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App, Lazy
from backpain_cli.cli.params import ExerciseType, band_option, given, read_command, seconds_option

if TYPE_CHECKING:
    from backpain_cli.models import Exercise
    from backpain_cli.render import data, screens
else:
    data = Lazy("backpain_cli.render.data")
    screens = Lazy("backpain_cli.render.screens")


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
        lambda width: screens.exercise_detail(
            catalog, exercise, width, not no_figure, app.can_draw()
        ),
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
@band_option("The band you use (any case). Default: from your journal, else the lightest.")
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
def session(
    app: App,
    band: str | None,
    as_json: bool,
    guided: bool,
    rest_seconds: int | None,
    get_ready_seconds: int | None,
    voice: bool,
    quiet: bool,
) -> None:
    """A suggested session for your band: exercises, sets, reps, rests and time.

    Without --band, the band your journal's advice gives (`backpain
    progress`), or the lightest band when the journal is empty.

    With --guided, a timed walk-through in the terminal: a rep counter in
    large letters, the figure moving with you, holds, left and right by name,
    rest countdowns, and bells (once for go, twice to switch sides, three
    times when done). With --voice it speaks each step in the exercise's own
    words. Space pauses, n skips to the next step, Enter marks a set done, q
    ends early. At the end it asks your pain and saves the session in the
    journal. `backpain config show` lists the settings you can keep
    (voice, quiet, rest, get_ready).

    \b
    Examples:
      backpain session --band green
      backpain session --band Yellow --json
      backpain session
      backpain session --band green --guided
      backpain session --guided --voice
      backpain session --guided --rest 45 --quiet
    """
    from backpain_cli.planner import plan_session

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
    reason = None
    variants: tuple[tuple[str, str], ...] = ()
    if band is None:
        from backpain_cli.cli.plan import where_in_plan

        advice = app.advice(catalog)
        planned = where_in_plan(app, catalog, advice)
        if planned is not None:
            from backpain_cli.programme import summary

            programme, standing = planned
            band = standing.band
            reason = f"Your plan (`backpain plan`): {summary(programme, standing, catalog)}"
            if band == programme.phases[standing.phase].band:
                variants = programme.phases[standing.phase].variants
            else:
                reason += f" {advice.reason}"
        elif advice.current is not None:
            band = advice.band
            reason = f"The band your journal points to (`backpain progress`): {advice.reason}"
    plan = plan_session(catalog, band, reason)
    if variants:
        from backpain_cli.planner import harder

        plan = harder(plan, variants)
    if guided:
        from backpain_cli.cli import coach

        coach.run(app, catalog, plan, rest_seconds, get_ready_seconds, voice, quiet)
        return
    app.emit(
        as_json,
        lambda: data.session(catalog, plan),
        lambda width: screens.session(catalog, plan, width),
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
