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
from typing import TYPE_CHECKING

from backpain_cli.errors import BackpainError
from backpain_cli.history import SPARK_SESSIONS, History, Trend, monday, streak_weeks
from backpain_cli.journal.rows import MAX_INTEGER, broken, good_band, good_pain, is_day, whole
from backpain_cli.models import Catalog
from backpain_cli.progress import pauses, window_start
from backpain_cli.records import (
    CheckIn,
    Entry,
    ExerciseDone,
    Later,
    PlanSettings,
    Reading,
    Resume,
    SessionRecord,
)
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from backpain_cli.today import Past

_SESSION_COLUMNS = (
    "id, day, band, pain_before, pain_after, all_sets_done, seconds, notes, adjustment"
)
#: A row whose day is a real date (a hand edit can hold anything) within the days the
#: program works with (checked.EARLIEST to checked.LATEST, written out so that reading
#: the journal does not load that module; a test holds the two to the same days): every
#: query keeps to them. ('+0 days' makes SQLite compute the date, so 2026-02-30 becomes
#: 2026-03-02 and fails.)
_GOOD = "date(day, '+0 days') IS day AND day BETWEEN '1970-01-01' AND '2999-12-31'"
#: A pain score in SQL, when it is one: a whole number from 0 to 10.
_SCORE = "CASE WHEN typeof({0}) = 'integer' AND {0} BETWEEN 0 AND 10 THEN {0} END"
#: The day's pain for trends, in SQL: the same rule as SessionRecord.pain.
_PAIN = f"coalesce({_SCORE.format('pain_before')}, {_SCORE.format('pain_after')})"
#: The Monday on or before a day, in SQL.
_MONDAY = "date(day, '-6 days', 'weekday 1')"


#: The latest sessions whose 24-hour answers the daily decision reads: it needs the last.
LATER_SESSIONS = 5


class JournalError(BackpainError):
    """The journal cannot be read or written; the message names the file."""


#: How long a write waits for another program's lock on the journal before it says
#: that it is waiting, and how long it waits in all.
FIRST_WAIT_SECONDS = 0.5
WAIT_SECONDS = 30.0


@contextmanager
def transaction(
    db: sqlite3.Connection, waiting: Callable[[str], None] | None = None
) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE); rolled back on any error.

    When another program holds the journal, ``waiting`` is told so (after a moment),
    and the write waits for it, up to WAIT_SECONDS in all."""
    _begin(db, waiting)
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _begin(db: sqlite3.Connection, waiting: Callable[[str], None] | None) -> None:
    if waiting is None:
        db.execute("BEGIN IMMEDIATE")
        return
    db.execute(f"PRAGMA busy_timeout = {round(FIRST_WAIT_SECONDS * 1000)}")
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        if "locked" not in str(err) and "busy" not in str(err):
            raise
        waiting(
            "another program is writing to the journal; waiting for it to finish (up to "
            f"{WAIT_SECONDS:g} s)..."
        )
        db.execute(f"PRAGMA busy_timeout = {round((WAIT_SECONDS - FIRST_WAIT_SECONDS) * 1000)}")
        db.execute("BEGIN IMMEDIATE")
    finally:
        db.execute(f"PRAGMA busy_timeout = {round(WAIT_SECONDS * 1000)}")


class Journal:
    """An open journal. Use :func:`open_for_reading` or :func:`open_for_writing`.

    Every read keeps to sessions whose values keep the journal's rules: a hand-edited
    or damaged row (a day that is not a date, a pain score of 99, text where a number
    belongs) is left out, and ``warn`` is told of it.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        warn: Callable[[str], None] | None = None,
        waiting: Callable[[str], None] | None = None,
    ) -> None:
        self.path = path
        self.db = connection
        self.warn = warn
        self.waiting = waiting  # told when a write waits for another program's lock

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
        with self.problems("write to"), transaction(self.db, self.waiting):
            return self._insert(record, now)

    def add_new(
        self, records: Sequence[SessionRecord], now: datetime | None = None
    ) -> tuple[list[int], list[SessionRecord]]:
        """Store the sessions not stored before (by their source), all in one transaction:
        the numbers of those added, and those already there."""
        added, there = [], []
        with self.problems("write to"), transaction(self.db, self.waiting):
            for record in records:
                found = self.db.execute(
                    "SELECT 1 FROM session WHERE source = ?", (record.source,)
                ).fetchone()
                if found is not None:
                    there.append(record)
                else:
                    added.append(self._insert(record, now))
        return added, there

    def _insert(self, record: SessionRecord, now: datetime | None) -> int:
        logged_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        cursor = self.db.execute(
            "INSERT INTO session (day, band, pain_before, pain_after, all_sets_done,"
            " seconds, notes, adjustment, logged_at, source)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                record.source or None,
            ),
        )
        number = cursor.lastrowid
        assert number is not None
        self.db.executemany(
            "INSERT INTO session_exercise (session_id, position, exercise, sets_planned,"
            " sets_done, reps, sets_partial, feel, pain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(number, position, *e[:7]) for position, e in enumerate(record.exercises)],
        )
        return number

    def delete(self, number: int) -> None:
        """Remove one session (nothing happens when there is none with that number)."""
        if not _storable(number):
            return
        with self.problems("write to"), transaction(self.db, self.waiting):
            self.db.execute("DELETE FROM session_exercise WHERE session_id = ?", (number,))
            self.db.execute("DELETE FROM later WHERE session_id = ?", (number,))
            self.db.execute("DELETE FROM session WHERE id = ?", (number,))

    def add_resume(self, resume: Resume, now: datetime | None = None) -> None:
        """Record a return after a pause, cleared by a professional."""
        logged_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        with self.problems("write to"), transaction(self.db, self.waiting):
            self.db.execute(
                "INSERT INTO resume (day, note, exercise, logged_at) VALUES (?, ?, ?, ?)",
                (resume.day.isoformat(), resume.note, resume.exercise, logged_at),
            )

    def add_checkin(self, checkin: CheckIn, now: datetime | None = None) -> int:
        """Keep one questionnaire's answers (none: it was offered and declined); return its
        number."""
        logged_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        with self.problems("write to"), transaction(self.db, self.waiting):
            cursor = self.db.execute(
                "INSERT INTO checkin (day, questionnaire, logged_at) VALUES (?, ?, ?)",
                (checkin.day.isoformat(), checkin.questionnaire, logged_at),
            )
            number = cursor.lastrowid
            assert number is not None
            self.db.executemany(
                "INSERT INTO checkin_answer (checkin_id, position, item, answer)"
                " VALUES (?, ?, ?, ?)",
                [
                    (number, position, item, answer)
                    for position, (item, answer) in enumerate(checkin.answers)
                ],
            )
        return number

    def add_later(self, later: Later, now: datetime | None = None) -> bool:
        """Keep the answer to "how is the pain 24 hours later?" for one session; False (and
        nothing changed) when that session has one already: it is asked once. A question
        left unanswered (no pain) takes an answer given afterwards."""
        logged_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        with self.problems("write to"), transaction(self.db, self.waiting):
            cursor = self.db.execute(
                "INSERT INTO later (session_id, day, pain, logged_at)"
                " SELECT id, ?, ?, ? FROM session WHERE id = ?"
                " ON CONFLICT (session_id) DO UPDATE SET"
                " day = excluded.day, pain = excluded.pain, logged_at = excluded.logged_at"
                " WHERE later.pain IS NULL AND excluded.pain IS NOT NULL",
                (later.day.isoformat(), later.pain, logged_at, later.session),
            )
        return cursor.rowcount == 1

    def set_plan(
        self,
        plan: PlanSettings,
        now: datetime | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        """Keep the plan (there is one; a new one replaces it). ``then`` runs inside the
        same transaction, before it is committed: if it fails, the plan is not kept."""
        saved_at = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        days = ",".join(str(day) for day in plan.days)
        with self.problems("write to"), transaction(self.db, self.waiting):
            self.db.execute(
                "INSERT OR REPLACE INTO plan (id, start, days, weeks, saved_at)"
                " VALUES (1, ?, ?, ?, ?)",
                (plan.start.isoformat(), days, plan.weeks, saved_at),
            )
            if then is not None:
                then()

    # Reading -----------------------------------------------------------------

    def plan(self, today: date) -> PlanSettings | None:
        """The kept plan, if there is one, read as the plan command reads its options (a
        damaged row, or one that cannot start seen from ``today``, is left out with a
        warning). Weekdays given twice count once."""
        from backpain_cli.checked import day as checked_day
        from backpain_cli.checked import digits
        from backpain_cli.content.programme import start_problem

        with self.problems("read"):
            row = self.db.execute("SELECT start, days, weeks FROM plan WHERE id = 1").fetchone()
        if row is None:
            return None
        start, days, weeks = row
        words = days.split(",") if isinstance(days, str) else []
        try:
            if not (
                isinstance(start, str)
                and words
                and all(len(w) == 1 and digits(w) and int(w) <= 6 for w in words)
                and whole(weeks, 1, 104)
            ):
                raise ValueError(row)
            first = checked_day(start)
        except ValueError:
            self._plan_left_out("is damaged")
            return None
        problem = start_problem(first, today)
        if problem:
            self._plan_left_out(f"cannot be followed: {problem}")
            return None
        return PlanSettings(first, tuple(sorted({int(w) for w in words})), weeks)

    def _plan_left_out(self, why: str) -> None:
        if self.warn:
            self.warn(
                f"the plan kept in {shown_path(self.path)} {why}; it was left out. Make it "
                "again with `backpain plan --start DAY`"
            )

    def get(self, number: int) -> Entry | None:
        if not _storable(number):
            return None
        found = self._entries(f"SELECT {_SESSION_COLUMNS} FROM session WHERE id = ?", (number,))
        return found[0] if found else None

    def has(self, number: int) -> bool:
        """Whether session ``number`` is in the file at all, valid or left out."""
        if not _storable(number):
            return False
        with self.problems("read"):
            row = self.db.execute("SELECT 1 FROM session WHERE id = ?", (number,)).fetchone()
        return row is not None

    def count(self, since: date | None = None) -> int:
        with self.problems("read"):
            row = self.db.execute(
                f"SELECT count(*) FROM session WHERE {_GOOD} AND day >= ?", (_day(since),)
            ).fetchone()
        return int(row[0])

    def latest(self, limit: int, since: date | None = None) -> list[Entry]:
        """The ``limit`` most recent sessions on or after ``since``, oldest first."""
        rows = self._entries(
            f"SELECT {_SESSION_COLUMNS} FROM session WHERE {_GOOD} AND day >= ?"
            " ORDER BY day DESC, id DESC LIMIT ?",
            (_day(since), min(limit, MAX_INTEGER)),
        )
        return rows[::-1]

    def between(self, first: date, last: date) -> list[Entry]:
        """The sessions from ``first`` to ``last`` (both included), oldest first."""
        return self._entries(
            f"SELECT {_SESSION_COLUMNS} FROM session WHERE {_GOOD} AND day BETWEEN ? AND ?"
            " ORDER BY day, id",
            (first.isoformat(), last.isoformat()),
        )

    def iter_all(self, since: date | None = None, batch: int = 500) -> Iterator[Entry]:
        """Every session on or after ``since``, oldest first, read a batch at a time."""
        after = ("", 0)
        while True:
            rows = self._entries(
                f"SELECT {_SESSION_COLUMNS} FROM session WHERE {_GOOD} AND day >= ?"
                " AND (day, id) > (?, ?)"
                " ORDER BY day, id LIMIT ?",
                (_day(since), *after, batch),
            )
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1]
            after = (last.session.day.isoformat(), last.id)

    def resumes(self) -> list[Resume]:
        """Every return after a pause, oldest first (a row whose day is not a date is left
        out with a warning)."""
        with self.problems("read"):
            rows = self.db.execute(
                "SELECT id, day, note, exercise FROM resume ORDER BY day, id"
            ).fetchall()
        found = []
        for number, day, note, exercise in rows:
            if (isinstance(day, str) and is_day(day) and isinstance(note, str)
                    and (exercise is None or isinstance(exercise, str))):  # fmt: skip
                found.append(Resume(date.fromisoformat(day), note, exercise))
            elif self.warn is not None:
                self.warn(
                    f"the journal {shown_path(self.path)} has a resume ({number}) whose day "
                    f"({visible(repr(day))[:40]}) is not a date; it is left out"
                )
        return found

    def checkins(self, since: date | None = None) -> list[CheckIn]:
        """Every check-in on or after ``since``, oldest first, with its answers in order (a
        row whose values break the journal's rules is left out with a warning)."""
        with self.problems("read"):
            rows = self.db.execute(
                "SELECT id, day, questionnaire FROM checkin WHERE day >= ? ORDER BY day, id",
                (_day(since),),
            ).fetchall()
            answers: dict[object, list[tuple[object, object]]] = {row[0]: [] for row in rows}
            for number, item, answer in self.db.execute(
                "SELECT checkin_id, item, answer FROM checkin_answer ORDER BY checkin_id, position"
            ):
                if number in answers:
                    answers[number].append((item, answer))
        found = []
        for number, day, questionnaire in rows:
            given = answers[number]
            good = (
                isinstance(day, str) and is_day(day) and isinstance(questionnaire, str)
                and all(isinstance(i, str) and whole(a, 0, 100) for i, a in given)
            )  # fmt: skip
            if good:
                kept = tuple((str(i), int(a)) for i, a in given)  # type: ignore[call-overload]
                found.append(CheckIn(date.fromisoformat(day), questionnaire, kept, number))
            elif self.warn is not None:
                self.warn(
                    f"the journal {shown_path(self.path)} has a check-in ({number}) whose values "
                    "break its rules; it is left out"
                )
        return found

    def later(self, sessions: Sequence[int] | None = None) -> list[Later]:
        """The 24-hour answers, for ``sessions`` (their numbers) or every one, in the
        order of the sessions (a damaged row is left out with a warning)."""
        where, params = "", tuple(sessions or ())
        if sessions is not None:
            if not sessions:
                return []
            where = f" WHERE session_id IN ({', '.join('?' * len(params))})"
        with self.problems("read"):
            rows = self.db.execute(
                f"SELECT session_id, day, pain FROM later{where} ORDER BY session_id", params
            ).fetchall()
        found = []
        for number, day, pain in rows:
            if isinstance(day, str) and is_day(day) and good_pain(pain) and whole(number, 1):
                found.append(Later(number, date.fromisoformat(day), pain))
            elif self.warn is not None:
                self.warn(
                    f"the journal {shown_path(self.path)} has a 24-hour answer for session "
                    f"{visible(repr(number))[:20]} whose values break its rules; it is left out"
                )
        return found

    def readings(self) -> list[Reading]:
        """Every session as the safety rules read it (day, band, pain, and the exercises
        that hurt), oldest first: one light query, so that a long journal is read quickly.
        Sessions whose values break the journal's rules are left out, as everywhere."""
        with self.problems("read"):
            rows = self.db.execute(
                f"SELECT id, day, band, pain_before, pain_after FROM session WHERE {_GOOD}"
                " ORDER BY day, id"
            ).fetchall()
            hurt: dict[object, list[tuple[str, int]]] = {}
            for number, exercise, pain in self.db.execute(
                "SELECT session_id, exercise, pain FROM session_exercise WHERE pain IS NOT NULL"
                " ORDER BY session_id, position"
            ):
                if isinstance(exercise, str) and pain is not None and good_pain(pain):
                    hurt.setdefault(number, []).append((exercise, pain))
        day_of = date.fromisoformat
        return [
            Reading(day_of(day), band, before, after, tuple(hurt.get(number, ())))
            for number, day, band, before, after in rows
            if good_band(band) and good_pain(before) and good_pain(after)
        ]

    def past(self, catalog: Catalog, plan: PlanSettings | None) -> Past:
        """The journal as the daily decision reads it: every session's reading for the
        pauses, and in full the sessions the rules look at (the window before the latest
        session, at least the last few) and those of the kept plan's weeks."""
        from backpain_cli.today import Past

        resumes = self.resumes()
        readings = self.readings()
        found = pauses(readings, resumes, catalog)
        since = resumes[-1].day if resumes else None
        first = next((r.day for r in readings if since is None or r.day >= since), None)
        if not readings:
            return Past((), None, found, tuple(resumes))
        rules = catalog.sessions.progress
        start = window_start(readings[-1].day, rules)
        enough = max(sum(1 for r in readings if r.day >= start), rules.move_up_after_sessions)
        entries = {e.id: e for e in self.latest(enough)}
        if plan is not None:
            earliest = plan.start - timedelta(days=rules.window_days)
            entries.update((e.id, e) for e in self.between(earliest, readings[-1].day))
        ordered = sorted(entries.values(), key=lambda e: (e.session.day, e.id))
        later = self.later([e.id for e in ordered[-LATER_SESSIONS:]])
        return Past(tuple(ordered), first, found, tuple(resumes), tuple(later))

    def history(
        self, today: date, target: int, since: date | None = None, limit: int | None = None
    ) -> History:
        """What `backpain history` shows: sessions (the latest ``limit``), streak, trend."""
        self._warn_undated()
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
                f"SELECT {_MONDAY} AS week, count(*) FROM session WHERE {_GOOD} AND day <= ?"
                " GROUP BY week",
                (until.isoformat(),),
            ).fetchall()
        return {date.fromisoformat(week): count for week, count in rows}

    def count_between(self, first: date, last: date) -> int:
        with self.problems("read"):
            row = self.db.execute(
                f"SELECT count(*) FROM session WHERE {_GOOD} AND day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
        return int(row[0])

    def average_pain(self, first: date, last: date) -> float | None:
        """The mean of each session's pain (before, else after) from ``first`` to ``last``."""
        with self.problems("read"):
            row = self.db.execute(
                f"SELECT avg({_PAIN}) FROM session WHERE {_GOOD} AND day BETWEEN ? AND ?",
                (first.isoformat(), last.isoformat()),
            ).fetchone()
        return None if row[0] is None else float(row[0])

    def recent_pain(self, limit: int, since: date | None = None) -> list[int]:
        """The pain of the ``limit`` latest sessions that have one, oldest first."""
        with self.problems("read"):
            rows = self.db.execute(
                f"SELECT {_PAIN} FROM session WHERE {_GOOD} AND day >= ?"
                f" AND {_PAIN} IS NOT NULL"
                " ORDER BY day DESC, id DESC LIMIT ?",
                (_day(since), limit),
            ).fetchall()
        return [int(r[0]) for r in reversed(rows)]

    def span(self, since: date | None = None) -> tuple[date, date] | None:
        """The first and last day with a session on or after ``since``."""
        days = []
        with self.problems("read"):
            for order in ("ASC", "DESC"):  # each from the index on day, not a scan
                row = self.db.execute(
                    f"SELECT day FROM session WHERE day >= ? AND {_GOOD}"
                    f" ORDER BY day {order} LIMIT 1",
                    (_day(since),),
                ).fetchone()
                if row is None:
                    return None
                days.append(date.fromisoformat(row[0]))
        return days[0], days[1]

    def _warn_undated(self) -> None:
        """Tell ``warn`` of a session whose day is not a date: no query ever sees it."""
        if self.warn is None:
            return
        with self.problems("read"):
            row = self.db.execute(
                f"SELECT id, day FROM session WHERE NOT ({_GOOD}) OR day IS NULL LIMIT 1"
            ).fetchone()
        if row is not None:
            self._left_out(row[0], f"day = {visible(repr(row[1]))[:40]}")

    def _left_out(self, number: object, problem: str) -> None:
        """Tell ``warn`` that session ``number`` is left out, why, and the way out."""
        if self.warn is not None:
            self.warn(
                f"the journal {shown_path(self.path)} has a session ({number}) whose values "
                f"break its rules ({problem}); it is left out. "
                f"`backpain log --delete {number}` removes it."
            )

    def _entries(self, sql: str, params: Sequence[object]) -> list[Entry]:
        """The sessions ``sql`` selects, with their exercises; any that break the journal's
        rules are left out, and ``warn`` is told which and why."""
        with self.problems("read"):
            rows = self.db.execute(sql, params).fetchall()
            done: dict[object, list[tuple[object, ...]]] = {row[0]: [] for row in rows}
            if done:
                marks = ", ".join("?" * len(done))
                for number, *fields in self.db.execute(
                    "SELECT session_id, exercise, sets_planned, sets_done, reps, sets_partial,"
                    f" feel, pain FROM session_exercise WHERE session_id IN ({marks})"
                    " ORDER BY session_id, position",
                    list(done),
                ):
                    done[number].append(tuple(fields))
        entries = []
        for row in rows:
            problem = broken(row, done[row[0]])
            if problem:
                self._left_out(row[0], problem)
                continue
            number, day, band, before, after, complete, seconds, notes, adjustment = row
            record = SessionRecord(
                day=date.fromisoformat(day),
                band=band,
                exercises=tuple(ExerciseDone(*e) for e in done[number]),  # type: ignore[arg-type]
                all_sets_done=bool(complete),
                pain_before=before,
                pain_after=after,
                notes=notes,
                seconds=seconds,
                adjustment=adjustment,
            )
            entries.append(Entry(number, record))
        return entries


def _storable(number: int) -> bool:
    """Whether ``number`` can be a session's number at all (SQLite's whole numbers)."""
    return 0 < number <= MAX_INTEGER


def _day(since: date | None) -> str:
    return since.isoformat() if since else ""


def shown_path(path: Path) -> str:
    return visible(str(path))


def _disk_full(path: Path) -> bool:
    """Whether the disk the journal is on has no room left (SQLite reports that as an
    I/O error when it cannot make its shared-memory file)."""
    import os

    try:
        return os.statvfs(path.parent).f_bavail == 0
    except (OSError, AttributeError):  # AttributeError: no statvfs (Windows)
        return False


def sqlite_error(path: Path, doing: str, err: sqlite3.Error) -> JournalError:
    text = str(err)
    shown = shown_path(path)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return JournalError(
            f"Cannot {doing} the journal {shown}: it is damaged or not a backpain journal "
            f"({text}). It was left as it is. Move it away (a new journal starts on the next "
            "`backpain log`), or choose another data folder with --data-dir."
        )
    if "full" in text or ("I/O error" in text and _disk_full(path)):
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
