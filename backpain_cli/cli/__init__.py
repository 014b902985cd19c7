"""The command line: the group, its global options and the table of commands.

Each family of commands lives in a module of its own, imported only when one of
its commands runs (or `--help` lists them); commands parse the command line,
call the core and hand the result to render.

- guide: list, show, bands, session, today, safety
- journal: log, resume, history, progress
- checkin: the week's outcome questions, and the 24-hour answer from a script
- report: one page for the next appointment, as HTML, PDF or JSON
- coach: the guided session in a terminal (session --guided)
- figure: an exercise's positions as SVG
- handout: the session, illustrated, with a weekly log, as HTML or PDF
- plan: the programme over weeks, on the calendar and as an .ics file
- content: content path, copy, validate, schema
- config: the remembered settings of the guided session
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from backpain_cli import __version__
from backpain_cli.cli.app import make_app
from backpain_cli.cli.lazy import LazyGroup
from backpain_cli.cli.params import PathType
from backpain_cli.folders import CONTENT_ENV, DATA_ENV

if TYPE_CHECKING:
    from pathlib import Path

#: Each command, and the module:attribute that defines it.
COMMANDS = {
    "list": "backpain_cli.cli.guide:list_command",
    "show": "backpain_cli.cli.guide:show",
    "bands": "backpain_cli.cli.guide:bands",
    "session": "backpain_cli.cli.guide:session",
    "today": "backpain_cli.cli.guide:today",
    "safety": "backpain_cli.cli.guide:safety",
    "figure": "backpain_cli.cli.figure:figure",
    "handout": "backpain_cli.cli.handout:handout",
    "coach-page": "backpain_cli.cli.coach_page:coach_page",
    "plan": "backpain_cli.cli.plan:plan",
    "log": "backpain_cli.cli.journal:log",
    "resume": "backpain_cli.cli.journal:resume",
    "history": "backpain_cli.cli.journal:history",
    "progress": "backpain_cli.cli.journal:progress",
    "check-in": "backpain_cli.cli.checkin:check_in",
    "report": "backpain_cli.cli.report:report",
    "content": "backpain_cli.cli.content:content",
    "config": "backpain_cli.cli.config:config",
}


@click.group(
    "backpain",
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Start with `backpain today`: what to do today, from your plan and journal (the "
    "lightest band until they say more). The disclaimer: `backpain safety`.",
)
@click.option(
    "--content-dir",
    type=PathType(exists=True, file_okay=False),
    metavar="DIR",
    envvar=CONTENT_ENV,
    show_envvar=True,
    help="Use the content (exercises, bands, sessions, disclaimer) in DIR instead of the built-in.",
)
@click.option(
    "--data-dir",
    type=PathType(readable=False),  # the journal says what it cannot do, and why
    metavar="DIR",
    envvar=DATA_ENV,
    show_envvar=True,
    help="Keep the journal in DIR instead of your user data folder.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Force colour on or off. Default: on in a terminal, off in a pipe or with NO_COLOR.",
)
@click.option(
    "--no-pager",
    "pager",
    flag_value=False,
    default=True,
    help="Print long pages straight to the terminal, not through $PAGER (less).",
)
@click.version_option(__version__, "--version", prog_name="backpain")
@click.pass_context
def main(
    ctx: click.Context,
    content_dir: Path | None,
    data_dir: Path | None,
    color: bool | None,
    pager: bool,
) -> None:
    """An exercise guide to strengthen your way out of lower back pain.

    Three exercises (glute bridge, clam shell, dead bug), drawn in every
    position, a mini band in three strengths (yellow, green, blue), a
    suggested session for each that can guide you aloud, a programme over
    weeks on your calendar, a handout to print, and a journal of your sessions
    and pain that says when to move up a band.

    \b
    Examples:
      backpain today
      backpain list
      backpain show dead-bug
      backpain session --band green --guided --voice
      backpain plan --start today --days mon,wed,fri
      backpain log --band green --pain-before 4 --pain-after 2
      backpain progress
      backpain handout --band green -o handout.pdf
    """
    ctx.obj = make_app(ctx, content_dir, color, data_dir, pager)


def run() -> NoReturn:
    """The `backpain` command (and `python -m backpain_cli`): the group, then a quick end.

    While the command runs, Python's cycle collector is off: nothing a command makes
    outlives the process, so looking for unreachable cycles every few hundred new
    objects (mostly while modules are imported) was work for nothing, about a twentieth
    of a glance's time. A guided session, which runs for minutes, turns it back on
    (cli.coach).

    Once the command is done and its output flushed, the process ends at once
    (``os._exit``) rather than taking every module and object apart one by one,
    which took a tenth of a glance's time. The commands close their own files and
    the journal, so nothing is left to do then; where something might be (another
    thread still running, an exit handler registered), Python's ordinary exit runs.
    """
    gc.disable()
    code: str | int | None = 0
    try:
        main.main()  # ends with SystemExit, as a standalone click command does
    except SystemExit as done:
        code = 0 if done.code is None else done.code
    if isinstance(code, int) and _nothing_left_to_do():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            sys.exit(code)  # Python's own exit deals with a closed output, as ever
        os._exit(code)
    sys.exit(code)


def _nothing_left_to_do() -> bool:
    """Whether ending the process at once skips nothing: no other thread running and
    no exit handler registered (where that can be known)."""
    import atexit

    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    registered = getattr(atexit, "_ncallbacks", None)
    return registered is not None and registered() == 0
