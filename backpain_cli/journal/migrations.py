"""The journal's format, as named migrations applied in order.

Each migration takes the journal from version N to N + 1, where N is its place
in MIGRATIONS; the version is kept in ``PRAGMA user_version``. A new one is a
new function at the end, never an edit of an old one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(step: Migration) -> Migration:
    """Add ``step`` as the next migration."""
    MIGRATIONS.append(step)
    return step


@migration
def m001_sessions(db: sqlite3.Connection) -> None:
    """Sessions, and the exercises done in each."""
    db.execute(
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
        )
        """
    )
    db.execute("CREATE INDEX session_by_day ON session (day, id)")
    db.execute(
        """
        CREATE TABLE session_exercise (
            session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            exercise TEXT NOT NULL,
            sets_planned INTEGER NOT NULL CHECK (sets_planned >= 0),
            sets_done INTEGER NOT NULL CHECK (sets_done >= 0),
            reps INTEGER NOT NULL CHECK (reps >= 0),
            PRIMARY KEY (session_id, position)
        ) WITHOUT ROWID
        """
    )


@migration
def m002_partial_sets_and_adjustments(db: sqlite3.Connection) -> None:
    """Sets ended early, and how a session was made easier after red pain before it."""
    db.execute(
        "ALTER TABLE session_exercise ADD COLUMN sets_partial INTEGER NOT NULL DEFAULT 0"
        " CHECK (sets_partial >= 0)"
    )
    db.execute("ALTER TABLE session ADD COLUMN adjustment TEXT NOT NULL DEFAULT ''")


@migration
def m003_plan(db: sqlite3.Connection) -> None:
    """The plan over weeks (`backpain plan`): its first day, weekdays and length; one row."""
    db.execute(
        """
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            start TEXT NOT NULL CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            days TEXT NOT NULL,
            weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 104),
            saved_at TEXT NOT NULL
        )
        """
    )


@migration
def m004_resumes(db: sqlite3.Connection) -> None:
    """Returns after a pause, cleared by a professional (`backpain resume`)."""
    db.execute(
        """
        CREATE TABLE resume (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            note TEXT NOT NULL DEFAULT '',
            logged_at TEXT NOT NULL
        )
        """
    )


@migration
def m005_exercise_feedback(db: sqlite3.Connection) -> None:
    """How each exercise felt (fine, hard, hurt or skipped) and its pain when it hurt; and
    resumes that end the pause of one exercise only."""
    db.execute(
        "ALTER TABLE session_exercise ADD COLUMN feel TEXT NOT NULL DEFAULT ''"
        " CHECK (feel IN ('', 'fine', 'hard', 'hurt', 'skipped'))"
    )
    db.execute("ALTER TABLE session_exercise ADD COLUMN pain INTEGER CHECK (pain BETWEEN 0 AND 10)")
    # The rules read every exercise that hurt, in every session: few rows, found quickly.
    db.execute(
        "CREATE INDEX exercise_pain ON session_exercise (session_id, position, exercise, pain)"
        " WHERE pain IS NOT NULL"
    )
    db.execute("ALTER TABLE resume ADD COLUMN exercise TEXT")


@migration
def m006_outcomes(db: sqlite3.Connection) -> None:
    """Check-ins (a questionnaire answered on a day, each answer in order) and the answer
    to "how is the pain 24 hours later?" after a session in the amber or red."""
    db.execute(
        """
        CREATE TABLE checkin (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            questionnaire TEXT NOT NULL,
            logged_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX checkin_by_day ON checkin (day, id)")
    db.execute(
        """
        CREATE TABLE checkin_answer (
            checkin_id INTEGER NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            item TEXT NOT NULL,
            answer INTEGER NOT NULL CHECK (answer BETWEEN 0 AND 100),
            PRIMARY KEY (checkin_id, position)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE later (
            session_id INTEGER PRIMARY KEY REFERENCES session (id) ON DELETE CASCADE,
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            logged_at TEXT NOT NULL
        )
        """
    )


@migration
def m007_session_sources(db: sqlite3.Connection) -> None:
    """Where a session was recorded, when it was elsewhere (a coach page's id for it), so
    that importing the same session twice keeps it once."""
    db.execute("ALTER TABLE session ADD COLUMN source TEXT")
    db.execute("CREATE UNIQUE INDEX session_by_source ON session (source) WHERE source IS NOT NULL")


SCHEMA_VERSION = len(MIGRATIONS)
#: The tables every journal has had since its first version (later ones are added by
#: the migrations that bring it up to date).
TABLES = {"session", "session_exercise"}


def apply(db: sqlite3.Connection, version: int) -> None:
    """Bring a journal at ``version`` up to date; run inside a write transaction.

    The version is read again under the write lock, so that when two programs
    migrate at once, only the first does the work.
    """
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current == version:
        for step in MIGRATIONS[current:]:
            step(db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
