"""`backpain report`: one page for the next appointment, as HTML, PDF or JSON."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App
from backpain_cli.cli.output import paper_option, write_output
from backpain_cli.cli.params import DayType, read_command
from backpain_cli.errors import BackpainError
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from backpain_cli.report import Report

#: What a file name's ending says to write.
FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@read_command("report")
@click.option("--since", type=DayType(), help="Only what happened on or after this day.")
@click.option("--patient", metavar="NAME", help="The patient's name, at the top.")
@paper_option
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write the report to FILE.html or FILE.pdf, or - for the HTML on standard output.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists (it is kept otherwise).")
def report(
    app: App,
    since: datetime.date | None,
    patient: str | None,
    paper: str,
    output: str | None,
    force: bool,
    as_json: bool,
) -> None:
    """One page for the next appointment, from the journal: the prescription and
    how much of it was done, pain before and after each session on the traffic
    light, the check-ins' changes against the change that matters, the
    sessions in the amber or red with their 24-hour answers, the exercises
    that hurt, and the notes.

    The format comes from FILE's ending: .html (one file, offline, prints on
    A4 or Letter) or .pdf; -o - writes the HTML to standard output; --json
    prints the same numbers for a script.

    \b
    Examples:
      backpain report -o report.html
      backpain report --since 2026-11-02 --patient "Zoë Łukasz" -o report.pdf
      backpain report --json
    """
    from pathlib import PurePath

    if as_json and output is not None:
        raise click.UsageError("Choose one of --json and -o.")
    if not as_json and output is None:
        raise click.UsageError(
            "Give -o FILE.html, -o FILE.pdf or -o - (the HTML on standard output), or --json."
        )
    kind = "html"
    if output is not None and output != "-":
        found = FORMATS.get(PurePath(output).suffix.lower())
        if found is None:
            ending = PurePath(output).suffix
            what = f"{ending} is not a report format" if ending else f"{output!r} has no ending"
            raise click.BadParameter(
                f"{visible(what)}; end FILE with .html or .pdf (or give - for HTML on "
                "standard output)",
                param_hint="'-o' / '--output'",
            )
        kind = found
    if kind == "pdf":
        try:
            import fpdf  # noqa: F401
        except ImportError:
            from backpain_cli.cli.handout import PDF_EXTRA

            raise BackpainError(PDF_EXTRA) from None
    made = _made(app, since, patient)
    catalog = app.catalog()
    if as_json:
        from backpain_cli.render import data

        app.emit(True, lambda: data.report(catalog, made), lambda _width: "")
        return
    assert output is not None
    if kind == "pdf":
        from backpain_cli.render.report_pdf import document

        write_output(output, document(catalog, made, paper.lower()), force, "report.pdf")
    else:
        from backpain_cli.render.report import page

        write_output(output, page(catalog, made, paper.lower()), force, "report.html")


def _made(app: App, since: datetime.date | None, patient: str | None) -> Report:
    """The report, from today's decision and the whole journal."""
    from backpain_cli.report import report as build

    catalog = app.catalog()
    today = app.today(catalog)  # asks the 24-hour question first, where it is due
    past, _plan = app.past(catalog)
    journal = app.read_journal()
    entries, checkins, later = [], [], []
    if journal is not None:
        with journal:
            entries = list(journal.iter_all())
            checkins = journal.checkins()
            later = journal.later()
    questionnaires = app.questionnaires() if checkins else ()
    return build(catalog, today, entries, checkins, later, past.resumes, past.pauses,
                 questionnaires, since, patient)  # fmt: skip
