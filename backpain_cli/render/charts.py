"""The charts in the terminal, drawn on the project's canvas (braille, or ASCII where the
output cannot show it) at the width there is; in a pipe, the same numbers as a plain
table.

One row is one point of the scale, so each score sits on its own row and the labels
on the left read straight across: the pain chart's rows are the traffic light's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.text import Text

from backpain_cli.charts import GAP_DAYS, PainChart, ScoreChart, score_chart
from backpain_cli.figures.canvas import grid
from backpain_cli.outcomes import Outcome, number
from backpain_cli.render.widgets import PAIN_STYLES, safe_text

BEFORE, AFTER, BAND, POINT = "before", "after", "band", "point"
LAYERS = (BAND, BEFORE, AFTER, POINT)
STYLES = {BAND: "dim", BEFORE: "cyan", AFTER: "bold", POINT: "bold"}
#: The left margin ("10 ┤") and the narrowest plot worth drawing.
MARGIN = 4
NARROWEST = 12


def day_label(day: date) -> str:
    """ "2 Nov" """
    return f"{day.day} {day:%b}"


class _Plot:
    """A canvas of ``columns`` x ``rows`` characters, one row a point of the scale from
    ``high`` down to ``low``, over the days from ``first`` to ``last``."""

    def __init__(
        self, columns: int, low: int, high: int, first: date, last: date, braille: bool
    ) -> None:
        self.columns, self.low, self.high = columns, low, high
        self.rows = high - low + 1
        self.first, self.days = first, max((last - first).days, 0)
        self.braille = braille
        self.cell_w, self.cell_h = (2, 4) if braille else (1, 1)
        self.canvas = grid(columns, self.rows, LAYERS, braille)

    def x(self, day: date) -> float:
        across = self.columns * self.cell_w - 1
        if not self.days:
            return across / 2
        return 0.5 + (day - self.first).days / self.days * (across - 1)

    def y(self, value: float) -> float:
        return (self.high - value) * self.cell_h + (self.cell_h - 1) / 2

    def line(self, points: Sequence[tuple[date, float]], layer: str) -> None:
        """``points`` joined by a line; a point on its own, a short dash."""
        dots = [(self.x(d), self.y(v)) for d, v in points]
        if len(dots) == 1:
            (x, y), reach = dots[0], 0.5 * self.cell_w
            self.canvas.line((x - reach, y), (x + reach, y), layer)
        for start, end in itertools.pairwise(dots):
            self.canvas.line(start, end, layer)

    def marks(self, points: Sequence[tuple[date, float]], layer: str) -> None:
        """Each of ``points`` as a mark of its own, not joined: a square of four dots
        (an "o" in ASCII)."""
        rank = self.canvas.layers.index(layer)
        for day, value in points:
            x, y = self.x(day), self.y(value)
            if not self.braille:
                self.canvas.dot(x, y, rank, None)
                continue
            for dx in (-0.5, 0.5):
                for dy in (-0.5, 0.5):
                    self.canvas.dot(x + dx, y + dy, rank, None)

    def dotted(self, value: float, layer: str) -> None:
        """A dotted line across at ``value``."""
        y = self.y(value)
        step = 4 if self.braille else 2
        for x in range(0, self.columns * self.cell_w, step):
            self.canvas.dot(x + 0.5, y, self.canvas.layers.index(layer), None)

    def rows_text(self) -> list[Text]:
        lines = []
        for runs in self.canvas.runs():
            text = Text(no_wrap=True, overflow="crop")
            for run in runs:
                text.append(run.text, STYLES.get(run.layer or "", ""))
            lines.append(text)
        return lines


def _frame(
    plot: _Plot,
    label: Callable[[int], tuple[str, str]],
    right: Callable[[int], tuple[str, str]],
    title: Text,
    legend: str,
) -> RenderableType:
    """The plot with the scale on the left, names on the right, the days below."""
    width = max(len(label(v)[0]) for v in range(plot.low, plot.high + 1))
    lines: list[RenderableType] = [title]
    for row, text in enumerate(plot.rows_text()):
        value = plot.high - row
        shown, style = label(value)
        tick = "┤" if shown else "│"
        name, name_style = right(value)
        line = Text.assemble((shown.rjust(width), style), " ", (tick, "dim"), text)
        if name:
            line.append(" ")
            line.append(name, name_style)
        lines.append(line)
    lines.append(Text(" " * (width + 1) + "└" + "─" * plot.columns, "dim"))
    lines.append(Text(" " * (width + 2) + _days_below(plot), "dim"))
    lines.append(safe_text(legend, "dim"))
    return Group(*lines)


def _days_below(plot: _Plot) -> str:
    """The days under the plot: the first, and every week (or every 2, 4 ...) after it
    that fits, each starting under its own column, at least two spaces apart."""
    last = plot.first + timedelta(days=plot.days)
    step = 7
    while True:
        days = [plot.first + timedelta(days=d) for d in range(0, plot.days + 1, step)]
        if days[-1] != last and (last - days[-1]).days * 2 >= step:
            days.append(last)
        line = ""
        fits = True
        for day in days:
            column = min(int(plot.x(day) / plot.cell_w), plot.columns - 1)
            label = day_label(day)
            start = max(column - len(label) // 2, 0) if day != plot.first else 0
            if day == last:
                start = max(min(start, plot.columns - len(label)), 0)
            if line and start < len(line) + 2:
                fits = False
                break
            line = line.ljust(start) + label
        if fits or step > plot.days:
            return line if fits else day_label(plot.first)
        step *= 2


def pain_chart(chart: PainChart, width: int, braille: bool) -> RenderableType:
    """Pain before and after each session over time, on the traffic light's rows."""
    levels = chart.levels
    low, high = levels[0].low, levels[-1].high
    right = max(len(level.colour) for level in levels) + 1
    columns = max(width - MARGIN - right, NARROWEST)
    plot = _Plot(columns, low, high, chart.first, chart.last, braille)
    for run in chart.runs(BEFORE):
        plot.marks(run, BEFORE)
    for run in chart.runs(AFTER):
        plot.line(run, AFTER)

    def level_of(value: int) -> tuple[str, str, bool, bool]:
        level = next(lv for lv in levels if lv.low <= value <= lv.high)
        style = PAIN_STYLES.get(level.colour.lower(), "")
        middle = (level.low + level.high + 1) // 2
        return level.colour, style, value in (level.low, level.high), value == middle

    def label(value: int) -> tuple[str, str]:
        _colour, style, edge, _middle = level_of(value)
        return (str(value) if edge else "", style)

    def name(value: int) -> tuple[str, str]:
        colour, style, _edge, middle = level_of(value)
        return (colour, style) if middle else ("", "")

    title = Text.assemble(
        ("Pain before ", "bold"), ("(dots)", "cyan"), (" and after ", "bold"),
        ("(line)", "bold"), (" each session, 0-10", "bold"),
    )  # fmt: skip
    legend = (
        f"Each row is one point of pain; a gap means more than {GAP_DAYS} days without a session."
    )
    return _frame(plot, label, name, title, legend)


def pain_table(chart: PainChart) -> RenderableType:
    """The pain chart's numbers, one session a line, for a pipe."""
    rows = ["Date        Before  After  24 h later"]
    for point in chart.points:
        cells = [point.before, point.after, point.later]
        shown = ["-" if c is None else str(c) for c in cells]
        rows.append(f"{point.day.isoformat()}  {shown[0]:>6}  {shown[1]:>5}  {shown[2]:>10}")
    return Group(safe_text("Pain before and after each session, 0-10", "bold"),
                 *(Text(row) for row in rows))  # fmt: skip


def score_plot(chart: ScoreChart, width: int, braille: bool) -> RenderableType:
    """One questionnaire's score by week, with the band a change must leave."""
    columns = max(width - MARGIN - 2, NARROWEST)
    first, last = chart.weeks[0][0], chart.weeks[-1][0]
    plot = _Plot(columns, chart.low, chart.high, first, last, braille)
    if chart.band is not None:
        for edge in chart.band:
            plot.dotted(edge, BAND)
    for run in chart.runs():
        plot.line(run, AFTER)
        plot.marks(run, POINT)
    step = max((chart.high - chart.low) // 5, 1)
    shown = {*range(chart.low, chart.high + 1, step), chart.high}

    def label(value: int) -> tuple[str, str]:
        return (str(value) if value in shown else "", "")

    title = safe_text(f"{chart.name}, by week ({chart.low}-{chart.high})", "bold")
    legend = "Dotted: " + chart.band_words[len("Shaded: ") :] if chart.band_words else ""
    return _frame(plot, label, lambda _v: ("", ""), title, legend)


def score_table(chart: ScoreChart, places: int) -> RenderableType:
    rows = [f"Week of      {chart.name}"]
    rows += [f"{monday.isoformat()}  {number(value, places)}" for monday, value in chart.weeks]
    return Group(*(safe_text(row) for row in rows))


def checkin_chart(
    found: Outcome, width: int, drawn: bool = True, braille: bool = True
) -> RenderableType:
    """A questionnaire's weekly chart (a table when not ``drawn``)."""
    from backpain_cli.outcomes import decimals

    chart = score_chart(found)
    if chart is None:
        return Text()
    if not drawn:
        return score_table(chart, decimals(found.questionnaire))
    return score_plot(chart, width, braille)
