"""Text from content and from the command line, made safe for each kind of file the
program writes: one function per output context, and the only way text reaches it.

Text is data, never a template and never markup: every function first makes control
characters visible (textsafe.visible: a file cannot hide text or move a cursor in a
handout either), then escapes what the format itself gives a meaning to. The HTML
page, its style sheet, the SVG figures, the calendar file and the PDF each call
these at the point where they write text, and nowhere format user text into a
template (no str.format, %, or replace on a template that holds it).
"""

from __future__ import annotations

from backpain_cli.textsafe import visible

#: Characters no XML document may hold (XML 1.0, section 2.2), beyond the controls that
#: textsafe already shows: the two noncharacters at the end of the basic plane.
_NOT_XML = {0xFFFE: "<U+FFFE>", 0xFFFF: "<U+FFFF>"}
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
#: In an attribute, a line break is kept as a character reference: a parser turns a
#: raw one into a space.
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "\n": "&#10;"}
)
#: The PDF's font has no pictures of control characters: there they are written as a
#: terminal shows them, ^[ for escape (``^`` and the character 64 places on).
_CARET = {0x2400 + code: f"^{chr(code + 64)}" for code in range(32)} | {0x2421: "^?"}
#: What a paragraph of the PDF's layout (ReportLab's, a little XML) reads as markup.
_PARAGRAPH = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
#: What a CSS string keeps as it is; everything else is written as a hex escape.
_CSS_PLAIN = frozenset(" ,.:;!?()-_/")


def shown(text: str) -> str:
    """``text`` with every control character, bidirectional override, lone surrogate
    and XML noncharacter replaced by a visible stand-in: the text every format gets."""
    return visible(text).translate(_NOT_XML)


def html_text(text: str) -> str:
    """Text between HTML tags (also inside an inline SVG)."""
    return shown(text).translate(_MARKUP)


def html_attribute(text: str) -> str:
    """The value of an HTML attribute written in double quotes."""
    return shown(text).translate(_ATTRIBUTE)


def xml_text(text: str) -> str:
    """Text between XML tags (an SVG file's title, description and captions)."""
    return shown(text).translate(_MARKUP)


def xml_attribute(text: str) -> str:
    """The value of an XML attribute written in double quotes."""
    return shown(text).translate(_ATTRIBUTE)


def xml_token(text: str) -> str:
    """A name made into a part of an XML id (letters, digits, - and _ only): an id
    that lists several others, as aria-labelledby does, splits them at spaces."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in text)


def script_json(data: object) -> str:
    """Data as JSON inside an HTML <script> element: ASCII only, and no ``<``, ``>`` or
    ``&`` (written as \\u escapes), so that no text can close the element or open a
    comment, whatever it holds. The text itself is kept whole: the page's script reads
    it back exactly and shows it as text, never as markup."""
    import json

    written = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return written.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def css_string(text: str) -> str:
    """A CSS string, quotes included: letters, digits, spaces and plain punctuation as
    they are, anything else (quotes, backslashes, line breaks, ``<`` of ``</style>``) as
    a hex escape, ended by the one space that CSS reads as part of it."""
    kept = _CSS_PLAIN
    return (
        '"'
        + "".join(c if c.isalnum() or c in kept else f"\\{ord(c):x} " for c in shown(text))
        + '"'
    )


def ics_text(text: str) -> str:
    """An iCalendar TEXT value (RFC 5545, 3.3.11), before the icalendar library escapes
    backslashes, commas, semicolons and line breaks: no control character (which the
    RFC forbids) other than the line breaks."""
    return shown(text)


def pdf_text(text: str) -> str:
    """Text for the PDF: what the page shows, control characters as ^[ and the like. The
    total page count is never substituted into it: the PDF's alias for it holds a
    control character, which never gets through (report_pdf.PAGES)."""
    return shown(text).translate(_CARET)


def pdf_paragraph(text: str) -> str:
    """Text for a paragraph the PDF lays out (ReportLab's markup): pdf_text, with the
    characters that markup reads escaped."""
    return pdf_text(text).translate(_PARAGRAPH)
