"""The program's entry point: replay a kept page if there is one, else run the click app.

Importing click, rich and yaml costs more than most answers; a command whose
page is kept (see pages) is answered from the standard library alone.
"""

from __future__ import annotations

import sys


def main() -> None:
    from backpain_cli import pages

    try:
        if pages.replay(sys.argv[1:]):
            sys.exit(0)
    except BrokenPipeError:
        # The reader went away (`backpain list | head -1`): stop quietly, as the app does.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    from backpain_cli.cli import main as run

    run()
