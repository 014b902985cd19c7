"""The handout as a PDF, with ReportLab (the `pdf` extra): the same contents as the HTML
(render.handout), laid out on A4 or Letter, the figures drawn as vectors from the same
strokes as the SVG, and DejaVu Sans embedded so that every character of the content
prints.

ReportLab lays the document out in one pass of flowables: an exercise, a box or a week
of the log is kept on one page (``KeepTogether``) by measuring it, not by drawing it
twice, and the pictures are drawn from the figure's strokes rather than from SVG text
that would have to be parsed again.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from reportlab.graphics.shapes import Drawing as Picture
from reportlab.graphics.shapes import Path as Outline
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from backpain_cli.errors import BackpainError
from backpain_cli.escaping import pdf_paragraph, pdf_text
from backpain_cli.figures.drawing import draw, frame
from backpain_cli.figures.outline import Arc
from backpain_cli.figures.paint import PALETTE, paints
from backpain_cli.models import Figure, Pose, Safety
from backpain_cli.render.handout import ROW_HEADS, Handout, Item, log_day, when
from backpain_cli.render.words import red_flag_heading

FONTS = Path(__file__).resolve().parent / "fonts"
FONT, BOLD = "DejaVu", "DejaVu-Bold"
INK_COLOUR = colors.HexColor("#1f2933")
RED = colors.HexColor("#b71c1c")
GREY = colors.HexColor("#52606d")
SHADE = colors.HexColor("#f0f4f8")
PAPER = {"a4": A4, "letter": LETTER}
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 14 * mm, 15 * mm, 18 * mm
GAP = 6 * mm  # between the two pictures of an exercise
PICTURE_HEIGHT = 32 * mm  # at most, so that two exercises share a page
NON_ZERO: Literal[1] = 1  # ReportLab's FILL_NON_ZERO (not in its type stubs): filled as SVG fills


def _style(size: float = 10.5, bold: bool = False, **extra: Any) -> ParagraphStyle:
    """A paragraph's style: DejaVu Sans at ``size`` points, then ``extra`` (ReportLab's
    ParagraphStyle fields)."""
    fields: dict[str, Any] = {
        "fontName": BOLD if bold else FONT,
        "fontSize": size,
        "leading": size * 1.3,
        "textColor": INK_COLOUR,
        "spaceAfter": size * 0.15,
    }
    return ParagraphStyle(f"{size}{bold}", **{**fields, **extra})


def _fonts() -> None:
    """DejaVu Sans and its bold, registered once for the process."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _t(text: str) -> str:
    """Text for a paragraph: control characters shown as ^[ and the like, markup escaped."""
    return pdf_paragraph(text)


def _text(text: str, size: float = 10.5, bold: bool = False, **extra: Any) -> Paragraph:
    return Paragraph(_t(text), _style(size, bold, **extra))


def _heading(text: str, colour: Any = INK_COLOUR, rule: bool = True) -> list[Flowable]:
    found: list[Flowable] = [
        Spacer(0, 2 * mm),
        _text(text, 13, bold=True, textColor=colour, keepWithNext=1),
    ]
    if rule:
        found.append(HRFlowable(width="100%", thickness=1.4, color=INK_COLOUR, spaceAfter=1.5 * mm))
    return found


def _bullets(lines: Sequence[str], numbered: bool = False, indent: float = 3) -> list[Flowable]:
    style = _style(leftIndent=(indent + 6) * mm, bulletIndent=indent * mm)
    return [
        Paragraph(_t(line), style, bulletText=f"{number}." if numbered else "•")
        for number, line in enumerate(lines, 1)
    ]


def _box(parts: list[Flowable], colour: Any, width: float) -> Flowable:
    """``parts`` in a box, kept on one page when they fit on one; a box taller than a
    page goes on over the next, boxed on each."""
    table = Table([[part] for part in parts], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.7, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 2 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
            ]
        )
    )
    return KeepTogether([table, Spacer(0, 3 * mm)])


def _safety(safety: Safety, width: float) -> Flowable:
    parts: list[Flowable] = [
        *_heading("Stop and get medical help", RED, rule=False),
        _text("If you have back pain and any of these:"),
    ]
    for flags in safety.red_flags:
        parts += [_text(red_flag_heading(flags), bold=True), *_bullets(flags.signs, indent=2)]
    parts += [_text("When to stop", bold=True), *_bullets(safety.stop_rules, indent=2)]
    parts.append(_text(safety.disclaimer, bold=True))
    return _box(parts, RED, width)


def pose_picture(figure: Figure, pose: Pose, width: float, height: float) -> Picture:
    """``pose`` drawn at most ``width`` x ``height`` points, painted as the SVG paints it
    (figures.paint.paints); the end of the movement with its arrow."""
    box = frame(figure)
    scale = min(width / box.width, height / box.height)
    end = pose == figure.poses[-1] and len(figure.poses) > 1
    drawing = draw(figure, pose, arrow=end)
    picture = Picture(box.width * scale, box.height * scale)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x - box.left) * scale, (y - box.bottom) * scale

    for layer in drawing.layers:
        for paint in paints(layer):
            path = Outline(
                fillColor=_colour(paint.fill),
                strokeColor=_colour(paint.stroke),
                strokeWidth=paint.width * scale,
                strokeLineCap=1,
                strokeLineJoin=1,
                fillMode=NON_ZERO,
            )
            for shape in paint.shapes:
                _outline(path, shape.arcs, at)
            for line in paint.lines:
                first, *rest = line.points
                path.moveTo(*at(*first))
                for point in rest:
                    path.lineTo(*at(*point))
            picture.add(path)
    return picture


def _colour(name: str | None) -> Any:
    return None if name is None else colors.Color(*(part / 255 for part in PALETTE[name]))


def _outline(path: Outline, arcs: Sequence[Arc], at: Any) -> None:
    """One closed subpath along ``arcs`` (counter-clockwise, y up), each arc as cubic
    Bézier curves of at most a quarter turn."""
    for index, arc in enumerate(arcs):
        c = arc.circle
        start = at(c.x + c.r * math.cos(arc.start), c.y + c.r * math.sin(arc.start))
        (path.moveTo if index == 0 else path.lineTo)(*start)
        sweep = arc.end - arc.start
        pieces = max(math.ceil(sweep / (math.pi / 2) - 1e-9), 1) if c.r > 0 else 0
        for piece in range(pieces):
            a0 = arc.start + sweep * piece / pieces
            a1 = arc.start + sweep * (piece + 1) / pieces
            k = 4 / 3 * math.tan((a1 - a0) / 4) * c.r
            p1 = (
                c.x + c.r * math.cos(a0) - k * math.sin(a0),
                c.y + c.r * math.sin(a0) + k * math.cos(a0),
            )
            p3 = (c.x + c.r * math.cos(a1), c.y + c.r * math.sin(a1))
            p2 = (p3[0] + k * math.sin(a1), p3[1] - k * math.cos(a1))
            path.curveTo(*at(*p1), *at(*p2), *at(*p3))
    path.closePath()


def _pictures(figure: Figure, width: float) -> Flowable:
    """The start and the end of the movement side by side, each with its caption."""
    poses = (figure.poses[0], figure.poses[-1])
    column = (width - GAP) / 2
    caption = _style(9, leading=9 * 1.45, textColor=GREY)
    table = Table(
        [
            [pose_picture(figure, pose, column, PICTURE_HEIGHT) for pose in poses],
            [Paragraph(_t(pose.caption), caption) for pose in poses],
        ],
        colWidths=[column + GAP / 2, column + GAP / 2],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), GAP / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1 * mm),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 2 * mm),
            ]
        )
    )
    return table


def _exercise(item: Item, width: float, heading: str | None) -> Flowable:
    e = item.exercise
    parts: list[Flowable] = _heading(heading) if heading else []
    parts += [
        Spacer(0, 2 * mm),
        HRFlowable(width="100%", thickness=0.6, color=GREY, spaceAfter=2 * mm),
        _text(f"{item.number}. {e.name}", 12, bold=True),
    ]
    if e.figure is not None:
        parts.append(_pictures(e.figure, width))
    if item.start:
        parts.append(_text(f"Starting position: {item.start}"))
    parts += _bullets(e.steps, numbered=True)
    if item.cue:
        parts.append(_text(f"Key cue: {item.cue}"))
    if item.avoid:
        parts.append(_text(f"Avoid: {item.avoid}"))
    parts.append(
        _text(item.dosage, bold=True, backColor=SHADE, borderPadding=(1.2 * mm, 1 * mm),
              spaceBefore=1.5 * mm, spaceAfter=1.5 * mm)
    )  # fmt: skip
    if item.note:
        parts.append(_text(f"Note: {item.note}", bold=True))
    parts.append(Spacer(0, 1.5 * mm))
    if item.easier:
        parts.append(_text(f"Easier: {item.easier}"))
    if item.harder:
        parts.append(_text(f"Harder: {item.harder}"))
    return KeepTogether(parts)


def _week(h: Handout, week: int, width: float) -> Flowable:
    """One week of the log: a row a planned session, its day and band, a box to tick and
    the pain before and after."""
    widths = (22, 34, 14, 26, 26)
    scale = width / sum(widths)
    head = _style(9.5, True, spaceAfter=0)
    cell = _style(9.5, spaceAfter=0)
    rows: list[list[Any]] = [
        [Paragraph(_t(name), head) for name in ROW_HEADS],
        *([Paragraph(_t(log_day(row.day)), cell), Paragraph(_t(row.band), cell), "", "", ""]
          for row in h.rows if row.week == week),
    ]  # fmt: skip
    table = Table(rows, colWidths=[w * scale for w in widths], rowHeights=7 * mm)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ]
        )
    )
    return KeepTogether([_text(f"Week {week}", 10.5, bold=True), table, Spacer(0, 3 * mm)])


def _log(h: Handout, width: float) -> list[Flowable]:
    parts: list[Flowable] = [PageBreak(), *_heading("Your log")]
    parts.append(
        _text(
            "Tick each session you do, and write your pain before and after it "
            "(0 is no pain, 10 the worst you can imagine)."
        )
    )
    for level in h.safety.pain_guide:
        line = f"{level.low}-{level.high} {level.colour}: {level.meaning}"
        parts.append(_text(line, 9.5, leftIndent=3 * mm))
    parts.append(Spacer(0, 2 * mm))
    parts += [_week(h, week, width) for week in dict.fromkeys(row.week for row in h.rows)]
    return parts


def _next(h: Handout) -> Flowable:
    """What comes after this band, when to move up, and the care of the band."""
    parts: list[Flowable] = [*_heading("What comes next"), _text(h.moving_up)]
    for number, step in enumerate(h.path, 1):
        parts.append(_text(step.heading, bold=True, bulletText=f"{number}."))
        parts += _bullets(step.doses, indent=6)
    if not h.path:
        parts.append(_text("This is the last step of the programme: keep it going."))
    parts.append(_text("Your band", bold=True, spaceBefore=1.5 * mm))
    parts += [_text(line) for line in h.band_care]
    return KeepTogether(parts)


class _NumberedCanvas(Canvas):
    """A canvas that keeps its pages until the end, to put "Page N of M" and the
    one-line disclaimer at the foot of each (ReportLab's own recipe for a page count)."""

    def __init__(self, *args: Any, footer: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_text = footer
        self._width = float(kwargs.get("pagesize", A4)[0])
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # a new page, the last one kept

    def save(self) -> None:
        for state in self._pages:
            self.__dict__.update(state)
            self._footer(len(self._pages))
            super().showPage()
        super().save()

    def _footer(self, pages: int) -> None:
        self.setFont(FONT, 8)
        self.setFillColor(GREY)
        self.drawString(MARGIN_SIDE, 8 * mm, self._footer_text)
        number = f"Page {self.getPageNumber()} of {pages}"
        self.drawRightString(self._width - MARGIN_SIDE, 8 * mm, number)


def document(handout: Handout) -> bytes:
    """The handout as the bytes of a PDF file."""
    _fonts()
    h = handout
    _all_printed(h)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAPER[h.paper],
        leftMargin=MARGIN_SIDE,
        rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=pdf_text(f"{h.title}: {h.band} band"),
        lang="en",
    )
    width = doc.width
    story: list[Flowable] = [
        _text(h.title, 18, bold=True),
        _text(f"{h.band} band · {when(h.day)}", 11),
    ]
    if h.patient:
        story.append(_text(f"For: {h.patient}", 11, bold=True))
    if h.clinician:
        story.append(_text(f"From: {h.clinician}", 11))
    story += [Spacer(0, 2 * mm), _safety(h.safety, width)]
    story += [*_heading("How often"), _text(h.how_often)]
    if h.note or h.content_notes:
        notes: list[Flowable] = _heading("Notes for you", rule=False)
        if h.note:
            notes.append(_text(h.note, bold=True))
        notes += [_text(note) for note in h.content_notes]
        story += [Spacer(0, 2 * mm), _box(notes, INK_COLOUR, width)]
    for item in h.items:  # the heading goes with the first, so it is never left alone
        story.append(_exercise(item, width, "The exercises" if item.number == 1 else None))
    story.append(_next(h))
    story += _log(h, width)
    footer = " ".join(pdf_text(h.safety.short).split())  # one line, at the foot of each page

    def canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        return _NumberedCanvas(*args, footer=footer, **kwargs)

    doc.build(story, canvasmaker=canvas)
    return out.getvalue()


class Unprintable(BackpainError):
    """Text the PDF's font has no letters for: it would print as nothing."""


#: How many of the characters that cannot be printed a message names.
NAMED = 8


def _all_printed(handout: Handout) -> None:
    """Raise Unprintable, naming them, when the font has no glyph for some characters
    (Chinese, Japanese, Korean or Thai, say): the page would leave blanks in their place."""
    fonts = []
    for name in (FONT, BOLD):
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)
        fonts.append(font.face.charToGlyph)
    texts = [pdf_text(text) for text in _texts(handout)]
    shown = {c for text in texts for c in text if not c.isspace()}
    missing = sorted(c for c in shown if any(ord(c) not in font for font in fonts))
    if not missing:
        return
    named = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:NAMED])
    more = f" and {len(missing) - NAMED} more" if len(missing) > NAMED else ""
    found = next((t for t in _texts(handout) if any(c in t for c in missing)), "")
    where = f' in "{pdf_text(found[:40])}{"..." if len(found) > 40 else ""}"' if found else ""
    raise Unprintable(
        f"the PDF's font has no letters for {named}{more}{where}, so they would print as "
        "blanks. Make the handout as HTML (a file name ending .html), which shows every "
        "character and prints from a browser, or leave those characters out."
    )


def _texts(value: object) -> Iterator[str]:
    """Every text in the handout, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for part in value:
            yield from _texts(part)
