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
        from backpain_cli.errors import stop_on_closed_pipe

        stop_on_closed_pipe()
    from backpain_cli.cli import main as run

    run()
