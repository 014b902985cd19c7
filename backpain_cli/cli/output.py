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


def output_options(what: str, example: str, required: bool = False) -> Callable[[F], F]:
    """-o/--output FILE (``-`` for standard output, the default unless ``required``)
    and --force."""

    def decorate(function: F) -> F:
        function = click.option(
            "--force", is_flag=True, help="Replace FILE if it exists (it is kept otherwise)."
        )(function)
        default = "" if required else "; - (the default) for standard output"
        return click.option(
            "-o",
            "--output",
            "output",
            default=None if required else "-",
            required=required,
            metavar="FILE",
            help=f"Write {what} to FILE, such as {example}{default}.",
        )(function)

    return decorate


def write_output(output: str, data: str | bytes, force: bool, example: str = "figure.svg") -> None:
    """``data`` to standard output (``-``) or to a file, saying on stderr where it went.

    Only a regular file is ever replaced (with --force): never a folder, a device, a
    pipe or a link. ``example`` is a file name to suggest."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output == "-":  # UTF-8, as the file says, whatever the terminal's encoding
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    from pathlib import Path

    from backpain_cli.files import write_atomically, write_new

    path = Path(output)
    shown = visible(output)
    if not path.parent.is_dir():
        raise BackpainError(f"{shown}: the folder {visible(str(path.parent))} does not exist")
    if path.is_dir():
        raise BackpainError(f"{shown} is a folder; give a file name, such as {shown}/{example}")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        kind = "a link" if path.is_symlink() else "not a regular file (a device, pipe or socket)"
        raise BackpainError(f"{shown} is {kind}, and was left as it is; choose another name")
    try:
        if force:
            write_atomically(path, raw, shared=True)
        else:
            write_new(path, raw)
    except FileExistsError:
        raise BackpainError(
            f"{shown} already exists and was left as it is; choose another name, or add "
            "--force to replace it"
        ) from None
    except OSError as err:
        raise BackpainError(f"{shown} cannot be written: {err.strerror or err}") from None
    click.echo(f"Wrote {shown}.", err=True)
