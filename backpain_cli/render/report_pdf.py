"""The report as a PDF, with fpdf2 (the `pdf` extra): the report's contents laid out on
A4 or Letter, each block kept on one page, the charts placed from the same SVG as the
HTML page, and DejaVu Sans embedded so that every character of the content prints.

(The handout's PDF is made with ReportLab, render.handout_pdf; the report has still
to follow it there, drawing its charts from their data rather than from SVG.)
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from backpain_cli.charts import score_chart
from backpain_cli.escaping import pdf_text
from backpain_cli.models import Catalog
from backpain_cli.outcomes import decimals
from backpain_cli.render.chart_svg import pain_svg, score_svg
from backpain_cli.render.report import (
    CLOSING,
    TITLE,
    adherence_line,
    day_short,
    dose_table,
    later_cell,
    outcome_words,
    period,
    prescription_lines,
    threshold_lines,
    week_cells,
)
from backpain_cli.report import Report

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
INK = (31, 41, 51)
GREY = (82, 96, 109)
#: fpdf2's alias for the number of pages, put in place as the document is closed. Its
#: default, {nb}, would be replaced in any text that holds it; this one holds control
#: characters, which no text from content or the command line ever reaches it with.
PAGES = "\x00pages\x00"


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        width = self.epw - 25
        self.cell(width, 5, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(25, 5, f"Page {self.page_no()} of " + PAGES, align="R")


def _t(text: str) -> str:
    return pdf_text(text)


def _together(pdf: Any, draw: Any) -> None:
    """``draw`` on this page if all of it fits, else on the next: a block is never split
    across pages."""
    with pdf.offset_rendering() as trial:
        draw(trial)
    if trial.page_break_triggered:
        pdf.add_page()
    draw(pdf)


def _text(pdf: Any, text: str, size: float = 10.5, bold: bool = False, indent: float = 0) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(
        pdf.epw - 2 * indent, size * 0.5, _t(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(0.8)


def _heading(pdf: Any, text: str, rule: bool = True, indent: float = 0, size: float = 13) -> None:
    pdf.ln(2)
    _text(pdf, text, size, bold=True, indent=indent)
    if rule:
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.5)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.set_line_width(0.2)
        pdf.ln(1.5)


def document(catalog: Catalog, found: Report, paper: str = "a4") -> bytes:
    """The report as the bytes of a PDF file."""
    pdf = _Document(format="A4" if paper == "a4" else "Letter", unit="mm")
    pdf.alias_nb_pages(PAGES)
    pdf.footer_text = _t(catalog.safety.short)
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_t(TITLE + (f": {found.patient}" if found.patient else "")))
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_text_color(*INK)
    _text(pdf, TITLE, 16, bold=True)
    if found.patient:
        _text(pdf, f"For: {found.patient}", 10, bold=True)
    if found.clinician:
        _text(pdf, f"Prescribed by: {found.clinician}", 10)
    _text(pdf, f"{period(found)} · from the patient's own journal", 9.5)

    def prescription(box: Any) -> None:
        _heading(box, "The prescription", size=11.5)
        for line in prescription_lines(catalog, found):
            _text(box, line, 9.5)
        head, rows = dose_table(found)
        _table(box, head, rows, (34, 28, 26, 60)[: len(head)])

    _together(pdf, prescription)

    def adherence(box: Any) -> None:
        _heading(box, "How much was done", size=11.5)
        _text(box, adherence_line(found), 9.5)
        cells = week_cells(found)
        for start in range(0, len(cells), 10):
            row = cells[start : start + 10]
            widths = (24, *(17,) * len(row))
            _table(box, ["Week of", *(h for h, _c in row)],
                   [["Done/planned", *(c for _h, c in row)]], widths, center=True)  # fmt: skip

    _together(pdf, adherence)
    if found.chart is not None:
        chart = found.chart

        def pain(box: Any) -> None:
            _heading(box, "Pain before and after each session", size=11.5)
            _picture(box, pain_svg(chart), box.l_margin, box.epw)

        _together(pdf, pain)
    if found.outcomes:
        _together(pdf, lambda box: _outcomes(box, found))

    def flagged(box: Any) -> None:
        _heading(box, "Sessions with pain after in the amber or red", size=11.5)
        if not found.flagged:
            _text(box, "None in this period.", 9.5)
            return
        rows = [[day_short(f.entry.session.day), catalog.bands.name(f.entry.session.band),
                 _score(f.entry.session.pain_before), _score(f.entry.session.pain_after),
                 f.colour, later_cell(f)] for f in found.flagged]  # fmt: skip
        _table(box, ["Day", "Band", "Before", "After", "Light", "24 hours later"], rows,
               (26, 20, 16, 16, 18, 40))  # fmt: skip

    _together(pdf, flagged)

    def hurt(box: Any) -> None:
        _heading(box, "Exercises that hurt", size=11.5)
        if not found.hurt:
            _text(box, "None said to hurt in this period.", 9.5)
            return
        rows = [[h.name, str(h.times), str(h.worst), ", ".join(day_short(d) for d in h.days)]
                for h in found.hurt]  # fmt: skip
        _table(box, ["Exercise", "Times", "Worst pain", "Days"], rows, (40, 14, 20, 80))

    _together(pdf, hurt)

    def notes(box: Any) -> None:
        _heading(box, "Notes", size=11.5)
        if not found.notes:
            _text(box, "No notes in this period.", 9.5)
            return
        for note in found.notes:
            _cell(box, f"• {day_short(note.day)} ({note.what}): {note.text}", box.epw, 9)

    _together(pdf, notes)

    def sources(box: Any) -> None:
        box.ln(1)
        if found.outcomes:
            _cell(box, "Where the check-ins' thresholds come from", box.epw, 8.5, bold=True)
            for item in found.outcomes:
                lines = "; ".join(threshold_lines(item))
                _cell(box, f"{item.questionnaire.name}: {lines}.", box.epw, 7.5, colour=GREY)
        box.ln(1)
        _cell(box, CLOSING, box.epw, 8.5)

    _together(pdf, sources)  # the page's last words never stranded on a page of their own
    return bytes(pdf.output())


def _outcomes(pdf: Any, found: Report) -> None:
    """The questionnaires side by side, two to a row: each its chart, then its words."""
    _heading(pdf, "Check-ins", size=11.5)
    gap = 6
    width = (pdf.epw - gap) / 2
    items = list(enumerate(found.outcomes))
    for start in range(0, len(items), 2):
        top = pdf.get_y()
        lowest = top
        for column, (index, item) in enumerate(items[start : start + 2]):
            q = item.questionnaire
            x = pdf.l_margin + column * (width + gap)
            pdf.set_xy(x, top)
            _cell(pdf, q.name, width, 10, bold=True)
            _cell(pdf, f"{q.full_name}, {q.recall}", width, 8, colour=GREY)
            chart = score_chart(item) if len(item.scores) >= 2 else None
            if chart is not None:
                _picture(pdf, score_svg(chart, decimals(q), f"q{index}"), x, width)
                _cell(pdf, chart.band_words, width, 8, colour=GREY)
            for line in outcome_words(item):
                _cell(pdf, f"• {line}", width, 9)
            lowest = max(lowest, pdf.get_y())
        pdf.set_xy(pdf.l_margin, lowest + 1)


def _cell(
    pdf: Any, text: str, width: float, size: float, bold: bool = False,
    colour: tuple[int, int, int] = INK,
) -> None:  # fmt: skip
    """Text in a column ``width`` wide at the current x, the next line below it."""
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(width, size * 0.48, _t(text), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def _picture(pdf: Any, svg: str, x: float, width: float) -> None:
    """An SVG chart ``width`` wide at ``x``, as vectors, the next line below it. The
    chart's title and description (its words for a screen reader, on the HTML page)
    have no place in fpdf2's drawing, which says so for each: those notes are left out."""
    import logging

    log = logging.getLogger("fpdf.svg")
    log.addFilter(_accessible_words)
    try:
        placed = pdf.image(io.BytesIO(svg.encode()), x=x, y=pdf.get_y(), w=width)
    finally:
        log.removeFilter(_accessible_words)
    pdf.set_xy(x, pdf.get_y() + placed.rendered_height + 1)


def _accessible_words(record: Any) -> bool:
    """False for fpdf2's note that it leaves out an SVG's <title> or <desc>."""
    said = record.getMessage()
    return not ("unsupported SVG tag" in said and ("<title>" in said or "<desc>" in said))


def _table(
    pdf: Any, head: list[str], rows: list[list[str]], widths: tuple[float, ...],
    center: bool = False,
) -> None:  # fmt: skip
    """A small table: a heading row, then ``rows``; columns ``widths`` (mm, at most the
    page's width)."""
    scale = min(1.0, pdf.epw / sum(widths))
    pdf.set_font(FONT, "", 8.5)
    pdf.set_draw_color(*GREY)
    with pdf.table(
        col_widths=tuple(w * scale for w in widths),
        width=sum(widths) * scale,
        align="LEFT",
        line_height=4.6,
        text_align="CENTER" if center else "LEFT",
        first_row_as_headings=True,
    ) as table:
        top = table.row()
        for name in head:
            top.cell(_t(name))
        for row in rows:
            line = table.row()
            for text in row:
                line.cell(_t(text))
    pdf.ln(1.5)


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)
