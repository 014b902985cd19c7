"""The App every command shares: the content (loaded once), the journal, and output.

Only click is imported at start; content (yaml), render (rich) and the journal
(sqlite3) are imported by the commands that need them, so `--help` stays quick.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    import datetime
    from pathlib import Path

    from rich.console import Console, RenderableType

    from backpain_cli.content.locate import Location
    from backpain_cli.journal import Journal
    from backpain_cli.models import Catalog
    from backpain_cli.records import CheckIn, Entry, PlanSettings, Questionnaire, SessionRecord
    from backpain_cli.today import Check, Past, Today


def interactive() -> bool:
    """Whether input comes from a terminal and output goes to one: someone to ask."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def say(text: str, err: bool = False) -> None:
    """A line or two to a person at the terminal, wrapped at word ends to its width."""
    from backpain_cli.cli.lazy import terminal_columns

    width = max(terminal_columns() - 1, 20)
    click.echo(click.wrap_text(visible(text), width), err=err)


class Lazy:
    """A module imported on the first use of one of its names.

    Under type checking, a module is imported as usual in its place, so every call
    through it is checked; at run time the import waits until it is needed.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import importlib

        return getattr(importlib.import_module(self._name), attribute)


class Kept:
    """The plan kept with the journal (as opposed to one given in its place)."""


KEPT = Kept()


class App:
    """What every command needs: the content (loaded once, on first use) and output."""

    def __init__(
        self,
        content_dir: Path | None,
        content_origin: str,
        color: bool | None,
        data_dir: Path | None = None,
        pager: bool = True,
    ) -> None:
        self.content_dir = content_dir
        self.content_origin = content_origin
        self.color = color
        self.data_dir = data_dir
        self.pager = pager
        self._catalog: Catalog | None = None
        self._figures = False  # whether the catalog has the exercises' figures
        self._questionnaires: tuple[Questionnaire, ...] | None = None
        self.scripted = False  # --json: the command asks nothing at the terminal
        self._asked_later = False  # the 24-hour question was put in this run
        self._warned: set[str] = set()
        self._looked_for_kept = False

    def location(self) -> Location:
        from backpain_cli.content.locate import locate

        return locate(self.content_dir, self.content_origin)

    def catalog(self, figures: bool = False) -> Catalog:
        """The content, loaded on first use; its warnings said once, on stderr.

        With ``figures``, the exercises' figures too (every figure is checked
        either way; only the commands that draw need them put together)."""
        if self._catalog is None or (figures and not self._figures):
            from backpain_cli.content.load import load

            self._catalog = load(self.location().path, figures)
            self._figures = figures
            from backpain_cli.errors import shown

            for warning in shown(self._catalog.warnings):
                self.warn(warning)
        return self._catalog

    def questionnaires(self) -> tuple[Questionnaire, ...]:
        """The content's questionnaires (questionnaires/), read on first use: only the
        commands that ask or report them read them."""
        if self._questionnaires is None:
            from backpain_cli.content.questionnaires import load_questionnaires

            self._questionnaires = load_questionnaires(self.location().path)
        return self._questionnaires

    # Output ------------------------------------------------------------------

    def console(self) -> Console:
        from backpain_cli.render.console import make_console

        return make_console(self.color)

    def can_ask(self) -> bool:
        """Whether a question can be put to someone at a terminal: input from one and
        the prompt shown on one, and not --json."""
        return not self.scripted and interactive()

    def drawn(self) -> bool:
        """Whether charts are drawn (a terminal), or given as plain tables (a pipe)."""
        return sys.stdout.isatty()

    def can_draw(self) -> bool:
        """Whether the output can show the drawings' braille (else they are ASCII)."""
        from backpain_cli.render.console import can_show_everything

        return can_show_everything(sys.stdout)

    def show(self, build: Callable[[int], RenderableType]) -> None:
        """Print the screen that ``build`` makes for the console's width; in a terminal, a
        screen longer than the terminal goes through the pager (see cli.pager)."""
        from backpain_cli.render.widgets import out

        console = self.console()
        if not (self.pager and sys.stdout.isatty()):
            out(console, build(console.width))
            return
        with console.capture() as captured:
            out(console, build(console.width))
        text = captured.get()
        if text.count("\n") > console.height:
            from backpain_cli.cli.pager import page

            if page(text):
                return
        sys.stdout.write(text)
        sys.stdout.flush()

    def emit(
        self,
        as_json: bool,
        data: Callable[[], dict[str, Any]],
        screen: Callable[[int], RenderableType],
    ) -> None:
        """The one way a read command answers: ``data`` as JSON, or ``screen`` drawn."""
        if not as_json:
            self.show(screen)
            return
        from backpain_cli.render.data import dumps

        sys.stdout.write(dumps(data()))
        sys.stdout.flush()

    # The journal -------------------------------------------------------------

    def data_folder(self) -> Path:
        """--data-dir (or BACKPAIN_DATA_DIR), else the user's data folder."""
        if self.data_dir is not None:
            return self.data_dir
        from backpain_cli.folders import user_data

        return user_data()

    def read_journal(self) -> Journal | None:
        """The journal, or None when nothing has been logged yet (creates nothing).

        With no journal file there, the journal's code (and SQLite) is not even loaded:
        most first glances have none. Sessions kept while the journal could not be
        written are saved in it first, when it can be written now."""
        import os

        from backpain_cli.folders import JOURNAL_FILE

        folder = self.data_folder()
        try:
            os.lstat(os.path.join(folder, JOURNAL_FILE))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError:
            pass  # the journal says what is wrong with the folder
        self._save_kept(folder)
        from backpain_cli.journal import open_for_reading

        return open_for_reading(folder, self.warn)

    def write_journal(self) -> Journal:
        """The journal, to write to; sessions kept for it while it could not be written
        are saved in it first."""
        from backpain_cli.journal import open_for_writing, recovery

        folder = self.data_folder()
        journal = open_for_writing(folder, self.warn, self.waiting)
        for path in recovery.pending(folder, journal.path):
            self._save_one(journal, path)
        return journal

    def waiting(self, message: str) -> None:
        """Say, while it waits, that a write waits for another program."""
        click.echo(f"Waiting: {visible(message)}", err=True)

    def _save_kept(self, folder: Path) -> None:
        """Save the sessions kept for the journal while it could not be written, if there
        are any (looking costs a listing of two folders, once a command)."""
        import os

        from backpain_cli.folders import JOURNAL_FILE
        from backpain_cli.journal import recovery

        if self._looked_for_kept:
            return
        self._looked_for_kept = True
        if not recovery.pending(folder, os.path.join(folder, JOURNAL_FILE)):
            return
        from backpain_cli.journal import JournalError

        try:
            self.write_journal().close()
        except JournalError as err:
            self.warn(
                f"a session kept while the journal could not be written is waiting to be "
                f"saved in it, and cannot be yet: {err}"
            )

    def _save_one(self, journal: Journal, path: str) -> None:
        """Save the session in one recovery file, then remove the file; say so."""
        import os

        from backpain_cli.journal import recovery

        shown = visible(path)
        try:
            kept = recovery.read(path)
        except ValueError as err:
            self.warn(f"{shown} was left as it is: {err}")
            return
        journal.add(kept.record, kept.logged_at)
        try:
            os.unlink(path)
        except OSError as err:
            self.warn(f"{shown} is saved in the journal; remove the file by hand ({err.strerror})")
        click.echo(
            f"Saved in the journal: the session of {kept.record.day.isoformat()} that was kept "
            f"in {shown}.",
            err=True,
        )

    def keep_session(self, catalog: Catalog, record: SessionRecord, show: bool = True) -> bool:
        """Save a finished session in the journal (and show it, with ``show``); when the
        journal cannot take it, keep it in a recovery file that the next run saves, and
        say where. Whether it is in the journal now."""
        from backpain_cli.journal import JournalError

        try:
            with self.write_journal() as journal:
                number = journal.add(record)
        except JournalError as err:
            problem = str(err)
        else:
            if show:  # only once it is saved: a page that cannot be shown loses nothing
                self.show_logged(catalog, number)
            return True
        from backpain_cli.folders import JOURNAL_FILE
        from backpain_cli.journal import recovery

        folder = self.data_folder()
        try:
            where = recovery.keep(record, folder, folder / JOURNAL_FILE)
        except OSError as err:
            click.echo(
                f"Error: {visible(problem)} Nor could the session be kept in a file "
                f"({err.strerror or err}). To record it later, run: "
                f"{visible(recovery.log_command(record))}",
                err=True,
            )
            return False
        click.echo(
            f"{visible(problem)}\nYour session is kept in {visible(str(where))}: it is saved in "
            "the journal the next time backpain can write to it.",
            err=True,
        )
        return False

    def checkins(self) -> list[CheckIn]:
        """Every check-in in the journal, oldest first ([] without a journal)."""
        journal = self.read_journal()
        if journal is None:
            return []
        with journal:
            return journal.checkins()

    def warn(self, message: str) -> None:
        """Say something on stderr that the user should know but can carry on after, once."""
        if message not in self._warned:
            self._warned.add(message)
            click.echo(f"Warning: {visible(message)}", err=True)

    def past(
        self, catalog: Catalog, plan: PlanSettings | Kept | None = KEPT
    ) -> tuple[Past, PlanSettings | None]:
        """The journal as the daily decision reads it, and the plan: the kept one, or
        ``plan`` in its place (a plan about to be kept). Empty without a journal."""
        import datetime

        from backpain_cli.today import Past, effective_plan

        journal = self.read_journal()
        if journal is None:
            return Past(), effective_plan(catalog, None if isinstance(plan, Kept) else plan)
        with journal:
            if isinstance(plan, Kept):
                today = datetime.date.today()
                plan = journal.plan(today) if catalog.programme is not None else None
            plan = effective_plan(catalog, plan)
            return journal.past(catalog, plan), plan

    def today(self, catalog: Catalog, check: Check | None = None, band: str | None = None) -> Today:
        """Today's prescription (backpain_cli.today): the one answer every command follows.

        ``check``: what the person said just before exercising; ``band``: a band they
        chose by hand."""
        import datetime

        from backpain_cli.today import NOTHING_SAID, decide, later_due

        day = datetime.date.today()
        past, plan = self.past(catalog)
        asks = later_due(catalog, past, day)
        if asks is not None and not self._asked_later and self.can_ask():
            self._asked_later = True
            self.ask_later(catalog, asks, day)
            past, plan = self.past(catalog)
        return decide(catalog, past, plan, day, check or NOTHING_SAID, band)

    def ask_later(self, catalog: Catalog, entry: Entry, day: datetime.date) -> None:
        """Put "how is the pain 24 hours later?" about ``entry``, once, and keep the answer
        (Enter keeps that it was asked and not answered: it is not asked again)."""
        from backpain_cli.records import Later
        from backpain_cli.today import when

        after = entry.session.pain_after
        assert after is not None
        colour = catalog.safety.pain_level(after).colour
        say(
            f"Your session on {when(entry.session.day)} ended at pain {after} out of 10 "
            f"({colour}).",
            err=True,
        )
        say("How is the pain now, 24 hours later?", err=True)
        pain = None
        while True:
            typed = click.prompt(
                "Pain now, 0-10 (Enter to skip)", default="", show_default=False, err=True
            ).strip()
            if not typed:
                break
            if typed.isascii() and typed.isdigit() and int(typed) <= 10:
                pain = int(typed)
                break
            click.echo("Give a whole number from 0 (no pain) to 10 (the worst).", err=True)
        with self.write_journal() as journal:
            journal.add_later(Later(entry.id, day, pain))
        if pain is None:
            say("Not answered; you can still answer today: `backpain check-in --pain-24h N`.",
                err=True)  # fmt: skip
        else:
            from backpain_cli.today import settled

            word = "has settled" if settled(catalog, entry.session, pain) else "has not settled"
            say(f"Kept: pain {pain} out of 10, 24 hours later; it {word}.", err=True)

    def log_session(self, catalog: Catalog, record: SessionRecord) -> None:
        """Save a session in the journal, then show its pain reading and what comes next."""

        with self.write_journal() as journal:
            number = journal.add(record)
        self.show_logged(catalog, number)

    def show_logged(self, catalog: Catalog, number: int) -> None:
        """Show session ``number`` as just logged: its pain reading and what comes next."""
        from backpain_cli.render import journal as screens

        journal = self.read_journal()
        assert journal is not None
        with journal:
            entry = journal.get(number)
        assert entry is not None
        today = self.today(catalog)
        self.show(lambda _width: screens.logged(catalog, number, entry, today))

    @staticmethod
    def from_context(ctx: click.Context) -> App:
        """The App, also during shell completion, when the group's callback has not run."""
        app = ctx.find_object(App)
        if app is None:
            root = ctx.find_root()
            params = root.params
            app = make_app(
                root, params.get("content_dir"), params.get("color"), params.get("data_dir")
            )
        return app


def make_app(
    ctx: click.Context,
    content_dir: Path | None,
    color: bool | None,
    data_dir: Path | None,
    pager: bool = True,
) -> App:
    source = ctx.get_parameter_source("content_dir")
    origin = "environment" if source is ParameterSource.ENVIRONMENT else "flag"
    return App(content_dir, origin, color, data_dir, pager)
