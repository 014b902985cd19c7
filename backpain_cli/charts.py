"""What the charts show, as data: pain before and after each session over time against the
traffic light, and each questionnaire's score by week against the change that matters.

Pure: the journal's sessions and answers, the content's pain guide and the outcomes
come in; the terminal (render.charts) and the SVG of the report (render.chart_svg)
draw the same charts from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.models import PainLevel
from backpain_cli.outcomes import Outcome, each_day, weeks
from backpain_cli.records import Entry, Later

#: Sessions further apart than this are not joined by a line: the gap shows (a choice of
#: this guide's drawing, a week: sessions on days apart are joined, a week off is not).
GAP_DAYS = 7


class PainPoint(NamedTuple):
    """One session's pain as the chart shows it."""

    day: date
    before: int | None
    after: int | None
    later: int | None = None  # 24 hours later, when it was asked and answered


class PainChart(NamedTuple):
    first: date  # the chart runs from this day
    last: date  # to this one
    points: tuple[PainPoint, ...]  # oldest first
    levels: tuple[PainLevel, ...]  # the traffic light, from 0 up

    def runs(self, which: str) -> list[list[tuple[date, int]]]:
        """The points of ``which`` ("before" or "after") that a line joins: a run ends at a
        session without that score, or before a gap of more than GAP_DAYS days."""
        found: list[list[tuple[date, int]]] = []
        run: list[tuple[date, int]] = []
        for point in self.points:
            value = point.before if which == "before" else point.after
            if value is None or (run and (point.day - run[-1][0]).days > GAP_DAYS):
                if run:
                    found.append(run)
                run = []
            if value is not None:
                run.append((point.day, value))
        if run:
            found.append(run)
        return found


def pain_chart(
    entries: Sequence[Entry],
    levels: Sequence[PainLevel],
    later: Sequence[Later] = (),
    first: date | None = None,
    last: date | None = None,
) -> PainChart | None:
    """The sessions' pain from ``first`` to ``last`` (by default, the first and the last
    session's days); None without a session with a pain score."""
    answers = {item.session: item.pain for item in later}
    points = tuple(
        PainPoint(e.session.day, e.session.pain_before, e.session.pain_after, answers.get(e.id))
        for e in sorted(entries, key=lambda e: (e.session.day, e.id))
        if (first is None or e.session.day >= first) and (last is None or e.session.day <= last)
        and (e.session.pain_before is not None or e.session.pain_after is not None)
    )  # fmt: skip
    if not points:
        return None
    return PainChart(first or points[0].day, last or points[-1].day, points, tuple(levels))


class ScoreChart(NamedTuple):
    """A questionnaire's score by week, and the band around the first score that a change
    must leave to pass its threshold."""

    name: str
    low: int  # the scale's ends (of a score: its whole range)
    high: int
    weeks: tuple[tuple[date, float], ...]  # (Monday, the week's score), oldest first
    band: tuple[float, float] | None  # from, to: less than the threshold from the first
    band_words: str  # what the band is (its source: the questionnaire's thresholds)
    higher_is_better: bool

    def runs(self) -> list[list[tuple[date, float]]]:
        """The weeks a line joins: a run ends before a week without a check-in."""
        found: list[list[tuple[date, float]]] = []
        for monday, value in self.weeks:
            if found and (monday - found[-1][-1][0]) <= timedelta(days=7):
                found[-1].append((monday, value))
            else:
                found.append([(monday, value)])
        return found


def score_chart(found: Outcome) -> ScoreChart | None:
    """The chart of one questionnaire's check-ins; None before any."""
    q = found.questionnaire
    by_week = weeks(found.scores)
    if not by_week:
        return None
    from backpain_cli.content.questionnaires import score_range

    low, high = score_range(q.scoring, q.scale, len(found.scores[0].checkin.answers))
    threshold = q.judged_by("score")
    band = None
    words = ""
    first = each_day(found.scores)[0].score  # what a change is measured from
    if threshold is not None:
        # A change passes at either size (points or percent), so the band is the smaller.
        sizes = [] if threshold.points is None else [threshold.points]
        if threshold.percent is not None and first:
            sizes.append(abs(first) * threshold.percent / 100)
        if sizes:
            size = min(sizes)
            band = (max(first - size, low), min(first + size, high))
            words = f"Shaded: less than {threshold.words} from the first score."
    return ScoreChart(q.name, int(low), int(high), tuple(by_week), band, words, q.higher_is_better)
