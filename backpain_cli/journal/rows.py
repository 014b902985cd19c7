"""What a valid session row is: the journal's rules, checked in Python for the rows a
command reads (SQLite's own CHECK constraints can be switched off by a hand edit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from backpain_cli.textsafe import visible

#: The largest whole number SQLite stores.
MAX_INTEGER = 2**63 - 1


def broken(row: Sequence[object], exercises: list[tuple[object, ...]]) -> str:
    """What in a session's row (or its exercises) breaks the journal's rules, if anything."""
    _number, day, band, before, after, complete, seconds, notes, adjustment = row

    def whole(value: object, low: int, high: int = MAX_INTEGER) -> bool:
        return type(value) is int and low <= value <= high

    checks = [
        ("day", isinstance(day, str) and _is_day(day)),
        ("band", isinstance(band, str) and band != ""),
        ("pain_before", before is None or whole(before, 0, 10)),
        ("pain_after", after is None or whole(after, 0, 10)),
        ("all_sets_done", whole(complete, 0, 1)),
        ("seconds", seconds is None or whole(seconds, 0)),
        ("notes", isinstance(notes, str)),
        ("adjustment", isinstance(adjustment, str)),
    ]
    values = dict(zip(("day", "band", "pain_before", "pain_after", "all_sets_done", "seconds",
                       "notes", "adjustment"), row[1:], strict=True))  # fmt: skip
    for name, good in checks:
        if not good:
            return f"{name} = {visible(repr(values[name]))[:40]}"
    for exercise, planned, sets, reps, partial in exercises:
        if not (isinstance(exercise, str) and all(whole(n, 0) for n in (planned, sets, reps,
                                                                        partial))):  # fmt: skip
            return f"an exercise row for {visible(repr(exercise))[:40]}"
    return ""


def _is_day(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
