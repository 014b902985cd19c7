"""The one place rich consoles are made, from the --color flag and the environment."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from rich.console import Console

#: The program's own characters that are not ASCII, and a plain stand-in for each, for
#: an output that cannot show them (PYTHONIOENCODING=ascii, a latin-1 terminal).
PLAIN = str.maketrans(
    {
        "•": "*",
        "━": "-",
        "─": "-",
        "╸": "-",
        "╺": "-",
        "…": "...",
        "→": "->",
        **dict(zip("▁▂▃▄▅▆▇█", "_.-=+*#@", strict=True)),
        **{chr(0x2400 + code): f"^{chr(code + 64)}" for code in range(32)},  # ␛ -> ^[
        "\u2421": "^?",
    }
)
#: What is tried to see whether the output can show the program's own characters.
_OWN = "•━▁█␛"


class PlainText:
    """A text stream for an output that cannot show every character: the program's
    own become their plain stand-ins, anything else a question mark."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.encoding = getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        plain = text.translate(PLAIN).encode(self.encoding, "replace").decode(self.encoding)
        return self.stream.write(plain)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno: the stream's own
        return getattr(self.stream, name)


def can_show_everything(stream: TextIO) -> bool:
    """Whether ``stream``'s encoding has the program's own characters."""
    try:
        _OWN.encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def make_console(color: bool | None, stderr: bool = False) -> Console:
    """A console for stdout (or stderr).

    ``color`` is the --color/--no-color flag: None means automatic, where rich
    decides from the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb. NO_COLOR and
    --no-color both win over FORCE_COLOR and --color. An output that cannot show
    the program's own characters gets plain stand-ins (rich draws its boxes in
    ASCII there by itself).
    """
    no_color = color is False or bool(os.environ.get("NO_COLOR"))
    stream = sys.stderr if stderr else sys.stdout
    file: Any = None if can_show_everything(stream) else PlainText(stream)
    return Console(
        file=file,
        stderr=stderr,
        force_terminal=True if color and not no_color else None,
        no_color=no_color,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )
