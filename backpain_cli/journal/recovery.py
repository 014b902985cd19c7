"""Sessions kept for the journal when it could not be written: a finished session is
never lost.

A guided session that ends while the journal cannot take it (another program holds
it locked for too long, the disk is full, the file is damaged) is written to a small
recovery file instead: beside the journal when its folder can be written, else in
the cache folder. The next time the journal can be written, every such file for
that journal is saved in it and then removed. The files are read as the journal
reads its rows: a file that is not a whole, valid session is left where it is, with
a word, and never half-saved.
"""

from __future__ import annotations

import os
import zlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from backpain_cli.records import SessionRecord

FORMAT = 1
PREFIX = "backpain-unsaved-session-"
SUFFIX = ".json"
#: A recovery file larger than this is not one of ours.
MAX_BYTES = 64 * 1024


class Kept(NamedTuple):
    """A session found in a recovery file."""

    path: str
    record: SessionRecord
    logged_at: datetime


def _key(journal: str | os.PathLike[str]) -> str:
    """Which journal a recovery file is for, in its name."""
    return f"{zlib.crc32(os.fsencode(os.path.abspath(journal))):08x}"


def places(folder: str | os.PathLike[str]) -> list[str]:
    """Where recovery files for the journal in ``folder`` go, in order of preference:
    the data folder itself, then the cache folder."""
    from backpain_cli.folders import cache

    return [os.fspath(folder), cache()]


def keep(record: SessionRecord, folder: Path, journal: Path, now: datetime | None = None) -> Path:
    """Write ``record`` to a new recovery file for ``journal`` (in ``folder``); its path.

    OSError when no place can take it."""
    import json
    from datetime import datetime, timezone
    from pathlib import Path

    from backpain_cli.files import staged

    logged = now or datetime.now(timezone.utc)
    data = json.dumps(
        {
            "format": FORMAT,
            "journal": str(journal),
            "logged_at": logged.isoformat(),
            "session": _fields(record),
        },
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")
    name = f"{PREFIX}{_key(journal)}-{logged:%Y%m%dT%H%M%S}-{os.getpid()}{SUFFIX}"
    failed: OSError | None = None
    for place in map(Path, places(folder)):
        try:
            place.mkdir(mode=0o700, parents=True, exist_ok=True)
            target = place / name
            with staged(target, data, replace=False, shared=False) as put:
                put()
            return target
        except OSError as err:
            failed = failed or err
    assert failed is not None
    raise failed


def pending(folder: str | os.PathLike[str], journal: str | os.PathLike[str]) -> list[str]:
    """The recovery files waiting for ``journal``, oldest first: two folders listed,
    nothing imported (every command that reads the journal looks)."""
    start = f"{PREFIX}{_key(journal)}-"
    found: list[tuple[str, str]] = []
    for place in places(folder):
        try:
            names = os.listdir(place)
        except OSError:
            continue
        found += [(n, os.path.join(place, n)) for n in names
                  if n.startswith(start) and n.endswith(SUFFIX)]  # fmt: skip
    return [path for _name, path in sorted(found)]


def read(path: str) -> Kept:
    """The session in a recovery file; ValueError (saying what) when it is not one."""
    import json
    from datetime import date, datetime

    from backpain_cli.files import read_regular
    from backpain_cli.journal.rows import broken
    from backpain_cli.records import ExerciseDone, SessionRecord

    try:
        found = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
        session = found["session"]
        row = (
            0, session["day"], session["band"], session["pain_before"], session["pain_after"],
            session["all_sets_done"], session["seconds"], session["notes"], session["adjustment"],
        )  # fmt: skip
        exercises = [tuple(e) for e in session["exercises"]]
        logged_at = datetime.fromisoformat(found["logged_at"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
        raise ValueError(f"not a session this program wrote ({err})") from None
    if found.get("format") != FORMAT or any(len(e) != len(ExerciseDone._fields) for e in exercises):
        raise ValueError("not a session this program wrote (its format)")
    problem = broken(row, exercises)
    if problem:
        raise ValueError(f"not a session this program wrote ({problem})")
    record = SessionRecord(
        day=date.fromisoformat(session["day"]),
        band=session["band"],
        exercises=tuple(ExerciseDone(*e) for e in exercises),
        all_sets_done=bool(session["all_sets_done"]),
        pain_before=session["pain_before"],
        pain_after=session["pain_after"],
        notes=session["notes"],
        seconds=session["seconds"],
        adjustment=session["adjustment"],
    )
    return Kept(path, record, logged_at)


def _fields(record: SessionRecord) -> dict[str, object]:
    return {
        "day": record.day.isoformat(),
        "band": record.band,
        "exercises": [list(e) for e in record.exercises],
        "all_sets_done": int(record.all_sets_done),
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "notes": record.notes,
        "seconds": record.seconds,
        "adjustment": record.adjustment,
    }


def log_command(record: SessionRecord) -> str:
    """The `backpain log` command that records the session again, for when it could be
    kept nowhere at all (every set of the exercises started, the nearest it can say)."""
    import shlex

    words = ["backpain", "log", "--band", record.band, "--date", record.day.isoformat()]
    if record.pain_before is not None:
        words += ["--pain-before", str(record.pain_before)]
    if record.pain_after is not None:
        words += ["--pain-after", str(record.pain_after)]
    if not record.all_sets_done:
        for done in record.exercises_started:
            words += ["--exercise", done.exercise]
    return shlex.join(words)
