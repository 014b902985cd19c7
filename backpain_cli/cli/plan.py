"""The plan command: the programme over weeks on the calendar, kept with the journal."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import click

from backpain_cli.cli.app import App, Lazy
from backpain_cli.cli.output import staged_output, write_output
from backpain_cli.cli.params import DayType, WholeNumber, _ParamType
from backpain_cli.errors import BackpainError

if TYPE_CHECKING:
    from backpain_cli.models import Catalog
    from backpain_cli.render import plan as pages
else:
    pages = Lazy("backpain_cli.render.plan")

#: The endings a calendar file may have.
ICS = (".ics", ".ical", ".icalendar")
NO_PROGRAMME = (
    "this content has no programme.yaml, so there is no plan over weeks; "
    "`backpain content copy DEST` gives an example to add"
)


class DaysType(_ParamType):  # type: ignore[misc]
    """Weekdays as mon,wed,fri."""

    name = "DAYS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from backpain_cli.programme import parse_days

        if isinstance(value, tuple):
            return value
        try:
            return parse_days(str(value))
        except ValueError as err:
            self.fail(str(err), param, ctx)


class TimeType(_ParamType):  # type: ignore[misc]
    """A time of day on the user's own clock, HH:MM (backpain_cli.checked)."""

    name = "HH:MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from backpain_cli.checked import clock

        if isinstance(value, datetime.time):
            return value
        try:
            return clock(str(value))
        except ValueError as err:
            self.fail(f"{err}.", param, ctx)


class LeadType(_ParamType):  # type: ignore[misc]
    """How long before a session a reminder goes off: 30m or 2h (backpain_cli.checked)."""

    name = "MINUTES"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from backpain_cli.checked import lead_time

        if isinstance(value, datetime.timedelta):
            return value
        try:
            return lead_time(str(value))
        except ValueError as err:
            self.fail(f"{err}.", param, ctx)


@click.command()
@click.option("--start", type=DayType(future=True), help="The plan's first day (or today).")
@click.option("--days", type=DaysType(), help="Weekdays for sessions, such as mon,wed,fri.")
@click.option("--weeks", type=WholeNumber(1, 104), help="How many weeks (1-104).")
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON.")
@click.option("--ics", metavar="FILE", help="Write the sessions to an iCalendar file (.ics).")
@click.option("--at", "at", type=TimeType(), help="With --ics: sessions at this time of day.")
@click.option("--remind", type=LeadType(), help="With --ics and --at: a reminder, e.g. 30m.")
@click.option("--force", is_flag=True, help="With --ics: replace FILE if it exists.")
@click.pass_obj
def plan(
    app: App,
    start: datetime.date | None,
    days: tuple[int, ...] | None,
    weeks: int | None,
    as_json: bool,
    ics: str | None,
    at: datetime.time | None,
    remind: datetime.timedelta | None,
    force: bool,
) -> None:
    """The programme over weeks on your calendar: which session falls on which day, its
    phase and checkpoints, and what you have done.

    Giving --start, --days or --weeks keeps the plan with your journal; then
    `today`, `session`, `history` and `progress` follow it: your phase's
    band, never heavier than your journal allows, and rest days between.
    Weeks start on Monday. A week with no session moves the later phases on;
    a phase ends only when its checkpoint passes; poor sessions in a row step
    the plan back; days in a pause show as paused. The calendar file (--ics)
    holds the sessions from today on, none while the programme is paused.

    \b
    Examples:
      backpain plan --start today --days mon,wed,fri --weeks 8
      backpain plan
      backpain plan --json
      backpain plan --ics backpain.ics --at 18:30 --remind 30m
    """
    if (at or remind) and not ics:
        raise click.UsageError("--at and --remind only go with --ics.")
    if remind and not at:
        raise click.UsageError("--remind needs --at: a reminder before a time of day.")
    catalog = app.catalog()
    programme = catalog.programme
    if programme is None:
        raise BackpainError(NO_PROGRAMME)
    from backpain_cli.programme import no_rest_day
    from backpain_cli.records import PlanSettings

    together = no_rest_day(programme, days) if days else None
    if together:
        raise click.BadParameter(
            f"{together} are next to each other; the programme needs a rest day between "
            "sessions (such as mon,wed,fri)",
            param_hint="'--days'",
        )
    from backpain_cli.content.programme import start_problem
    from backpain_cli.today import PAUSED, STOP, decide, effective_plan, headline

    rx = catalog.prescription
    refuse_when_prescribed(catalog, bool(start or days), "--weeks is yours to set.")
    day = datetime.date.today()
    wrong = start_problem(start, day) if start is not None else None
    if wrong:
        raise click.BadParameter(wrong, param_hint="'--start'")
    journal = app.read_journal()
    kept_plan = None
    if journal is not None:
        with journal:
            kept_plan = journal.plan(day)
    changed = start is not None or days is not None or weeks is not None
    base = effective_plan(catalog, kept_plan) or PlanSettings(day, programme.days, programme.weeks)
    chosen = PlanSettings(start or base.start, days or base.days, weeks or base.weeks)
    past, _plan = app.past(catalog, chosen)
    today = decide(catalog, past, chosen, day)
    kept = changed or kept_plan is not None or (rx is not None and rx.start is not None)
    if ics:
        stamp = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        written = pages.calendar(catalog, programme, chosen, today, at, remind, stamp)
        if changed and ics != "-":  # the file and the kept plan: both, or neither
            with (
                staged_output(ics, written, force, "plan.ics", ICS, "'--ics'") as put,
                app.write_journal() as writing,
            ):
                writing.set_plan(chosen, then=put)
        else:  # standard output first: if it cannot be written, the plan is not kept
            write_output(ics, written, force, "plan.ics", ICS, "'--ics'")
            if changed:
                with app.write_journal() as writing:
                    writing.set_plan(chosen)
        if changed:
            click.echo("Plan kept with your journal.", err=True)
        if today.state in (PAUSED, STOP):
            click.echo(
                f"{headline(catalog, today)}: the calendar has no sessions until then.", err=True
            )
        return
    if changed:
        with app.write_journal() as writing:
            writing.set_plan(chosen)
        click.echo("Plan kept with your journal.", err=True)
    shown = pages.Shown(catalog, programme, chosen, today, kept)
    app.emit(as_json, lambda: pages.data(shown), lambda width: pages.screen(shown, width))


def refuse_when_prescribed(catalog: Catalog, given: bool, yours: str) -> None:
    """A usage error when options give the start or the days and a prescription sets
    them: the physiotherapist's word wins, and is changed where it is written."""
    from backpain_cli.models import WEEKDAY_NAMES

    rx = catalog.prescription
    if rx is None or rx.start is None or not given:
        return
    said = ", ".join(WEEKDAY_NAMES[d] for d in rx.days) if rx.days else "the programme's"
    raise click.UsageError(
        f"Your prescription (prescription.yaml) sets the start ({rx.start.isoformat()}) "
        f"and the days ({said}); ask whoever prescribed it to change them. {yours}"
    )
