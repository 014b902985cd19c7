"""The journal's commands: log, resume, history and progress."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App, Lazy
from backpain_cli.cli.params import (
    DayType,
    ExercisePainType,
    ExerciseType,
    PainType,
    WholeNumber,
    band_option,
    given,
    read_command,
)
from backpain_cli.errors import BackpainError
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from backpain_cli.models import Catalog, Exercise
    from backpain_cli.planner import SessionPlan
    from backpain_cli.records import SessionRecord
    from backpain_cli.render import data
    from backpain_cli.render import journal as screens
    from backpain_cli.today import Today
else:
    data = Lazy("backpain_cli.render.data")
    screens = Lazy("backpain_cli.render.journal")

MAX_NOTES = 1000
#: Sessions `history` shows on screen unless --limit says otherwise.
SCREEN_LIMIT = 20


def _notes(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    if value is None:
        return ""
    text = value.strip()
    if len(text) > MAX_NOTES:
        raise click.BadParameter(
            f"the notes are {len(text)} characters long; keep them to {MAX_NOTES}."
        )
    if any(0xD800 <= ord(c) < 0xE000 for c in text):
        raise click.BadParameter(
            "the notes are not valid text (bytes that are not UTF-8); type them again."
        )
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text):
        raise click.BadParameter(
            "the notes hold a control character (a tab, newline or escape); use plain text."
        )
    return text


@click.command()
@band_option("The band you used. Default: today's (`backpain today`).")
@click.option(
    "--date",
    "day",
    type=DayType(),
    help="The day of the session. Default: today.",
)
@click.option("--pain-before", type=PainType(), help="Your pain before the session, 0-10.")
@click.option("--pain-after", type=PainType(), help="Your pain after the session, 0-10.")
@click.option(
    "--exercise",
    "exercises",
    type=ExerciseType(),
    multiple=True,
    metavar="ID",
    help="An exercise you did (repeat for more). Default: the whole session.",
)
@click.option(
    "--exercise-pain",
    "exercise_pains",
    type=ExercisePainType(),
    multiple=True,
    metavar="ID=N",
    help="An exercise that hurt, and how much, 0-10 (repeat for more). In the red, that "
    "exercise alone is made easier next time.",
)
@click.option(
    "--skipped",
    type=ExerciseType(),
    multiple=True,
    metavar="ID",
    help="An exercise you left out (repeat for more).",
)
@click.option("--notes", callback=_notes, metavar="TEXT", help="A note to keep with the session.")
@click.option(
    "--delete",
    type=WholeNumber(min=1),
    metavar="ID",
    help="Delete session ID (its number in `backpain history`) instead of logging.",
)
@click.option("--yes", "-y", is_flag=True, help="With --delete: do not ask first.")
@click.option(
    "--import",
    "imported",
    metavar="FILE",
    help="Record the sessions in FILE, the log a coach page keeps (`backpain coach-page`); "
    "one already in the journal is kept once.",
)
@click.pass_context
def log(
    ctx: click.Context,
    band: str | None,
    day: datetime.date | None,
    pain_before: int | None,
    pain_after: int | None,
    exercises: tuple[Exercise, ...],
    exercise_pains: tuple[tuple[Exercise, int], ...],
    skipped: tuple[Exercise, ...],
    notes: str,
    delete: int | None,
    yes: bool,
    imported: str | None,
) -> None:
    """Record a session in your journal, with your pain before and after (0-10).

    By default: today, the whole of today's session (`backpain today`), every
    set done. A second session the same day, or one without a rest day
    between, is kept but said so: only one of them counts towards moving up.
    Afterwards it reads your pain on the traffic light and says what to do
    next. Pain is 0 (none) to 10 (the worst); `backpain safety` shows the
    traffic light it is read on. An exercise that hurt (--exercise-pain) is
    made easier next time on its own; the others go on.

    \b
    Examples:
      backpain log --band green --pain-before 4 --pain-after 2
      backpain log --band yellow --date 2026-03-02 --exercise dead-bug
      backpain log --pain-after 3 --exercise-pain clam-shell=7
      backpain log --skipped dead-bug --notes "right hip tight"
      backpain log --import backpain-log-2026-12-01.json
      backpain log --delete 12
    """
    app = ctx.ensure_object(App)
    if delete is not None or imported is not None:
        others = given(
            ("--band", band),
            ("--date", day),
            ("--pain-before", pain_before),
            ("--pain-after", pain_after),
            ("--exercise", exercises),
            ("--exercise-pain", exercise_pains),
            ("--skipped", skipped),
            ("--notes", notes),
        )
        if delete is not None and imported is not None:
            others.append("--import")
        instead = "--delete" if delete is not None else "--import"
        if others:
            raise click.UsageError(f"{instead} cannot be combined with {', '.join(others)}.")
        if delete is not None:
            _delete(app, delete, yes)
        else:
            assert imported is not None
            _import(app, imported)
        return
    if yes:
        raise click.UsageError("--yes only goes with --delete.")
    from backpain_cli.models import FINE, HURT, SKIPPED
    from backpain_cli.planner import plan_session, record_done

    catalog = app.catalog()
    today = app.today(catalog)
    chosen_band = band or today.band
    plan = today.session if today.session and chosen_band == today.band else None
    plan = plan or plan_session(catalog, chosen_band)
    named = {
        "--exercise": list(exercises),
        "--exercise-pain": [e for e, _pain in exercise_pains],
        "--skipped": list(skipped),
    }
    found = {hint: [_in_session(catalog, plan, ctx, e, hint) for e in given_here]
             for hint, given_here in named.items()}  # fmt: skip
    felt: dict[str, tuple[str, int | None]] = {}
    for item_id, (_exercise, pain) in zip(found["--exercise-pain"], exercise_pains, strict=True):
        felt[item_id] = (HURT if pain else FINE, pain)
    for item_id in found["--skipped"]:
        felt[item_id] = (SKIPPED, felt.get(item_id, ("", None))[1])
    record = record_done(
        plan,
        day or datetime.date.today(),
        set(found["--exercise"]) if exercises else None,
        pain_before=pain_before,
        pain_after=pain_after,
        notes=notes,
        felt=felt,
    )
    _warn_before(app, catalog, today, record)
    app.log_session(catalog, record)


def _in_session(
    catalog: Catalog, plan: SessionPlan, ctx: click.Context, exercise: Exercise, hint: str
) -> str:
    """The id of the session's item that ``exercise`` names (it, or a variant of the same
    exercise done today); a usage error when the session has none."""
    from backpain_cli.progress import family

    own = family(catalog, exercise.id)
    for item in plan.items:
        if family(catalog, item.exercise.id) == own:
            return item.exercise.id
    listed = ", ".join(i.exercise.id for i in plan.items)
    raise click.BadParameter(
        f"'{exercise.id}' is not in the {plan.band.name} session; it has {listed}.",
        ctx,
        param_hint=f"'{hint}'",
    )


def _warn_before(app: App, catalog: Catalog, today: Today, record: SessionRecord) -> None:
    """Say, before a session is kept, what today's decision says against it: a pause,
    severe pain before it, or another session too close to it. It is kept all the same:
    it happened."""
    from backpain_cli.today import PAUSED, STOP, Check, too_soon

    if today.state == PAUSED:
        app.warn(f"{today.reasons[0]} {today.reasons[-1]} This session is kept all the same.")
    elif record.pain_before is not None:
        stopped = app.today(catalog, Check(record.pain_before))
        if stopped.state == STOP:
            app.warn(f"{stopped.reasons[0]} This session is kept all the same.")
    day = record.day
    rules = catalog.sessions.progress
    near = datetime.timedelta(days=rules.min_days_between)
    journal = app.read_journal()
    if journal is None:
        return
    with journal:
        days = [e.session.day for e in journal.between(day - near, day + near)]
    close = too_soon(days, day, catalog)
    if close:
        app.warn(close)


def _import(app: App, name: str) -> None:
    """The sessions of a coach page's log, into the journal: all of them or, when any is
    not good, none; each once, however often the file is imported."""
    from backpain_cli import coach_log
    from backpain_cli.files import NotRegularFile, TooLarge, read_regular
    from backpain_cli.today import headline

    shown = visible(name)
    try:
        raw = read_regular(name, coach_log.MOST_BYTES)
    except FileNotFoundError:
        raise BackpainError(f"{shown}: no such file.") from None
    except (NotRegularFile, IsADirectoryError):
        raise BackpainError(f"{shown} is not a file; give the log the coach page saved.") from None
    except TooLarge:
        raise BackpainError(f"{shown} is too large to be a coach page's log.") from None
    except OSError as err:
        raise BackpainError(f"{shown} cannot be read: {err.strerror or err}") from None
    catalog = app.catalog()
    records = coach_log.read(raw, shown, catalog, datetime.date.today())
    with app.write_journal() as journal:
        added, there = journal.add_new(records)
    again = f"; {len(there)} {'was' if len(there) == 1 else 'were'} in the journal already"
    count = len(added)
    click.echo(
        f"Imported {count} session{'s' if count != 1 else ''} from {shown}"
        f"{again if there else ''}.",
        err=True,
    )
    click.echo(f"Next: {headline(catalog, app.today(catalog))}.")


def _delete(app: App, number: int, yes: bool) -> None:
    journal = app.read_journal()
    found = journal.get(number) if journal else None
    there = found is not None or (journal is not None and journal.has(number))
    if journal:
        journal.close()
    if not there:
        raise BackpainError(
            f"There is no session {number} in the journal. `backpain history` lists the "
            "sessions with their numbers."
        )
    if found is None:  # in the file, but left out: its values break the journal's rules
        what = f"session {number} (left out of the journal for values that break its rules)"
    else:
        s = found.session
        # The band's name may come from a hand-edited journal: shown as data, like content.
        what = visible(
            f"session {number} ({s.day.isoformat()}, {app.catalog().bands.name(s.band)} band)"
        )
    if not yes:
        try:
            sure = click.confirm(f"Delete {what}? This cannot be undone", default=False, err=True)
        except click.Abort:
            raise BackpainError(
                "No answer, so nothing was deleted. To delete without a question, add --yes."
            ) from None
        if not sure:
            click.echo("Nothing was deleted.", err=True)
            return
    with app.write_journal() as journal:
        journal.delete(number)
    click.echo(f"Deleted {what}.", err=True)


@read_command()
@click.option("--since", type=DayType(), help="Only sessions on or after this day (YYYY-MM-DD).")
@click.option(
    "--limit",
    type=WholeNumber(min=1),
    metavar="N",
    help=f"Only the N latest sessions. Default: {SCREEN_LIMIT} on screen; all with --json, --csv.",
)
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: a header, then a row per session.")
def history(
    app: App, since: datetime.date | None, limit: int | None, as_json: bool, as_csv: bool
) -> None:
    """Your sessions, weekly streak, adherence and pain trend.

    The streak counts weeks (Monday to Sunday) with the sessions a week the
    routine asks for. The pain trend uses your pain before each session (or
    after, when only that was logged); the chart below it shows the pain
    before and after each session over time, on the traffic light (a plain
    table in a pipe).

    \b
    Examples:
      backpain history
      backpain history --since 2026-01-01 --limit 50
      backpain history --csv > journal.csv
      backpain history --json
    """
    if as_json and as_csv:
        raise click.UsageError("Choose one of --json and --csv.")
    catalog = app.catalog()
    journal = app.read_journal()
    if as_csv:
        if journal is None:
            data.write_csv(())
            return
        with journal:
            if limit is None:
                data.write_csv(journal.iter_all(since))
            else:
                data.write_csv(journal.latest(limit, since))
        return
    from backpain_cli.charts import pain_chart
    from backpain_cli.history import History

    today = datetime.date.today()
    target = catalog.per_week
    later = []
    if journal is None:
        found = History.empty(since, target)
    else:
        with journal:
            shown = limit if limit is not None or as_json else SCREEN_LIMIT
            found = journal.history(today, target, since, shown)
            later = journal.later([e.id for e in found.entries])
    path = str(journal.path) if journal else None
    day = app.today(catalog)
    chart = pain_chart(found.entries, catalog.safety.pain_guide, later)
    app.emit(
        as_json,
        lambda: data.history(catalog, found, path, day, chart),
        lambda width: screens.history(
            catalog, found, width, day, chart, app.drawn(), app.can_draw()
        ),
    )


@read_command()
def progress(app: App, as_json: bool) -> None:
    """Whether to stay, move up or step down a band, or see a professional, and why;
    and how your check-ins have changed.

    The advice is today's (`backpain today`): the rules in the content
    (sessions.yaml, `progress:`) over your latest sessions, held to your
    plan's phase, shown with the sessions behind it. Each questionnaire of
    `backpain check-in` follows, from the first score to the latest, against
    the change its source says matters.

    \b
    Examples:
      backpain progress
      backpain progress --json
    """
    from backpain_cli.outcomes import outcome

    catalog = app.catalog()
    day = app.today(catalog)
    checkins = app.checkins()
    asked = app.questionnaires() if checkins else ()  # read only when there is something
    found = [outcome(q, checkins, day.day) for q in asked]
    app.emit(
        as_json,
        lambda: data.advice(catalog, day, found),
        lambda width: screens.progress(catalog, day, width, found, app.drawn(), app.can_draw()),
    )


@click.command()
@click.option(
    "--date",
    "day",
    type=DayType(),
    help="The day a professional cleared your return. Default: today.",
)
@click.option(
    "--exercise",
    type=ExerciseType(),
    metavar="ID",
    help="End only this exercise's pause (when one exercise kept hurting).",
)
@click.option("--note", callback=_notes, metavar="TEXT", help="Who saw you, and what they said.")
@click.pass_obj
def resume(app: App, day: datetime.date | None, exercise: Exercise | None, note: str) -> None:
    """Record that a physiotherapist or doctor has cleared your return after a pause.

    The programme pauses when the rules say to see a professional (red pain
    after sessions again and again, or pain that does not improve), and
    stays paused, however many sessions are logged, until you record here
    that someone has seen you. The plan then restarts at a band no heavier
    than before the pause. One exercise that hurt again and again pauses on
    its own (the rest of the session goes on); --exercise ends only its pause.

    \b
    Examples:
      backpain resume
      backpain resume --date 2026-11-30 --note "Seen by Sam Lee: carry on"
      backpain resume --exercise clam-shell
    """
    from backpain_cli.progress import family
    from backpain_cli.records import Resume
    from backpain_cli.render import today as days
    from backpain_cli.today import when

    catalog = app.catalog()
    past, _plan = app.past(catalog)
    paused = [p for p in past.pauses if p.until is None]
    own = family(catalog, exercise.id) if exercise is not None else None
    if own is not None:
        paused = [p for p in paused if p.exercise == own]
    if not paused:
        what = f"{catalog.exercise(own).name} is not paused" if own else "Nothing is paused"
        raise BackpainError(
            f"{what}, so there is nothing to resume; nothing was recorded. `backpain today` "
            "says what today is."
        )
    cleared = day or datetime.date.today()
    began = min(p.since for p in paused)
    if cleared < began:
        raise click.BadParameter(
            f"{cleared.isoformat()} is before the pause began ({began.isoformat()}); "
            "give the day a professional cleared your return.",
            param_hint="'--date'",
        )
    whole = own is None and any(p.exercise is None for p in paused)
    ends: list[str | None] = [None]
    if not whole:
        ends = [*sorted({p.exercise or "" for p in paused})]
    with app.write_journal() as journal:
        for ended in ends:
            journal.add_resume(Resume(cleared, note, ended))
    click.echo(f"Recorded: your return was cleared on {when(cleared)}.", err=True)
    after = app.today(catalog)
    app.show(lambda width: days.today_screen(catalog, after, width))
