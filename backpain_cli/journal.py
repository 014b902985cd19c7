"""The training journal: an SQLite file in the user's data folder.

- Created on the first `log`, readable by its owner only (and its folder, when
  this module creates it). Reading never creates or changes anything.
- The format is versioned with ``PRAGMA user_version`` and moved forward by the
  migrations below; a journal from a newer program is refused, never altered.
- WAL mode and a busy timeout let two terminals log at once; each session is
  written in one transaction.
- Every SQLite problem becomes a JournalError naming the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from backpain_cli.errors import BackpainError
from backpain_cli.models import BandGuide, Entry, ExerciseDone, ProgressRules, SessionRecord
from backpain_cli.progress import Advice, Trend, advise, monday, streak_weeks
from backpain_cli.textsafe import visible

ENV_VAR = "BACKPAIN_DATA_DIR"
FILE_NAME = "journal.sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0

#: Each migration takes the journal from version N to N + 1 (its index + 1).
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        band TEXT NOT NULL,
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        all_sets_done INTEGER NOT NULL CHECK (all_sets_done IN (0, 1)),
        seconds INTEGER CHECK (seconds >= 0),
        notes TEXT NOT NULL DEFAULT '',
        logged_at TEXT NOT NULL
    );
    CREATE INDEX session_by_day ON session (day, id);
    CREATE TABLE session_exercise (
        session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise TEXT NOT NULL,
        sets_planned INTEGER NOT NULL CHECK (sets_planned >= 0),
        sets_done INTEGER NOT NULL CHECK (sets_done >= 0),
        reps INTEGER NOT NULL CHECK (reps >= 0),
        PRIMARY KEY (session_id, position)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = {"session", "session_exercise"}

_SESSION_COLUMNS = "id, day, band, pain_before, pain_after, all_sets_done, seconds, notes"
#: The day's pain for trends, in SQL: the same rule as SessionRecord.pain.
_PAIN = "coalesce(pain_before, pain_after)"
#: The Monday on or before a day, in SQL.
_MONDAY = "date(day, '-6 days', 'weekday 1')"


#: How many of the latest pain scores the history's sparkline shows.
SPARK_SESSIONS = 30


@dataclass(frozen=True, slots=True)
class History:
    entries: tuple[Entry, ...]  # the sessions shown, oldest first
    total: int  # all sessions on or after ``since``
    since: date | None
    weekly_target: int
    streak_weeks: int
    this_week: int  # sessions from this Monday to today
    last_four_weeks: int  # sessions in the 28 days to today
    trend: Trend

    @property
    def four_week_target(self) -> int:
        return 4 * self.weekly_target

    @property
    def four_week_percent(self) -> int:
        return round(100 * self.last_four_weeks / self.four_week_target)


#: How to get out of a folder that cannot be used.
ELSEWHERE = "Choose a folder you can write to with --data-dir or BACKPAIN_DATA_DIR."


class JournalError(BackpainError):
    """The journal cannot be read or written; the message names the file."""


def data_folder(chosen: Path | None = None) -> Path:
    """Where the journal lives: ``chosen``, else BACKPAIN_DATA_DIR, else the user data folder."""
    if chosen is not None:
        return chosen
    from backpain_cli.places import user_folder

    return Path(os.environ.get(ENV_VAR) or user_folder("data"))


class Journal:
    """An open journal. Use :func:`open_for_reading` or :func:`open_for_writing`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _problems(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as err:
            raise _error(self.path, doing, err) from None

    # Writing -----------------------------------------------------------------

    def add(self, record: SessionRecord, now: datetime | None = None) -> int:
        """Store one session in one transaction; return its number."""
        logged_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        with self._problems("write to"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cursor = self._db.execute(
                    "INSERT INTO session (day, band, pain_before, pain_after, all_sets_done,"
                    " seconds, notes, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.day.isoformat(),
                        record.band,
                        record.pain_before,
                        record.pain_after,
                        int(record.all_sets_done),
                        record.seconds,
                        record.notes,
                        logged_at,
                    ),
                )
                number = cursor.lastrowid
                assert number is not None
                self._db.executemany(
                    "INSERT INTO session_exercise (session_id, position, exercise, sets_planned,"
                    " sets_done, reps) VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (number, position, e.exercise, e.sets_planned, e.sets_done, e.reps)
                        for position, e in enumerate(record.exercises)
                    ],
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return number

    def delete(self, number: int) -> bool:
        """Remove one session; False when there is none with that number."""
        with self._problems("write to"):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM session_exercise WHERE session_id = ?", (number,))
                gone = self._db.execute("DELETE FROM session WHERE id = ?", (number,)).rowcount
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return gone > 0

    # Reading -----------------------------------------------------------------

    def get(self, number: int) -> Entry | None:
        found = self._entries(f"SELECT {_SESSION_COLUMNS} FROM session WHERE id = ?", (number,))
        return found[0] if found else None

    def count(self, since: date | None = None) -> int:
        with self._problems("read"):
            row = self._db.execute(
                "SELECT count(*) FROM session WHERE day >= ?", (_day(since),)
            ).fetchone()
        return int(row[0])

    def latest(self, limit: int, since: date | None = None) -> list[Entry]:
        """The ``limit`` most recent sessions on or after ``since``, oldest first."""
        rows = self._entries(
            f"SELECT {_SESSION_COLUMNS} FROM session WHERE day >= ?"
            " ORDER BY day DESC, id DESC LIMIT ?",
            (_day(since), limit),
        )
        return rows[::-1]

    def between(self, first: date, last: date) -> list[Entry]:
        """The sessions from ``first`` to ``last`` (both included), oldest first."""
        return self._entries(
            f"SELECT {_SESSION_COLUMNS} FROM session WHERE day BETWEEN ? AND ? ORDER BY day, id",
            (first.isoformat(), last.isoformat()),
        )

    def iter_all(self, since: date | None = None, batch: int = 500) -> Iterator[Entry]:
        """Every session on or after ``since``, oldest first, read a batch at a time."""
        after = ("", 0)
        while True:
            rows = self._entries(
                f"SELECT {_SESSION_COLUMNS} FROM session WHERE day >= ? AND (day, id) > (?, ?)"
                " ORDER BY day, id LIMIT ?",
                (_day(since), *after, batch),
            )
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1]
            after = (last.session.day.isoformat(), last.id)

    def recent(self, days: int, at_least: int) -> list[Entry]:
        """The sessions of the ``days`` days up to the latest one, and at least the last few."""
        span = self.span()
        if span is None:
            return []
        found = self.between(span[1] - timedelta(days=days - 1), span[1])
        return found if len(found) >= at_least else self.latest(at_least)

    def advice(self, bands: BandGuide, rules: ProgressRules) -> Advice:
        """The progress rules applied to the sessions they look at."""
        recent = self.recent(rules.window_days, rules.move_up_after_sessions)
        return advise(recent, bands, rules, self.first_day())

    def history(
        self, today: date, target: int, since: date | None = None, limit: int | None = None
    ) -> History:
        """What `backpain history` shows: sessions (the latest ``limit``), streak, trend."""
        total = self.count(since)
        shown = self.latest(total if limit is None else limit, since)
        this_monday = monday(today)
        four_weeks = today - timedelta(days=27)
        span = self.span(since)
        first_two = last_two = None
        if span is not None and (span[1] - span[0]).days >= 27:
            first, last = span
            first_two = self.average_pain(first, first + timedelta(days=13))
            last_two = self.average_pain(last - timedelta(days=13), last)
        return History(
            entries=tuple(shown),
            total=total,
            since=since,
            weekly_target=target,
            streak_weeks=streak_weeks(self.weekly_counts(today), today, target),
            this_week=self.count_between(this_monday, today),
            last_four_weeks=self.count_between(four_weeks, today),
            trend=Trend(tuple(self.recent_pain(SPARK_SESSIONS, since)), first_two, last_two),
        )

    def first_day(self) -> date | None:
        with self._problems("read"):
            row = self._db.execute("SELECT min(day) FROM session").fetchone()
        return date.fromisoformat(row[0]) if row[0] else None

    def weekly_counts(self, until: date) -> dict[date, int]:
        """Sessions in each week (keyed by its Monday) up to ``until``."""
        with self._problems("read"):
            rows = self._db.execute(
                f"SELECT {_MONDAY} AS week, count(*) FROM session WHERE day <= ? GROUP BY week",
                (until.isoformat(),),
            ).fetchall()
        return {date.fromisoformat(week): count for week, count in rows}

    def count_between(self, first: date, last: date) -> int:
        with self._problems("read"):
            row = self._db.execute(
                "SELECT count(*) FROM session WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
        return int(row[0])

    def average_pain(self, first: date, last: date) -> float | None:
        """The mean of each session's pain (before, else after) from ``first`` to ``last``."""
        with self._problems("read"):
            row = self._db.execute(
                f"SELECT avg({_PAIN}) FROM session WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
        return None if row[0] is None else float(row[0])

    def recent_pain(self, limit: int, since: date | None = None) -> list[int]:
        """The pain of the ``limit`` latest sessions that have one, oldest first."""
        with self._problems("read"):
            rows = self._db.execute(
                f"SELECT {_PAIN} FROM session WHERE day >= ? AND {_PAIN} IS NOT NULL"
                " ORDER BY day DESC, id DESC LIMIT ?",
                (_day(since), limit),
            ).fetchall()
        return [int(r[0]) for r in reversed(rows)]

    def span(self, since: date | None = None) -> tuple[date, date] | None:
        """The first and last day with a session on or after ``since``."""
        with self._problems("read"):
            row = self._db.execute(
                "SELECT min(day), max(day) FROM session WHERE day >= ?", (_day(since),)
            ).fetchone()
        if row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def _entries(self, sql: str, params: Sequence[object]) -> list[Entry]:
        with self._problems("read"):
            rows = self._db.execute(sql, params).fetchall()
            done: dict[int, list[ExerciseDone]] = {row[0]: [] for row in rows}
            if done:
                marks = ", ".join("?" * len(done))
                for number, exercise, planned, sets, reps in self._db.execute(
                    "SELECT session_id, exercise, sets_planned, sets_done, reps"
                    f" FROM session_exercise WHERE session_id IN ({marks})"
                    " ORDER BY session_id, position",
                    list(done),
                ):
                    done[number].append(ExerciseDone(exercise, planned, sets, reps))
        return [
            Entry(
                number,
                SessionRecord(
                    day=date.fromisoformat(day),
                    band=band,
                    exercises=tuple(done[number]),
                    all_sets_done=bool(complete),
                    pain_before=before,
                    pain_after=after,
                    notes=notes,
                    seconds=seconds,
                ),
            )
            for number, day, band, before, after, complete, seconds, notes in rows
        ]


def _day(since: date | None) -> str:
    return since.isoformat() if since else ""


def journal_path(folder: Path) -> Path:
    return folder / FILE_NAME


def open_for_reading(folder: Path) -> Journal | None:
    """The journal in ``folder``, or None when there is none yet. Creates nothing."""
    path = _file(folder)
    if not path.exists():
        return None
    try:
        # Read-write (not create) when allowed: SQLite then tidies its WAL files on close.
        connection = _connect(path, "rw")
    except sqlite3.OperationalError:
        connection = None
    if connection is None:
        try:
            connection = _connect(path, "ro")
        except sqlite3.Error as err:
            raise _error(path, "open", err) from None
    journal = Journal(path, connection)
    try:
        version = _version(journal)
        if version < SCHEMA_VERSION:
            # An older journal: read what it has after migrating a private copy in memory.
            memory = sqlite3.connect(":memory:", isolation_level=None)
            connection.backup(memory)
            connection.close()
            journal = Journal(path, memory)
            _migrate(journal, version)
    except BaseException:
        journal.close()
        raise
    return journal


def open_for_writing(folder: Path) -> Journal:
    """The journal in ``folder``, created (owner-only) and brought up to date when needed."""
    _make_folder(folder)
    path = _file(folder)
    if not path.exists():
        _create(path)
    try:
        connection = _connect(path, "rw")
    except sqlite3.Error as err:
        raise _error(path, "open", err) from None
    journal = Journal(path, connection)
    try:
        version = _version(journal)
        with journal._problems("check"):
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise _error(path, "write to", sqlite3.DatabaseError(verdict))
        if version == 0:  # an empty file someone else made: WAL if it can be had now
            with contextlib.suppress(sqlite3.OperationalError):
                connection.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            _migrate(journal, version)
    except BaseException:
        journal.close()
        raise
    return journal


def _create(path: Path) -> None:
    """Make a new, complete journal at ``path`` in one step, private from its first byte.

    It is built under a temporary name (owner-only, in WAL mode, every migration
    applied) and then linked into place, so no one ever sees a half-made journal;
    when two programs create it at once, the first link wins and the other's copy
    is dropped.
    """
    import tempfile

    try:
        handle, name = tempfile.mkstemp(prefix=".journal-", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise JournalError(
            f"Cannot create the journal {_shown(path)}: {err.strerror}. {ELSEWHERE}"
        ) from None
    os.close(handle)
    temporary = Path(name)
    try:
        draft = Journal(temporary, _connect(temporary, "rw"))
        try:
            with draft._problems("create"):
                draft._db.execute("PRAGMA journal_mode = WAL")
            _migrate(draft, 0)
        finally:
            draft.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another backpain made it first: use theirs
        except OSError:
            if not path.exists():  # no hard links here: a rename, almost as good
                os.replace(temporary, path)
    except sqlite3.Error as err:
        raise _error(path, "create", err) from None
    finally:
        for leftover in (temporary, Path(f"{name}-wal"), Path(f"{name}-shm")):
            leftover.unlink(missing_ok=True)


def _file(folder: Path) -> Path:
    """The journal file in ``folder``, after checking that it is not a folder itself."""
    path = journal_path(folder)
    if path.is_dir():
        raise JournalError(
            f"{_shown(path)} is a folder, not a journal. Move it away, or choose another "
            "data folder with --data-dir."
        )
    return path


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """An SQLite connection to ``path`` in ``mode`` (rw or ro; never creating the file)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _version(journal: Journal) -> int:
    """The journal's format version, after checking the file is a journal this program reads."""
    with journal._problems("read"):
        version = int(journal._db.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            row[0]
            for row in journal._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    shown = _shown(journal.path)
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"{shown} was written by a newer version of backpain (journal format {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update backpain to read it. "
            "The file was not changed."
        )
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if (version == 0 and user_tables) or (version > 0 and not tables >= TABLES):
        raise JournalError(
            f"{shown} is an SQLite file but not a backpain journal. It was left as it is. "
            "Move it away, or choose another data folder with --data-dir."
        )
    return version


def _migrate(journal: Journal, version: int) -> None:
    """Apply the migrations after ``version``, in one transaction, re-checking under the lock."""
    db = journal._db
    with journal._problems("update"):
        db.execute("BEGIN IMMEDIATE")
        try:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current == version:
                for step in range(current, SCHEMA_VERSION):
                    for statement in MIGRATIONS[step].split(";"):
                        if statement.strip():
                            db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise JournalError(
            f"Cannot use {_shown(folder)} as the data folder: it is a file. Choose another "
            "with --data-dir or BACKPAIN_DATA_DIR."
        ) from None
    except OSError as err:
        raise JournalError(
            f"Cannot create the data folder {_shown(folder)}: {err.strerror}. {ELSEWHERE}"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(
            f"Cannot write in the data folder {_shown(folder)}: permission denied. {ELSEWHERE}"
        )


def _shown(path: Path) -> str:
    return visible(str(path))


def _error(path: Path, doing: str, err: sqlite3.Error) -> JournalError:
    text = str(err)
    shown = _shown(path)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return JournalError(
            f"Cannot {doing} the journal {shown}: it is damaged or not a backpain journal "
            f"({text}). It was left as it is. Move it away (a new journal starts on the next "
            "`backpain log`), or choose another data folder with --data-dir."
        )
    if "locked" in text or "busy" in text:
        return JournalError(
            f"Cannot {doing} the journal {shown}: another backpain is still writing to it "
            f"({text}). Try again."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return JournalError(
            f"Cannot {doing} the journal {shown}: {text}. Check that you can write to it and "
            "its folder, or choose another data folder with --data-dir."
        )
    return JournalError(f"Cannot {doing} the journal {shown}: {text}.")
