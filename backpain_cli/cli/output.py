"""Files the program writes for the user (a figure, a handout): `-o FILE` or `-o -`.

An existing file is never replaced unless --force says so.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import click

from backpain_cli.errors import BackpainError
from backpain_cli.textsafe import visible

F = TypeVar("F", bound=Callable[..., None])


def output_options(what: str, example: str) -> Callable[[F], F]:
    """-o/--output FILE (``-`` for standard output, the default) and --force."""

    def decorate(function: F) -> F:
        function = click.option(
            "--force", is_flag=True, help="Replace FILE if it exists (it is kept otherwise)."
        )(function)
        return click.option(
            "-o",
            "--output",
            "output",
            default="-",
            metavar="FILE",
            help=f"Write {what} to FILE, such as {example}; - (the default) for standard output.",
        )(function)

    return decorate


def write_output(output: str, data: str, force: bool) -> None:
    """``data`` to standard output (``-``) or to a file, saying on stderr where it went."""
    if output == "-":
        sys.stdout.write(data)
        sys.stdout.flush()
        return
    from pathlib import Path

    from backpain_cli.files import write_atomically, write_new

    path = Path(output)
    shown = visible(output)
    if not path.parent.is_dir():
        raise BackpainError(f"{shown}: the folder {visible(str(path.parent))} does not exist")
    if path.is_dir():
        raise BackpainError(f"{shown} is a folder; give a file name, such as {shown}/figure.svg")
    try:
        if force:
            write_atomically(path, data.encode("utf-8"), shared=True)
        else:
            write_new(path, data.encode("utf-8"))
    except FileExistsError:
        raise BackpainError(
            f"{shown} already exists and was left as it is; choose another name, or add "
            "--force to replace it"
        ) from None
    except OSError as err:
        raise BackpainError(f"{shown} cannot be written: {err.strerror or err}") from None
    click.echo(f"Wrote {shown}.", err=True)
