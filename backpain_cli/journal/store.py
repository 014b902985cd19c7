"""The journal's store: an open SQLite journal, its SQL reads and writes.

Every SQLite problem becomes a JournalError naming the file. Opening, creating
and checking a journal's version is journal.open's work; its format is
journal.migrations'.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from backpain_cli.errors import BackpainError
from backpain_cli.history import SPARK_SESSIONS, History, Trend, monday, streak_weeks
from backpain_cli.models import Catalog, Entry, ExerciseDone, SessionRecord
from backpain_cli.progress import Advice, advise, window_start
from backpain_cli.textsafe import visible

_SESSION_COLUMNS = (
    "id, day, band, pain_before, pain_after, all_sets_done, seconds, notes, adjustment"
)
#: The day's pain for trends, in SQL: the same rule as SessionRecord.pain.
_PAIN = "coalesce(pain_before, pain_after)"
#: The Monday on or before a day, in SQL.
_MONDAY = "date(day, '-6 days', 'weekday 1')"


#: The largest whole number SQLite stores; a session number or a limit above it finds nothing
#: more than it does.
MAX_INTEGER = 2**63 - 1


class JournalError(BackpainError):
    """The journal cannot be read or written; the message names the file."""


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


#: The sessions whose every value keeps the journal's rules, with their exercises: what
#: every read looks at. A hand-edited or damaged row (a day that is not a date, a pain
#: score of 99, text where a number belongs) is left out, and said once (see check_rows).
_VALID_SESSIONS = """
CREATE TEMP VIEW IF NOT EXISTS valid AS SELECT * FROM main.session AS s WHERE
    typeof(s.day) = 'text' AND date(s.day) IS s.day
    AND typeof(s.band) = 'text' AND s.band <> ''
    AND (s.pain_before IS NULL
         OR (typeof(s.pain_before) = 'integer' AND s.pain_before BETWEEN 0 AND 10))
    AND (s.pain_after IS NULL
         OR (typeof(s.pain_after) = 'integer' AND s.pain_after BETWEEN 0 AND 10))
    AND typeof(s.all_sets_done) = 'integer' AND s.all_sets_done IN (0, 1)
    AND (s.seconds IS NULL OR (typeof(s.seconds) = 'integer' AND s.seconds >= 0))
    AND typeof(s.notes) = 'text' AND typeof(s.adjustment) = 'text'
    AND NOT EXISTS (
        SELECT 1 FROM main.session_exercise AS e WHERE e.session_id = s.id AND NOT (
            typeof(e.exercise) = 'text'
            AND typeof(e.sets_planned) = 'integer' AND e.sets_planned >= 0
            AND typeof(e.sets_done) = 'integer' AND e.sets_done >= 0
            AND typeof(e.reps) = 'integer' AND e.reps >= 0
            AND typeof(e.sets_partial) = 'integer' AND e.sets_partial >= 0))
"""
#: How many of the left-out sessions a warning names.
NAMED = 5


class Journal:
    """An open journal. Use :func:`open_for_reading` or :func:`open_for_writing`.

    ``warn`` receives what a reader should know but can carry on after: sessions left
    out because their values break the journal's rules.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path
        self.db = connection
        self.warn = warn

    def check_rows(self) -> None:
        """Make the reads look at valid sessions only, and say which were left out."""
        with self.problems("read"):
            self.db.execute(_VALID_SESSIONS)
            if self.warn is None:
                return
            left_out = [
                row[0]
                for row in self.db.execute(
                    "SELECT id FROM main.session WHERE id NOT IN (SELECT id FROM valid)"
                    " ORDER BY id LIMIT ?",
                    (NAMED + 1,),
                )
            ]
        if left_out:
            named = ", ".join(str(n) for n in left_out[:NAMED])
            more = " and more" if len(left_out) > NAMED else ""
            self.warn(
                f"the journal {shown_path(self.path)} has sessions ({named}{more}) whose "
                "values break its rules (a day that is not a date, a pain score outside "
                "0-10, text where a number belongs); they are left out. "
                "`backpain log --delete ID` removes one."
            )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def problems(self, doing: str) -> Iterator[None]:
        """Turn any SQLite error inside the block into a JournalError about ``doing``."""
        try:
            yield
        except sqlite3.Error as err:
            raise sqlite_error(self.path, doing, err) from None

    # Writing -----------------------------------------------------------------

    def add(self, record: SessionRecord, now: datetime | None = None) -> int:
        """Store one session in one transaction; return its number."""
        logged_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        with self.problems("write to"), transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO session (day, band, pain_before, pain_after, all_sets_done,"
                " seconds, notes, adjustment, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.day.isoformat(),
                    record.band,
                    record.pain_before,
                    record.pain_after,
                    int(record.all_sets_done),
                    record.seconds,
                    record.notes,
                    record.adjustment,
                    logged_at,
                ),
            )
            number = cursor.lastrowid
            assert number is not None
            self.db.executemany(
                "INSERT INTO session_exercise (session_id, position, exercise, sets_planned,"
                " sets_done, reps, sets_partial) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(number, position, *e) for position, e in enumerate(record.exercises)],
            )
        return number

    def delete(self, number: int) -> None:
        """Remove one session (nothing happens when there is none with that number)."""
        if not 0 < number <= MAX_INTEGER:
            return
        with self.problems("write to"), transaction(self.db):
            self.db.execute("DELETE FROM session_exercise WHERE session_id = ?", (number,))
            self.db.execute("DELETE FROM main.session WHERE id = ?", (number,))

    # Reading -----------------------------------------------------------------

    def get(self, number: int) -> Entry | None:
        if not 0 < number <= MAX_INTEGER:
            return None
        found = self._entries(f"SELECT {_SESSION_COLUMNS} FROM valid WHERE id = ?", (number,))
        return found[0] if found else None

    def has(self, number: int) -> bool:
        """Whether session ``number`` is in the file at all, valid or left out."""
        if not 0 < number <= MAX_INTEGER:
            return False
        with self.problems("read"):
            row = self.db.execute("SELECT 1 FROM main.session WHERE id = ?", (number,)).fetchone()
        return row is not None

    def count(self, since: date | None = None) -> int:
        with self.problems("read"):
            row = self.db.execute(
                "SELECT count(*) FROM valid WHERE day >= ?", (_day(since),)
            ).fetchone()
        return int(row[0])

    def latest(self, limit: int, since: date | None = None) -> list[Entry]:
        """The ``limit`` most recent sessions on or after ``since``, oldest first."""
        rows = self._entries(
            f"SELECT {_SESSION_COLUMNS} FROM valid WHERE day >= ?"
            " ORDER BY day DESC, id DESC LIMIT ?",
            (_day(since), min(limit, MAX_INTEGER)),
        )
        return rows[::-1]

    def between(self, first: date, last: date) -> list[Entry]:
        """The sessions from ``first`` to ``last`` (both included), oldest first."""
        return self._entries(
            f"SELECT {_SESSION_COLUMNS} FROM valid WHERE day BETWEEN ? AND ? ORDER BY day, id",
            (first.isoformat(), last.isoformat()),
        )

    def iter_all(self, since: date | None = None, batch: int = 500) -> Iterator[Entry]:
        """Every session on or after ``since``, oldest first, read a batch at a time."""
        after = ("", 0)
        while True:
            rows = self._entries(
                f"SELECT {_SESSION_COLUMNS} FROM valid WHERE day >= ? AND (day, id) > (?, ?)"
                " ORDER BY day, id LIMIT ?",
                (_day(since), *after, batch),
            )
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1]
            after = (last.session.day.isoformat(), last.id)

    def advice(self, catalog: Catalog) -> Advice:
        """The progress rules applied to the latest sessions: enough of them for the rules'
        window (progress.looked_at chooses among them)."""
        rules = catalog.sessions.progress
        span = self.span()
        if span is None:
            return advise([], catalog)
        first, last = span
        enough = max(self.count(window_start(last, rules)), rules.move_up_after_sessions)
        return advise(self.latest(enough), catalog, first)

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

    def weekly_counts(self, until: date) -> dict[date, int]:
        """Sessions in each week (keyed by its Monday) up to ``until``."""
        with self.problems("read"):
            rows = self.db.execute(
                f"SELECT {_MONDAY} AS week, count(*) FROM valid WHERE day <= ? GROUP BY week",
                (until.isoformat(),),
            ).fetchall()
        return {date.fromisoformat(week): count for week, count in rows}

    def count_between(self, first: date, last: date) -> int:
        with self.problems("read"):
            row = self.db.execute(
                "SELECT count(*) FROM valid WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
        return int(row[0])

    def average_pain(self, first: date, last: date) -> float | None:
        """The mean of each session's pain (before, else after) from ``first`` to ``last``."""
        with self.problems("read"):
            row = self.db.execute(
                f"SELECT avg({_PAIN}) FROM valid WHERE day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
        return None if row[0] is None else float(row[0])

    def recent_pain(self, limit: int, since: date | None = None) -> list[int]:
        """The pain of the ``limit`` latest sessions that have one, oldest first."""
        with self.problems("read"):
            rows = self.db.execute(
                f"SELECT {_PAIN} FROM valid WHERE day >= ? AND {_PAIN} IS NOT NULL"
                " ORDER BY day DESC, id DESC LIMIT ?",
                (_day(since), limit),
            ).fetchall()
        return [int(r[0]) for r in reversed(rows)]

    def span(self, since: date | None = None) -> tuple[date, date] | None:
        """The first and last day with a session on or after ``since``."""
        with self.problems("read"):
            row = self.db.execute(
                "SELECT min(day), max(day) FROM valid WHERE day >= ?", (_day(since),)
            ).fetchone()
        if row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])

    def _entries(self, sql: str, params: Sequence[object]) -> list[Entry]:
        with self.problems("read"):
            rows = self.db.execute(sql, params).fetchall()
            done: dict[int, list[ExerciseDone]] = {row[0]: [] for row in rows}
            if done:
                marks = ", ".join("?" * len(done))
                for number, *fields in self.db.execute(
                    "SELECT session_id, exercise, sets_planned, sets_done, reps, sets_partial"
                    f" FROM session_exercise WHERE session_id IN ({marks})"
                    " ORDER BY session_id, position",
                    list(done),
                ):
                    done[number].append(ExerciseDone(*fields))
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
                    adjustment=adjustment,
                ),
            )
            for number, day, band, before, after, complete, seconds, notes, adjustment in rows
        ]


def _day(since: date | None) -> str:
    return since.isoformat() if since else ""


def shown_path(path: Path) -> str:
    return visible(str(path))


def sqlite_error(path: Path, doing: str, err: sqlite3.Error) -> JournalError:
    text = str(err)
    shown = shown_path(path)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return JournalError(
            f"Cannot {doing} the journal {shown}: it is damaged or not a backpain journal "
            f"({text}). It was left as it is. Move it away (a new journal starts on the next "
            "`backpain log`), or choose another data folder with --data-dir."
        )
    if "full" in text:
        return JournalError(
            f"Cannot {doing} the journal {shown}: the disk is full ({text}). Nothing was "
            "half-written. Free some space, or choose another data folder with --data-dir."
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
