"""The report for the next appointment as words and one HTML page: what it says (shared by
the HTML and the PDF), then the page itself, escaped like the handout, with its charts as
inline SVG and nothing fetched.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from backpain_cli.charts import score_chart
from backpain_cli.models import WEEKDAY_NAMES, Catalog
from backpain_cli.outcomes import Outcome, decimals, in_words, number
from backpain_cli.render.handout import MARGIN_TEXT, PAPER, _e, document_start, when
from backpain_cli.render.words import hold
from backpain_cli.report import Flagged, Report
from backpain_cli.textsafe import visible
from backpain_cli.today import headline

TITLE = "Progress report"
#: The report's last words (the disclaimer is in every page's foot).
CLOSING = (
    "From the patient's own journal. Changes are compared with the thresholds their sources "
    "give: they describe, they do not diagnose."
)


def percent(done: int, planned: int) -> str:
    return f" ({round(100 * done / planned)}%)" if planned else ""


def period(found: Report) -> str:
    """ "2 November 2026 to 14 December 2026" """
    return f"{when(found.first)} to {when(found.day)}"


def prescription_lines(catalog: Catalog, found: Report) -> list[str]:
    """What is prescribed now, in lines: today's state, how often, from when, the review."""
    today = found.today
    rx = catalog.prescription
    lines = [f"Today: {headline(catalog, today)}."]
    days = ""
    if today.standing is not None and today.weeks:
        planned = {d.day.weekday() for w in today.weeks for d in w.days}
        days = " on " + ", ".join(WEEKDAY_NAMES[d].capitalize() for d in sorted(planned))
    elif rx is not None and rx.days:
        days = " on " + ", ".join(WEEKDAY_NAMES[d].capitalize() for d in rx.days)
    lines.append(f"{catalog.per_week} sessions a week{days}, {found.session.band.name} band.")
    if rx is not None and rx.start is not None:
        lines.append(f"Prescribed from {when(rx.start)}.")
    if rx is not None and rx.review is not None:
        lines.append(f"Review: {when(rx.review)}.")
    if rx is not None and rx.note:
        lines.append(f"Note: {rx.note}")
    return lines


class Dose(NamedTuple):
    name: str
    dose: str
    hold: str
    note: str


def doses(found: Report) -> list[Dose]:
    plan = found.session
    return [
        Dose(i.exercise.name, i.exercise.dose(i.dosage), hold(i.dosage), i.variant or "")
        for i in plan.items
    ]


def dose_table(found: Report) -> tuple[list[str], list[list[str]]]:
    """The prescription's exercises as a table's heading and rows (with a column for what
    is done instead only when something is)."""
    found_doses = doses(found)
    head = ["Exercise", "Dose", "Hold"]
    rows = [[d.name, d.dose, d.hold] for d in found_doses]
    if any(d.note for d in found_doses):
        head.append("Instead")
        rows = [[*row, d.note] for row, d in zip(rows, found_doses, strict=True)]
    return head, rows


def adherence_line(found: Report) -> str:
    done = found.sessions - found.in_pause
    extra = (
        f", and {found.in_pause} more while the programme was paused (+N in a week)"
        if found.in_pause else ""
    )  # fmt: skip
    return (
        f"Sessions done: {done} of {found.planned} planned{percent(done, found.planned)}"
        f"{extra}. Days with data: {found.days_with_data} of the last 30."
    )


def week_cells(found: Report) -> list[tuple[str, str]]:
    """Each week's heading and its "done/planned" (paused, or so far), with "+N" for the
    sessions done while the programme was paused."""
    cells = []
    for week in found.weeks:
        head = f"{week.monday.day} {week.monday:%b}"
        extra = f" +{week.in_pause}" if week.in_pause else ""
        if week.paused:
            cell = f"paused{extra}"
        else:
            cell = f"{week.done}/{week.planned}{extra}" + (" so far" if week.so_far else "")
        cells.append((head, cell))
    return cells


def outcome_words(found: Outcome) -> list[str]:
    """A questionnaire's latest score and its changes, in sentences."""
    q = found.questionnaire
    if not found.scores:
        return ["Not answered in this period."]
    last = found.scores[-1]
    lines = [f"Latest: {number(last.score, decimals(q))} on {when(last.day)} ({len(found.scores)} "
             f"check-in{'s' if len(found.scores) != 1 else ''})."]  # fmt: skip
    if found.change is not None:
        lines.append(in_words(found.change))
    lines += [in_words(c) for c in found.items]
    return lines


def threshold_lines(found: Outcome) -> list[str]:
    """Every threshold of a questionnaire, with its source; the first, that judges, said so."""
    q = found.questionnaire
    lines = []
    for kind in ("score", "item"):
        judged = q.judged_by(kind)
        for t in q.thresholds:
            if t.of != kind:
                continue
            used = " (judged against)" if t is judged else ""
            size = " or ".join(
                part for part in (
                    f"{t.points:g} points" if t.points is not None else "",
                    f"{t.percent}%" if t.percent is not None else "",
                ) if part
            )  # fmt: skip
            of = "the score" if kind == "score" else "one item"
            lines.append(f"{size} of {of}{used}: {t.source}")
    return lines


def later_cell(item: Flagged) -> str:
    """What was said 24 hours after a session in the amber or red."""
    if item.later is None:
        return "not asked"
    if item.later.pain is None:
        return "asked, not answered"
    word = "settled" if item.settled else "not settled"
    return f"{item.later.pain} ({word})"


def day_short(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 10pt/1.4 "DejaVu Sans", Verdana, system-ui, sans-serif; color: #1f2933;
  background: #fff; max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5em; margin: 0 0 .1em; }
h2 { font-size: 1.1em; margin: .9em 0 .3em; border-bottom: 2px solid #1f2933; }
h3 { font-size: 1em; margin: .4em 0 .2em; }
p { margin: .2em 0; }
.meta { margin: 0; color: #3e4c59; }
table { border-collapse: collapse; margin: .3em 0; }
th, td { border: 1px solid #9aa5b1; padding: .15em .45em; text-align: left;
  vertical-align: top; }
th { background: #f0f4f8; font-weight: bold; }
td.n, th.n { text-align: right; }
.weeks td, .weeks th { text-align: center; }
figure { margin: .3em 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
.pair { display: flex; gap: 1.2em; }
.pair > section { flex: 1; min-width: 0; }
.small { font-size: .85em; color: #3e4c59; }
ul { margin: .2em 0; padding-left: 1.3em; }
footer { margin-top: 1em; font-size: .85em; color: #3e4c59; }
section { break-inside: avoid; }
@media print { body { max-width: none; padding: 0; font-size: 9pt; } }
"""


def _css_text(text: str) -> str:
    """Text for a CSS string inside <style>: control characters made visible, and the
    characters that could end the string or the element written as CSS escapes."""
    shown = visible(text)
    for char in '\\"<>&':
        shown = shown.replace(char, f"\\{ord(char):x} ")
    return shown


def _page_rule(paper: str, footer: str) -> str:
    return (
        f"@page {{ size: {PAPER[paper]}; margin: 12mm 12mm 14mm; "
        f'@bottom-left {{ content: "{_css_text(footer)}"; {MARGIN_TEXT} }} '
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); '
        f"{MARGIN_TEXT} }} }}"
    )


def _table(head: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        kind = ' class="n"' if index in numeric else ""
        return f"<{tag}{kind}>{_e(text)}</{tag}>"

    top = "".join(cell("th", i, h) for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
                   for row in rows)  # fmt: skip
    return f"<table><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>"


def page(catalog: Catalog, found: Report, paper: str = "a4") -> str:
    """The whole report as one HTML document."""
    from backpain_cli.render.chart_svg import pain_svg, score_svg

    title = f"{TITLE}{': ' + _e(found.patient) if found.patient else ''}"
    out = [
        *document_start(title, f"{STYLE}{_page_rule(paper, catalog.safety.short)}"),
        "<header>",
        f"<h1>{TITLE}</h1>",
    ]
    if found.patient:
        out.append(f"<p class=meta>For: <strong>{_e(found.patient)}</strong></p>")
    if found.clinician:
        out.append(f"<p class=meta>Prescribed by: {_e(found.clinician)}</p>")
    out += [
        f"<p class=meta>{_e(period(found))} &middot; from the patient's own journal</p>",
        "</header>",
        "<section>",
        "<h2>The prescription</h2>",
        *(f"<p>{_e(line)}</p>" for line in prescription_lines(catalog, found)),
        _table(*dose_table(found)),
        "</section>",
        "<section>",
        "<h2>How much was done</h2>",
        f"<p>{_e(adherence_line(found))}</p>",
    ]
    cells = week_cells(found)
    for start in range(0, len(cells), 10):
        row = cells[start : start + 10]
        out.append(
            '<table class="weeks"><thead><tr><th>Week of</th>'
            + "".join(f"<th>{_e(h)}</th>" for h, _c in row)
            + "</tr></thead><tbody><tr><th>Done/planned</th>"
            + "".join(f"<td>{_e(c)}</td>" for _h, c in row)
            + "</tr></tbody></table>"
        )
    out.append("</section>")
    if found.chart is not None:
        out += ["<section>", "<h2>Pain before and after each session</h2>",
                f"<figure>{pain_svg(found.chart)}</figure>", "</section>"]  # fmt: skip
    if found.outcomes:
        out += ['<section class="checkins">', "<h2>Check-ins</h2>", '<div class="pair">']
        for index, item in enumerate(found.outcomes):
            q = item.questionnaire
            out += ["<section>", f"<h3>{_e(q.name)}</h3>",
                    f'<p class="small">{_e(q.full_name)}, {_e(q.recall)}</p>']  # fmt: skip
            chart = score_chart(item) if len(item.scores) >= 2 else None
            if chart is not None:
                picture = score_svg(chart, decimals(q), f"q{index}")
                out.append(f"<figure>{picture}</figure>")
                out.append(f'<p class="small">{_e(chart.band_words)}</p>')
            out.append("<ul>" + "".join(f"<li>{_e(w)}</li>" for w in outcome_words(item))
                       + "</ul>")  # fmt: skip
            out.append("</section>")
        out += ["</div>", "</section>"]
    out += ["<section>", "<h2>Sessions with pain after in the amber or red</h2>"]
    if found.flagged:
        rows = [[day_short(f.entry.session.day), catalog.bands.name(f.entry.session.band),
                 _score(f.entry.session.pain_before), _score(f.entry.session.pain_after),
                 f.colour, later_cell(f)] for f in found.flagged]  # fmt: skip
        out.append(_table(["Day", "Band", "Before", "After", "Light", "24 hours later"], rows,
                          (2, 3)))  # fmt: skip
    else:
        out.append("<p>None in this period.</p>")
    out += ["</section>", "<section>", "<h2>Exercises that hurt</h2>"]
    if found.hurt:
        rows = [[h.name, str(h.times), str(h.worst), ", ".join(day_short(d) for d in h.days)]
                for h in found.hurt]  # fmt: skip
        out.append(_table(["Exercise", "Times", "Worst pain", "Days"], rows, (1, 2)))
    else:
        out.append("<p>None said to hurt in this period.</p>")
    out += ["</section>", "<section>", "<h2>Notes</h2>"]
    if found.notes:
        out.append("<ul>" + "".join(
            f"<li><strong>{_e(day_short(n.day))}</strong> ({_e(n.what)}): {_e(n.text)}</li>"
            for n in found.notes) + "</ul>")  # fmt: skip
    else:
        out.append("<p>No notes in this period.</p>")
    out.append("</section>")
    if found.outcomes:
        out += ['<section class="small">', "<h3>Where the check-ins' thresholds come from</h3>"]
        for item in found.outcomes:
            lines = "; ".join(threshold_lines(item))
            out.append(f"<p><strong>{_e(item.questionnaire.name)}</strong>: {_e(lines)}.</p>")
        out.append("</section>")
    out += [
        f"<footer><p>{_e(CLOSING)} {_e(catalog.safety.short)}</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)
