"""The log a coach page keeps, read back for the journal (`backpain log --import FILE`).

The file is whatever the person sends from their phone, so it is read as the content
is: every value checked (a day on the calendar and not in the future, a band the
content has, whole numbers in range, pain from 0 to 10, plain text), every problem
named with where it is, and nothing kept unless all of it is good. Each session
carries the id the page gave it, so a file imported twice keeps each session once.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, cast

from backpain_cli.checked import EARLIEST, excerpt
from backpain_cli.errors import BackpainError
from backpain_cli.models import FEELS, Catalog
from backpain_cli.records import ExerciseDone, SessionRecord

FORMAT = "backpain-coach-log"
VERSION = 1
#: The largest log file read: a year of daily sessions takes a small part of it.
MOST_BYTES = 2 * 1024 * 1024
MOST_SESSIONS = 5000
MOST_TEXT = 1000
_ID = re.compile(r"[0-9a-f]{8,64}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class LogError(BackpainError):
    """The file is not a coach page's log, or part of it breaks the journal's rules."""


def read(raw: bytes, shown: str, catalog: Catalog, today: date) -> list[SessionRecord]:
    """The sessions in a coach page's log file ``raw`` (named ``shown`` in messages)."""
    if len(raw) > MOST_BYTES:
        raise LogError(f"{shown} is {len(raw):,} bytes: too large for a coach page's log.")
    try:
        found = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LogError(
            f"{shown} is not a coach page's log: it is not text (UTF-8). Use the file the "
            "page's Download button gives."
        ) from None
    except json.JSONDecodeError as err:
        raise LogError(
            f"{shown} is not a coach page's log: it is not JSON (line {err.lineno}, column "
            f"{err.colno}: {err.msg}). Use the file the page's Download button gives."
        ) from None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise LogError(
            f'{shown} is not a coach page\'s log (it has no "format": "{FORMAT}"): perhaps '
            "another program's file. Use the file the page's Download button gives."
        )
    if found.get("version") != VERSION:
        raise LogError(
            f"{shown} is a coach page's log of version {excerpt(found.get('version'))}; this "
            f"backpain reads version {VERSION}. Update backpain, or make the page again."
        )
    sessions = found.get("sessions")
    if not isinstance(sessions, list) or len(sessions) > MOST_SESSIONS:
        raise LogError(f"{shown}: sessions: expected a list of at most {MOST_SESSIONS}.")
    problems: list[str] = []
    records = []
    for index, session in enumerate(sessions):
        record = _session(session, f"sessions[{index}]", catalog, today, problems)
        if record is not None:
            records.append(record)
    if problems:
        more = f"\n... and {len(problems) - 8} more" if len(problems) > 8 else ""
        raise LogError(
            f"{shown} has values the journal cannot keep; nothing was imported:\n"
            + "\n".join(f"  {shown}: {p}" for p in problems[:8])
            + more
        )
    return records


def _session(
    value: Any, at: str, catalog: Catalog, today: date, problems: list[str]
) -> SessionRecord | None:
    before = len(problems)

    def fail(field: str, message: str) -> None:
        problems.append(f"{at}.{field}: {message}")

    if not isinstance(value, dict):
        problems.append(f"{at}: expected a session (a mapping of fields)")
        return None
    uid = value.get("uid")
    if not (isinstance(uid, str) and _ID.fullmatch(uid)):
        fail("uid", f"{excerpt(uid)} is not a session's id from the page")
    day = _day(value.get("day"), today, fail)
    band = value.get("band")
    if not (isinstance(band, str) and any(b.id == band for b in catalog.bands.levels)):
        known = ", ".join(b.id for b in catalog.bands.levels)
        fail("band", f"{excerpt(band)} is not a band of this content ({known})")
    pains = {key: value.get(key) for key in ("pain_before", "pain_after")}
    for key, pain in pains.items():
        if not _score(pain):
            fail(key, f"{excerpt(pain)} is not a pain score from 0 to 10")
    seconds = value.get("seconds")
    if seconds is not None and not _whole(seconds, 0, 24 * 3600):
        fail("seconds", f"{excerpt(seconds)} is not a time in seconds")
    texts = {key: value.get(key, "") for key in ("adjustment", "notes")}
    for key, text in texts.items():
        if not (isinstance(text, str) and len(text) <= MOST_TEXT and text.isprintable()):
            fail(key, f"{excerpt(text)} is not plain text of at most {MOST_TEXT} characters")
    if not isinstance(value.get("all_sets_done"), bool):
        fail("all_sets_done", f"{excerpt(value.get('all_sets_done'))} is not true or false")
    exercises = value.get("exercises")
    done = []
    if not isinstance(exercises, list) or not 1 <= len(exercises) <= 50:
        fail("exercises", "expected a list of the exercises done")
    else:
        for number, exercise in enumerate(exercises):
            found = _exercise(exercise, f"{at}.exercises[{number}]", catalog, problems)
            if found is not None:
                done.append(found)
    if len(problems) > before or day is None:
        return None
    return SessionRecord(
        day=day,
        band=cast(str, band),
        exercises=tuple(done),
        all_sets_done=value["all_sets_done"],
        pain_before=pains["pain_before"],
        pain_after=pains["pain_after"],
        notes=texts["notes"],
        seconds=seconds,
        adjustment=texts["adjustment"],
        source=cast(str, uid),
    )


def _exercise(value: Any, at: str, catalog: Catalog, problems: list[str]) -> ExerciseDone | None:
    if not isinstance(value, dict):
        problems.append(f"{at}: expected an exercise (a mapping of fields)")
        return None
    before = len(problems)
    exercise = value.get("exercise")
    known = {e.id for e in (*catalog.exercises, *catalog.variants)}
    if exercise not in known:
        problems.append(f"{at}.exercise: {excerpt(exercise)} is not an exercise of this content")
    counts = {key: value.get(key) for key in ("sets_planned", "sets_done", "reps", "sets_partial")}
    for key, count in counts.items():
        if not _whole(count, 0, 100):
            problems.append(f"{at}.{key}: {excerpt(count)} is not a whole number from 0 to 100")
    feel, pain = value.get("feel", ""), value.get("pain")
    if feel not in ("", *FEELS):
        problems.append(f"{at}.feel: {excerpt(feel)} is not one of fine, hard, hurt, skipped")
    if not _score(pain):
        problems.append(f"{at}.pain: {excerpt(pain)} is not a pain score from 0 to 10")
    if len(problems) > before:
        return None
    whole = cast(dict[str, int], counts)
    return ExerciseDone(
        cast(str, exercise),
        whole["sets_planned"],
        whole["sets_done"],
        whole["reps"],
        whole["sets_partial"],
        feel,
        cast(int, pain),
    )


def _day(value: Any, today: date, fail: Any) -> date | None:
    if not (isinstance(value, str) and _DAY.fullmatch(value)):
        fail("day", f"{excerpt(value)} is not a day written YYYY-MM-DD")
        return None
    try:
        found = date.fromisoformat(value)
    except ValueError:
        fail("day", f"{excerpt(value)} is not a day on the calendar")
        return None
    if not EARLIEST <= found <= today:
        fail("day", f"{value} is not between {EARLIEST.isoformat()} and today")
        return None
    return found


def _whole(value: Any, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _score(value: Any) -> bool:
    return value is None or _whole(value, 0, 10)
