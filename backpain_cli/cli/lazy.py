"""The group class: commands found in a table and imported only when used, help whose
examples fit the terminal, and every foreseeable problem turned into one clear message
and an exit code, never a traceback.

It is also the one place where a failed write to standard output (a full disk, a
closed output: `> /dev/full`, `>&-`) ends the command: standard output is wrapped
so that such a failure stops the command, which then says so in one line and
exits 1, whatever it was writing (a page, JSON, CSV, help, a file to `-o -`)."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from typing import IO, Any, TextIO, cast

import click

from backpain_cli.errors import (
    EXIT_INTERRUPTED,
    EXIT_PROBLEM,
    BackpainError,
    stop_on_closed_pipe,
)
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


class OutputFailed(Exception):
    """Standard output could not be written (not a closed pipe: that ends quietly)."""

    def __init__(self, error: OSError | ValueError) -> None:
        super().__init__(error)
        self.error = error

    def reason(self) -> str:
        error = self.error
        if isinstance(error, ValueError) or error.errno == errno.EBADF:
            return "it is closed"
        return (error.strerror or str(error)).lower()


class Guarded:
    """Standard output (text, or its ``buffer`` of bytes) whose failed writes raise
    OutputFailed, which no other handler mistakes for a file's own error; everything
    else is the stream's own."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: Any) -> int:
        try:
            return int(self.stream.write(data))
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as err:
            raise OutputFailed(err) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as err:
            raise OutputFailed(err) from None

    @property
    def buffer(self) -> Guarded:
        return Guarded(self.stream.buffer)

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding: the stream's own
        return getattr(self.stream, name)


def _take_closed(fd: int, flags: int) -> None:
    """Put the null device on standard stream ``fd`` if the program was started with it
    closed: no file the program opens later can take its number (and get its output),
    and writing to a standard output opened read-only fails as writing to a closed one."""
    try:
        os.fstat(fd)
    except OSError:
        null = os.open(os.devnull, flags)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)


def _standard_output() -> TextIO:
    """sys.stdout, made again on file descriptor 1 when Python found it closed."""
    if sys.stdout is not None:
        return sys.stdout
    import io

    return io.TextIOWrapper(io.FileIO(1, "w", closefd=False), "utf-8", "replace")


def _say_output_failed(failed: OutputFailed) -> None:
    """The one line said when standard output cannot be written; the rest of the
    output goes to the null device, so that nothing complains again at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"Error: cannot write to standard output: {failed.reason()}.\n")
        sys.stderr.flush()
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)


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


def fold_examples(text: str, width: int) -> str:
    """``text`` with each example wider than ``width`` folded onto more lines, each but
    the last ending in `` \\``, so that it fits and still runs as written when copied.

    Examples are the lines of a paragraph kept as written (click's ``\\b``) that
    starts with "Examples:"; an example already on several lines (each but the last
    ending in `` \\``) is folded as one, and a line breaks between shell words, never
    inside quotes.
    """
    paragraphs = text.split("\n\n")
    for number, paragraph in enumerate(paragraphs):
        lines = paragraph.split("\n")
        if len(lines) < 2 or lines[0].strip() != "\b" or lines[1].strip() != "Examples:":
            continue
        folded, example = lines[:2], []
        for line in lines[2:]:
            example.append(line)
            if not line.endswith("\\"):
                wide = any(len(part) > width for part in example)
                folded += _fold(example, width) if wide else example
                example = []
        paragraphs[number] = "\n".join(folded + example)
    return "\n\n".join(paragraphs)


def _fold(example: list[str], width: int) -> list[str]:
    """One example (its lines) as lines at most ``width`` wide where its words allow."""
    margin = example[0][: len(example[0]) - len(example[0].lstrip())]
    words = [w for line in example for w in _shell_words(line) if w != "\\"]
    lines: list[str] = []
    current = margin + words[0]
    for word in words[1:]:
        if len(current) + len(word) + 3 > width:  # " word \\"
            lines.append(current + " \\")
            current = f"{margin}    {word}"
        else:
            current += " " + word
    return [*lines, current]


def _shell_words(line: str) -> list[str]:
    """``line`` split at the spaces a shell splits at: not inside quotes, nor inside a
    ``$(...)``."""
    words: list[str] = []
    open_: list[str] = []  # the quotes and substitutions not yet closed
    start = at = 0
    while at < len(line):
        char, inner = line[at], open_[-1] if open_ else None
        if inner == "'":
            if char == "'":
                open_.pop()
        elif line.startswith("$(", at):
            open_.append("(")
            at += 1
        elif (inner, char) in (('"', '"'), ("(", ")")):
            open_.pop()
        elif inner != '"' and char in "'\"":
            open_.append(char)
        elif not open_ and char == " ":
            words.append(line[start:at])
            start = at + 1
        at += 1
    words.append(line[start:])
    return [word for word in words if word]


class HelpFormatter(click.HelpFormatter):
    """click's help, with examples folded to fit a narrow terminal (see fold_examples)."""

    def write_text(self, text: str) -> None:
        super().write_text(fold_examples(text, self.width - self.current_indent))


class Context(click.Context):
    formatter_class = HelpFormatter


def _with_context(command: click.Command) -> click.Command:
    """``command`` (and, for a group, its commands) made with the program's Context."""
    command.context_class = Context
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _with_context(sub)
    return command


class LazyGroup(click.Group):
    """A group whose commands are named in a table of "module:attribute", imported on use."""

    context_class = Context

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
        return _with_context(command)

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
        for fd, flags in ((0, os.O_RDONLY), (1, os.O_RDONLY), (2, os.O_WRONLY)):
            _take_closed(fd, flags)
        if sys.stderr is None:
            sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the rest of the process
        output = _standard_output()
        for stream in (output, sys.stderr):  # an output that cannot show a character
            reconfigure = getattr(stream, "reconfigure", None)  # gets "?", never a crash
            if reconfigure is not None and stream.errors == "strict":
                reconfigure(errors="replace")
        sys.stdout = cast("TextIO", Guarded(output))
        code: Any
        try:
            try:
                code = self._main(args, prog_name, complete_var, **extra)
            except SystemExit as done:  # a command's own exit code
                code = done.code
            sys.stdout.flush()  # all of it written, or the one message below
        except OutputFailed as failed:
            _say_output_failed(failed)
            sys.exit(EXIT_PROBLEM)
        finally:
            sys.stdout = output
        sys.exit(code)

    def _main(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        """The command, with every foreseeable problem as one message: its exit code."""
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
        return code if isinstance(code, int) else 0
