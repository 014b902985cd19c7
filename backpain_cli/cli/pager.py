"""Long pages through the user's pager: $PAGER, else `less` with LESS=FRX.

Only a terminal gets a pager, and only for a page longer than the terminal; a
pipe or a file always gets the page itself.
"""

from __future__ import annotations

import os
import sys

#: What the shell says when it cannot find the pager command.
NOT_FOUND = 127


def command() -> str | None:
    """The pager to use: $PAGER (none when it is empty or `cat`), else `less` if there is one."""
    chosen = os.environ.get("PAGER")
    if chosen is not None:
        chosen = chosen.strip()
        return chosen if chosen and chosen != "cat" else None
    import shutil

    return "less" if shutil.which("less") else None


def page(text: str) -> bool:
    """Show ``text`` through the pager; False when there is none, so the caller prints it.

    The pager runs through the shell (PAGER may hold options), with LESS=FRX (quit when the
    page fits, keep colours, leave the screen as it is) unless LESS is set.
    """
    pager = command()
    if pager is None:
        return False
    import subprocess

    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        process = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode(encoding, "replace"))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit before the end of the page: that is their choice
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager while it runs
    return code != NOT_FOUND
