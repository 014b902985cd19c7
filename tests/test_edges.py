"""Numbers and dates at their edges: every one from content, options and the journal is
read by the same rules (ASCII digits, the documented format, finite, in range), loops
over content are bounded, and a message quotes only a short excerpt of what it got."""

from __future__ import annotations

import datetime
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from backpain_cli import checked
from backpain_cli.content.document import Document
from backpain_cli.content.figures import MOST_POSES, build

from .conftest import Invoke
from .test_unbreakable import FIXTURES

TODAY = datetime.date.today()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


# Numbers in content ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", ".Inf", "1e400", "-1e999"])
@pytest.mark.parametrize(
    ("file", "old", "field", "line"),
    [
        ("exercises/dead-bug.yaml", "      trunk: 0", "figure.poses.start.trunk", 42),
        ("exercises/dead-bug.yaml", "      head: 22", "figure.poses.start.head", 44),
        ("exercises/glute-bridge.yaml", "      sets: 2", "bands.yellow[0].sets", 0),
    ],
)
def test_a_number_that_is_not_finite_is_a_problem_with_its_line(
    invoke: Invoke, content_copy: Path, value: str, file: str, old: str, field: str, line: int
) -> None:
    if "sets" in old:  # the dosage lives in sessions.yaml
        file, line = "sessions.yaml", 0
        text = (content_copy / file).read_text()
        line = text[: text.index(old)].count("\n") + 1
    edit(content_copy / file, old, old.split(":")[0] + ": " + value)
    result = invoke("content", "validate", str(content_copy))
    assert result.exit_code == 1
    assert f"{file}:{line}: {field}: expected " in result.stdout
    for args in (["show", "dead-bug"], ["figure", "dead-bug"], ["handout", "-o", "-"]):
        shown = invoke("--content-dir", str(content_copy), *args)
        assert shown.exit_code == 1
        assert f"{file}:{line}:" in shown.stderr


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(st.one_of(st.floats(), st.integers(min_value=-(10**30), max_value=10**30)))
def test_any_angle_is_drawn_or_refused_with_its_line(
    invoke: Invoke, content_copy: Path, angle: float
) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    original = path.read_text()
    written = {float("nan"): ".nan", float("inf"): ".inf", float("-inf"): "-.inf"}
    word = written.get(angle, repr(angle)) if angle == angle else ".nan"
    try:
        edit(path, "      head: 22", f"      head: {word}")
        result = invoke("--content-dir", str(content_copy), "figure", "dead-bug")
        if result.exit_code == 0:
            assert -20 <= angle <= 70  # the head's range: drawn (or the pose would be refused)
            assert "<svg" in result.stdout
        else:
            assert result.exit_code == 1
            assert "exercises/dead-bug.yaml:44: figure.poses.start.head: " in result.stderr
            assert len(result.stderr) < 400
    finally:
        path.write_text(original)


# Loops over content ---------------------------------------------------------------------


def _pose_chain(length: int) -> dict[str, object]:
    """A figure whose poses each take from the next, declared deepest last."""
    poses: dict[str, object] = {
        "start": {"caption": "Start", "lying": "back", "trunk": 0, "head": 0,
                  "both": {"hip": 45, "knee": 90, "ankle": 0, "shoulder": 0, "elbow": 0}},
    }  # fmt: skip
    for number in range(length):
        base = f"p{number + 1}" if number + 1 < length else "start"
        poses[f"p{number}"] = {"from": base, "caption": f"Pose {number}", "trunk": number % 20}
    return {"view": "side", "poses": poses}


def test_a_long_chain_of_from_is_followed_without_recursion() -> None:
    began = time.monotonic()
    figure, problems = build(_pose_chain(5000), Document(None, {}), "x.yaml", False, check=False)
    assert problems == []
    assert figure is not None
    assert len(figure.poses) == 5001
    assert figure.pose("p0") is not None
    assert time.monotonic() - began < 2


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ({"a": "a"}, "from: 'a' leads back to 'a'"),
        ({"a": "b", "b": "c", "c": "a"}, "leads back to"),
        ({"a": "b", "b": "nowhere"}, "from: no pose named 'nowhere'"),
    ],
)
def test_a_from_that_loops_or_leads_nowhere_is_reported_once(
    links: dict[str, str], message: str
) -> None:
    figure = _pose_chain(0)
    poses = figure["poses"]
    assert isinstance(poses, dict)
    for name, base in links.items():
        poses[name] = {"from": base, "caption": name}
    found, problems = build(figure, Document(None, {}), "x.yaml", False, check=False)
    assert found is None
    assert len(problems) == 1
    assert message in problems[0].message


def test_a_figure_of_too_many_poses_is_refused_with_its_line(
    invoke: Invoke, content_copy: Path
) -> None:
    extra = "".join(
        f"    p{n}:\n      from: start\n      caption: Pose {n}\n" for n in range(MOST_POSES)
    )
    edit(content_copy / "exercises" / "dead-bug.yaml", "    extended:\n", extra + "    extended:\n")
    result = invoke("content", "validate", str(content_copy))
    assert result.exit_code == 1
    assert f"dead-bug.yaml:38: figure.poses: takes at most {MOST_POSES} field(s)" in result.stdout


def test_thousands_of_poses_are_refused_at_once(invoke: Invoke, content_copy: Path) -> None:
    extra = "".join(f"    p{n}:\n      from: start\n      caption: c\n" for n in range(16000))
    edit(content_copy / "exercises" / "dead-bug.yaml", "    extended:\n", extra + "    extended:\n")
    began = time.monotonic()
    for args in (["content", "validate", str(content_copy)],
                 ["--content-dir", str(content_copy), "show", "dead-bug"]):  # fmt: skip
        result = invoke(*args)
        assert result.exit_code == 1
        assert "figure.poses: more than 1000 items in one list or mapping" in (
            result.stdout + result.stderr
        )
    assert time.monotonic() - began < 3


def test_an_id_with_a_line_break_at_the_end_is_refused(invoke: Invoke, content_copy: Path) -> None:
    edit(content_copy / "bands.yaml", "  - id: green\n", '  - id: "green\\n"\n')
    edit(content_copy / "exercises" / "dead-bug.yaml", "id: dead-bug\n", 'id: "dead-bug\\n"\n')
    result = invoke("content", "validate", str(content_copy))
    assert result.exit_code == 1
    assert "bands.yaml:6: levels[1].id: the text 'green\\n' is not valid" in result.stdout
    assert "exercises/dead-bug.yaml:2: id: the text 'dead-bug\\n' is not valid" in result.stdout


# Long values are quoted short ------------------------------------------------------------

LONG = "x" * 100_000


@pytest.mark.parametrize(
    "args",
    [
        ["figure", "dead-bug", "--pose", LONG],
        ["show", LONG],
        ["session", "--band", LONG],
        ["log", "--date", LONG],
        ["log", "--pain-after", LONG],
        ["history", "--limit", LONG],
        ["plan", "--days", f"mon,{LONG}"],
        ["plan", "--start", LONG],
        ["plan", "--ics", "x.ics", "--at", LONG],
        ["plan", "--ics", "x.ics", "--at", "18:30", "--remind", LONG],
        ["handout", "-o", f"x.{LONG}"],
    ],
    ids=lambda args: " ".join(a[:12] for a in args),
)
def test_a_long_value_is_quoted_as_a_short_excerpt(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "xxxx..." in result.stderr or "xxxxxxxx" in result.stderr
    assert len(result.stderr) < 600


# Dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("0001-01-01", "too long ago"),
        ("1969-12-31", "too long ago"),
        ("1970-01-01", "more than 10 years ago"),
        ((TODAY - datetime.timedelta(weeks=521)).isoformat(), "more than 10 years ago"),
        ("9999-12-31", "too far ahead"),
        ((TODAY + datetime.timedelta(days=400)).isoformat(), "more than a year away"),
        ("2026-02-30", "is not a day on the calendar"),
        ("\uff12\uff10\uff12\uff16-\uff10\uff11-\uff10\uff15", "is not a date"),
        ("20260105", "is not a date"),
    ],
)
def test_a_plan_start_out_of_reach_is_a_clear_error(
    invoke: Invoke, data_dir: Path, start: str, message: str
) -> None:
    result = invoke("plan", "--start", start)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not data_dir.exists()  # nothing kept


def keep_plan_row(data_dir: Path, start: object, days: object, weeks: object = 8) -> None:
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("INSERT OR REPLACE INTO plan VALUES (1, ?, ?, ?, 'x')", (start, days, weeks))
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("start", "days", "weeks"),
    [
        ("0001-01-01", "0,2,4", 8),
        ("9999-12-31", "0,2,4", 8),
        ("1970-01-01", "0,2,4", 8),
        ("1969-06-01", "0,2,4", 8),
        ("2026-1-5", "0,2,4", 8),
        ("\uff12\uff10\uff12\uff16-\uff10\uff11-\uff10\uff15", "0,2,4", 8),
        (TODAY.isoformat(), "0,9", 8),
        (TODAY.isoformat(), "", 8),
        (TODAY.isoformat(), "\u0660,\u0662", 8),
        (TODAY.isoformat(), "0,2,4", 0),
        (TODAY.isoformat(), "0,2,4", 10**6),
        (20260105, "0,2,4", 8),
    ],
)
def test_a_kept_plan_out_of_reach_is_left_out_with_a_warning(
    invoke: Invoke, data_dir: Path, start: object, days: object, weeks: object
) -> None:
    invoke("log", "--band", "green", "--date", (TODAY - datetime.timedelta(days=3)).isoformat())
    keep_plan_row(data_dir, start, days, weeks)
    for args in (["plan"], ["plan", "--ics", "-"], ["today"], ["session"], ["progress"],
                 ["history"], ["handout", "-o", "-"]):  # fmt: skip
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "the plan kept in" in result.stderr
        assert "it was left out" in result.stderr


def test_a_kept_plan_with_a_day_given_twice_makes_each_event_once(
    invoke: Invoke, data_dir: Path
) -> None:
    from icalendar import Calendar

    invoke("log", "--band", "green", "--date", (TODAY - datetime.timedelta(days=3)).isoformat())
    keep_plan_row(data_dir, TODAY.isoformat(), "0,0,2,4,4")
    made = invoke("plan", "--ics", "-")
    assert made.exit_code == 0, made.stderr
    events = Calendar.from_ical(made.stdout_bytes).walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert uids
    assert len(uids) == len(set(uids))
    assert {datetime.date.fromisoformat(u[11:21]).weekday() for u in uids} <= {0, 2, 4}
    assert "Mon, Wed, Fri" in invoke("plan").stdout


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1969-12-31", "3000-01-01"])
def test_a_session_on_a_day_out_of_reach_is_left_out_with_a_warning(
    invoke: Invoke, data_dir: Path, day: str
) -> None:
    from .test_unbreakable import hand_edit

    invoke("log", "--band", "green", "--date", (TODAY - datetime.timedelta(days=5)).isoformat())
    invoke("log", "--band", "green", "--date", (TODAY - datetime.timedelta(days=3)).isoformat())
    invoke("plan", "--start", (TODAY - datetime.timedelta(days=14)).isoformat())
    hand_edit(data_dir, "day", day)
    for args in (["history"], ["history", "--csv"], ["today"], ["progress"], ["plan"],
                 ["plan", "--ics", "-"], ["session"], ["handout", "-o", "-"]):  # fmt: skip
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.stderr)
    shown = invoke("history")
    assert f"({day!r})" in shown.stderr or f"day = '{day}'" in shown.stderr


# Times of day and reminders ------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("11111111", "is not a time of day; write it as HH:MM"),
        ("1830", "is not a time of day; write it as HH:MM"),
        ("6:30", "is not a time of day; write it as HH:MM"),
        ("18:30:00", "is not a time of day; write it as HH:MM"),
        ("18:30+05:00", "has a time zone"),
        ("18:30-08:00", "has a time zone"),
        ("18:30Z", "has a time zone"),
        ("\u0660\u0666:\u0663\u0660", "is not a time of day"),
        ("\uff11\uff18:\uff13\uff10", "is not a time of day"),
        ("24:00", "hours go to 23"),
        ("18:60", "minutes to 59"),
        ("T18:30", "is not a time of day"),
    ],
)
def test_at_is_a_time_of_day_written_hh_mm(invoke: Invoke, at: str, message: str) -> None:
    result = invoke("plan", "--ics", "-", "--at", at)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_time_of_day_is_the_users_own_clock_with_no_time_zone_named(invoke: Invoke) -> None:
    from icalendar import Calendar

    made = invoke("plan", "--ics", "-", "--at", "06:05", "--remind", "2h")
    assert made.exit_code == 0, made.stderr
    assert b"TZID" not in made.stdout_bytes
    assert b"VTIMEZONE" not in made.stdout_bytes
    event = Calendar.from_ical(made.stdout_bytes).walk("VEVENT")[0]
    begins = event.decoded("DTSTART")
    assert (begins.hour, begins.minute, begins.tzinfo) == (6, 5, None)
    assert event.subcomponents[0].decoded("TRIGGER") == -datetime.timedelta(hours=2)


@pytest.mark.parametrize(
    "remind", ["\u00b2m", "\u0663m", "\uff13m", "30", "0m", "25h", "1441m", "-5m", "m", "h"]
)
def test_remind_takes_ascii_minutes_or_hours(invoke: Invoke, remind: str) -> None:
    result = invoke("plan", "--ics", "-", "--at", "18:30", "--remind", remind)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "--remind" in result.stderr


# The one checked reading -----------------------------------------------------------------


@settings(max_examples=300)
@given(st.text(max_size=30))
@example("0000000000000-" + "\x80" * 9)  # a time zone of control characters
@example("\x80" * 30)  # each shown as <U+0080>: cut as shown, not before
def test_every_reader_gives_a_value_within_its_rules_or_a_short_message(text: str) -> None:
    for read, good in (
        (lambda t: checked.whole_number(t, 0, 10), lambda v: 0 <= v <= 10),
        (checked.day, lambda v: checked.EARLIEST <= v <= checked.LATEST),
        (checked.clock, lambda v: v.second == 0 and v.tzinfo is None),
        (checked.lead_time, lambda v: datetime.timedelta(0) < v <= datetime.timedelta(days=1)),
    ):
        try:
            value, message = read(text), ""
        except ValueError as err:
            value, message = None, str(err)
        if value is None:
            assert 0 < len(message) < 200
            assert "\x1b" not in message
        else:
            assert good(value)
            assert text.strip().isascii()


def test_the_journal_keeps_to_the_same_days_as_the_checked_reading() -> None:
    from backpain_cli.journal import store

    assert f"'{checked.EARLIEST.isoformat()}' AND '{checked.LATEST.isoformat()}'" in store._GOOD
