"""The click app: parse the command line, call the core, hand the result to render.

Only click is imported at start; content (yaml) and render (rich) are imported
by the commands that need them, so `--help` and `--json` stay quick.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from backpain_cli import __version__
from backpain_cli.app import (
    App,
    BackpainGroup,
    BandType,
    ExerciseType,
    PathType,
    given,
    json_option,
    make_app,
)
from backpain_cli.errors import EXIT_PROBLEM
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from pathlib import Path

    from backpain_cli.models import Exercise


@click.group(
    "backpain",
    cls=BackpainGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Start with `backpain session --band green`. The disclaimer: `backpain safety`.",
)
@click.option(
    "--content-dir",
    type=PathType(exists=True, file_okay=False),
    metavar="DIR",
    envvar="BACKPAIN_CONTENT_DIR",
    show_envvar=True,
    help="Use the content (exercises, bands, sessions, disclaimer) in DIR instead of the built-in.",
)
@click.option(
    "--data-dir",
    type=PathType(),
    metavar="DIR",
    envvar="BACKPAIN_DATA_DIR",
    show_envvar=True,
    help="Keep the journal in DIR instead of your user data folder.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Force colour on or off. Default: on in a terminal, off in a pipe or with NO_COLOR.",
)
@click.version_option(__version__, "--version", prog_name="backpain")
@click.pass_context
def main(
    ctx: click.Context, content_dir: Path | None, data_dir: Path | None, color: bool | None
) -> None:
    """An exercise guide to strengthen your way out of lower back pain.

    Three exercises (glute bridge, clam shell, dead bug), a mini band in
    three strengths (yellow, green, blue), a suggested session for each, and
    a journal of your sessions and pain that says when to move up a band.

    \b
    Examples:
      backpain list
      backpain show dead-bug
      backpain session --band green
      backpain log --band green --pain-before 4 --pain-after 2
      backpain progress
    """
    ctx.obj = make_app(ctx, content_dir, color, data_dir)


@main.command("list")
@json_option
@click.pass_obj
def list_command(app: App, as_json: bool) -> None:
    """List the exercises at a glance.

    \b
    Examples:
      backpain list
      backpain list --json
    """
    app.keep_page = True
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        app.emit_json(render_json.exercise_list(catalog))
        return
    from backpain_cli import render

    app.show(lambda width: render.exercise_list(catalog, width))


@main.command()
@click.argument("exercise", type=ExerciseType())
@json_option
@click.pass_obj
def show(app: App, exercise: Exercise, as_json: bool) -> None:
    """Show the full guide for one EXERCISE (its id, name or alias).

    Why it helps, equipment and where the band goes, the steps, cues, common
    mistakes, easier and harder variants, how much for each band, and safety.

    \b
    Examples:
      backpain show dead-bug
      backpain show "Glute bridge"
      backpain show clamshell --json
    """
    app.keep_page = True
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        app.emit_json(render_json.exercise_detail(catalog, exercise))
        return
    from backpain_cli import render

    app.show(lambda _width: render.exercise_detail(catalog, exercise))


@main.command()
@json_option
@click.pass_obj
def bands(app: App, as_json: bool) -> None:
    """Band levels in order, how to choose one and when to move up.

    \b
    Examples:
      backpain bands
      backpain bands --json
    """
    app.keep_page = True
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        app.emit_json(render_json.band_guide(catalog))
        return
    from backpain_cli import render

    app.show(lambda _width: render.band_guide(catalog))


@main.command()
@click.option(
    "--band",
    type=BandType(),
    metavar="COLOUR",
    help="The band you use (any case). Default: from your journal, else the lightest.",
)
@json_option
@click.option("--guided", is_flag=True, help="Guide me through it, timed, in this terminal.")
@click.option(
    "--rest",
    "rest_seconds",
    type=click.IntRange(0, 600),
    metavar="SECONDS",
    help="With --guided: rest this long after each set instead of the content's rest.",
)
@click.option(
    "--get-ready",
    "get_ready_seconds",
    type=click.IntRange(0, 60),
    metavar="SECONDS",
    help="With --guided: the countdown before each exercise and each side.",
)
@click.option("--quiet", is_flag=True, help="With --guided: no terminal bell at each change.")
@click.pass_obj
def session(
    app: App,
    band: str | None,
    as_json: bool,
    guided: bool,
    rest_seconds: int | None,
    get_ready_seconds: int | None,
    quiet: bool,
) -> None:
    """A suggested session for your band: exercises, sets, reps, rests and time.

    Without --band, the band your journal's advice gives (`backpain
    progress`), or the lightest band when the journal is empty.

    With --guided, a timed walk-through in the terminal: a paced rep
    counter, holds, switch-sides cues, rest countdowns and a bell at each
    change. Space pauses, n skips to the next step, Enter marks a set done,
    q ends early. At the end it asks your pain and saves the session in the
    journal.

    \b
    Examples:
      backpain session --band green
      backpain session --band Yellow --json
      backpain session
      backpain session --band green --guided
      backpain session --guided --rest 45 --quiet
    """
    from backpain_cli.planner import plan_session

    if as_json and guided:
        raise click.UsageError("Choose one of --json and --guided.")
    if not guided:
        extra = given(
            ("--rest", rest_seconds), ("--get-ready", get_ready_seconds), ("--quiet", quiet)
        )
        if extra:
            raise click.UsageError(f"{', '.join(extra)} only go with --guided.")
    else:
        from backpain_cli.guided import unavailable

        reason = unavailable()
        if reason:
            raise click.UsageError(reason)
    app.keep_page = band is not None and not guided  # else the page depends on the journal
    catalog = app.catalog()
    reason = None
    if band is None:
        advice = app.advice(catalog)
        if advice.current is not None:
            band = advice.band
            reason = f"The band your journal points to (`backpain progress`): {advice.reason}"
    plan = plan_session(catalog, band, reason)
    if guided:
        from backpain_cli import guided as coach_view

        coach_view.run(app, catalog, plan, rest_seconds, get_ready_seconds, quiet)
        return
    if as_json:
        from backpain_cli import render_json

        app.emit_json(render_json.session(catalog, plan))
        return
    from backpain_cli import render

    app.show(lambda width: render.session(catalog, plan, width))


@main.command()
@json_option
@click.pass_obj
def safety(app: App, as_json: bool) -> None:
    """The disclaimer, the red flags and the pain guide.

    \b
    Examples:
      backpain safety
      backpain safety --json
    """
    app.keep_page = True
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        app.emit_json(render_json.safety_document(catalog))
        return
    from backpain_cli import render

    app.show(lambda _width: render.safety_screen(catalog))


@main.group()
def content() -> None:
    """Find, copy, check and describe the content files (for editors of the routine).

    \b
    Examples:
      backpain content path
      backpain content copy my-routine
      backpain content validate my-routine
      backpain content schema exercise > exercise.schema.json
    """


@content.command("path")
@click.pass_obj
def content_path(app: App) -> None:
    """Print the content folder in use (on stdout) and why (on stderr).

    \b
    Examples:
      backpain content path
      BACKPAIN_CONTENT_DIR=my-routine backpain content path
    """
    from backpain_cli.content import ORIGINS

    where = app.location()
    click.echo(visible(str(where.path)))
    click.echo(f"({ORIGINS[where.origin]})", err=True)


@content.command("copy")
@click.argument("dest", type=PathType())
def content_copy(dest: Path) -> None:
    """Copy the built-in content to DEST, as a starting point for your own.

    DEST must not exist yet, or be an empty folder: nothing is ever overwritten.

    \b
    Examples:
      backpain content copy my-routine
      backpain --content-dir my-routine session --band green
    """
    from backpain_cli.content import copy_builtin

    count = copy_builtin(dest)
    shown = visible(str(dest))
    click.echo(f"Copied {count} files to {shown}.", err=True)
    click.echo(f"Check your edits with: backpain content validate {shown}", err=True)
    click.echo(f"Use them with: backpain --content-dir {shown} list", err=True)


@content.command("validate")
@click.argument("folder", required=False, type=PathType())
@click.pass_obj
def content_validate(app: App, folder: Path | None) -> None:
    """Check a content FOLDER (default: the one in use) and list every problem.

    One problem a line, as FILE:LINE: FIELD: PROBLEM, then a count. Exits 0 when
    the folder is clean and 1 when it is not.

    \b
    Examples:
      backpain content validate
      backpain content validate my-routine
    """
    from backpain_cli.content import load
    from backpain_cli.errors import ContentError

    root = folder if folder is not None else app.location().path
    try:
        catalog = load(root)
    except ContentError as err:
        for problem in err.problems:
            click.echo(problem.describe(str(root)))
        count = len(err.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(EXIT_PROBLEM)
    click.echo(
        f"{visible(str(root))}: OK ({len(catalog.exercises)} exercises, "
        f"{len(catalog.bands.levels)} bands).",
        err=True,
    )


@content.command("schema")
@click.argument(
    "kind",
    required=False,
    default="exercise",
    type=click.Choice(["exercise", "bands", "sessions", "disclaimer"]),
)
def content_schema(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of one kind of content file.

    KIND is exercise (the default), bands, sessions or disclaimer. Editors use
    it for completion and checks.

    \b
    Examples:
      backpain content schema > exercise.schema.json
      backpain content schema sessions
    """
    import json

    from backpain_cli.schema import document

    click.echo(json.dumps(document(kind), indent=2))


def _add_journal_commands() -> None:
    from backpain_cli.journal_cli import history, log, progress

    for command in (log, history, progress):
        main.add_command(command)


_add_journal_commands()
