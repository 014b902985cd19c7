"""The coach-page command: today's session as one offline HTML file for a phone."""

from __future__ import annotations

import datetime

import click

from backpain_cli.cli.app import App
from backpain_cli.cli.output import check_output, output_options, write_output
from backpain_cli.cli.params import band_option
from backpain_cli.errors import BackpainError


@click.command("coach-page")
@band_option("The band of the session (any case). Default: today's (`backpain today`).")
@click.option("--patient", metavar="NAME", help="Who it is for, at the top.")
@click.option("--clinician", metavar="TEXT", help="Who made it and how to reach them, at the top.")
@output_options("the page", "coach.html", required=True)
@click.pass_obj
def coach_page(
    app: App,
    band: str | None,
    patient: str | None,
    clinician: str | None,
    output: str,
    force: bool,
) -> None:
    """Today's session as one HTML file that guides it on a phone, offline.

    Open it in the phone's browser and lay the phone on the floor: a big
    Start, the red flags and your pain first, then the session as the
    terminal coach runs it, spoken by the browser's own voice where it has
    one: the moving figure, a counter readable from the floor, the set and
    side, the rests; pause, skip, back and end; how each exercise felt and
    your pain after. The screen stays on while it runs. Nothing is fetched
    and nothing is sent: the log stays in the page, and a small file you can
    send to yourself records it in the journal with `backpain log --import`.

    \b
    Examples:
      backpain coach-page -o coach.html
      backpain coach-page --band green --patient "Zoë" -o zoe-coach.html
    """
    from backpain_cli.render import coach_page as pages
    from backpain_cli.today import PAUSED, STOP, decide, headline

    check_output(output, force, "coach.html", (".html", ".htm"))
    catalog = app.catalog(figures=True)
    past, plan = app.past(catalog)
    day = datetime.date.today()
    found = decide(catalog, past, plan, day, band=band)
    if found.state in (PAUSED, STOP):
        raise BackpainError(
            f"{headline(catalog, found)}: a coach page would offer no session. Make it once "
            "a professional has cleared the return (`backpain resume`)."
        )
    made = pages.make(catalog, past, plan, day, band, patient, clinician)
    write_output(output, pages.page(made), force, "coach.html", (".html", ".htm"))
