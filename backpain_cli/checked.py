"""One checked reading for every number, date and time that comes from outside: the
command line, content files, the settings file and the journal.

The same rules everywhere: ASCII digits only (never a superscript or an Arabic-Indic digit), the one
documented format (YYYY-MM-DD, HH:MM), finite and within range, and a day between
EARLIEST and LATEST, so that no date sum can leave the calendar. Each reader raises
ValueError with a message that quotes at most a short excerpt of what it was given.
"""

from __future__ import annotations

import datetime
import math

from backpain_cli.textsafe import visible

#: The first and last days the program works with; the journal's and the plan's days
#: outside them are left out, and options outside them refused.
EARLIEST = datetime.date(1970, 1, 1)
LATEST = datetime.date(2999, 12, 31)
#: The most digits a whole number from outside may have.
MOST_DIGITS = 18
#: How much of a value a message quotes.
EXCERPT = 40


def excerpt(value: object, most: int = EXCERPT) -> str:
    """``value`` as a message quotes it: in quotes, control characters shown, and cut
    to ``most`` characters with "..." when it is longer."""
    text = value if isinstance(value, str) else str(value)
    shown: list[str] = []
    length = 0
    for character in text:  # cut as shown: a control character takes several to show
        piece = visible(character)
        if length + len(piece) > most:
            return "'" + "".join(shown) + "...'"
        shown.append(piece)
        length += len(piece)
    return "'" + "".join(shown) + "'"


def digits(text: str) -> bool:
    """Whether ``text`` is ASCII digits only (str.isdigit also takes ² and ٣)."""
    return text.isascii() and text.isdigit()


def whole_number(text: str, low: int, high: int, what: str = "a whole number") -> int:
    """``text`` as a whole number from ``low`` to ``high``: ASCII digits, a sign at most."""
    bare = text.strip()
    unsigned = bare[1:] if bare[:1] in "+-" else bare
    if not digits(unsigned):
        raise ValueError(f"{excerpt(text)} is not {what}")
    if len(unsigned) > MOST_DIGITS:
        raise ValueError(f"{excerpt(bare, 20)} is too large a number")
    number = int(bare)
    if not low <= number <= high:
        raise ValueError(f"{number} is not from {low} to {high}")
    return number


def finite(value: float) -> bool:
    """Whether a number read from a file is a number at all (not .nan, .inf or -.inf)."""
    return math.isfinite(value)


def day(text: str) -> datetime.date:
    """``text`` as a calendar day, written YYYY-MM-DD, from EARLIEST to LATEST."""
    bare = text.strip()
    if not (
        len(bare) == 10
        and bare[4] == "-"
        and bare[7] == "-"
        and digits(bare[:4] + bare[5:7] + bare[8:])
    ):
        raise ValueError(f"{excerpt(text)} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-09")
    try:
        found = datetime.date.fromisoformat(bare)
    except ValueError as err:
        raise ValueError(f"{excerpt(bare)} is not a day on the calendar ({err})") from None
    if found < EARLIEST:
        raise ValueError(f"{bare} is too long ago; give a day from {EARLIEST.year} on")
    if found > LATEST:
        raise ValueError(f"{bare} is too far ahead; give a day before {LATEST.year + 1}")
    return found


def in_calendar(value: datetime.date) -> bool:
    """Whether ``value`` is a day the program works with (from EARLIEST to LATEST)."""
    return EARLIEST <= value <= LATEST


def clock(text: str) -> datetime.time:
    """``text`` as a time of day on the user's own clock, written HH:MM (24 hours); no
    seconds and no time zone (a calendar keeps the time in the user's own zone)."""
    bare = text.strip()
    hours, colon, minutes = bare[:2], bare[2:3], bare[3:]
    if not (colon == ":" and len(bare) == 5 and digits(hours + minutes)):
        if "+" in bare[5:] or "-" in bare[5:] or bare[5:].upper() == "Z":
            raise ValueError(
                f"{excerpt(text)} has a time zone; give the time on your own clock as "
                "HH:MM, e.g. 18:30 (the calendar keeps it in your time zone)"
            )
        raise ValueError(f"{excerpt(text)} is not a time of day; write it as HH:MM, e.g. 18:30")
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(f"{bare} is not a time of day; hours go to 23 and minutes to 59")
    return datetime.time(int(hours), int(minutes))


def lead_time(text: str, most_minutes: int = 24 * 60) -> datetime.timedelta:
    """``text`` as minutes (30m) or hours (2h) before something, up to ``most_minutes``."""
    bare = text.strip().lower()
    number, unit = bare[:-1], bare[-1:]
    if unit not in ("m", "h") or not digits(number) or len(number) > 5:
        raise ValueError(f"{excerpt(text)} is not a lead time; write minutes or hours, e.g. 30m")
    minutes = int(number) * (60 if unit == "h" else 1)
    if not 0 < minutes <= most_minutes:
        raise ValueError(f"{bare} is not from 1 minute to {most_minutes // 60} hours")
    return datetime.timedelta(minutes=minutes)
