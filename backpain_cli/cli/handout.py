"""The handout command: the session, illustrated, with a weekly log, as HTML or PDF."""

from __future__ import annotations

import click

from backpain_cli.cli.app import App
from backpain_cli.cli.output import output_options, paper_option, write_output
from backpain_cli.cli.params import WholeNumber, band_option
from backpain_cli.errors import BackpainError

#: What a file name's ending says to write.
FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}
PDF_EXTRA = "Making a PDF needs the pdf extra: pip install 'backpain[pdf]'"


@click.command()
@band_option("The band the handout is for (any case). Default: today's (`backpain today`).")
@click.option("--patient", metavar="NAME", help="The patient's name, at the top.")
@click.option("--clinician", metavar="TEXT", help="Your name and how to reach you, at the top.")
@click.option("--note", metavar="TEXT", help="A note for the patient, in a box of its own.")
@click.option(
    "--weeks",
    type=WholeNumber(1, 52),
    default=4,
    show_default=True,
    help="Weeks in the log to fill in (1-52).",
)
@paper_option
@output_options("the handout", "handout.html or handout.pdf", required=True)
@click.pass_obj
def handout(
    app: App,
    band: str | None,
    patient: str | None,
    clinician: str | None,
    note: str | None,
    weeks: int,
    paper: str,
    output: str,
    force: bool,
) -> None:
    """A handout to print or send: the session for a band, each exercise with its
    pictures, steps, key cue and dosage, how often, a weekly log to fill in, and
    the red flags and disclaimer.

    The format comes from FILE's ending: .html (one file that opens offline in
    any browser and prints on A4 or Letter) or .pdf; -o - writes the HTML to
    standard output.

    \b
    Examples:
      backpain handout --band green -o handout.html
      backpain handout --band green --patient "Zoë Łukasz" --weeks 8 -o zoe.pdf
      backpain handout --clinician "Sam Lee, 01234 567890" \\
          --note "Twice a week to start." --paper letter -o handout.pdf
      backpain --content-dir my-routine handout -o handout.pdf
    """
    import datetime
    from pathlib import PurePath

    kind = "html" if output == "-" else FORMATS.get(PurePath(output).suffix.lower())
    if kind is None:
        ending = PurePath(output).suffix
        from backpain_cli.checked import excerpt

        what = (
            f"{excerpt(ending)} is not a handout format"
            if ending
            else f"{excerpt(output)} has no ending"
        )
        raise click.BadParameter(
            f"{what}; end FILE with .html or .pdf (or give - for HTML on standard output)",
            param_hint="'-o' / '--output'",
        )
    if kind == "pdf":
        try:
            import reportlab  # noqa: F401
        except ImportError:
            raise BackpainError(PDF_EXTRA) from None
    from backpain_cli.planner import plan_session
    from backpain_cli.render import handout as pages
    from backpain_cli.today import headline

    catalog = app.catalog(figures=True)
    today = app.today(catalog, band=band)
    plan = today.session or plan_session(catalog, band or today.band)
    if today.session is None:
        app.warn(
            f"{headline(catalog, today)}. The handout is for the {plan.band.name} band; give "
            "it once a professional has cleared the return."
        )
    made = pages.make(
        catalog,
        plan,
        datetime.date.today(),
        patient=patient,
        clinician=clinician,
        note=note,
        weeks=weeks,
        paper=paper.lower(),
    )
    if kind == "pdf":
        from backpain_cli.render.handout_pdf import document

        write_output(output, document(made), force, "handout.pdf")
    else:
        write_output(output, pages.page(made, catalog), force, "handout.html")
