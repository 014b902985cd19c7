"""The small exception hierarchy and the exit codes the program sets itself.

A usage problem exits 2, click's own code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from typing import NamedTuple, NoReturn

from backpain_cli.textsafe import visible

EXIT_PROBLEM = 1  # a content or data problem
EXIT_INTERRUPTED = 130

#: How many problems an ordinary command shows before pointing at `content validate`.
SHOWN_PROBLEMS = 8


def stop_on_closed_pipe() -> NoReturn:
    """The reader went away (`backpain list | head -1`): stop quietly, with code 1.

    Standard output goes to the null device first, so that Python's own flush at
    exit does not complain about the closed pipe.
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(EXIT_PROBLEM)


class BackpainError(Exception):
    """A foreseeable problem: shown to the user as one clear message, exit code 1."""


class Problem(NamedTuple):
    """One thing wrong with one content file: where, and what.

    A NamedTuple rather than a dataclass: this module is imported at start-up,
    and dataclasses (with inspect) would add to every command's time.
    """

    file: str
    message: str
    line: int | None = None
    field: str = ""

    def __str__(self) -> str:
        return self.describe()

    def describe(self, folder: str = "") -> str:
        """FILE:LINE: FIELD: MESSAGE, with FILE inside ``folder`` when given."""
        file = f"{folder.rstrip('/')}/{self.file}" if folder else self.file
        where = file if self.line is None else f"{file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return visible(f"{where}:{field} {self.message}")


class ContentError(BackpainError):
    """The content folder has one or more problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        return "\n".join(shown(self.problems))


def shown(problems: Sequence[Problem]) -> list[str]:
    """The first SHOWN_PROBLEMS problems, one a line, and how many more there are: what
    an ordinary command says of a content folder's problems or warnings."""
    lines = [str(p) for p in problems[:SHOWN_PROBLEMS]]
    hidden = len(problems) - SHOWN_PROBLEMS
    if hidden > 0:
        lines.append(f"... and {hidden} more; run `backpain content validate` to see them all.")
    return lines
