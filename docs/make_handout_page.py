"""Print the example handout's HTML as a person would and keep one page as a picture.

    python docs/make_handout_page.py

It needs headless Chromium (`chromium`) and poppler's `pdftoppm` on the PATH: the
handout's HTML is printed to PDF on A4 by the browser, and its second page (the
first exercises) becomes docs/handout-page-2.png, which the README shows. Look at
the picture after running it: do the pictures read, does the page fit?
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or shutil.which("pdftoppm") is None:
        sys.exit("needs chromium and pdftoppm (Debian: apt-get install chromium poppler-utils)")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "handout.html"
        printed = Path(folder) / "handout.pdf"
        subprocess.run(
            [sys.executable, "-m", "backpain_cli", "handout", "--band", "green",
             "--patient", "Zoë Łukasz", "--clinician", "Sam Lee, physiotherapist",
             "--note", "Twice a week to start.", "-o", str(page)],
            check=True,
        )  # fmt: skip
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={printed}", page.as_uri()],
            check=True,
            capture_output=True,
        )  # fmt: skip
        target = HERE / "handout-page-2"
        subprocess.run(
            ["pdftoppm", "-f", "2", "-l", "2", "-r", "70", "-png", "-singlefile",
             str(printed), str(target)],
            check=True,
        )  # fmt: skip
    print(f"wrote {target.relative_to(HERE.parent)}.png")


if __name__ == "__main__":
    main()
