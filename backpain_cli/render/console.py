"""The one place rich consoles are made, from the --color flag and the environment."""

from __future__ import annotations

import os

from rich.console import Console


def make_console(color: bool | None, stderr: bool = False) -> Console:
    """A console for stdout (or stderr).

    ``color`` is the --color/--no-color flag: None means automatic, where rich
    decides from the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb. NO_COLOR and
    --no-color both win over FORCE_COLOR and --color.
    """
    no_color = color is False or bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr,
        force_terminal=True if color and not no_color else None,
        no_color=no_color,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
    )
