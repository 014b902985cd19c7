"""The handout as a PDF, with fpdf2 (the `pdf` extra): the same contents as the HTML
(render.handout), laid out on A4 or Letter, the figures placed from the same SVG,
and DejaVu Sans embedded so that every character of the content prints.

fpdf2 over ReportLab: it is pure Python, places the program's own SVG figures as
vectors, and can try a block on a page before placing it (``offset_rendering``), so
that an exercise never splits across pages.
"""

from __future__ import annotations

import functools
import io
import logging
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from backpain_cli.figures.svg import still
from backpain_cli.models import Safety
from backpain_cli.render.handout import LOG_ROWS, WEEKDAYS, Handout, Item, when
from backpain_cli.render.words import red_flag_heading
from backpain_cli.textsafe import visible

# The SVG's <title> and <desc> are for screen readers; fpdf2 would warn that it skips them.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
INK = (31, 41, 51)
RED = (183, 28, 28)
GREY = (82, 96, 109)
SHADE = (240, 244, 248)
PICTURE_HEIGHT = 36  # mm at most, so that two exercises share a page


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        width = self.epw - 25
        self.cell(width, 5, self.footer_text, new_x=XPos.RIGHT, new_y=YPos.TOP)
        self.cell(25, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def _t(text: str) -> str:
    return visible(text)


def document(handout: Handout) -> bytes:
    """The handout as the bytes of a PDF file."""
    h = handout
    pdf = _Document(format=h.paper.upper() if h.paper == "a4" else "Letter", unit="mm")
    pdf.footer_text = _t(h.safety.short)
    pdf.set_margins(14, 15, 14)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(_t(f"{h.title}: {h.band} band"))
    pdf.set_lang("en")
    pdf.add_page()
    pdf.set_text_color(*INK)
    _text(pdf, h.title, 18, bold=True)
    _text(pdf, f"{h.band} band · {when(h.day)}", 11)
    if h.patient:
        _text(pdf, f"For: {h.patient}", 11, bold=True)
    if h.clinician:
        _text(pdf, f"From: {h.clinician}", 11)
    pdf.ln(2)
    _safety(pdf, h.safety)
    _heading(pdf, "How often")
    _text(pdf, h.how_often)
    if h.note or h.content_notes:

        def draw(box: Any) -> None:
            top = box.get_y()
            box.ln(2)
            _heading(box, "Notes for you", rule=False, indent=3)
            if h.note:
                _text(box, h.note, bold=True, indent=3)
            for note in h.content_notes:
                _text(box, note, indent=3)
            box.ln(2)
            box.set_draw_color(*INK)
            box.rect(box.l_margin, top, box.epw, box.get_y() - top)

        _together(pdf, draw)
        pdf.ln(3)
    for item in h.items:  # the heading goes with the first, so it is never left alone
        _exercise(pdf, item, "The exercises" if item.number == 1 else None)
    _log(pdf, h)
    return bytes(pdf.output())


def _together(pdf: Any, draw: Any) -> None:
    """``draw`` on this page if all of it fits, else on the next: an exercise, a box or
    a week of the log is never split across pages."""
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


def _bullets(pdf: Any, lines: list[str], numbered: bool = False, indent: float = 3) -> None:
    for number, line in enumerate(lines, 1):
        marker = f"{number}." if numbered else "•"
        pdf.set_font(FONT, "", 10.5)
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(6, 5.25, marker)
        pdf.multi_cell(
            pdf.epw - indent - 6, 5.25, _t(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.ln(0.5)


def _safety(pdf: Any, safety: Safety) -> None:
    def draw(box: Any) -> None:
        top = box.get_y()
        box.ln(2)
        box.set_text_color(*RED)
        _heading(box, "Stop and get medical help", rule=False, indent=3)
        box.set_text_color(*INK)
        _text(box, "If you have back pain and any of these:", indent=3)
        for flags in safety.red_flags:
            _text(box, red_flag_heading(flags), bold=True, indent=3)
            _bullets(box, list(flags.signs), indent=5)
        _text(box, "When to stop", bold=True, indent=3)
        _bullets(box, list(safety.stop_rules), indent=5)
        _text(box, safety.disclaimer, bold=True, indent=3)
        box.ln(1)
        box.set_draw_color(*RED)
        box.set_line_width(0.6)
        box.rect(box.l_margin, top, box.epw, box.get_y() - top)
        box.set_line_width(0.2)

    _together(pdf, draw)
    pdf.ln(2)


def _exercise(pdf: Any, item: Item, heading: str | None = None) -> None:
    e = item.exercise

    def draw(box: Any) -> None:
        if heading:
            _heading(box, heading)
        box.ln(2)
        box.set_draw_color(*GREY)
        box.line(box.l_margin, box.get_y(), box.l_margin + box.epw, box.get_y())
        box.ln(2)
        _text(box, f"{item.number}. {e.name}", 12, bold=True)
        if e.figure is not None:
            poses = (e.figure.poses[0], e.figure.poses[-1])
            width = (box.epw - 6) / 2
            top = box.get_y()
            lowest = top
            for index, pose in enumerate(poses):
                x = box.l_margin + index * (width + 6)
                picture = still(e.id, e.name, e.figure, [pose], captions=False)
                placed = box.image(
                    io.BytesIO(picture.encode()),
                    x=x,
                    y=top,
                    w=width,
                    h=PICTURE_HEIGHT,
                    keep_aspect_ratio=True,
                )
                box.set_xy(x, top + placed.rendered_height + 1)
                box.set_font(FONT, "", 9)
                box.multi_cell(
                    width, 4.2, _t(pose.caption), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
                )
                lowest = max(lowest, box.get_y())
            box.set_xy(box.l_margin, lowest + 2)
        if item.start:
            _text(box, f"Starting position: {item.start}")
        _bullets(box, list(e.steps), numbered=True)
        if item.cue:
            _text(box, f"Key cue: {item.cue}")
        if item.avoid:
            _text(box, f"Avoid: {item.avoid}")
        box.set_fill_color(*SHADE)
        box.set_font(FONT, "B", 10.5)
        box.multi_cell(
            box.epw, 5.5, _t(item.dosage), fill=True, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        box.ln(1)
        if item.easier:
            _text(box, f"Easier: {item.easier}")
        if item.harder:
            _text(box, f"Harder: {item.harder}")

    _together(pdf, draw)


def _log(pdf: Any, h: Handout) -> None:
    pdf.add_page()
    _heading(pdf, "Weekly log")
    _text(
        pdf,
        "Tick each day you do the session, and write your pain before and after it "
        "(0 is no pain, 10 the worst you can imagine).",
    )
    for level in h.safety.pain_guide:
        _text(pdf, f"{level.low}-{level.high} {level.colour}: {level.meaning}", 9.5, indent=3)
    pdf.ln(2)
    for week in range(1, h.weeks + 1):
        _together(pdf, functools.partial(_week, week=week))


def _week(pdf: Any, week: int) -> None:
    """One week of the log: a tick row and the pain before and after, Monday to Sunday."""
    widths = (40, *(20,) * len(WEEKDAYS))
    scale = pdf.epw / sum(widths)
    pdf.set_font(FONT, "", 9.5)
    pdf.set_draw_color(*GREY)
    with pdf.table(
        col_widths=tuple(w * scale for w in widths),
        line_height=7,
        text_align="CENTER",
        first_row_as_headings=True,
    ) as table:
        header = table.row()
        header.cell(f"Week {week}", align="LEFT")
        for day in WEEKDAYS:
            header.cell(day)
        for name in LOG_ROWS:
            row = table.row()
            row.cell(name, align="LEFT")
            for _day in WEEKDAYS:
                row.cell("")
    pdf.ln(3)
