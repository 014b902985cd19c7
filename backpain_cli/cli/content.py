"""The content commands, for editors of the routine: path, copy, validate and schema."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App
from backpain_cli.cli.params import PathType
from backpain_cli.content.files import KINDS
from backpain_cli.errors import EXIT_PROBLEM
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from pathlib import Path


@click.group()
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
    from backpain_cli.content.locate import ORIGINS

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
    from backpain_cli.content.locate import copy_builtin

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
    the folder is clean and 1 when it is not. The questionnaires (questionnaires/)
    are checked too: each needs its licence, and each change it judges by its
    source. Warnings (an exercise that a band's
    session leaves out) are listed the same way, after "warning:", and do not
    make the folder unclean.

    \b
    Examples:
      backpain content validate
      backpain content validate my-routine
    """
    from backpain_cli.content.load import load
    from backpain_cli.content.questionnaires import load_questionnaires
    from backpain_cli.errors import ContentError, Problem

    root = folder if folder is not None else app.location().path
    found: list[Problem] = []
    try:
        catalog = load(root)
    except ContentError as err:
        found += err.problems
    try:
        questionnaires = load_questionnaires(root)
    except ContentError as err:
        found += err.problems
    if found:
        for problem in found:
            click.echo(problem.describe(str(root)))
        count = len(found)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        sys.exit(EXIT_PROBLEM)
    for warning in (*catalog.warnings, *catalog.cautions):
        click.echo(f"warning: {warning.describe(str(root))}")
    count = len(catalog.warnings) + len(catalog.cautions)
    warned = f", {count} warning{'s' if count != 1 else ''}" if count else ""
    programme = catalog.programme
    weeks = f", a programme of {programme.weeks} weeks" if programme else ""
    variants = f", {len(catalog.variants)} variants" if catalog.variants else ""
    prescribed = ", a prescription" if catalog.prescription else ""
    asked = len(questionnaires)
    asks = f", {asked} questionnaire{'s' if asked != 1 else ''}" if asked else ""
    click.echo(
        f"{visible(str(root))}: OK ({len(catalog.exercises)} exercises{variants}, "
        f"{len(catalog.bands.levels)} bands{weeks}{prescribed}{asks}{warned}).",
        err=True,
    )


@content.command("schema")
@click.argument(
    "kind",
    required=False,
    default="exercise",
    type=click.Choice(KINDS),
)
def content_schema(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of one kind of content file.

    KIND is exercise (the default), bands, sessions, disclaimer, programme,
    prescription or questionnaire. Editors use it for completion and checks.

    \b
    Examples:
      backpain content schema > exercise.schema.json
      backpain content schema sessions
      backpain content schema prescription
      backpain content schema questionnaire
    """
    import json

    from backpain_cli.content.schemas import document

    click.echo(json.dumps(document(kind), indent=2))
