"""The group class: commands found in a table and imported only when used, and every
foreseeable problem turned into one clear message and an exit code, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO, Any, TextIO, cast

import click

from backpain_cli.errors import EXIT_INTERRUPTED, BackpainError, stop_on_closed_pipe
from backpain_cli.textsafe import visible


class Visible:
    """A text stream that shows every control character it is given as a visible
    stand-in (see textsafe): for messages that quote the command line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(visible(text))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def terminal_columns() -> int:
    """What shutil.get_terminal_size().columns gives (COLUMNS, else the terminal, else 80),
    for the width of help text.

    Written out because importing shutil, as click's help does otherwise, costs more
    than the rest of `backpain --help` that is ours; a test holds the two to the same
    answer.
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


class LazyGroup(click.Group):
    """A group whose commands are named in a table of "module:attribute", imported on use."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = self.lazy_commands.get(cmd_name)
        if where is None:
            return super().get_command(ctx, cmd_name)
        import importlib

        module, attribute = where.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

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

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as err:  # suggest from the whole table
            raise click.exceptions.NoSuchCommand(
                err.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

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
        for stream in (sys.stdout, sys.stderr):  # an output that cannot show a character
            reconfigure = getattr(stream, "reconfigure", None)  # gets "?", never a crash
            if reconfigure is not None and stream.errors == "strict":
                reconfigure(errors="replace")
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as err:
            # click's messages quote what the user typed
            err.show(file=cast("IO[Any]", Visible(sys.stderr)))
            sys.exit(err.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo("\nInterrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            stop_on_closed_pipe()
        sys.exit(code if isinstance(code, int) else 0)
