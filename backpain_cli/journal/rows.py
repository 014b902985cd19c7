"""What a valid session row is: the journal's rules, checked in Python for the rows a
command reads (SQLite's own CHECK constraints can be switched off by a hand edit)."""

from __future__ import annotations

from collections.abc import Sequence

from backpain_cli.models import FEELS
from backpain_cli.textsafe import visible

#: The largest whole number SQLite stores.
MAX_INTEGER = 2**63 - 1
#: How an exercise felt, as the journal keeps it ("" when the person did not say).
FEELS_KEPT = ("", *FEELS)


def broken(row: Sequence[object], exercises: list[tuple[object, ...]]) -> str:
    """What in a session's row (or its exercises) breaks the journal's rules, if anything."""
    _number, day, band, before, after, complete, seconds, notes, adjustment = row

    checks = [
        ("day", isinstance(day, str) and is_day(day)),
        ("band", good_band(band)),
        ("pain_before", good_pain(before)),
        ("pain_after", good_pain(after)),
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
    for exercise, planned, sets, reps, partial, feel, pain in exercises:
        counts = all(whole(n, 0) for n in (planned, sets, reps, partial))
        if not (isinstance(exercise, str) and counts and feel in FEELS_KEPT and good_pain(pain)):
            return f"an exercise row for {visible(repr(exercise))[:40]}"
    return ""


def whole(value: object, low: int, high: int = MAX_INTEGER) -> bool:
    return type(value) is int and low <= value <= high


def good_band(value: object) -> bool:
    return isinstance(value, str) and value != ""


def good_pain(value: object) -> bool:
    """A pain score as the journal keeps one: none, or a whole number from 0 to 10."""
    return value is None or whole(value, 0, 10)


def is_day(text: str) -> bool:
    """Whether ``text`` is a day as the journal keeps one: YYYY-MM-DD, within the days
    the program works with (backpain_cli.checked)."""
    from backpain_cli.checked import day

    try:
        return day(text).isoformat() == text
    except ValueError:
        return False
