"""What every command shares: the App (content, journal and output), parameter types,
and the group class that turns foreseeable problems into clear messages.

Only click is imported at start; content (yaml), render (rich) and the journal
(sqlite3) are imported by the commands that need them, so `--help` stays quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click
from click.core import ParameterSource

from backpain_cli.errors import EXIT_INTERRUPTED, BackpainError, stop_on_closed_pipe
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType

    from backpain_cli.content import Location
    from backpain_cli.journal import Journal
    from backpain_cli.models import Catalog, SessionRecord
    from backpain_cli.progress import Advice

F = TypeVar("F", bound=Callable[..., Any])

#: The command line being run (without the program's name), as pages key on it.
COMMAND_LINE: list[str] = []

# click's ParamType became generic in 8.3; an untyped base works with every click >= 8.2.
_ParamType: Any = click.ParamType


class App:
    """What every command needs: the content (loaded once, on first use) and output."""

    def __init__(
        self,
        content_dir: Path | None,
        content_origin: str,
        color: bool | None,
        data_dir: Path | None = None,
    ) -> None:
        self.content_dir = content_dir
        self.content_origin = content_origin
        self.color = color
        self.data_dir = data_dir
        self._catalog: Catalog | None = None
        self._stamps: list[list[object]] | None = None
        #: Set by a command whose page depends only on its command line and the content.
        self.keep_page = False

    def location(self) -> Location:
        from backpain_cli import content

        return content.locate(self.content_dir, self.content_origin)

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from backpain_cli import content, pages

            root = self.location().path
            self._stamps = pages.content_stamps(str(root))  # before reading, to catch edits
            self._catalog = content.load(root)
        return self._catalog

    def write(self, output: str) -> None:
        """Write a finished page to stdout, and keep it when the command allows (see pages)."""
        sys.stdout.write(output)
        sys.stdout.flush()
        if self.keep_page and self._catalog is not None and not sys.stdout.isatty():
            from backpain_cli import pages

            pages.keep(COMMAND_LINE, str(self._catalog.root), self._stamps, output)

    def emit_json(self, data: dict[str, Any]) -> None:
        from backpain_cli.render_json import dumps

        self.write(dumps(data))

    def data_folder(self) -> Path:
        from backpain_cli.journal import data_folder

        return data_folder(self.data_dir)

    def read_journal(self) -> Journal | None:
        """The journal, or None when nothing has been logged yet (creates nothing)."""
        from backpain_cli.journal import open_for_reading

        return open_for_reading(self.data_folder())

    def advice(self, catalog: Catalog) -> Advice:
        """What the journal advises; with no journal yet, to start at the lightest band."""
        journal = self.read_journal()
        rules = catalog.sessions.progress
        if journal is None:
            from backpain_cli.progress import advise

            return advise([], catalog.bands, rules)
        with journal:
            return journal.advice(catalog.bands, rules)

    def log_session(self, catalog: Catalog, record: SessionRecord) -> None:
        """Save a session in the journal, then show its pain reading and the next step."""
        from backpain_cli import render

        with self.write_journal() as journal:
            number = journal.add(record)
            entry = journal.get(number)
        assert entry is not None
        advice = self.advice(catalog)
        self.show(lambda _width: render.logged(catalog, number, entry, advice))

    def write_journal(self) -> Journal:
        from backpain_cli.journal import open_for_writing

        return open_for_writing(self.data_folder())

    def console(self) -> Console:
        from backpain_cli.console import make_console

        return make_console(self.color)

    def show(self, build: Callable[[int], RenderableType]) -> None:
        """Print the screen that ``build`` makes for the console's width."""
        from backpain_cli import render

        console = self.console()
        if not self.keep_page or console.is_terminal:
            render.out(console, build(console.width))
            return
        with console.capture() as page:
            render.out(console, build(console.width))
        self.write(page.get())

    @staticmethod
    def from_context(ctx: click.Context) -> App:
        """The App, also during shell completion, when the group's callback has not run."""
        app = ctx.find_object(App)
        if app is None:
            root = ctx.find_root()
            params = root.params
            app = make_app(
                root, params.get("content_dir"), params.get("color"), params.get("data_dir")
            )
        return app


def make_app(
    ctx: click.Context, content_dir: Path | None, color: bool | None, data_dir: Path | None
) -> App:
    source = ctx.get_parameter_source("content_dir")
    origin = "environment" if source is ParameterSource.ENVIRONMENT else "flag"
    return App(content_dir=content_dir, content_origin=origin, color=color, data_dir=data_dir)


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


class PathType(_ParamType):  # type: ignore[misc]
    """click's own Path check, giving a pathlib.Path; both made only when a path is given."""

    def __init__(self, **checks: Any) -> None:
        self.checks = checks
        self.name = "path" if checks.get("file_okay", True) else "directory"

    def _path(self) -> click.Path:
        return click.Path(**self.checks)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        if isinstance(value, str) and not value.strip():
            self.fail("the path is empty; give a folder (. for this one).", param, ctx)
        return Path(os.fsdecode(self._path().convert(value, param, ctx)))

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[click.shell_completion.CompletionItem]:
        return self._path().shell_complete(ctx, param, incomplete)


class PainType(_ParamType):  # type: ignore[misc]
    """A pain score: a whole number from 0 (none) to 10 (the worst imaginable)."""

    name = "0-10"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not text.isdigit() or len(text) > 2:
                self.fail(
                    f"{visible(repr(str(value)[:40]))} is not a pain score; give a whole "
                    "number from 0 (no pain) to 10 (the worst).",
                    param,
                    ctx,
                )
            number = int(text)
        if not 0 <= number <= 10:
            self.fail(
                f"{number} is outside the pain scale; give a whole number from 0 (no pain) "
                "to 10 (the worst).",
                param,
                ctx,
            )
        return number


class DayType(_ParamType):  # type: ignore[misc]
    """A calendar day as YYYY-MM-DD, not in the future."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime
        import re

        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        shown = visible(repr(str(value)[:40]))
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.fail(
                f"{shown} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-09.", param, ctx
            )
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError as err:
            self.fail(f"{shown} is not a day on the calendar ({err}).", param, ctx)
        if day.year < 1970:
            self.fail(f"{text} is too long ago; give a day from 1970 on.", param, ctx)
        today = datetime.date.today()
        if day > today:
            self.fail(f"{text} is in the future (today is {today.isoformat()}).", param, ctx)
        return day


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns (COLUMNS, else the terminal, else 80).

    Written out because importing shutil for help text costs more than the rest of
    `backpain --help` that is ours.
    """
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    stream = sys.__stdout__
    try:
        return (os.get_terminal_size(stream.fileno()).columns if stream else 0) or 80
    except (AttributeError, ValueError, OSError):
        return 80


class BackpainGroup(click.Group):
    """Turns foreseeable problems into one clear message and an exit code, never a traceback."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is None:
            extra.setdefault("terminal_width", terminal_columns())
        return super().make_context(info_name, args, parent, **extra)

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
        COMMAND_LINE[:] = sys.argv[1:] if args is None else list(args)
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
            stop_on_closed_pipe()
        sys.exit(code if isinstance(code, int) else 0)


def given(*options: tuple[str, Any]) -> list[str]:
    """The names of the (name, value) options that were given: not None, False, "" or ().

    Zero counts as given (`--rest 0`).
    """
    return [
        name
        for name, value in options
        if not (value is None or value is False or (isinstance(value, (str, tuple)) and not value))
    ]


def json_option(function: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print JSON (a stable shape, see the README)."
    )(function)
