"""Files the program writes for the user (a figure, a handout): `-o FILE` or `-o -`.

An existing file is never replaced unless --force says so.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TypeVar

import click

from backpain_cli.errors import BackpainError
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from pathlib import Path

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


#: --paper, for what prints: A4 or Letter.
paper_option = click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="The paper it prints on.",
)


def write_output(
    output: str,
    data: str | bytes,
    force: bool,
    example: str = "figure.svg",
    endings: tuple[str, ...] = (),
    option: str = "'-o' / '--output'",
) -> None:
    """``data`` to standard output (``-``) or to a file, saying on stderr where it went.

    Only a regular file is ever replaced (with --force): never a folder, a device, a
    pipe or a link. ``example`` is a file name to suggest; ``endings`` the endings
    FILE may have (any, when empty), ``option`` the option that named it."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output == "-":  # UTF-8, as the file says, whatever the terminal's encoding
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    with staged_output(output, raw, force, example, endings, option) as put:
        put()


def check_output(
    output: str,
    force: bool,
    example: str,
    endings: tuple[str, ...] = (),
    option: str = "'-o' / '--output'",
) -> Path:
    """FILE as a path, once it is known that it can be written: before anything is made
    or changed. Every problem is one line (click.BadParameter for a name that cannot be
    meant, BackpainError for the file system's answer)."""
    import errno
    from pathlib import Path

    shown = name(output)
    if output.endswith(("/", os.sep)) or (os.altsep and output.endswith(os.altsep)):
        raise click.BadParameter(
            f"{shown} ends with a slash, so it names a folder; give a file name, such as "
            f"{name(output.rstrip('/' + os.sep))}",
            param_hint=option,
        )
    path = Path(output)
    try:
        parent = os.stat(path.parent)
    except FileNotFoundError:
        raise BackpainError(
            f"{shown}: the folder {name(str(path.parent))} does not exist"
        ) from None
    except OSError as err:
        raise BackpainError(f"{shown} cannot be written: {_reason(err)}") from None
    if not stat.S_ISDIR(parent.st_mode):
        raise BackpainError(f"{shown}: {name(str(path.parent))} is not a folder")
    try:
        found: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            raise BackpainError(f"{shown} cannot be written: the file name is too long") from None
        raise BackpainError(f"{shown} cannot be written: {_reason(err)}") from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise BackpainError(f"{shown} is a folder; give a file name, such as {shown}/{example}")
    if found is not None and not stat.S_ISREG(found.st_mode):
        kind = "a link" if stat.S_ISLNK(found.st_mode) else (
            "not a regular file (a device, pipe or socket)")  # fmt: skip
        raise BackpainError(f"{shown} is {kind}, and was left as it is; choose another name")
    if endings and path.suffix.lower() not in endings:
        raise click.BadParameter(
            f"{shown} does not end with {' or '.join(endings)}, the kind of file written "
            f"here; name it such as {example}",
            param_hint=option,
        )
    if found is not None and not force:
        raise _exists(shown)
    return path


@contextmanager
def staged_output(
    output: str,
    raw: bytes,
    force: bool,
    example: str,
    endings: tuple[str, ...] = (),
    option: str = "'-o' / '--output'",
) -> Iterator[Callable[[], None]]:
    """FILE checked and its contents written in full beside it; the block gets a function
    that puts them in place and says so. A block that fails before leaves no file."""
    from backpain_cli.files import staged

    path = check_output(output, force, example, endings, option)
    shown = name(output)
    placed = False

    def put_in_place() -> None:
        nonlocal placed
        try:
            put()
        except FileExistsError:
            raise _exists(shown) from None
        except OSError as err:
            raise BackpainError(f"{shown} cannot be written: {_reason(err)}") from None
        placed = True

    try:
        with staged(path, raw, replace=force) as put:
            yield put_in_place
    except OSError as err:  # the contents could not be written beside it
        raise BackpainError(f"{shown} cannot be written: {_reason(err)}") from None
    except BaseException:
        if placed and not force:  # put in place, then the rest failed: a new file goes again
            with suppress(OSError):
                path.unlink()
        raise
    if placed:
        click.echo(f"Wrote {shown}.", err=True)


def name(text: str) -> str:
    """A file name the user gave, as a message shows it: control characters made
    visible, and a long one cut in the middle (its folder's start and its end kept)."""
    shown = visible(text)
    return shown if len(shown) <= 160 else f"{shown[:80]}...{shown[-30:]}"


def _exists(shown: str) -> BackpainError:
    return BackpainError(
        f"{shown} already exists and was left as it is; choose another name, or add "
        "--force to replace it"
    )


def _reason(err: OSError) -> str:
    return str(err.strerror or err)
