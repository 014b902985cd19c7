"""Print the example handouts as a person would and keep their pages as pictures.

    python docs/make_handout_page.py

It needs headless Chromium (`chromium`) and poppler's `pdftoppm` on the PATH. Two
handouts are made:

- the Green band's, as HTML printed to PDF on A4 by the browser: its second page (the
  first exercises) becomes docs/handout-page-2.png, which the clinician guide shows;
- one that follows a prescription (two sessions a week from a Monday, a note on the
  clam shell, the dead bug left out), both as HTML printed by the browser and as the
  program's own PDF: every page of each becomes docs/handout/html-N.png and
  docs/handout/pdf-N.png.

Look at the pictures after running it: do the pictures read, does each page fit, is a
heading ever left alone at the foot of a page?
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONTENT = HERE.parent / "content"


def prescription(start: datetime.date) -> str:
    return f"""\
patient: Zoë Łukasz
clinician: Sam Lee, physiotherapist
per_week: 2
days: [mon, thu]
start: "{start.isoformat()}"
note: Twice a week to start; more once it feels easy.
exercises:
  clam-shell:
    note: Keep the top knee low if your hip clicks.
  dead-bug:
    leave_out: true
"""


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or shutil.which("pdftoppm") is None:
        sys.exit("needs chromium and pdftoppm (Debian: apt-get install chromium poppler-utils)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = {**os.environ, "BACKPAIN_DATA_DIR": str(folder / "data")}

        def backpain(*args: str) -> None:
            subprocess.run([sys.executable, "-m", "backpain_cli", *args], check=True, env=env)

        def printed(page: Path) -> Path:
            target = page.with_suffix(".printed.pdf")
            subprocess.run(
                [browser, "--headless", "--no-sandbox", "--disable-gpu",
                 "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()],
                check=True, capture_output=True,
            )  # fmt: skip
            return target

        def pictures(pdf: Path, prefix: Path, page: int | None = None) -> None:
            only = ["-f", str(page), "-l", str(page), "-singlefile"] if page else []
            subprocess.run(
                ["pdftoppm", *only, "-r", "70", "-png", str(pdf), str(prefix)], check=True
            )

        green = folder / "handout.html"
        backpain("handout", "--band", "green", "--patient", "Zoë Łukasz",
                 "--clinician", "Sam Lee, physiotherapist", "-o", str(green))  # fmt: skip
        pictures(printed(green), HERE / "handout-page-2", page=2)

        content = folder / "content"
        shutil.copytree(CONTENT, content)
        today = datetime.date.today()
        monday = today + datetime.timedelta(days=7 - today.weekday())  # the next Monday
        (content / "prescription.yaml").write_text(prescription(monday), encoding="utf-8")
        html, pdf = folder / "prescribed.html", folder / "prescribed.pdf"
        backpain("--content-dir", str(content), "handout", "-o", str(html))
        backpain("--content-dir", str(content), "handout", "-o", str(pdf))
        out = HERE / "handout"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        pictures(printed(html), out / "html")
        pictures(pdf, out / "pdf")
    print("wrote docs/handout-page-2.png and docs/handout/")


if __name__ == "__main__":
    main()
