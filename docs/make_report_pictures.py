"""Make the pictures to look at for the report and the charts, from six weeks of an
example patient's journal.

    python docs/make_report_pictures.py [FOLDER]

FOLDER (default build/pictures) gets, as PNG:
- report-pdf-N.png: the report as a PDF (`backpain report -o report.pdf`), page by page;
- report-html-N.png: the report's HTML printed to PDF on A4 by headless Chromium, page by
  page;
- terminal-history-W.png and terminal-progress-W.png: `backpain history` and `backpain
  progress` in a terminal W columns wide (40 and 100), with their charts.

It needs headless Chromium (`chromium`) and poppler's `pdftoppm` on the PATH. Look at each
picture after running it: does the page fit, do the charts read, is anything cut?
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAM = [sys.executable, "-m", "backpain_cli"]


def seed(data: Path) -> None:
    """Six weeks as a patient: sessions (a week away, one red, an amber that did not
    settle), a clam shell that hurt, weekly check-ins, notes."""
    from backpain_cli.content.load import load
    from backpain_cli.journal import open_for_writing
    from backpain_cli.models import HURT, CheckIn, ExerciseDone, Later, SessionRecord

    catalog = load(HERE.parent / "content")
    today = date.today()
    start = today - timedelta(days=today.weekday(), weeks=6)

    def done(band: str, hurt: dict[str, int]) -> tuple[ExerciseDone, ...]:
        return tuple(
            ExerciseDone(d.exercise, d.sets, d.sets, d.reps, 0,
                         HURT if d.exercise in hurt else "", hurt.get(d.exercise))
            for d in catalog.sessions.for_band(band)
        )  # fmt: skip

    sessions = [
        (0, "yellow", 3, 2, {}, ""), (2, "yellow", 3, 2, {}, ""),
        (4, "yellow", 2, 2, {}, "felt easy"), (7, "yellow", 3, 4, {}, ""),
        (9, "yellow", 4, 5, {"clam-shell": 6}, "right hip sore after the clams"),
        (11, "yellow", 3, 3, {}, ""), (14, "yellow", 2, 2, {}, ""), (16, "yellow", 2, 1, {}, ""),
        (18, "yellow", 2, 2, {}, ""), (21, "green", 3, 7, {"dead-bug": 7}, "too much too soon"),
        (23, "yellow", 2, 3, {}, ""), (25, "yellow", 2, 2, {}, ""),
        (35, "yellow", 2, 2, {}, "back after a week away"), (37, "yellow", 1, 2, {}, ""),
        (39, "yellow", 1, 1, {}, ""),
    ]  # fmt: skip
    activities = ("climbing stairs", "gardening", "lifting my son")
    weekly = [((3, 3, 4), 6), ((4, 3, 4), 5), ((4, 4, 5), 5), ((5, 5, 5), 4), None,
              ((6, 6, 6), 3)]  # fmt: skip
    with open_for_writing(data) as journal:
        numbers = {}
        for day, band, before, after, hurt, notes in sessions:
            record = SessionRecord(start + timedelta(days=day), band, done(band, hurt), True,
                                   before, after, notes)  # fmt: skip
            numbers[day] = journal.add(record)
        for day, pain in ((7, 2), (9, 5), (21, 4)):
            journal.add_later(Later(numbers[day], start + timedelta(days=day + 1), pain))
        for week, answers in enumerate(weekly):
            if answers is None:
                continue
            psfs, usual = answers
            day = start + timedelta(weeks=week)
            journal.add_checkin(CheckIn(day, "psfs", tuple(zip(activities, psfs, strict=True))))
            journal.add_checkin(CheckIn(day, "usual-pain", (("usual-pain", usual),)))


def in_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """What ``backpain ARGS`` writes to a terminal ``columns`` wide, colour and all."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [*PROGRAM, "--no-pager", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    written = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        written += chunk
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    os.close(fd)
    return written.decode("utf-8", "replace").replace("\r\n", "\n")


def terminal_png(text: str, columns: int, target: Path, browser: str) -> None:
    """Terminal output as a picture: through rich's SVG export, shot by Chromium."""
    from rich.console import Console
    from rich.text import Text

    console = Console(width=columns, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(Text.from_ansi(text))
    svg = target.with_suffix(".svg")
    console.save_svg(str(svg), title=target.stem)
    lines = text.count("\n") + 4
    size = f"--window-size={columns * 9 + 80},{lines * 22 + 120}"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    size, f"--screenshot={target}", svg.as_uri()],
                   check=True, capture_output=True)  # fmt: skip
    svg.unlink()


def pdf_pages(pdf: Path, prefix: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(prefix)], check=True)


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None or shutil.which("pdftoppm") is None:
        sys.exit("needs chromium and pdftoppm (Debian: apt-get install chromium poppler-utils)")
    out = Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parent / "build" / "pictures")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        seed(data)
        env = {**os.environ, "BACKPAIN_DATA_DIR": str(data), "TERM": "xterm-256color"}
        for name in ("NO_COLOR", "COLUMNS", "LINES"):
            env.pop(name, None)
        report = Path(folder) / "report"
        for ending in ("pdf", "html"):
            subprocess.run([*PROGRAM, "report", "--patient", "Zoë Łukasz", "-o",
                            f"{report}.{ending}"], check=True, env=env)  # fmt: skip
        pdf_pages(report.with_suffix(".pdf"), out / "report-pdf")
        printed = Path(folder) / "printed.pdf"
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--print-to-pdf={printed}",
                        report.with_suffix(".html").as_uri()],
                       check=True, capture_output=True)  # fmt: skip
        pdf_pages(printed, out / "report-html")
        for columns in (40, 100):
            for command in ("history", "progress"):
                text = in_terminal([command], columns, env)
                terminal_png(text, columns, out / f"terminal-{command}-{columns}.png", browser)
    for made in sorted(out.glob("*.png")):
        print(f"wrote {made}")


if __name__ == "__main__":
    main()
