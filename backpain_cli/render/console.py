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
        **dict(zip("✓◐✗▶·", "+~x>.", strict=True)),  # the plan's marks
        **dict(zip("▁▂▃▄▅▆▇█", "_.-=+*#@", strict=True)),
        **{chr(0x2400 + code): f"^{chr(code + 64)}" for code in range(32)},  # ␛ -> ^[
        "\u2421": "^?",
    }
)
#: What is tried to see whether the output can show the program's own characters
#: (the last is a braille pattern, of which the figures are drawn).
_OWN = "•━▁█␛⣿"
#: Locales that promise nothing beyond ASCII. Python reads text as UTF-8 under them
#: anyway, but the terminal that asked for them may not show it.
_PLAIN_LOCALES = ("C", "POSIX")


class PlainText:
    """A text stream for an output that cannot show every character: the program's
    own become their plain stand-ins, anything else a question mark."""

    def __init__(self, stream: TextIO, encoding: str | None = None) -> None:
        self.stream = stream
        self.encoding = encoding or getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        plain = text.translate(PLAIN).encode(self.encoding, "replace").decode(self.encoding)
        return self.stream.write(plain)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno: the stream's own
        return getattr(self.stream, name)


def plain_locale() -> bool:
    """Whether the user's locale is C or POSIX (LC_ALL, else LC_CTYPE, else LANG).

    Python turns such a locale into C.UTF-8 for itself, writing that to LC_CTYPE, so
    an LC_CTYPE of C.UTF-8 under LANG=C is read as the C locale it came from.
    """
    env = os.environ
    ctype = env.get("LC_CTYPE", "")
    if ctype.replace("-", "").lower() == "c.utf8":
        ctype = ""
    return (env.get("LC_ALL") or ctype or env.get("LANG") or "") in _PLAIN_LOCALES


def can_show_everything(stream: TextIO) -> bool:
    """Whether ``stream`` can show the program's own characters: its encoding has them,
    and the locale does not ask for plain ASCII."""
    if plain_locale():
        return False
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
    file: Any = None
    if plain_locale():  # rich draws its boxes in ASCII for an ASCII stream
        file = PlainText(stream, "ascii")
    elif not can_show_everything(stream):
        file = PlainText(stream)
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
