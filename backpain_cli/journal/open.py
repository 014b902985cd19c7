"""Find, create and open the journal: an SQLite file in the data folder.

- Created on the first `log`, readable by its owner only (and its folder, when
  this module creates it). Reading never creates or changes anything.
- The format is versioned with ``PRAGMA user_version`` and moved forward by
  journal.migrations; a journal from a newer program is refused, never altered.
- WAL mode and a busy timeout let two terminals log at once.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from backpain_cli.folders import DATA_ENV, JOURNAL_FILE
from backpain_cli.journal import migrations, store
from backpain_cli.journal.migrations import SCHEMA_VERSION, TABLES
from backpain_cli.journal.store import (
    Journal,
    JournalError,
    shown_path,
    sqlite_error,
    transaction,
)

FILE_NAME = JOURNAL_FILE
#: How quick_check reports a value that breaks a column's rule, not damage to the file.
_RULES_BROKEN = ("CHECK constraint failed", "NULL value in")
#: How to get out of a folder that cannot be used.
ELSEWHERE = f"Choose a folder you can write to with --data-dir or {DATA_ENV}."


def journal_path(folder: Path) -> Path:
    return folder / FILE_NAME


def open_for_reading(folder: Path, warn: Callable[[str], None] | None = None) -> Journal | None:
    """The journal in ``folder``, or None when there is none yet. Creates nothing."""
    path, exists = _file(folder)
    if not exists:
        return None
    connection = _reading(path)

    def read(journal: Journal, version: int) -> Journal:
        if version == SCHEMA_VERSION:
            return journal
        # An older journal: read what it has after migrating a private copy in memory.
        memory = sqlite3.connect(":memory:", isolation_level=None)
        journal.db.backup(memory)
        journal.close()
        copy = Journal(path, memory, warn)
        try:
            _migrate(copy, version)
        except BaseException:
            copy.close()
            raise
        return copy

    return _checked(path, connection, read, warn)


def _reading(path: Path) -> sqlite3.Connection:
    """A connection that can read the journal, however little can be written around it.

    Read-write (not create) when allowed: SQLite then tidies its WAL files on close.
    Else read-only. And where even that fails because SQLite cannot make its shared
    memory file beside the journal (a full disk, a read-only folder), the file is read
    as it stands, taking no lock, as long as no write is waiting in its WAL file: such
    a read could miss nothing."""
    failed: sqlite3.Error | None = None
    modes = ["rw", "ro"]
    if not _wal_pending(path):
        modes.append("ro&immutable=1")
    for mode in modes:
        try:
            connection = _connect(path, mode)
        except sqlite3.OperationalError as err:
            failed = err
            continue
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as err:  # cannot lock or map it: not "not a database"
            connection.close()
            failed = err
            continue
        except sqlite3.Error:
            return connection  # damage: the checks that follow name it
        return connection
    assert failed is not None
    raise sqlite_error(path, "open", failed)


def _wal_pending(path: Path) -> bool:
    """Whether the journal's WAL file holds writes not yet in the journal itself (or
    cannot be looked at): then it cannot be read without SQLite's shared memory."""
    try:
        return os.stat(f"{path}-wal").st_size > 0
    except FileNotFoundError:
        return False
    except OSError:
        return True


def check_writable(folder: Path) -> None:
    """Raise JournalError, with the message a write would end with, unless a session
    could be saved in the journal in ``folder`` now; creates and changes nothing.

    The folder must be one that exists or can be made, and be writable; a journal
    already there must be one this program reads, undamaged, and writable. (Another
    program's lock can only be met when writing.)"""
    path = journal_path(folder)
    nearest = folder
    while True:
        try:
            info = os.stat(nearest)
            break
        except FileNotFoundError:
            if nearest.parent == nearest:
                break
            nearest = nearest.parent
        except OSError as err:
            raise JournalError(
                f"Cannot use the data folder {shown_path(folder)}: {err.strerror}. {ELSEWHERE}"
            ) from None
    import stat

    if not stat.S_ISDIR(info.st_mode):
        raise JournalError(
            f"Cannot use {shown_path(folder)} as the data folder: {shown_path(nearest)} is a "
            f"file. Choose another with --data-dir or {DATA_ENV}."
        )
    if not os.access(nearest, os.W_OK | os.X_OK):
        what = "write in" if nearest == folder else "create"
        raise JournalError(
            f"Cannot {what} the data folder {shown_path(folder)}: permission denied. {ELSEWHERE}"
        )
    journal = open_for_reading(folder)
    if journal is None:
        return
    with journal:
        with journal.problems("write to"):
            verdicts = [row[0] for row in journal.db.execute("PRAGMA quick_check")]
        damage = [v for v in verdicts if v != "ok" and not v.startswith(_RULES_BROKEN)]
        if damage:
            raise sqlite_error(path, "write to", sqlite3.DatabaseError(damage[0]))
    if not os.access(path, os.W_OK):
        raise JournalError(
            f"Cannot write to the journal {shown_path(path)}: permission denied. Check that "
            "you can write to it, or choose another data folder with --data-dir."
        )


def open_for_writing(
    folder: Path,
    warn: Callable[[str], None] | None = None,
    waiting: Callable[[str], None] | None = None,
) -> Journal:
    """The journal in ``folder``, created (owner-only) and brought up to date when needed;
    ``waiting`` is told when a write has to wait for another program."""
    _make_folder(folder)
    path, exists = _file(folder)
    if not exists:
        _tidy(folder)
        _create(path)
    try:
        connection = _connect(path, "rw")
    except sqlite3.Error as err:
        raise sqlite_error(path, "open", err) from None

    def write(journal: Journal, version: int) -> Journal:
        with journal.problems("check"):
            verdicts = [row[0] for row in connection.execute("PRAGMA quick_check")]
        # Values that break a column's rule (a hand edit) leave the file sound: those
        # sessions are left out of every read (see Journal), and can be deleted.
        damage = [v for v in verdicts if v != "ok" and not v.startswith(_RULES_BROKEN)]
        if damage:
            raise sqlite_error(path, "write to", sqlite3.DatabaseError(damage[0]))
        if version == 0:  # an empty file someone else made: WAL if it can be had now
            with contextlib.suppress(sqlite3.OperationalError):
                connection.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            _migrate(journal, version)
        return journal

    journal = _checked(path, connection, write, warn)
    journal.waiting = waiting
    return journal


def _checked(
    path: Path,
    connection: sqlite3.Connection,
    then: Callable[[Journal, int], Journal],
    warn: Callable[[str], None] | None,
) -> Journal:
    """The journal on ``connection`` once its version is checked and ``then`` has made it
    ready; closed again if anything goes wrong."""
    journal = Journal(path, connection, warn)
    try:
        return then(journal, _version(journal))
    except BaseException:
        journal.close()
        raise


def _create(path: Path) -> None:
    """Make a new, complete journal at ``path`` in one step, private from its first byte.

    It is built under a temporary name (owner-only, every migration applied straight
    into the file, then switched to WAL mode), checked whole, and only then linked
    into place: nobody ever sees a half-made journal, and a full disk leaves none at
    all. When two programs create it at once, the first link wins and the other's
    copy is dropped.
    """
    from backpain_cli.files import temporary_beside

    try:
        with temporary_beside(path, prefix=".journal-") as temporary:
            # Named by its final path: a message speaks of the journal, not the draft.
            draft = Journal(path, _connect(temporary, "rw"))
            try:
                _migrate(draft, 0, "create")  # a rollback journal: no WAL left to lose
                with draft.problems("create"):
                    draft.db.execute("PRAGMA journal_mode = WAL")
            finally:
                draft.close()
            _check_draft(path, temporary)
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass  # another backpain made it first: use theirs
            except OSError:
                if not path.exists():  # no hard links here: a rename, almost as good
                    os.replace(temporary, path)
    except sqlite3.Error as err:
        raise sqlite_error(path, "create", err) from None
    except OSError as err:
        raise JournalError(
            f"Cannot create the journal {shown_path(path)}: {err.strerror}. {ELSEWHERE}"
        ) from None


def _check_draft(path: Path, draft: Path) -> None:
    """Raise unless the closed ``draft`` is a whole journal of the current format."""
    check = Journal(path, _connect(draft, "ro"))
    try:
        with check.problems("create"):
            verdict = check.db.execute("PRAGMA quick_check").fetchone()[0]
            version = check.db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        check.close()
    if verdict != "ok" or version != SCHEMA_VERSION:
        raise sqlite_error(path, "create", sqlite3.DatabaseError(f"unfinished: {verdict}"))


#: A draft journal older than this was left by a creation that was interrupted.
STALE_SECONDS = 60


def _tidy(folder: Path) -> None:
    """Remove the drafts (and their SQLite companions) that an interrupted creation left."""
    import time

    for leftover in folder.glob(".journal-*.tmp*"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.lstat().st_mtime > STALE_SECONDS:
                leftover.unlink()


def _file(folder: Path) -> tuple[Path, bool]:
    """The journal file in ``folder`` and whether it exists, after checking that it is a
    regular file (not a folder, a pipe or a device) that can be looked at."""
    import stat

    path = journal_path(folder)
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return path, False
    except PermissionError:
        raise JournalError(
            f"Cannot read the data folder {shown_path(folder)}: permission denied. {ELSEWHERE}"
        ) from None
    except OSError as err:
        raise JournalError(
            f"Cannot open the journal {shown_path(path)}: {err.strerror}. {ELSEWHERE}"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise JournalError(
            f"{shown_path(path)} is a folder, not a journal. Move it away, or choose another "
            "data folder with --data-dir."
        )
    if not stat.S_ISREG(info.st_mode):
        raise JournalError(
            f"{shown_path(path)} is not a regular file (a pipe, device or socket), so not a "
            "journal. It was left as it is. Move it away, or choose another data folder with "
            "--data-dir."
        )
    return path, True


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """An SQLite connection to ``path`` in ``mode`` (rw or ro; never creating the file)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    connection = sqlite3.connect(uri, uri=True, timeout=store.WAIT_SECONDS, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _version(journal: Journal) -> int:
    """The journal's format version, after checking the file is a journal this program reads."""
    with journal.problems("read"):
        version = int(journal.db.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            row[0]
            for row in journal.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    shown = shown_path(journal.path)
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"{shown} was written by a newer version of backpain (journal format {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update backpain to read it. "
            "The file was not changed."
        )
    user_tables = {t for t in tables if not t.startswith("sqlite_")}
    if version < 0 or (version == 0 and user_tables) or (version > 0 and not tables >= TABLES):
        raise JournalError(
            f"{shown} is an SQLite file but not a backpain journal. It was left as it is. "
            "Move it away, or choose another data folder with --data-dir."
        )
    return version


def _migrate(journal: Journal, version: int, doing: str = "update") -> None:
    """Apply the migrations after ``version``, in one transaction."""
    with journal.problems(doing), transaction(journal.db):
        migrations.apply(journal.db, version)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError:
        raise JournalError(
            f"Cannot use {shown_path(folder)} as the data folder: it is a file. Choose another "
            f"with --data-dir or {DATA_ENV}."
        ) from None
    except OSError as err:
        raise JournalError(
            f"Cannot create the data folder {shown_path(folder)}: {err.strerror}. {ELSEWHERE}"
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise JournalError(
            f"Cannot write in the data folder {shown_path(folder)}: permission denied. {ELSEWHERE}"
        )
