"""Text the PDF's font cannot show is never printed as a silent blank: the handout says
which characters, where, and that the HTML handout shows them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import Invoke


@pytest.mark.parametrize(
    ("option", "text", "named"),
    [
        ("--patient", "王小明", ["王 (U+738B)", "小 (U+5C0F)", "明 (U+660E)"]),
        ("--patient", "สมชาย ใจดี", ["ส (U+0E2A)", "ม (U+0E21)"]),
        ("--clinician", "山田 花子, 理学療法士", ["山 (U+5C71)", "田 (U+7530)"]),
        ("--note", "하루에 두 번", ["하 (U+D558)", "루 (U+B8E8)"]),
        ("--note", "Twice a week 🙂", ["🙂 (U+1F642)"]),
        ("--clinician", "डॉ. शर्मा", ["श (U+0936)"]),
    ],
)
def test_characters_the_pdf_cannot_print_are_named_and_nothing_is_written(
    invoke: Invoke, tmp_path: Path, option: str, text: str, named: list[str]
) -> None:
    target = tmp_path / "handout.pdf"
    made = invoke("handout", option, text, "-o", str(target))
    assert made.exit_code == 1
    (line,) = made.stderr.splitlines()  # one message, no traceback, no library warning
    assert line.startswith("Error: the PDF's font has no letters for ")
    for name in named:
        assert name in line
    assert f'in "{text[:40]}' in line
    assert "Make the handout as HTML (a file name ending .html)" in line
    assert not target.exists()
    html = invoke("handout", option, text, "-o", str(tmp_path / "handout.html"))
    assert html.exit_code == 0  # the alternative the message gives works
    assert text in (tmp_path / "handout.html").read_text("utf-8")


def test_many_characters_are_counted_not_all_listed(invoke: Invoke, tmp_path: Path) -> None:
    text = "".join(chr(0x4E00 + i) for i in range(30))
    made = invoke("handout", "--patient", text, "-o", str(tmp_path / "h.pdf"))
    assert made.exit_code == 1
    assert "and 22 more" in made.stderr
    assert f'in "{text}"' in made.stderr


def test_a_name_in_content_the_pdf_cannot_print_is_named_too(
    invoke: Invoke, content_copy: Path, tmp_path: Path
) -> None:
    path = content_copy / "exercises" / "clam-shell.yaml"
    path.write_text(path.read_text().replace("name: Clam shell", "name: ท่าหอย"), "utf-8")
    made = invoke("--content-dir", str(content_copy), "handout", "-o", str(tmp_path / "h.pdf"))
    assert made.exit_code == 1
    assert 'in "ท่าหอย"' in made.stderr
    assert not (tmp_path / "h.pdf").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_what_the_font_has_prints_and_controls_print_as_carets(
    invoke: Invoke, tmp_path: Path
) -> None:
    target = tmp_path / "h.pdf"
    made = invoke("handout", "--patient", "Zoë Łukasz-Øst \x1b[2J", "-o", str(target))
    assert made.exit_code == 0, made.stderr
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True)
    assert "For: Zoë Łukasz-Øst ^[[2J" in text.stdout.decode()
