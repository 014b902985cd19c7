"""The handout command: the session, illustrated, with a weekly log, as HTML or PDF."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App
from backpain_cli.cli.output import output_options, paper_option, write_output
from backpain_cli.cli.params import DayType, WholeNumber, band_option
from backpain_cli.errors import BackpainError

if TYPE_CHECKING:
    from backpain_cli.models import Catalog, PlanSettings

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
@click.option(
    "--start",
    type=DayType(future=True),
    help="The plan's first day (YYYY-MM-DD or today): the log is "
    "dated from it. Default: the prescription's or the kept plan's, else today.",
)
@click.option(
    "--per-week",
    type=WholeNumber(1, 7),
    help="Sessions a week, spread through the week from Monday (2: Monday and Thursday). "
    "Default: the prescription's or the kept plan's, else the content's.",
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
    start: datetime.date | None,
    per_week: int | None,
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

    How often and from when come from the prescription (prescription.yaml) where
    it says, else from --start and --per-week, else from the kept plan (`backpain
    plan`); the log has a row for each planned session from then, with the band
    of the plan's phase on its day.

    \b
    Examples:
      backpain handout --band green -o handout.html
      backpain handout --start today --per-week 2 -o handout.pdf
      backpain handout --band green --patient "Zoë Łukasz" --weeks 8 -o zoe.pdf
      backpain handout --clinician "Sam Lee, 01234 567890" \\
          --note "Twice a week to start." --paper letter -o handout.pdf
      backpain --content-dir my-routine handout -o handout.pdf
    """
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
    from backpain_cli.cli.plan import refuse_when_prescribed
    from backpain_cli.planner import plan_session
    from backpain_cli.render import handout as pages
    from backpain_cli.today import decide, headline

    catalog = app.catalog(figures=True)
    refuse_when_prescribed(
        catalog, bool(start or per_week), "Leave out --start and --per-week; the log follows it."
    )
    day = datetime.date.today()
    settings, days = _schedule(app, catalog, day, start, per_week)
    past, _plan = app.past(catalog, settings)
    today = decide(catalog, past, settings, day, band=band)
    plan = today.session or plan_session(catalog, band or today.band)
    if today.session is None:
        app.warn(
            f"{headline(catalog, today)}. The handout is for the {plan.band.name} band; give "
            "it once a professional has cleared the return."
        )
    rx = catalog.prescription
    made = pages.make(
        catalog,
        plan,
        day,
        patient=patient or (rx.patient if rx else None),
        clinician=clinician or (rx.clinician if rx else None),
        note=note,
        weeks=weeks,
        paper=paper.lower(),
        days=days,
        start=settings.start if settings else start,
        planned=today.weeks if settings else (),
    )
    if kind == "pdf":
        from backpain_cli.render.handout_pdf import document

        write_output(output, document(made), force, "handout.pdf")
    else:
        write_output(output, pages.page(made, catalog), force, "handout.html")


def _schedule(
    app: App,
    catalog: Catalog,
    day: datetime.date,
    start: datetime.date | None,
    per_week: int | None,
) -> tuple[PlanSettings | None, tuple[int, ...]]:
    """The plan the handout follows (None without one: then the log is dated from today),
    and the weekdays of its sessions: the prescription's (the daily decision's own
    effective plan), else --start and --per-week over the kept plan, else the kept plan."""
    from backpain_cli.content.programme import start_problem
    from backpain_cli.models import PlanSettings
    from backpain_cli.programme import no_rest_day, spread
    from backpain_cli.today import effective_plan

    wrong = start_problem(start, day) if start is not None else None
    if wrong:
        raise click.BadParameter(wrong, param_hint="'--start'")
    programme = catalog.programme
    days = spread(per_week) if per_week else ()
    together = no_rest_day(programme, days) if days and programme is not None else None
    if together:
        raise click.BadParameter(
            f"{per_week} sessions a week fall on {together} too, next to each other; the "
            "programme needs a rest day between sessions: give at most 3",
            param_hint="'--per-week'",
        )
    journal = app.read_journal()
    kept = None
    if journal is not None and programme is not None:
        with journal:
            kept = journal.plan(day)
    base = effective_plan(catalog, kept)
    if programme is None:
        return None, days or (base.days if base else ())
    if start is None and not days:
        return base, base.days if base else ()
    weeks = base.weeks if base else programme.weeks
    chosen = days or (base.days if base else programme.days)
    return PlanSettings(start or (base.start if base else day), chosen, weeks), chosen
