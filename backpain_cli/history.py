"""Pure statistics of the journal for `backpain history`: streak, adherence and pain trend.

The journal counts in SQL; the rules that turn counts into a streak, and the
shapes `history` shows, live here, with "today" always given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.records import Entry

SPARK = "▁▂▃▄▅▆▇█"
#: How many of the latest pain scores the history's sparkline shows.
SPARK_SESSIONS = 30


class Trend(NamedTuple):
    recent: tuple[int, ...]  # the latest pain scores, oldest first
    first_two_weeks: float | None
    last_two_weeks: float | None


class History(NamedTuple):
    entries: tuple[Entry, ...]  # the sessions shown, oldest first
    total: int  # all sessions on or after ``since``
    since: date | None
    weekly_target: int
    streak_weeks: int
    this_week: int  # sessions from this Monday to today
    last_four_weeks: int  # sessions in the 28 days to today
    trend: Trend

    @classmethod
    def empty(cls, since: date | None, weekly_target: int) -> History:
        """The history of a journal with nothing in it yet."""
        return cls((), 0, since, weekly_target, 0, 0, 0, Trend((), None, None))

    @property
    def four_week_target(self) -> int:
        return 4 * self.weekly_target

    @property
    def four_week_percent(self) -> int:
        return round(100 * self.last_four_weeks / self.four_week_target)


def monday(day: date) -> date:
    """The Monday on or before ``day``: the start of its week."""
    return day - timedelta(days=day.weekday())


def streak_weeks(weekly: Mapping[date, int], today: date, target: int) -> int:
    """Weeks in a row (keyed by Monday) with at least ``target`` sessions, up to this week.

    This week counts once it meets the target; until then the streak runs to last week.
    """
    week = monday(today)
    if weekly.get(week, 0) < target:
        week -= timedelta(weeks=1)
    streak = 0
    while weekly.get(week, 0) >= target:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def sparkline(scores: Sequence[int]) -> str:
    """One block per pain score: ▁ for 0 up to █ for 10."""
    top = len(SPARK) - 1
    return "".join(SPARK[round(min(max(s, 0), 10) * top / 10)] for s in scores)
