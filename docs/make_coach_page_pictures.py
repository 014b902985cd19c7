"""Pictures of the coach page, to look at: a phone (360x740) and a laptop (1280x800), at
the start, in the middle of a set, at a rest and at the end.

    python docs/make_coach_page_pictures.py [FOLDER]

It needs Chromium (`apt-get install chromium`, or BACKPAIN_TEST_CHROMIUM set to a browser)
and Playwright (`pip install -e '.[test]'`). The page's clock is faked, so a whole session
passes in a moment, and its voice is silenced. The pictures go to FOLDER (by default
docs/coach-page/).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = {"phone": (360, 740), "laptop": (1280, 800)}
SILENT = (
    "window.speechSynthesis.speak = function (u) {"
    " setTimeout(function () { if (u.onend) u.onend(); }, 50); };"
)


def main() -> int:
    from playwright.sync_api import sync_playwright

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "coach-page")
    folder.mkdir(parents=True, exist_ok=True)
    browser_path = os.environ.get("BACKPAIN_TEST_CHROMIUM") or shutil.which("chromium")
    if browser_path is None:
        print("No Chromium: apt-get install chromium, or set BACKPAIN_TEST_CHROMIUM.")
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        page_file = Path(scratch) / "coach.html"
        env = {**os.environ, "BACKPAIN_DATA_DIR": str(Path(scratch) / "data")}
        subprocess.run(
            [sys.executable, "-m", "backpain_cli", "coach-page", "--patient", "Sam",
             "--clinician", "A. Physio, 01234 567890", "-o", str(page_file)],
            check=True, env=env,
        )  # fmt: skip
        html = page_file.read_text(encoding="utf-8")
        data = json.loads(re.search(r'id="data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
        session = data["sessions"][data["outcomes"][data["by_pain"]["2"]]["session"]]
        steps = session["steps"]
        starts = [step["start"] for step in steps] + [session["total"]]
        first_work = next(n for n, s in enumerate(steps) if s["kind"] == "work")
        first_rest = next(n for n, s in enumerate(steps) if s["kind"] == "rest")
        moments = {
            "mid-set": (starts[first_work] + starts[first_work + 1]) / 2 + 0.7,
            "rest": starts[first_rest] + 20,
            "end": starts[-1] + 2,
        }
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"]
            )
            for size, (width, height) in SIZES.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=1
                )
                page = context.new_page()
                page.add_init_script(SILENT)
                page.clock.install(time=datetime.datetime(2026, 12, 1, 9, 0))
                page.goto(page_file.as_uri())
                page.screenshot(path=folder / f"{size}-start.png")
                page.click("#start-button")
                page.click("#flag-no")
                page.click("#before-2")
                at = 0.0
                for name, moment in moments.items():
                    page.clock.run_for(int((moment - at) * 1000))
                    at = moment
                    page.screenshot(path=folder / f"{size}-{name}.png")
                context.close()
            browser.close()
    print(f"Wrote the pictures of the coach page to {folder}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
