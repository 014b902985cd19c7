"""The report for the next appointment, and the charts: its numbers are the journal's, it
is escaped like the handout, its pictures are the same bytes every time."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from rich.console import Console

from backpain_cli.charts import pain_chart, score_chart
from backpain_cli.content.questionnaires import load_questionnaires
from backpain_cli.journal import open_for_writing
from backpain_cli.models import CheckIn, Entry, Later
from backpain_cli.outcomes import outcome, score
from backpain_cli.render import charts as terminal
from backpain_cli.render.chart_svg import pain_svg, score_svg

from .conftest import CONTENT, Invoke
from .test_today import CATALOG, record

TODAY = date.today()
#: Six weeks back, on a Monday: the report's weeks start there.
START = TODAY - timedelta(days=TODAY.weekday(), weeks=6)
Snapshot = Callable[[str, str], None]


def on(days: int) -> str:
    return (START + timedelta(days=days)).isoformat()


def six_weeks(invoke: Invoke) -> None:
    """Six weeks as a patient: sessions (one week missed), check-ins, notes."""
    sessions = [(0, 3, 2), (2, 3, 2), (4, 2, 2), (7, 3, 5), (9, 4, 4), (14, 2, 2), (16, 2, 7),
                (18, 3, 3), (28, 2, 2), (30, 1, 1), (32, 1, 1)]  # fmt: skip
    for day, before, after in sessions:
        done = invoke("log", "--date", on(day), "--pain-before", str(before), "--pain-after",
                      str(after), "--notes", f"day {day}")  # fmt: skip
        assert done.exit_code == 0, done.stderr
    assert invoke("log", "--date", on(35), "--exercise-pain", "clam-shell=6").exit_code == 0
    for week, (psfs, pain) in enumerate([((3, 3, 4), 6), ((4, 4, 4), 5), ((5, 6, 6), 3)]):
        answers = ["--answer", f"usual-pain={pain}"]
        if week == 0:
            answers += ["--answer", f"psfs.climbing stairs={psfs[0]}",
                        "--answer", f"psfs.gardening={psfs[1]}",
                        "--answer", f"psfs.lifting my son={psfs[2]}"]  # fmt: skip
        else:
            answers += [a for n, v in enumerate(psfs, 1) for a in ("--answer", f"psfs.{n}={v}")]
        done = invoke("check-in", *answers, "--date", on(14 * week))
        assert done.exit_code == 0, done.stderr


def test_the_reports_numbers_are_the_journals(invoke: Invoke, data_dir: Path) -> None:
    six_weeks(invoke)
    with open_for_writing(data_dir) as journal:  # the 24-hour answer after day 7's amber
        journal.add_later(Later(4, START + timedelta(days=8), 5))
    found = json.loads(invoke("report", "--json").stdout)
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    sessions = db.execute("SELECT count(*) FROM session").fetchone()[0]
    adherence = found["adherence"]
    assert adherence["sessions"] == sessions == 12
    weeks = adherence["weeks"]
    assert weeks[0]["monday"] == START.isoformat()
    for week in weeks:
        monday = date.fromisoformat(week["monday"])
        sunday = min(monday + timedelta(days=6), TODAY)
        done = db.execute(
            "SELECT count(*) FROM session WHERE day BETWEEN ? AND ?",
            (monday.isoformat(), sunday.isoformat()),
        ).fetchone()[0]
        assert week["done"] == done
        if not week["so_far"]:
            assert week["planned"] == 3  # no plan kept: the content's 3 a week
    assert adherence["planned"] == sum(w["planned"] for w in weeks)
    assert [w["done"] for w in weeks][3] == 0  # the week missed
    days = {
        row[0] for table in ("session", "checkin") for row in db.execute(f"SELECT day FROM {table}")
    } | {row[0] for row in db.execute("SELECT day FROM later WHERE pain IS NOT NULL")}
    recent = [d for d in days if (TODAY - date.fromisoformat(d)).days < 30]
    assert adherence["days_with_data"] == {"days": len(recent), "of": 30}
    # the changes, from the first check-in to the latest, as the journal has them
    psfs, pain = found["outcomes"]
    firsts = [a for (a,) in db.execute(
        "SELECT answer FROM checkin_answer JOIN checkin ON id = checkin_id"
        " WHERE questionnaire = 'psfs' ORDER BY day, position")]  # fmt: skip
    assert psfs["change"]["first"]["score"] == round(sum(firsts[:3]) / 3, 2)
    assert psfs["change"]["latest"]["score"] == round(sum(firsts[-3:]) / 3, 2)
    assert psfs["change"]["passes"] is True
    assert pain["change"]["change"] == -3
    assert pain["change"]["words"] == (
        "Your usual pain fell from 6 to 3 (-3, -50%, better): more than the 2 points (or 30%) "
        "a person notices."
    )
    # the sessions in the amber or red, with their 24-hour answers
    flagged = [(f["date"], f["pain_after"], f["later"], f["settled"])
               for f in found["amber_or_red"]]  # fmt: skip
    assert flagged == [
        (on(7), 5, {"date": on(8), "pain": 5}, False),
        (on(9), 4, None, None),
        (on(16), 7, None, None),
    ]
    assert found["hurt"] == [
        {"exercise": "clam-shell", "name": "Clam shell", "times": 1, "worst": 6, "days": [on(35)]}
    ]
    assert [n["text"] for n in found["notes"]][:2] == ["day 0", "day 2"]


def test_since_keeps_to_the_period(invoke: Invoke) -> None:
    six_weeks(invoke)
    found = json.loads(invoke("report", "--json", "--since", on(14)).stdout)
    assert found["period"]["from"] == on(14)
    assert found["adherence"]["sessions"] == 7
    assert found["adherence"]["weeks"][0]["monday"] == on(14)
    assert found["outcomes"][1]["change"]["first"]["date"] == on(14)


def test_a_kept_plan_gives_the_planned_days_and_a_pause_is_not_missed(invoke: Invoke) -> None:
    assert invoke("plan", "--start", on(0), "--days", "mon,wed,fri").exit_code == 0
    for day in (0, 2, 4, 7):
        invoke("log", "--date", on(day), "--pain-after", "7" if day in (4, 7) else "1")
    found = json.loads(invoke("report", "--json").stdout)
    weeks = found["adherence"]["weeks"]
    assert (weeks[0]["done"], weeks[0]["planned"]) == (3, 3)
    assert weeks[2]["paused"] is True  # paused after two reds: no session was due
    assert weeks[2]["planned"] == 0
    assert found["prescription"]["today"]["state"] == "paused"


def test_sessions_done_during_a_pause_are_counted_apart_from_the_plan(invoke: Invoke) -> None:
    assert invoke("plan", "--start", on(0), "--days", "mon,wed,fri").exit_code == 0
    for day in (0, 2, 4, 7):  # two reds in a row pause the programme
        invoke("log", "--date", on(day), "--pain-after", "7" if day in (4, 7) else "1")
    for day in (14, 16, 18):  # logged while it is paused
        assert invoke("log", "--date", on(day), "--pain-after", "2").exit_code == 0
    found = json.loads(invoke("report", "--json").stdout)
    adherence = found["adherence"]
    assert adherence["sessions"] == 7
    assert adherence["in_pause"] == 3
    done = adherence["sessions"] - adherence["in_pause"]
    assert done <= adherence["planned"]
    assert all(w["done"] <= w["planned"] or not w["in_pause"] for w in adherence["weeks"])
    week = next(w for w in adherence["weeks"] if w["monday"] == on(14))
    assert (week["done"], week["in_pause"], week["paused"]) == (0, 3, True)
    page = invoke("report", "-o", "-").stdout
    flat = " ".join(page.split())
    assert f"Sessions done: {done} of {adherence['planned']} planned" in flat
    assert "and 3 more while the programme was paused" in flat
    assert "paused +3" in flat


def test_the_page_is_escaped_like_the_handout(invoke: Invoke, tmp_path: Path) -> None:
    invoke("log", "--pain-after", "5", "--notes", '<b>sore</b> & "tired"')
    target = tmp_path / "report.html"
    done = invoke("report", "--patient", "<script>alert(1)</script>", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;sore&lt;/b&gt; &amp; &quot;tired&quot;" in page
    assert "Sessions done: 1 of" in page
    again = invoke("report", "-o", str(target))
    assert again.exit_code == 1
    assert "already exists" in again.stderr


def test_the_pdf_says_what_the_page_says(invoke: Invoke, tmp_path: Path) -> None:
    six_weeks(invoke)
    target = tmp_path / "report.pdf"
    done = invoke("report", "--patient", "Zoë Łukasz", "-o", str(target))
    assert done.exit_code == 0, done.stderr
    # As a person runs it: the PDF library's notes on the charts' words for a screen
    # reader (which a PDF picture leaves out) are not said on stderr.
    second = tmp_path / "again.pdf"
    again = subprocess.run([sys.executable, "-m", "backpain_cli", "report", "-o", str(second)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines() == [f"Wrote {second}."]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    found = json.loads(invoke("report", "--json").stdout)
    adherence = found["adherence"]
    done_on_plan = adherence["sessions"] - adherence["in_pause"]
    assert f"Sessions done: {done_on_plan} of {adherence['planned']} planned" in text
    assert "For: Zoë Łukasz" in text
    assert "Your usual pain fell from 6 to 3" in text
    assert len(PdfReader(target).pages) <= 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((), "Give -o FILE.html, -o FILE.pdf or -o -"),
        (("--json", "-o", "x.html"), "Choose one of --json and -o"),
        (("-o", "report.txt"), ".txt is not a report format"),
    ],
)
def test_usage_problems_are_one_clear_line(
    invoke: Invoke, args: tuple[str, ...], said: str
) -> None:
    done = invoke("report", *args)
    assert done.exit_code == 2
    assert said in done.stderr
    assert "Traceback" not in done.stderr


def test_report_to_standard_output_is_the_html(invoke: Invoke) -> None:
    done = invoke("report", "-o", "-")
    assert done.exit_code == 0
    assert done.stdout.startswith("<!DOCTYPE html>")
    assert "None in this period." in done.stdout


# The charts ---------------------------------------------------------------------------

MONDAY = date(2026, 11, 2)
PAINS = [(0, 3, 2), (2, 4, 3), (4, 3, 2), (7, 4, 7), (9, 5, 4), (11, 3, 3), (28, 2, 2),
         (30, 2, 1), (32, 1, None), (35, None, 5)]  # fmt: skip


def chart_entries() -> list[Entry]:
    return [Entry(n, record(MONDAY + timedelta(days=d), "yellow", after, before))
            for n, (d, before, after) in enumerate(PAINS, 1)]  # fmt: skip


def the_pain_chart():  # type: ignore[no-untyped-def]
    later = [Later(4, MONDAY + timedelta(days=8), 5)]
    chart = pain_chart(chart_entries(), CATALOG.safety.pain_guide, later)
    assert chart is not None
    return chart


def the_score_chart():  # type: ignore[no-untyped-def]
    psfs = next(q for q in load_questionnaires(CONTENT) if q.id == "psfs")
    names = ("stairs", "garden", "lifting")
    weekly = [(3, 3, 4), (4, 3, 4), (4, 4, 5), None, (6, 5, 6), (6, 6, 6)]
    checkins = [CheckIn(MONDAY + timedelta(weeks=w), "psfs", tuple(zip(names, a, strict=True)),
                        w + 1) for w, a in enumerate(weekly) if a]  # fmt: skip
    chart = score_chart(outcome(psfs, checkins, MONDAY + timedelta(weeks=6)))
    assert chart is not None
    return chart, psfs


def test_the_pain_chart_breaks_its_line_at_a_gap() -> None:
    chart = the_pain_chart()
    runs = chart.runs("after")
    assert [len(run) for run in runs] == [6, 2, 1]  # 17 days off; then a session without after
    assert chart.points[3].later == 5


def test_the_svg_charts_are_the_same_bytes_every_time(snapshot: Snapshot) -> None:
    pain = pain_svg(the_pain_chart())
    assert pain == pain_svg(the_pain_chart())
    snapshot("report-pain.svg", pain)
    chart, psfs = the_score_chart()
    scores = score_svg(chart, 1, "q0")
    snapshot("report-psfs.svg", scores)
    assert scores.count("<polyline") == 2  # the missing week breaks the line
    assert 'fill="#e3eefb"' in scores  # the band of less than the 2 points, shaded
    assert score(psfs, [3, 3, 4]) == pytest.approx(10 / 3)


def test_svg_text_is_escaped() -> None:
    chart, _psfs = the_score_chart()
    odd = score_svg(chart._replace(name="<Walk & \x1b[2Jrun>"), 1, "q0")
    assert "<Walk" not in odd
    assert "&lt;Walk &amp; " in odd
    assert "\x1b" not in odd


@pytest.mark.parametrize("width", [40, 100])
def test_the_terminal_charts_at_40_and_100_columns(width: int, snapshot: Snapshot) -> None:
    console = Console(width=width, file=io.StringIO(), color_system=None, force_terminal=False)
    console.print(terminal.pain_chart(the_pain_chart(), width, braille=True))
    chart, _psfs = the_score_chart()
    console.print(terminal.score_plot(chart, width, braille=True))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert all(len(line) <= width for line in text.splitlines())
    snapshot(f"charts-{width}.txt", text)


def test_history_in_a_pipe_gives_the_charts_numbers_as_a_table(invoke: Invoke) -> None:
    invoke("log", "--date", (TODAY - timedelta(days=3)).isoformat(), "--pain-before", "4",
           "--pain-after", "6")  # fmt: skip
    out = invoke("history").stdout
    assert "Date        Before  After  24 h later" in out
    assert f"{(TODAY - timedelta(days=3)).isoformat()}       4      6           -" in out
    data = json.loads(invoke("history", "--json").stdout)["chart"]
    assert data["sessions"][0] == {"date": (TODAY - timedelta(days=3)).isoformat(),
                                   "before": 4, "after": 6, "later": None}  # fmt: skip
    assert [level["colour"] for level in data["levels"]] == ["green", "amber", "red"]


def test_progress_says_each_change_and_reads_questionnaires_only_with_check_ins(
    invoke: Invoke, content_copy: Path
) -> None:
    broken = content_copy / "questionnaires" / "psfs.yaml"
    broken.write_text(broken.read_text().replace("licence:", "license:"))
    folder = ("--content-dir", str(content_copy))
    assert invoke(*folder, "progress").exit_code == 0  # no check-ins: not read
    invoke("check-in", "--answer", "usual-pain=6", "--date", on(0))
    invoke("check-in", "--answer", "usual-pain=3")
    assert "Your usual pain fell from 6 to 3" in " ".join(invoke("progress").stdout.split())
    refused = invoke(*folder, "progress")
    assert refused.exit_code == 1
    assert "questionnaires/psfs.yaml:" in refused.stderr
    assert "unknown field 'license'" in refused.stderr
