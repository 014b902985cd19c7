"""Text from content and from the command line never breaks out of the file it is written
into: every field that reaches the handout (HTML and PDF), the SVG figures and the
calendar file is filled with hostile text, the file is read back with a real parser,
and the text must come back as it was (control characters shown, as on screen) with
nothing else added."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from backpain_cli import escaping
from backpain_cli.content import load as loader
from backpain_cli.figures import svg
from backpain_cli.models import Catalog, PlanSettings
from backpain_cli.planner import plan_session
from backpain_cli.render import handout as pages

from .conftest import CONTENT, Invoke

CATALOG = loader.load(CONTENT)
DAY = datetime.date(2026, 3, 2)
#: Text that means something to some format, or to a template.
NASTY = [
    '"', "'", "<", ">", "&", "&amp;", "</style>", "</script>", "<script>alert(1)</script>",
    "]]>", "<!--", "\\", "\n", "\r\n", "\t", "\x00", "\x1b[2J", "\x07", "\x7f", "\x85", "\x9b",
    "\u202e", "\u2066", "\ufeff", "\ufffe", "\uffff", "{x}", "%s", "%(x)s", "{nb}", "{week}",
    "{0}", "$x", ";", ",", ":", "@page", "url(x)", "*/", "/*", "\\22",
]  # fmt: skip
LETTERS = "abc XYZ é"


def hostile(extra: str = "", nasty: list[str] = NASTY) -> st.SearchStrategy[str]:
    """Short text made of the pieces above, ordinary letters and ``extra`` characters."""
    piece = st.one_of(st.sampled_from(nasty), st.text(LETTERS + extra, min_size=1, max_size=3))
    return st.lists(piece, min_size=1, max_size=6).map("".join)


def marked(index: int, text: str) -> str:
    """``text`` between markers naming its field, so that it can be found again (they
    start with a digit: a list of variants writes all but its first in lower case)."""
    return f"0q{index}a{text}0q{index}b"


# Putting text into every field that reaches a handout --------------------------------


def _exercise(catalog: Catalog, **changes: Any) -> Catalog:
    bridge = catalog.exercise("glute-bridge")
    exercises = tuple(e._replace(**changes) if e is bridge else e for e in catalog.exercises)
    return catalog._replace(exercises=exercises)


def _pose(catalog: Catalog, **changes: Any) -> Catalog:
    figure = catalog.exercise("glute-bridge").figure
    assert figure is not None
    poses = (figure.poses[0], figure.poses[1]._replace(**changes), *figure.poses[2:])
    return _exercise(catalog, figure=figure._replace(poses=poses))


def _safety(catalog: Catalog, **changes: Any) -> Catalog:
    return catalog._replace(safety=catalog.safety._replace(**changes))


def _first(items: tuple[Any, ...], value: Any) -> tuple[Any, ...]:
    return (value, *items[1:])


FIELDS: dict[str, Callable[[Catalog, str], Catalog]] = {
    "sessions.title": lambda c, t: c._replace(sessions=c.sessions._replace(title=t)),
    "sessions.note": lambda c, t: c._replace(sessions=c.sessions._replace(note=t)),
    "exercise name": lambda c, t: _exercise(c, name=t),
    "exercise note": lambda c, t: _exercise(c, note=t),
    "steps[0]": lambda c, t: _exercise(c, steps=_first(c.exercise("glute-bridge").steps, t)),
    "cues[0]": lambda c, t: _exercise(c, cues=_first(c.exercise("glute-bridge").cues, t)),
    "mistakes[0]": lambda c, t: _exercise(
        c, mistakes=_first(c.exercise("glute-bridge").mistakes, t)
    ),
    "easier[0]": lambda c, t: _exercise(c, easier=_first(c.exercise("glute-bridge").easier, t)),
    "harder[0]": lambda c, t: _exercise(c, harder=_first(c.exercise("glute-bridge").harder, t)),
    "variant name": lambda c, t: c._replace(
        variants=(c.variants[0]._replace(name=t), *c.variants[1:])
    ),
    "pose caption": lambda c, t: _pose(c, caption=t),
    "pose name": lambda c, t: _pose(c, name=t),
    "band name": lambda c, t: c._replace(
        bands=c.bands._replace(
            levels=tuple(b._replace(name=t) if b.id == "green" else b for b in c.bands.levels)
        )
    ),
    "disclaimer": lambda c, t: _safety(c, disclaimer=t),
    "short": lambda c, t: _safety(c, short=t),
    "stop_rules[0]": lambda c, t: _safety(c, stop_rules=_first(c.safety.stop_rules, t)),
    "red flag action": lambda c, t: _safety(
        c, red_flags=_first(c.safety.red_flags, c.safety.red_flags[0]._replace(action=t))
    ),
    "red flag sign": lambda c, t: _safety(
        c,
        red_flags=_first(
            c.safety.red_flags,
            c.safety.red_flags[0]._replace(signs=_first(c.safety.red_flags[0].signs, t)),
        ),
    ),
    "pain colour": lambda c, t: _safety(
        c, pain_guide=_first(c.safety.pain_guide, c.safety.pain_guide[0]._replace(colour=t))
    ),
    "pain meaning": lambda c, t: _safety(
        c, pain_guide=_first(c.safety.pain_guide, c.safety.pain_guide[0]._replace(meaning=t))
    ),
}
OPTIONS = ("patient", "clinician", "note")


def filled(texts: list[str]) -> tuple[Catalog, dict[str, str]]:
    """The built-in catalog with each field's marked text, and the options' marked text."""
    catalog = CATALOG
    for index, put in enumerate(FIELDS.values()):
        catalog = put(catalog, marked(index, texts[index % len(texts)]))
    options = {
        name: marked(len(FIELDS) + index, texts[(len(FIELDS) + index) % len(texts)])
        for index, name in enumerate(OPTIONS)
    }
    return catalog, options


def handout_of(texts: list[str]) -> pages.Handout:
    catalog, options = filled(texts)
    return pages.make(catalog, plan_session(catalog, "green"), DAY, **options)


def expected(text: str) -> str:
    """What a reader must see of ``text``: the same, with control characters shown."""
    return escaping.shown(text)


# The HTML page --------------------------------------------------------------------------


class Parsed(HTMLParser):
    """An HTML page as a browser's parser reads it: each tag with its attributes, the
    text between tags, and the style sheet apart."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))
        self._in.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("/" + tag, ()))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "style":
            self.style += data
        else:
            self.text.append(data)


CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?|\\(.)", re.DOTALL)


def css_unescape(text: str) -> str:
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


FOOTER = re.compile(r'@bottom-left \{ content: "((?:[^"\\]|\\.)*)";')


PLAIN = [f"plain{index}" for index in range(len(FIELDS) + len(OPTIONS))]
#: The page with ordinary text in every field, to hold the others to.
REFERENCE = Parsed(pages.page(handout_of(PLAIN), filled(PLAIN)[0]))


@settings(max_examples=15, deadline=None)  # each draws a whole page, its moving figures too
@given(st.lists(hostile(), min_size=1, max_size=len(FIELDS) + len(OPTIONS)))
def test_every_field_comes_back_from_the_html_page_as_written(texts: list[str]) -> None:
    texts = [texts[i % len(texts)] for i in range(len(FIELDS) + len(OPTIONS))]
    plain, reference = PLAIN, REFERENCE
    page = Parsed(pages.page(handout_of(texts), filled(texts)[0]))
    # Nothing added: the same elements with the same attributes, in the same order.
    assert page.tags == reference.tags
    # The text as written: the reference page's, each field's text in its place.
    swaps = {
        marked(i, p): marked(i, expected(t))
        for i, (p, t) in enumerate(zip(plain, texts, strict=True))
    }
    pattern = re.compile("|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)))
    assert page.text == [pattern.sub(lambda m: swaps[m.group()], t) for t in reference.text]
    # The printed page's footer is one whole CSS string that reads back as the text.
    index = list(FIELDS).index("short")
    (footer,) = FOOTER.findall(page.style)
    assert css_unescape(footer) == marked(index, expected(texts[index % len(texts)]))
    assert page.style.rstrip().endswith("counter(pages); " + pages.MARGIN_TEXT + " } }")


@pytest.mark.parametrize(
    "text",
    [
        "</style><script>alert(1)</script>",
        "Line one\nline two",
        '"; } .safety { display: none } x { content: "',
        '\\"; }\n@page { }',
    ],
)
def test_a_disclaimer_cannot_end_the_style_sheet_or_hide_the_red_flags(text: str) -> None:
    catalog = _safety(CATALOG, short=text)
    page = Parsed(pages.page(pages.make(catalog, plan_session(catalog, "green"), DAY), catalog))
    assert not any(tag == "script" for tag, _ in page.tags)
    assert ".safety { border-color: #b71c1c; }" in page.style
    (footer,) = FOOTER.findall(page.style)
    assert "\n" not in footer  # a CSS string cannot hold a line break: it would end there
    assert css_unescape(footer) == expected(text)
    assert "display: none }" not in page.style.replace(pages.STYLE, "")


def test_the_options_reach_the_page_as_text(invoke: Invoke) -> None:
    nasty = '<img src=x onerror="alert(1)">&amp;{week}\x1b[2J'
    made = invoke("handout", "--patient", nasty, "--clinician", nasty, "--note", nasty, "-o", "-")
    assert made.exit_code == 0, made.stderr
    page = Parsed(made.stdout)
    assert not any(tag == "img" for tag, _ in page.tags)
    assert sum(nasty.replace("\x1b", "␛") in text for text in page.text) == 3
    assert "\x1b" not in made.stdout


# The SVG figures --------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
SVG_TAGS = {"svg", "title", "desc", "rect", "g", "path", "use", "text", "animate"}
TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def read_svg(text: str) -> ElementTree.Element:
    root = ElementTree.fromstring(text)
    for element in root.iter():
        assert element.tag.startswith(SVG)
        assert element.tag[len(SVG) :] in SVG_TAGS
        if "id" in element.attrib:
            assert TOKEN.fullmatch(element.attrib["id"])
    assert set(root.attrib) == {"viewBox", "width", "height", "role", "aria-labelledby"}
    for ident in root.attrib["aria-labelledby"].split(" "):
        assert root.find(f".//*[@id='{ident}']") is not None
    return root


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile(), pose=hostile(), caption=hostile())
def test_an_svg_figure_reads_back_with_its_names_and_captions(
    name: str, pose: str, caption: str
) -> None:
    catalog = _pose(_exercise(CATALOG, name=name), name=pose, caption=caption)
    bridge = catalog.exercise("glute-bridge")
    figure = bridge.figure
    assert figure is not None
    start, top = figure.poses[0], figure.poses[1]
    one = read_svg(svg.still(bridge.id, bridge.name, figure, [top]))
    assert one.findtext(f"{SVG}title") == f"{expected(name)}: {expected(pose)}"
    assert one.findtext(f"{SVG}desc") == expected(caption).rstrip(".") + "."
    lines = "".join(t.text or "" for t in one.iter(f"{SVG}text"))
    assert "".join(lines.split()) == "".join(expected(caption).split())  # wrapped, all kept
    both = read_svg(svg.still(bridge.id, bridge.name, figure, figure.poses))
    assert both.findtext(f"{SVG}title") == f"{expected(name)}: {start.name}, {expected(pose)}"
    # Moving, at two frames a second: the names are written as at ten, in less time.
    moving = read_svg(svg.moving(bridge.id, bridge.name, figure, 2, 2, 2, per_second=2))
    assert moving.findtext(f"{SVG}title") == (
        f"{expected(name)}, moving: {start.name} to {expected(pose)}"
    )


def test_a_pose_named_with_quotes_and_an_ampersand_via_the_command(
    invoke: Invoke, tmp_path: Any
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "exercises" / "dead-bug.yaml"
    name = 'ext"onload="alert(1)&amp'
    text = path.read_text().replace("    extended:", f"    '{name}':")  # its variants' too
    path.write_text(text.replace("from: extended", f"from: '{name}'"))
    for extra in ([], ["--pose", name], ["--animate"]):
        made = invoke("--content-dir", str(content), "figure", "dead-bug", *extra)
        assert made.exit_code == 0, made.stderr
        root = read_svg(made.stdout)
        assert name in (root.findtext(f"{SVG}title") or "")
        assert "onload" not in root.attrib


# The calendar file ------------------------------------------------------------------------


def calendar_of(catalog: Catalog) -> bytes:
    from backpain_cli.render.plan import calendar
    from backpain_cli.today import Past, decide

    assert catalog.programme is not None
    plan = PlanSettings(DAY, (0, 2, 4), 8)
    today = decide(catalog, Past(), plan, DAY)
    stamp = datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc)
    return calendar(
        catalog, catalog.programme, plan, today, datetime.time(18, 30),
        datetime.timedelta(minutes=30), stamp,
    )  # fmt: skip


def _every_band(catalog: Catalog, text: str) -> Catalog:
    levels = tuple(b._replace(name=text) for b in catalog.bands.levels)
    return catalog._replace(bands=catalog.bands._replace(levels=levels))


def _every_phase(catalog: Catalog, text: str) -> Catalog:
    programme = catalog.programme
    assert programme is not None
    phases = tuple(p._replace(name=text) for p in programme.phases)
    return catalog._replace(programme=programme._replace(phases=phases))


ICS_FIELDS: dict[str, Callable[[Catalog, str], Catalog]] = {
    **{
        k: FIELDS[k]
        for k in ("exercise name", "short", "stop_rules[0]", "red flag sign", "red flag action")
    },
    "band names": _every_band,
    "phase names": _every_phase,
}
#: Bytes RFC 5545 does not allow in a content line: the controls other than tab.
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]|\xc2[\x80-\x9f]")


@settings(max_examples=30, deadline=None)
@given(st.lists(hostile(), min_size=1, max_size=len(ICS_FIELDS)))
def test_every_field_comes_back_from_the_calendar_file_as_written(texts: list[str]) -> None:
    from icalendar import Calendar

    catalog = CATALOG
    written = {}
    for index, (field, put) in enumerate(ICS_FIELDS.items()):
        written[field] = marked(index, texts[index % len(texts)])
        catalog = put(catalog, written[field])
    raw = calendar_of(catalog)
    assert not RAW_CONTROL.search(raw.replace(b"\r\n", b""))
    reference = Calendar.from_ical(calendar_of(CATALOG)).walk("VEVENT")
    events = Calendar.from_ical(raw).walk("VEVENT")
    assert len(events) == len(reference) > 0
    assert len({str(e["UID"]) for e in events}) == len(events)
    summary = "Back exercises: " + expected(written["phase names"])
    for event, before in zip(events, reference, strict=True):
        assert sorted(event) == sorted(before)  # nothing added
        described = str(event["DESCRIPTION"])
        for text in written.values():
            assert expected(text) in described
        assert str(event["SUMMARY"]) == summary
        (alarm,) = event.subcomponents
        assert str(alarm["DESCRIPTION"]) == summary


# The PDF ----------------------------------------------------------------------------------

#: A PDF takes a while to make: its failures are reported as found, not made smaller.
QUICK = (Phase.explicit, Phase.reuse, Phase.generate)
#: What DejaVu Sans, the PDF's font, can print (for the rest, see the PDF's own tests).
PDF_NASTY = [n for n in NASTY if n not in ("\ufeff",)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@settings(max_examples=4, deadline=None, phases=QUICK, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile("ßŁ", PDF_NASTY), min_size=len(FIELDS) + len(OPTIONS), max_size=24))
def test_every_field_comes_back_from_the_pdf_as_written(texts: list[str]) -> None:
    from backpain_cli.render.handout_pdf import document

    pdf = document(handout_of(texts))
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
        check=True,
    ).stdout.decode()  # fmt: skip
    flat = "".join(text.split())
    skipped = {"pose name"}  # the PDF draws the poses without their names
    for index, field in enumerate([*FIELDS, *OPTIONS]):
        if field in skipped:
            continue
        shown = marked(index, escaping.pdf_text(texts[index % len(texts)]))
        assert "".join(shown.split()) in flat, field
    pages_count = flat.count("Page1of")
    assert pages_count == 1
    assert re.search(r"Page1of[0-9]+", flat)


# Each escaping function on its own -------------------------------------------------------

ANY_TEXT = st.one_of(hostile(), st.text(max_size=30))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_each_escaping_function_reads_back_with_its_formats_parser(text: str) -> None:
    shown = escaping.shown(text)
    page = Parsed(
        f'<p title="{escaping.html_attribute(text)}">{escaping.html_text(text)}</p>'
        f"<style>x {{ content: {escaping.css_string(text)} }}</style>"
    )
    assert page.tags[0] == ("p", (("title", shown),))
    assert "".join(page.text) == shown
    assert page.style.startswith("x { content: ")
    assert page.style.endswith(" }")
    css = page.style[len("x { content: ") : -2]
    assert re.fullmatch(r'"(?:[^"\\\n]|\\.)*"', css, re.DOTALL)  # one string, no raw break
    assert css_unescape(css[1:-1]) == shown
    element = ElementTree.fromstring(
        f'<t a="{escaping.xml_attribute(text)}">{escaping.xml_text(text)}</t>'
    )
    assert element.attrib["a"] == shown
    assert (element.text or "") == shown
    assert TOKEN.fullmatch(escaping.xml_token(text) or "x")
    assert not RAW_CONTROL.search(escaping.ics_text(text).replace("\n", "").encode())
    from backpain_cli.render.report_pdf import PAGES

    assert PAGES not in escaping.pdf_text(text)  # the page count's alias: never in text
