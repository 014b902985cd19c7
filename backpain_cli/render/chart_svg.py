"""The charts as SVG, drawn by hand for the report's HTML and PDF: axes, the traffic light
(or the band a change must leave) shaded, a polyline for each run of points.

Deterministic: the same data gives the same bytes (every number rounded, nothing
random or dated), so a snapshot test holds each picture. Every text is escaped and has
its control characters made visible; no script, nothing fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from xml.sax.saxutils import escape

from backpain_cli.charts import GAP_DAYS, PainChart, ScoreChart
from backpain_cli.textsafe import visible

#: The pain chart's width, and a questionnaire's (two sit side by side on a page).
WIDTH, NARROW = 720, 360
LEFT = 40  # the plot's left edge; its right edge leaves room for the levels' names
FONT = "DejaVu, 'DejaVu Sans', Verdana, sans-serif"  # DejaVu: the name the PDF's font has
INK, GREY, LIGHT = "#1f2933", "#52606d", "#cbd2d9"
BEFORE, LATER = "#1565c0", "#6a1b9a"
FILLS = {"green": "#e3f4e5", "amber": "#fff1d6", "red": "#fde3e1"}
BAND_FILL = "#e3eefb"


def _t(text: str) -> str:
    return escape(visible(text))


def _n(value: float) -> str:
    """A coordinate: one decimal at most, never "-0"."""
    shown = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown


def _label(day: date) -> str:
    return f"{day.day} {day:%b}"


def _ticks(first: date, last: date, most: int = 8) -> list[date]:
    """Mondays from ``first`` to ``last``, every 1, 2, 4 ... weeks, at most ``most``."""
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    weeks = max((last - monday).days // 7 + 1, 1)
    step = 1
    while weeks / step > most:
        step *= 2
    return [monday + timedelta(weeks=w) for w in range(0, weeks, step)
            if monday + timedelta(weeks=w) <= last]  # fmt: skip


class _Frame:
    """Days across, values up, in the plot's box (``right`` its right edge)."""

    def __init__(
        self, first: date, last: date, low: float, high: float, box: tuple[int, int, int]
    ) -> None:
        self.first, self.days = first, max((last - first).days, 1)
        self.single = first == last
        self.low, self.high = low, high
        self.top, self.bottom, self.right = box

    def x(self, day: date) -> float:
        if self.single:
            return (LEFT + self.right) / 2
        return LEFT + 12 + (day - self.first).days / self.days * (self.right - LEFT - 24)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)


def _document(
    ident: str, title: str, description: str, size: tuple[int, int], body: list[str]
) -> str:
    width, height = size
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{_t(title)}</title>',
            f'<desc id="{ident}-desc">{_t(description)}</desc>',
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
            *body,
            "</svg>",
            "",
        ]
    )


def _axes(frame: _Frame, ticks: Sequence[date], values: Sequence[int]) -> list[str]:
    """The value axis with its grid, and the days below."""
    parts = [f'<g font-family="{FONT}" font-size="11" fill="{GREY}">']
    right = frame.right
    for value in values:
        y = _n(frame.y(value))
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{right}" y2="{y}" stroke="{LIGHT}" '
                     'stroke-width="0.6"/>')  # fmt: skip
        parts.append(f'<text x="{LEFT - 6}" y="{_n(frame.y(value) + 4)}" '
                     f'text-anchor="end">{value}</text>')  # fmt: skip
    base = _n(frame.bottom)
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{right}" y2="{base}" stroke="{INK}" '
                 'stroke-width="1"/>')  # fmt: skip
    parts.append(f'<line x1="{LEFT}" y1="{_n(frame.top)}" x2="{LEFT}" y2="{base}" '
                 f'stroke="{INK}" stroke-width="1"/>')  # fmt: skip
    for day in ticks:
        x = _n(frame.x(day))
        parts.append(f'<line x1="{x}" y1="{base}" x2="{x}" y2="{_n(frame.bottom + 4)}" '
                     f'stroke="{INK}" stroke-width="1"/>')  # fmt: skip
        parts.append(f'<text x="{x}" y="{_n(frame.bottom + 17)}" '
                     f'text-anchor="middle">{_t(_label(day))}</text>')  # fmt: skip
    parts.append("</g>")
    return parts


def _line(frame: _Frame, run: Sequence[tuple[date, float]], colour: str, width: float) -> str:
    points = " ".join(f"{_n(frame.x(d))},{_n(frame.y(v))}" for d, v in run)
    return (f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}" stroke-linejoin="round" stroke-linecap="round"/>')  # fmt: skip


def pain_svg(chart: PainChart) -> str:
    """Pain before (open circles) and after (a line, broken at gaps) each session, and the
    answers 24 hours later (squares), over the traffic light's levels."""
    right = WIDTH - 80
    frame = _Frame(chart.first, chart.last, 0, 10, (30, 160, right))
    body = []
    for level in chart.levels:
        top, bottom = frame.y(min(level.high + 0.5, 10)), frame.y(max(level.low - 0.5, 0))
        fill = FILLS.get(level.colour.lower(), "#f0f4f8")
        body.append(f'<rect x="{LEFT}" y="{_n(top)}" width="{right - LEFT}" '
                    f'height="{_n(bottom - top)}" fill="{fill}"/>')  # fmt: skip
        body.append(f'<text x="{right + 8}" y="{_n((top + bottom) / 2 + 4)}" font-family="{FONT}" '
                    f'font-size="12" fill="{INK}">{_t(level.colour)} {level.low}-{level.high}'
                    "</text>")  # fmt: skip
    body += _axes(frame, _ticks(chart.first, chart.last), [0, 2, 4, 6, 8, 10])
    for run in chart.runs("after"):
        if len(run) > 1:
            body.append(_line(frame, run, INK, 2.5))
    for point in chart.points:
        x = frame.x(point.day)
        if point.before is not None:
            body.append(f'<circle cx="{_n(x)}" cy="{_n(frame.y(point.before))}" r="4" '
                        f'fill="#ffffff" stroke="{BEFORE}" stroke-width="2"/>')  # fmt: skip
        if point.after is not None:
            body.append(f'<circle cx="{_n(x)}" cy="{_n(frame.y(point.after))}" r="4" '
                        f'fill="{INK}"/>')  # fmt: skip
        if point.later is not None:
            later_x = frame.x(point.day + timedelta(days=1))
            y = frame.y(point.later)
            body.append(f'<rect x="{_n(later_x - 4)}" y="{_n(y - 4)}" width="8" height="8" '
                        f'fill="{LATER}"/>')  # fmt: skip
    body.append(_legend([("after", "line"), ("before", "open"), ("24 hours later", "square")]))
    count = len(chart.points)
    description = (
        f"{count} session{'s' if count != 1 else ''} from {chart.first.isoformat()} to "
        f"{chart.last.isoformat()}: "
        + "; ".join(
            f"{p.day.isoformat()} before {_or(p.before)}, after {_or(p.after)}"
            + (f", 24 hours later {p.later}" if p.later is not None else "")
            for p in chart.points
        )
        + f". Sessions more than {GAP_DAYS} days apart are not joined."
    )
    title = "Pain before and after each session, 0-10"
    return _document("chart-pain", title, description, (WIDTH, 190), body)


def _or(value: int | None) -> str:
    return "not recorded" if value is None else str(value)


def _legend(items: Sequence[tuple[str, str]]) -> str:
    """A line of keys above the plot: a line, an open circle or a square, and its name."""
    parts = [f'<g font-family="{FONT}" font-size="12" fill="{INK}">']
    x = LEFT
    for name, kind in items:
        if kind == "line":
            parts.append(f'<line x1="{x}" y1="16" x2="{x + 18}" y2="16" stroke="{INK}" '
                         'stroke-width="2.5"/>')  # fmt: skip
            parts.append(f'<circle cx="{x + 9}" cy="16" r="4" fill="{INK}"/>')
        elif kind == "open":
            parts.append(f'<circle cx="{x + 9}" cy="16" r="4" fill="#ffffff" stroke="{BEFORE}" '
                         'stroke-width="2"/>')  # fmt: skip
        else:
            parts.append(f'<rect x="{x + 5}" y="12" width="8" height="8" fill="{LATER}"/>')
        parts.append(f'<text x="{x + 24}" y="20">{_t(name)}</text>')
        x += 24 + 7 * len(name) + 22
    parts.append("</g>")
    return "\n".join(parts)


def score_svg(chart: ScoreChart, places: int, ident: str) -> str:
    """A questionnaire's score by week, joined week to week, with the band of less than
    the change that matters (around the first score) shaded; ``ident`` tells the
    pictures of one page apart."""
    first, last = chart.weeks[0][0], chart.weeks[-1][0]
    frame = _Frame(first, last, chart.low, chart.high, (14, 114, NARROW - 12))
    body = []
    if chart.band is not None:
        low, high = chart.band
        top, bottom = frame.y(high), frame.y(low)
        body.append(f'<rect x="{LEFT}" y="{_n(top)}" width="{frame.right - LEFT}" '
                    f'height="{_n(bottom - top)}" fill="{BAND_FILL}"/>')  # fmt: skip
    step = max((chart.high - chart.low) // 5, 1)
    values = list(range(chart.low, chart.high + 1, step))
    if values[-1] != chart.high:
        values.append(chart.high)
    body += _axes(frame, _ticks(first, last, 5), values)
    for run in chart.runs():
        if len(run) > 1:
            body.append(_line(frame, run, INK, 2.5))
    for monday, value in chart.weeks:
        x, y = frame.x(monday), frame.y(value)
        body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{INK}"/>')
        body.append(f'<text x="{_n(x)}" y="{_n(y - 8)}" font-family="{FONT}" font-size="11" '
                    f'text-anchor="middle" fill="{INK}">{value:.{places}f}</text>')  # fmt: skip
    better = "higher is better" if chart.higher_is_better else "lower is better"
    description = (
        f"{chart.name} ({chart.low} to {chart.high}, {better}) by week: "
        + "; ".join(f"week of {m.isoformat()} {v:.{places}f}" for m, v in chart.weeks)
        + (f". {chart.band_words}" if chart.band_words else ".")
    )
    return _document(f"chart-{ident}", f"{chart.name}, by week", description, (NARROW, 142), body)
