"""The handout: one HTML page and a PDF, from the same content and checks as the screens."""

from __future__ import annotations

import datetime
import itertools
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from backpain_cli.content import load as loader

from .conftest import CONTENT, Invoke
from .test_unbreakable import without_root_powers

CATALOG = loader.load(CONTENT)
PATIENT = "Zoë Łukasz"


class Page(HTMLParser):
    """An HTML page as a person's tools see it: elements, headings, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.text: list[str] = []
        self._heading: int | None = None
        self._style = False
        self._row_head = False
        self.row_heads: list[str] = []  # the text of each row's heading cell (th scope=row)
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._style = tag == "style"
        self._row_head = tag == "th" and dict(attrs).get("scope") == "row"
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = int(tag[1])
            self.headings.append((self._heading, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag.startswith("h") and tag[1:].isdigit():
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._style:  # CSS is not text a person reads
            self._style = False
            return
        self.text.append(data)
        if self._row_head:
            self.row_heads.append(data)
            self._row_head = False
        if self._heading is not None:
            level, words = self.headings[-1]
            self.headings[-1] = (level, words + data)

    def count(self, tag: str, **attrs: str) -> int:
        return sum(
            1
            for name, found in self.tags
            if name == tag and all(found.get(k) == v for k, v in attrs.items())
        )

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def html_handout(invoke: Invoke, *args: str, content: Path | None = None) -> str:
    folder = ("--content-dir", str(content)) if content else ()
    made = invoke(*folder, "handout", *args, "-o", "-")
    assert made.exit_code == 0, made.stderr
    return made.stdout


def test_the_page_has_everything_in_order_for_the_band(invoke: Invoke) -> None:
    text = html_handout(
        invoke,
        "--band", "green", "--patient", PATIENT, "--clinician", "Sam Lee, 01234 567890",
        "--note", "Twice a week to start.",
    )  # fmt: skip
    page = Page(text)
    words = page.all_text
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # none skipped
    names = [words for level, words in page.headings if level == 3 and words[:1].isdigit()]
    green = [CATALOG.exercise(d.exercise).name for d in CATALOG.sessions.for_band("green")]
    assert names == [f"{n}. {name}" for n, name in enumerate(green, 1)]
    today = datetime.date.today()
    assert f"Green band · {today.day} {today:%B %Y}" in words
    assert f"For: {PATIENT}" in words
    assert "From: Sam Lee, 01234 567890" in words
    assert "Notes for you Twice a week to start." in words
    assert "3 sessions a week" in words
    assert (
        "Green band, just below the knees; 3 x 10; hold 2 s at the top; lift 2 s, lower 2 s;"
        in words
    )
    # The start is the first picture's caption, printed under it: not said twice.
    assert "Start: on your back, knees bent, feet flat near your bottom" in words
    assert "Starting position:" not in words
    assert "Key cue: Squeeze your glutes before you lift." in words
    assert "Avoid: Arching your lower back at the top." in words
    assert "Easier: Clam shell without a band. Harder: Clam shell with a long hold." in words
    for flags in CATALOG.safety.red_flags:
        for sign in flags.signs:
            assert sign in words
    assert CATALOG.safety.disclaimer in words
    assert words.count(CATALOG.safety.disclaimer) == 1  # once, in its box


def test_every_figure_is_inline_with_a_title_and_description_and_moves_only_on_screen(
    invoke: Invoke,
) -> None:
    text = html_handout(invoke, "--band", "yellow")
    page = Page(text)
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert len(svgs) == 2 * 3  # a still and a moving picture for each exercise
    for attrs in svgs:
        title, desc = (attrs.get("aria-labelledby") or "").split()
        assert page.count("title", id=title) == 1
        assert page.count("desc", id=desc) == 1
    assert page.count("animate") > 0
    assert "@media print" in text
    assert ".figure .moving { display: none; }" in text
    assert "prefers-reduced-motion" in text
    assert page.count("figcaption") == 3


def test_nothing_is_fetched_and_no_script_is_needed(invoke: Invoke) -> None:
    text = html_handout(invoke)
    page = Page(text)
    assert page.count("script") == page.count("link") == page.count("img") == 0
    assert not any("src" in attrs for _tag, attrs in page.tags)
    links = [attrs["href"] for _tag, attrs in page.tags if "href" in attrs]
    assert links  # the pictures' outlines, drawn by reference to their shapes
    assert all((link or "").startswith("#") for link in links)  # within the page
    assert "url(" not in text
    assert "@import" not in text


@pytest.mark.parametrize(
    ("paper", "size"), [("a4", "A4"), ("letter", "Letter"), ("LETTER", "Letter")]
)
def test_print_css_lays_it_out_on_the_paper(invoke: Invoke, paper: str, size: str) -> None:
    text = html_handout(invoke, "--paper", paper)
    assert f"@page {{ size: {size};" in text
    assert ".log { break-before: page; }" in text  # the log on a page of its own
    assert ".exercise { break-inside: avoid;" in text  # no exercise split across pages
    assert 'counter(page) " of " counter(pages)' in text
    assert CATALOG.safety.short in text.split("@page", 1)[1]  # every page's footer


def test_the_log_has_a_dated_row_for_each_session_of_its_weeks(invoke: Invoke) -> None:
    today = datetime.date.today()
    per_week = CATALOG.sessions.sessions_per_week
    for weeks in (1, 4, 12):
        page = Page(html_handout(invoke, "--weeks", str(weeks)))
        days = page.row_heads
        assert len(days) == weeks * per_week  # no plan: the content's sessions a week
        dated = [_day_in(text, today) for text in days]
        assert dated == sorted(dated)
        assert today <= dated[0] < dated[-1] < today + datetime.timedelta(weeks=weeks)
        assert {d.weekday() for d in dated} == {0, 2, 4}  # spread: Monday, Wednesday, Friday
    assert "0-3 green : Carry on." in page.all_text  # the traffic light's key


def _day_in(text: str, today: datetime.date) -> datetime.date:
    """ "Mon 7 Dec" as a date on or after ``today``'s year."""
    found = datetime.datetime.strptime(f"{text} {today.year}", "%a %d %b %Y").date()
    return (
        found if found >= today - datetime.timedelta(days=7) else found.replace(year=today.year + 1)
    )


def test_markup_and_control_characters_are_only_text(invoke: Invoke) -> None:
    text = html_handout(
        invoke, "--patient", "<script>alert(1)</script>", "--note", "\x1b[31mred\x07 & <b>bold</b>"
    )
    page = Page(text)
    assert page.count("script") == 0
    assert page.count("b") == 0
    assert "For: <script>alert(1)</script>" in page.all_text
    assert "␛[31mred␇ & <b>bold</b>" in page.all_text
    assert "\x1b" not in text
    assert "\x07" not in text


def test_content_markup_is_text_too(invoke: Invoke, content_copy: Path) -> None:
    bridge = content_copy / "exercises" / "glute-bridge.yaml"
    bridge.write_text(
        bridge.read_text().replace("name: Glute bridge", 'name: "Bridge <img src=x>"'), "utf-8"
    )
    page = Page(html_handout(invoke, content=content_copy))
    assert page.count("img") == 0
    assert "1. Bridge <img src=x>" in [words for _level, words in page.headings]


def test_a_tailored_content_folder_is_what_the_handout_says(
    invoke: Invoke, content_copy: Path
) -> None:
    sessions = content_copy / "sessions.yaml"
    text = sessions.read_text()
    sessions.write_text(
        text.replace(
            "title: Strengthening exercises for lower back pain", "title: Your programme"
        ).replace("sessions_per_week: 3", "sessions_per_week: 2"),
        "utf-8",
    )
    words = Page(html_handout(invoke, content=content_copy)).all_text
    assert words.startswith("Your programme: Yellow band Your programme")
    assert "2 sessions a week" in words


def test_no_handout_without_the_disclaimer(
    invoke: Invoke, content_copy: Path, tmp_path: Path
) -> None:
    (content_copy / "disclaimer.yaml").unlink()
    target = tmp_path / "handout.html"
    made = invoke("--content-dir", str(content_copy), "handout", "-o", str(target))
    assert made.exit_code == 1
    assert "disclaimer.yaml: missing file; the program will not run without its disclaimer" in (
        made.stderr
    )
    assert not target.exists()


# PDF ---------------------------------------------------------------------------------


def pdf_text(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def test_the_pdf_has_every_exercise_the_dosage_the_safety_and_the_name(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "handout.pdf"
    made = invoke("handout", "--band", "blue", "--patient", PATIENT, "-o", str(target))
    assert made.exit_code == 0, made.stderr
    assert made.stderr == f"Wrote {target}.\n"
    assert target.read_bytes().startswith(b"%PDF-")
    pages, text = pdf_text(target)
    assert f"For: {PATIENT}" in text  # the embedded font prints ë and Ł
    for dosage in CATALOG.sessions.for_band("blue"):
        assert CATALOG.exercise(dosage.exercise).name in text
    assert "Blue band, just below the knees; 3 x 12; hold 2 s at the top" in text
    for flags in CATALOG.safety.red_flags:
        assert flags.signs[0] in text
    assert " ".join(CATALOG.safety.disclaimer.split()) in text
    assert f"Page 1 of {pages}" in text
    assert CATALOG.safety.short in text


@pytest.mark.parametrize(("weeks", "pages"), [(4, 4), (12, 5)])
def test_the_pdf_page_count_grows_with_the_log(
    invoke: Invoke, tmp_path: Path, weeks: int, pages: int
) -> None:
    target = tmp_path / "handout.pdf"
    assert invoke("handout", "--weeks", str(weeks), "-o", str(target)).exit_code == 0
    found, text = pdf_text(target)
    assert found == pages
    assert f"Week {weeks}" in text
    assert f"Week {weeks + 1}" not in text


def test_letter_paper_is_letter_sized(invoke: Invoke, tmp_path: Path) -> None:
    from pypdf import PdfReader

    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        target = tmp_path / f"{paper}.pdf"
        assert invoke("handout", "--paper", paper, "-o", str(target)).exit_code == 0
        box = PdfReader(target).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size


# Errors --------------------------------------------------------------------------------


def test_an_existing_file_is_kept_without_force(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    target.write_text("the patient's own notes", encoding="utf-8")
    kept = invoke("handout", "-o", str(target))
    assert kept.exit_code == 1
    assert "already exists and was left as it is" in kept.stderr
    assert target.read_text(encoding="utf-8") == "the patient's own notes"
    assert invoke("handout", "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["handout.pdf"]  # no temporary left


@pytest.mark.parametrize("name", ["handout.txt", "handout", "handout.pdf.bak"])
def test_an_unknown_ending_says_which_work(invoke: Invoke, tmp_path: Path, name: str) -> None:
    made = invoke("handout", "-o", str(tmp_path / name))
    assert made.exit_code == 2
    assert "end FILE with .html or .pdf (or give - for HTML on standard output)" in made.stderr
    assert not (tmp_path / name).exists()


def test_without_the_pdf_extra_one_line_says_how_to_get_it(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "reportlab", None)  # as if it were not installed
    made = invoke("handout", "-o", str(tmp_path / "handout.pdf"))
    assert made.exit_code == 1
    assert made.stderr == "Error: Making a PDF needs the pdf extra: pip install 'backpain[pdf]'\n"
    assert invoke("handout", "-o", str(tmp_path / "handout.html")).exit_code == 0


@pytest.mark.parametrize("name", ["handout.html", "handout.pdf"])
def test_a_folder_the_user_may_not_write_gives_a_clean_error(tmp_path: Path, name: str) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        done = without_root_powers("handout", "-o", str(locked / name), env={})
    finally:
        locked.chmod(0o700)
    assert done.returncode == 1
    assert done.stderr.decode() == f"Error: {locked / name} cannot be written: Permission denied\n"
    assert list(locked.iterdir()) == []


def test_a_missing_folder_is_named(invoke: Invoke, tmp_path: Path) -> None:
    made = invoke("handout", "-o", str(tmp_path / "nowhere" / "handout.html"))
    assert made.exit_code == 1
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in made.stderr


def test_html_to_standard_output_is_utf8_whatever_the_terminal(tmp_path: Path) -> None:
    import os
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "handout", "--patient", PATIENT, "-o", "-"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=True,
    )
    assert f"For: <strong>{PATIENT}</strong>".encode() in done.stdout
    assert done.stdout.decode("utf-8").startswith("<!DOCTYPE html>")


def test_start_and_sessions_a_week_date_the_log_with_each_phases_band(invoke: Invoke) -> None:
    today = datetime.date.today()
    monday = today + datetime.timedelta(days=7 - today.weekday())  # the next Monday
    page = Page(html_handout(invoke, "--start", monday.isoformat(), "--per-week", "2",
                             "--weeks", "4"))  # fmt: skip
    words = " ".join(" ".join(page.text).split())
    assert f"2 sessions a week (Monday and Thursday), from Monday {monday.day}" in words
    dated = [_day_in(text, today) for text in page.row_heads]
    assert dated[0] == monday
    assert len(dated) == 8
    assert {d.weekday() for d in dated} == {0, 3}
    cells = [cell for cell in page.text if cell in ("Yellow", "Green")]
    # The programme's first phase is two weeks at Yellow, then Green: the log says so.
    assert cells == ["Yellow"] * 4 + ["Green"] * 4


def test_sessions_a_week_without_a_rest_day_between_are_refused(
    invoke: Invoke, tmp_path: Path
) -> None:
    done = invoke("handout", "--per-week", "4", "-o", str(tmp_path / "h.html"))
    assert done.exit_code == 2
    assert "4 sessions a week fall on Monday and Tuesday too" in done.stderr
    assert not (tmp_path / "h.html").exists()
