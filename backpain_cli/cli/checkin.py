"""`backpain check-in`: the week's outcome questions (the content's questionnaires), asked
in a terminal or given with --answer, kept in the journal; and the answer to "how is the
pain 24 hours later?" given from a script (--pain-24h)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App, Lazy, say
from backpain_cli.cli.params import DayType, PainType, read_command
from backpain_cli.errors import BackpainError
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from backpain_cli.models import Catalog
    from backpain_cli.records import CheckIn, Questionnaire
    from backpain_cli.render import data
    from backpain_cli.render import outcomes as screens
else:
    data = Lazy("backpain_cli.render.data")
    screens = Lazy("backpain_cli.render.outcomes")

#: Reads one line after a prompt (click's own, or the guided session's).
Read = Callable[[str], str]


def _answer(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> list[tuple[str, str | None, str]]:
    """Each --answer as (questionnaire, item or None, the answer as typed)."""
    found = []
    for value in values:
        target, sign, answer = value.rpartition("=")
        if not sign or not target.strip() or not answer.strip():
            raise click.BadParameter(
                f"{visible(repr(value[:60]))} is not ID=N; give a questionnaire (and an item) "
                "and the answer, such as usual-pain=4 or 'psfs.climbing stairs=3'."
            )
        questionnaire, dot, item = target.strip().partition(".")
        found.append((questionnaire, item if dot else None, answer.strip()))
    return found


@read_command("check-in")
@click.option(
    "--answer",
    "answers",
    multiple=True,
    callback=_answer,
    metavar="ID[.ITEM]=N",
    help="An answer, for scripts (repeat for more): usual-pain=4; for the activities, "
    "'psfs.climbing stairs=3' the first time (3 to 5 of them), then psfs.1=5 or by name.",
)
@click.option(
    "--pain-24h",
    "pain_24h",
    type=PainType(),
    metavar="0-10",
    help="Your pain now, 24 hours after yesterday's session in the amber or red (the "
    "question the first command of the day asks in a terminal).",
)
@click.option("--date", "day", type=DayType(), help="The day of the check-in. Default: today.")
def check_in(
    app: App,
    answers: list[tuple[str, str | None, str]],
    pain_24h: int | None,
    day: datetime.date | None,
    as_json: bool,
) -> None:
    """The week's check-in: how well you can do the activities that matter to you, and
    your usual pain over the past 7 days.

    In a terminal it asks each question; the first time it asks you to name 3
    to 5 activities your back makes hard, and every week after it asks you to
    rate the same ones. The answers are kept in your journal, and `backpain
    progress` and `backpain report` show how they change. A guided session
    offers the check-in once a week. --answer gives the answers from a script;
    in a pipe without it, this shows your check-ins so far.

    \b
    Examples:
      backpain check-in
      backpain check-in --answer usual-pain=4
      backpain check-in --answer 'psfs.climbing stairs=3' --answer psfs.gardening=2 \\
          --answer 'psfs.lifting my son=4'
      backpain check-in --answer psfs.1=5 --answer psfs.2=4 --answer psfs.3=6
      backpain check-in --pain-24h 3
      backpain check-in --json
    """
    catalog = app.catalog()
    questionnaires = app.questionnaires()
    today = datetime.date.today()
    when_day = day or today
    if pain_24h is not None:
        record_later(app, catalog, pain_24h, today)
    recorded: list[CheckIn] = []
    if answers:
        recorded = _given(app, questionnaires, answers, when_day)
    elif pain_24h is None and app.can_ask():
        app.today(catalog)  # the first command of the day asks the 24-hour question first
        if not questionnaires:
            raise BackpainError(
                "The content has no questionnaires (questionnaires/), so there is nothing to "
                "ask. `backpain content copy DEST` gives the built-in ones to start from."
            )
        recorded = ask(app, questionnaires, when_day)
        click.echo()
    show(app, questionnaires, recorded, when_day, as_json)


def show(
    app: App,
    questionnaires: Sequence[Questionnaire],
    recorded: Sequence[CheckIn],
    day: datetime.date,
    as_json: bool,
) -> None:
    """Each questionnaire's scores and change, after what was just kept."""
    from backpain_cli.outcomes import outcome
    from backpain_cli.today import when

    checkins = app.checkins()
    found = [outcome(q, checkins, day) for q in questionnaires]
    catalog = app.catalog()
    app.emit(
        as_json,
        lambda: data.checkin(catalog, found, recorded, day),
        lambda width: screens.checkin_screen(
            found, recorded, when(day), width, app.drawn(), app.can_draw()
        ),
    )


def _given(
    app: App,
    questionnaires: Sequence[Questionnaire],
    answers: list[tuple[str, str | None, str]],
    day: datetime.date,
) -> list[CheckIn]:
    """The --answer options as check-ins, all checked before any is kept."""
    from backpain_cli.outcomes import answers_for, named_items
    from backpain_cli.records import CheckIn

    by_id = {q.id: q for q in questionnaires}
    grouped: dict[str, list[tuple[str | None, int]]] = {}
    for questionnaire, item, typed in answers:
        if questionnaire not in by_id:
            known = ", ".join(by_id) or "none: the content has no questionnaires/"
            raise click.BadParameter(
                f"unknown questionnaire {visible(repr(questionnaire[:40]))}; known: {known}.",
                param_hint="'--answer'",
            )
        text = typed.strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 3):
            raise click.BadParameter(
                f"{visible(repr(typed[:20]))} is not a whole number.", param_hint="'--answer'"
            )
        grouped.setdefault(questionnaire, []).append((item, int(text)))
    checkins = app.checkins()
    made = []
    for qid, given in grouped.items():
        q = by_id[qid]
        try:
            kept = answers_for(q, given, named_items(q, checkins))
        except ValueError as err:
            raise click.BadParameter(visible(str(err)) + ".", param_hint="'--answer'") from None
        made.append(CheckIn(day, qid, kept))
    with app.write_journal() as journal:
        return [c._replace(id=journal.add_checkin(c)) for c in made]


def ask(
    app: App, questionnaires: Sequence[Questionnaire], day: datetime.date, read: Read | None = None
) -> list[CheckIn]:
    """Ask each questionnaire in turn at the terminal; each is kept as soon as it is
    answered (Enter at its first question leaves it out). Interrupted half-way, what was
    answered of it is kept too: nothing typed is lost."""
    from backpain_cli.outcomes import fits, named_items
    from backpain_cli.records import CheckIn

    read = read or _read
    checkins = app.checkins()
    recorded = []
    for q in questionnaires:
        click.echo()
        click.echo(click.style(visible(q.name), bold=True))
        say(q.full_name)
        say(q.about)
        given: list[tuple[str, int]] = []
        try:
            _questions(q, named_items(q, checkins), read, given)
        except (click.Abort, KeyboardInterrupt):
            if given:
                half = _keep(app, CheckIn(day, q.id, tuple(given)))
                again = "" if fits(q, half) else "; it is not complete, so it is asked again"
                click.echo(f"\nWhat you answered so far is kept in the journal{again}.", err=True)
            raise
        if not given:
            click.echo("Left out.")
            continue
        recorded.append(_keep(app, CheckIn(day, q.id, tuple(given))))
    return recorded


def _keep(app: App, checkin: CheckIn) -> CheckIn:
    with app.write_journal() as journal:
        return checkin._replace(id=journal.add_checkin(checkin))


def _questions(
    q: Questionnaire, before: tuple[str, ...], read: Read, given: list[tuple[str, int]]
) -> None:
    """Ask ``q``'s questions, adding each answer to ``given`` as it comes; a named item is
    rated as soon as it is named, so that an interruption keeps each one whole."""
    scale = q.scale
    rating = f"{scale.low} ({scale.low_means}) to {scale.high} ({scale.high_means})"
    numbers = f"{scale.low}-{scale.high}"
    leave = " (Enter to leave it out)"
    if q.named is None:
        for index, item in enumerate(q.items):
            say(f"{item.question}? From {rating}.")
            answer = _rating(read, f"{numbers}{leave if index == 0 else ''}:", q, index == 0)
            if answer is None:
                return
            given.append((item.id, answer))
        return
    named = q.named
    what = named.what[:1].upper() + named.what[1:]
    if before:
        say(f"{named.question}? Rate each {named.what} from {rating}.")
        for index, name in enumerate(before):
            first = index == 0
            answer = _rating(read, f"{name}, {numbers}{leave if first else ''}:", q, first)
            if answer is None:
                return
            given.append((name, answer))
        return
    say(
        f"{named.ask}: {named.fewest} to {named.most} of them, one at a time. After each, "
        f"{named.question.lower()}? From {rating}."
    )
    while len(given) < named.most:
        new = _named(read, what, len(given), named.fewest)
        if new is None:
            return
        if new.casefold() in (n.casefold() for n, _a in given):
            say(f"'{new}' is named already.", err=True)
            continue
        rated = _rating(read, f"{new}, {numbers}:", q, False)
        assert rated is not None  # it may not be left out
        given.append((new, rated))


def _named(read: Read, title: str, count: int, fewest: int) -> str | None:
    """The next item the person names; None when they are done (or, before the first,
    leave the questionnaire out)."""
    from backpain_cli.outcomes import named_item

    hint = leave_hint = ""
    if count == 0:
        leave_hint = " (Enter to leave it out)"
    elif count >= fewest:
        hint = " (Enter when done)"
    while True:
        typed = read(f"{title} {count + 1}{leave_hint or hint}:")
        if not typed.strip():
            if count == 0 or count >= fewest:
                return None
            say(f"Name at least {fewest} ({count} so far).", err=True)
            continue
        try:
            return named_item(typed)
        except ValueError as err:
            say(f"{err}.", err=True)


def _rating(read: Read, prompt: str, q: Questionnaire, may_skip: bool) -> int | None:
    """A whole number on ``q``'s scale; None for Enter where it may be left out."""
    scale = q.scale
    while True:
        typed = read(visible(prompt)).strip()
        if not typed and may_skip:
            return None
        if typed.isascii() and typed.isdigit() and scale.low <= int(typed) <= scale.high:
            return int(typed)
        say(f"Give a whole number from {scale.low} to {scale.high}.", err=True)


def _read(prompt: str) -> str:
    return str(click.prompt(prompt, default="", show_default=False, prompt_suffix=" "))


def record_later(app: App, catalog: Catalog, pain: int, day: datetime.date) -> None:
    """Keep --pain-24h for the session the 24-hour question is about today; an error
    when there is none (it is asked only the day after a session in the amber or red)."""
    from backpain_cli.records import Later
    from backpain_cli.today import later_open, when

    past, _plan = app.past(catalog)
    pending = later_open(catalog, past, day)
    if pending is None:
        raise BackpainError(
            "There is no session to answer for: the 24-hour question is about yesterday's "
            "session when its pain after was in the amber or red, and is answered once. "
            "Nothing was recorded."
        )
    with app.write_journal() as journal:
        journal.add_later(Later(pending.id, day, pain))
    click.echo(
        f"Recorded: pain {pain} out of 10, 24 hours after your session on "
        f"{when(pending.session.day)}.",
        err=True,
    )
