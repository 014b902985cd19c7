"""The click app: parse the command line, call the core, hand the result to render.

Only click is imported at start; content (yaml) and render (rich) are imported
by the commands that need them, so `--help` and `--json` stay quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

from backpain_cli import __version__
from backpain_cli.errors import EXIT_INTERRUPTED, EXIT_PROBLEM, BackpainError
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from backpain_cli.content import Location
    from backpain_cli.models import Catalog, Exercise

F = TypeVar("F", bound=Callable[..., Any])

# click's ParamType became generic in 8.3; an untyped base works with every click >= 8.2.
_ParamType: Any = click.ParamType


class App:
    """What every command needs: the content (loaded once, on first use) and output."""

    def __init__(self, content_dir: Path | None, content_origin: str, color: bool | None) -> None:
        self.content_dir = content_dir
        self.content_origin = content_origin
        self.color = color
        self._catalog: Catalog | None = None

    def location(self) -> Location:
        from backpain_cli import content

        return content.locate(self.content_dir, self.content_origin)

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from backpain_cli import content

            self._catalog = content.load(self.location().path)
        return self._catalog

    def console(self) -> Console:
        from backpain_cli.console import make_console

        return make_console(self.color)

    def show(self, build: Callable[[int], RenderableType]) -> None:
        """Print the screen that ``build`` makes for the console's width."""
        from backpain_cli import render

        console = self.console()
        render.out(console, build(console.width))

    @staticmethod
    def from_context(ctx: click.Context) -> App:
        """The App, also during shell completion, when the group's callback has not run."""
        app = ctx.find_object(App)
        if app is None:
            root = ctx.find_root()
            app = _make_app(root, root.params.get("content_dir"), root.params.get("color"))
        return app


def _make_app(ctx: click.Context, content_dir: Path | None, color: bool | None) -> App:
    source = ctx.get_parameter_source("content_dir")
    origin = "environment" if source is ParameterSource.ENVIRONMENT else "flag"
    return App(content_dir=content_dir, content_origin=origin, color=color)


class ExerciseType(_ParamType):  # type: ignore[misc]
    """An exercise given by id, name (any case) or alias."""

    name = "exercise"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        catalog = App.from_context(ctx).catalog() if ctx else None
        if catalog is None:
            return value
        found = catalog.find(value)
        if found is not None:
            return found
        close = catalog.suggest(value)
        hint = f" Did you mean '{close}'?" if close else ""
        ids = ", ".join(e.id for e in catalog.exercises)
        self.fail(
            f"unknown exercise {visible(repr(value))[:80]}.{hint} Choose from: {ids}.", param, ctx
        )

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        from click.shell_completion import CompletionItem

        try:
            catalog = App.from_context(ctx).catalog()
        except BackpainError:
            return []
        names = [e.id for e in catalog.exercises]
        return [CompletionItem(n) for n in names if n.startswith(incomplete.lower())]


class BandType(_ParamType):  # type: ignore[misc]
    """A band colour from the content, matched without regard to case (click's own Choice)."""

    name = "colour"

    def _choice(self, ctx: click.Context | None) -> click.Choice[str]:
        catalog = App.from_context(ctx).catalog() if ctx else None
        ids = [b.id for b in catalog.bands.levels] if catalog else []
        return click.Choice(ids, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and len(value) > 80:
            self.fail(f"{visible(repr(value[:40]))}... is not a band colour.", param, ctx)
        try:
            return self._choice(ctx).convert(value, param, ctx)
        except click.BadParameter as err:
            raise click.BadParameter(visible(err.message), ctx, param) from None

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        try:
            return self._choice(ctx).shell_complete(ctx, param, incomplete)
        except BackpainError:
            return []


class BackpainGroup(click.Group):
    """Turns foreseeable problems into one clear message and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BackpainError as err:
            raise click.ClickException(str(err)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo("\nInterrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # The reader went away (`backpain list | head -1`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PROBLEM)
        sys.exit(code if isinstance(code, int) else 0)


def json_option(function: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print JSON (a stable shape, see the README)."
    )(function)


@click.group(
    "backpain",
    cls=BackpainGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Start with `backpain session --band green`. The disclaimer: `backpain safety`.",
)
@click.option(
    "--content-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    envvar="BACKPAIN_CONTENT_DIR",
    show_envvar=True,
    help="Use the content (exercises, bands, sessions, disclaimer) in DIR instead of the built-in.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Force colour on or off. Default: on in a terminal, off in a pipe or with NO_COLOR.",
)
@click.version_option(__version__, "--version", prog_name="backpain")
@click.pass_context
def main(ctx: click.Context, content_dir: Path | None, color: bool | None) -> None:
    """An exercise guide to strengthen your way out of lower back pain.

    Three exercises (glute bridge, clam shell, dead bug), a mini band in
    three strengths (yellow, green, blue) and a suggested session for each.

    \b
    Examples:
      backpain list
      backpain show dead-bug
      backpain session --band green
    """
    ctx.obj = _make_app(ctx, content_dir, color)


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
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        render_json.emit(render_json.exercise_list(catalog))
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
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        render_json.emit(render_json.exercise_detail(catalog, exercise))
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
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        render_json.emit(render_json.band_guide(catalog))
        return
    from backpain_cli import render

    app.show(lambda _width: render.band_guide(catalog))


@main.command()
@click.option(
    "--band",
    type=BandType(),
    metavar="COLOUR",
    help="The band you use (any case). Default: the lightest band.",
)
@json_option
@click.pass_obj
def session(app: App, band: str | None, as_json: bool) -> None:
    """A suggested session for your band: exercises, sets, reps, rests and time.

    \b
    Examples:
      backpain session --band green
      backpain session --band Yellow --json
    """
    from backpain_cli.planner import plan_session

    catalog = app.catalog()
    plan = plan_session(catalog, band)
    if as_json:
        from backpain_cli import render_json

        render_json.emit(render_json.session(catalog, plan))
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
    catalog = app.catalog()
    if as_json:
        from backpain_cli import render_json

        render_json.emit(render_json.safety_document(catalog))
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
@click.argument("dest", type=click.Path(path_type=Path))
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
@click.argument("folder", required=False, type=click.Path(path_type=Path))
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
