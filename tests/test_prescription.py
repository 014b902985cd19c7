"""A physiotherapist's prescription for one patient (prescription.yaml): checked like the
rest of the content, and followed by the day's decision, the plan, its calendar file and
the session's words about where its numbers come from."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from backpain_cli.content import load as loader

from .conftest import Invoke
from .test_loader_errors import problems

TODAY = date.today()
MONDAY = TODAY - timedelta(days=TODAY.weekday())  # this week's
PRESCRIPTION = f"""\
patient: Zoë
clinician: Sam Lee, physiotherapist
per_week: 2
days: [mon, thu]
start: "{MONDAY.isoformat()}"
review: "{(MONDAY + timedelta(weeks=6)).isoformat()}"
note: Twice a week to start.
exercises:
  clam-shell:
    note: Keep the top knee low if your hip clicks.
    dose:
      yellow: {{sets: 6, reps: 25}}
  dead-bug:
    leave_out: true
"""


@pytest.fixture
def prescribed(content_copy: Path) -> Path:
    (content_copy / "prescription.yaml").write_text(PRESCRIPTION, encoding="utf-8")
    return content_copy


def run(invoke: Invoke, content: Path, *args: str) -> dict[str, object]:
    done = invoke("--content-dir", str(content), *args)
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_today_and_the_session_follow_the_prescription(invoke: Invoke, prescribed: Path) -> None:
    today = run(invoke, prescribed, "today", "--json")
    day_is_planned = TODAY.weekday() in (0, 3)
    assert today["state"] == ("session" if day_is_planned else "rest")
    if not day_is_planned:
        assert date.fromisoformat(today["next_session"]).weekday() in (0, 3)  # type: ignore[arg-type]
    session = run(invoke, prescribed, "session", "--json")
    exercises = {e["id"]: e for e in session["exercises"]}  # type: ignore[attr-defined]
    assert list(exercises) == ["glute-bridge", "clam-shell"]  # the dead bug left out
    assert (exercises["clam-shell"]["sets"], exercises["clam-shell"]["reps"]) == (6, 25)
    assert exercises["clam-shell"]["note"] == "Keep the top knee low if your hip clicks."
    assert session["sessions_per_week"] == 2
    assert session["note"] == "Twice a week to start."


def test_a_dose_outside_the_sources_is_said_to_be_the_prescribers(
    invoke: Invoke, prescribed: Path
) -> None:
    screen = invoke("--content-dir", str(prescribed), "session", "--band", "yellow").stdout
    words = " ".join(screen.split())
    assert (
        "Clam shell, 6 x 25 each side: your prescription's dose (Sam Lee, physiotherapist), "
        "not the sources'. It is outside the 2 to 4 sets of 4 to 12 that South Tees NHS "
        "BackTracks gives."
    ) in words
    assert words.index("your prescription's dose") < words.index("Sets and reps stay inside")
    session = run(invoke, prescribed, "session", "--band", "yellow", "--json")
    assert str(session["basis"][0]).startswith("Clam shell, 6 x 25 each side")  # type: ignore[index]
    validated = invoke("content", "validate", str(prescribed))
    assert "prescription.yaml:12: exercises.clam-shell.dose.yellow: Clam shell at Yellow" in (
        validated.stdout
    )
    assert "Warning" not in invoke("--content-dir", str(prescribed), "list").stderr


def test_the_plan_and_its_calendar_follow_the_prescriptions_days(
    invoke: Invoke, prescribed: Path, tmp_path: Path
) -> None:
    plan = run(invoke, prescribed, "plan", "--json")
    assert (plan["start"], plan["days"]) == (MONDAY.isoformat(), ["mon", "thu"])
    assert plan["sessions_per_week"] == 2
    target = tmp_path / "plan.ics"
    done = invoke("--content-dir", str(prescribed), "plan", "--ics", str(target))
    assert done.exit_code == 0, done.stderr
    days = [line.split(":")[1] for line in target.read_text().splitlines()
            if line.startswith("DTSTART")]  # fmt: skip
    when = [date(int(d[:4]), int(d[4:6]), int(d[6:8])) for d in days]
    assert {d.weekday() for d in when} == {0, 3}
    assert min(when) >= TODAY
    refused = invoke("--content-dir", str(prescribed), "plan", "--days", "mon,wed,fri")
    assert refused.exit_code == 2
    assert "Your prescription (prescription.yaml) sets the start" in refused.stderr


def test_the_review_date_once_come_is_said(invoke: Invoke, content_copy: Path) -> None:
    text = PRESCRIPTION.replace(
        f'review: "{(MONDAY + timedelta(weeks=6)).isoformat()}"', f'review: "{TODAY.isoformat()}"'
    )
    (content_copy / "prescription.yaml").write_text(text, encoding="utf-8")
    today = run(invoke, content_copy, "today", "--json")
    assert any("review date" in r for r in today["reasons"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("days: [mon, thu]", "days: [mon, tue]", "days: mon and tue are next to each other"),
        ("per_week: 2", "per_week: 3", "per_week: per_week is 3, but days: names 2"),
        ("  clam-shell:\n", "  clam-shel:\n", "exercises.clam-shel: unknown exercise"),
        ("yellow: {sets: 6", "purple: {sets: 6", "unknown band 'purple'"),
        ("review: ", "review: 2020-01-01\nold: ", "unknown field 'old'"),
        ("leave_out: true", "leave_out: maybe", "expected true or false"),
        (
            f'start: "{MONDAY.isoformat()}"',
            'start: "9999-12-20"',
            "start: 9999-12-20 is more than a year away",
        ),
        (
            f'start: "{MONDAY.isoformat()}"',
            'start: "1970-01-01"',
            "start: 1970-01-01 is more than 10 years ago",
        ),
    ],
)
def test_a_broken_prescription_is_named_by_file_line_and_field(
    prescribed: Path, old: str, new: str, message: str
) -> None:
    path = prescribed / "prescription.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = problems(prescribed)
    assert any(p.startswith("prescription.yaml:") and message in p for p in found), found


def test_a_review_before_the_start_and_every_exercise_left_out_are_refused(
    content_copy: Path,
) -> None:
    (content_copy / "prescription.yaml").write_text(
        'start: "2026-12-07"\nreview: "2026-12-01"\ndays: [mon]\nexercises:\n'
        "  glute-bridge: {leave_out: true}\n  clam-shell: {leave_out: true}\n"
        "  dead-bug: {leave_out: true}\n",
        encoding="utf-8",
    )
    found = problems(content_copy)
    assert any("comes before the start" in p for p in found)
    assert any("every exercise is left out" in p for p in found)


def test_the_schema_of_a_prescription_is_printed_for_editors(invoke: Invoke) -> None:
    schema = json.loads(invoke("content", "schema", "prescription").stdout)
    assert "leave_out" in schema["properties"]["exercises"]["additionalProperties"]["properties"]


def test_without_a_prescription_nothing_changes() -> None:
    from .conftest import CONTENT

    assert loader.load(CONTENT).prescription is None


def test_the_handout_follows_the_prescription(
    invoke: Invoke, prescribed: Path, tmp_path: Path
) -> None:
    from .test_handout import Page, _day_in

    target = tmp_path / "handout.html"
    made = invoke("--content-dir", str(prescribed), "handout", "--weeks", "3", "-o", str(target))
    assert made.exit_code == 0, made.stderr
    page = Page(target.read_text(encoding="utf-8"))
    words = " ".join(" ".join(page.text).split())
    start = f"Monday {MONDAY.day} {MONDAY:%B %Y}"
    assert f"2 sessions a week (Monday and Thursday), from {start}" in words
    assert "For: Zoë" in words  # the prescription's patient and clinician
    assert "From: Sam Lee, physiotherapist" in words
    # One row a planned session, Mondays and Thursdays from today, with the phase's band.
    dated = [_day_in(text, TODAY) for text in page.row_heads]
    assert dated
    assert {d.weekday() for d in dated} == {0, 3}
    assert min(dated) >= TODAY
    assert max(dated) < TODAY + timedelta(weeks=3)
    # The clam shell's note beside it, not in the box on the first page.
    notes = words.index("Notes for you")
    note = words.index("Note: Keep the top knee low if your hip clicks.")
    assert words.index("2. Clam shell") < note
    assert words.count("Keep the top knee low") == 1
    assert notes < words.index("Twice a week to start.") < words.index("The exercises")
    assert "Dead bug" not in words  # left out, and not on the way up either
    # What comes next, with its doses; and the band's safety line.
    assert "Building: Green band, 3 weeks at least, the next band" in words
    assert "Glute bridge: 3 x 10, hold 2 s at the top" in words
    assert "Harder variants: Blue band, 4 weeks at least, the harder variants" in words
    assert "Single-leg bridge: 3 x 8 each side" in words
    assert "Check your band for nicks or tears before each use; a damaged band can snap." in words
    assert "Colour order differs between makers." in words
    refused = invoke("--content-dir", str(prescribed), "handout", "--per-week", "3",
                     "-o", str(tmp_path / "other.html"))  # fmt: skip
    assert refused.exit_code == 2
    assert "Your prescription (prescription.yaml) sets the start" in refused.stderr


def test_the_handout_pdf_follows_it_too(invoke: Invoke, prescribed: Path, tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from .test_handout import pdf_text

    target = tmp_path / "handout.pdf"
    made = invoke("--content-dir", str(prescribed), "handout", "-o", str(target))
    assert made.exit_code == 0, made.stderr
    _pages, text = pdf_text(target)
    words = " ".join(text.split())
    assert "2 sessions a week (Monday and Thursday)" in words
    assert "Note: Keep the top knee low if your hip clicks." in words
    assert "What comes next" in words
    assert "a damaged band can snap" in words
    first = next(TODAY + timedelta(days=n) for n in range(7)
                 if (TODAY + timedelta(days=n)).weekday() in (0, 3))  # fmt: skip
    assert "Your log Tick each session" in words
    assert f"{first:%a} {first.day} {first:%b}" in words  # the log's first row
