"""Scores, their change and the change against its threshold, in words: the PSFS and the
weekly usual pain, over any answers (hypothesis), and the check-in that keeps them."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.content.questionnaires import load_questionnaires
from backpain_cli.journal import SCHEMA_VERSION, open_for_reading, open_for_writing
from backpain_cli.models import CheckIn, ExerciseDone, Later, SessionRecord
from backpain_cli.outcomes import (
    BETTER,
    SAME,
    WORSE,
    answers_for,
    due,
    in_words,
    outcome,
    score,
    scored,
)

from .conftest import CONTENT, Invoke

QUESTIONNAIRES = {q.id: q for q in load_questionnaires(CONTENT)}
PSFS = QUESTIONNAIRES["psfs"]
PAIN = QUESTIONNAIRES["usual-pain"]
MONDAY = date(2026, 11, 2)
ACTIVITIES = ("climbing stairs", "gardening", "lifting my son", "driving", "sitting at work")

ratings = st.integers(min_value=0, max_value=10)


@st.composite
def two_psfs(draw: st.DrawFn) -> tuple[CheckIn, CheckIn]:
    """A first PSFS check-in of 3 to 5 activities, and one a few weeks later of the same."""
    count = draw(st.integers(min_value=3, max_value=5))
    names = ACTIVITIES[:count]
    first = tuple(zip(names, draw(st.lists(ratings, min_size=count, max_size=count)),
                      strict=True))  # fmt: skip
    later = tuple(zip(names, draw(st.lists(ratings, min_size=count, max_size=count)),
                      strict=True))  # fmt: skip
    weeks = draw(st.integers(min_value=1, max_value=12))
    return (
        CheckIn(MONDAY, "psfs", first, 1),
        CheckIn(MONDAY + timedelta(weeks=weeks), "psfs", later, 2),
    )


@given(two_psfs())
def test_the_psfs_score_is_the_mean_and_its_change_is_judged_by_2_points(
    pair: tuple[CheckIn, CheckIn],
) -> None:
    first, later = pair
    before = [a for _i, a in first.answers]
    after = [a for _i, a in later.answers]
    assert score(PSFS, before) == pytest.approx(sum(before) / len(before))
    found = outcome(PSFS, pair, later.day)
    change = found.change
    assert change is not None
    delta = sum(after) / len(after) - sum(before) / len(before)
    assert change.delta == pytest.approx(delta)
    assert change.passes == (abs(delta) >= 2 - 1e-9)
    words = in_words(change)
    assert words.startswith("Your activities score ")
    if change.passes:
        assert ": more than the 2 points" in words or ": as much as the 2 points" in words
    else:
        assert ": less than the 2 points" in words
    expected = SAME if abs(delta) < 1e-9 else BETTER if delta > 0 else WORSE
    assert change.direction == expected
    assert f"from {sum(before) / len(before):.1f} to {sum(after) / len(after):.1f}" in words or (
        expected == SAME
    )
    # each activity against the 3 points of one activity, in the order they were named
    assert [c.name.lower() for c in found.items] == [n for n, _a in first.answers]
    for item, (_name, old), (_same, new) in zip(found.items, first.answers, later.answers,
                                                strict=True):  # fmt: skip
        assert item.passes == (abs(new - old) >= 3)
    for said in (words, *(in_words(c) for c in found.items)):
        for never in ("diagnos", "will ", "cure", "guarantee", "recover"):
            assert never not in said.lower()


@given(ratings, ratings)
def test_usual_pain_is_judged_by_2_points_or_30_percent(first: int, latest: int) -> None:
    checkins = [
        CheckIn(MONDAY, "usual-pain", (("usual-pain", first),), 1),
        CheckIn(MONDAY + timedelta(weeks=4), "usual-pain", (("usual-pain", latest),), 2),
    ]
    change = outcome(PAIN, checkins, MONDAY + timedelta(weeks=4)).change
    assert change is not None
    size = abs(latest - first)
    by_percent = first > 0 and 100 * size / first >= 30
    assert change.passes == (size >= 2 or by_percent)
    assert change.direction == (SAME if size == 0 else BETTER if latest < first else WORSE)
    assert "the 2 points (or 30%) a person notices." in in_words(change)


def test_the_sentences_read_as_the_issue_asks() -> None:
    first = CheckIn(MONDAY, "psfs", (("stairs", 3), ("garden", 3), ("lifting", 4)), 1)
    later = CheckIn(MONDAY + timedelta(weeks=6), "psfs", (("stairs", 6), ("garden", 6),
                                                          ("lifting", 6)), 2)  # fmt: skip
    found = outcome(PSFS, [first, later], later.day)
    assert found.change is not None
    assert in_words(found.change) == (
        "Your activities score rose from 3.3 to 6.0 (+2.7, better): more than the 2 points "
        "beyond the scale's own error."
    )
    pain = [
        CheckIn(MONDAY, "usual-pain", (("usual-pain", 6),), 3),
        CheckIn(MONDAY + timedelta(weeks=6), "usual-pain", (("usual-pain", 5),), 4),
    ]
    change = outcome(PAIN, pain, MONDAY + timedelta(weeks=6)).change
    assert change is not None
    assert in_words(change) == (
        "Your usual pain fell from 6 to 5 (-1, -17%, better): less than the 2 points (or "
        "30%) a person notices."
    )


def test_a_questionnaire_is_due_a_week_after_it_was_last_asked() -> None:
    asked = [CheckIn(MONDAY, "usual-pain", (("usual-pain", 4),), 1)]
    assert due(PAIN, [], MONDAY)
    assert not due(PAIN, asked, MONDAY + timedelta(days=6))
    assert due(PAIN, asked, MONDAY + timedelta(days=7))
    declined = [CheckIn(MONDAY, "usual-pain", (), 1)]  # offered and declined counts as asked
    assert not due(PAIN, declined, MONDAY + timedelta(days=3))
    assert scored(PAIN, declined) == []


def test_a_check_in_left_half_way_is_asked_again() -> None:
    half = [CheckIn(MONDAY, "psfs", (("stairs", 3), ("garden", 4)), 1)]  # interrupted
    assert due(PSFS, half, MONDAY)
    assert due(PSFS, half, MONDAY + timedelta(days=1))
    assert outcome(PSFS, half, MONDAY).named == ()  # named again, from the start


def test_a_check_in_answered_again_the_same_day_is_not_a_change() -> None:
    same_day = [CheckIn(MONDAY, "usual-pain", (("usual-pain", n),), i)
                for i, n in enumerate((7, 6, 5), 1)]  # fmt: skip
    found = outcome(PAIN, same_day, MONDAY)
    assert len(found.scores) == 3
    assert found.change is None
    later = [*same_day, CheckIn(MONDAY + timedelta(weeks=2), "usual-pain", (("usual-pain", 4),), 4)]
    change = outcome(PAIN, later, MONDAY + timedelta(weeks=2)).change
    assert change is not None
    assert (change.first, change.latest) == (5, 4)  # the first day's latest answer stands


def test_answers_are_checked_against_the_questionnaire() -> None:
    with pytest.raises(
        ValueError, match="name 3 to 5 for psfs at its first check-in, one activity to each"
    ):
        answers_for(PSFS, [("stairs", 3), ("garden", 4)])
    with pytest.raises(ValueError, match="named twice"):
        answers_for(PSFS, [("stairs", 3), ("Stairs", 4), ("garden", 1)])
    with pytest.raises(ValueError, match="outside the scale"):
        answers_for(PAIN, [(None, 11)])
    named = ("climbing stairs", "gardening", "lifting my son")
    assert answers_for(PSFS, [("3", 5), ("Gardening", 4), ("1", 6)], named) == (
        ("climbing stairs", 6), ("gardening", 4), ("lifting my son", 5),
    )  # fmt: skip
    with pytest.raises(ValueError, match="missing: lifting my son"):
        answers_for(PSFS, [("1", 5), ("2", 4)], named)
    with pytest.raises(ValueError, match="not one of those named at the first check-in"):
        answers_for(PSFS, [("swimming", 5)], named)
    assert answers_for(PAIN, [(None, 4)]) == (("usual-pain", 4),)


# The check-in command -----------------------------------------------------------------


FIRST = ("--answer", "psfs.climbing stairs=3", "--answer", "psfs.gardening=3",
         "--answer", "psfs.lifting my son=4", "--answer", "usual-pain=6")  # fmt: skip


def test_check_in_keeps_the_answers_and_says_the_change(invoke: Invoke) -> None:
    first_day = (date.today() - timedelta(weeks=6)).isoformat()
    done = invoke("check-in", *FIRST, "--date", first_day)
    assert done.exit_code == 0, done.stderr
    assert "One check-in so far" in done.stdout
    done = invoke("check-in", "--answer", "psfs.1=6", "--answer", "psfs.gardening=6",
                  "--answer", "psfs.3=6", "--answer", "usual-pain=3")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "Your activities score rose from 3.3 to 6.0 (+2.7, better): more than the 2" in flat
    assert "Your usual pain fell from 6 to 3 (-3, -50%, better): more than the 2 points" in flat
    assert "Climbing stairs rose from 3 to 6 (+3, better): as much as the 3 points" in flat
    data = json.loads(invoke("check-in", "--json").stdout)
    psfs_, pain = data["outcomes"]
    assert psfs_["named"] == ["climbing stairs", "gardening", "lifting my son"]
    assert [s["score"] for s in psfs_["scores"]] == [3.33, 6.0]
    assert psfs_["change"]["passes"] is True
    assert pain["change"]["change"] == -3
    assert not psfs_["due"]


def test_check_in_refuses_answers_that_do_not_fit_and_keeps_nothing(
    invoke: Invoke, data_dir: Path
) -> None:
    for args, said in [
        (("--answer", "psfs.stairs=3"), "name 3 to 5 for psfs at its first check-in"),
        (
            ("--answer", "psfs.1=4", "--answer", "psfs.2=5", "--answer", "psfs.3=6"),
            "name each activity rather than give its number",
        ),
        (("--answer", "usual-pain=12"), "outside the scale"),
        (("--answer", "odi=3"), "unknown questionnaire 'odi'; known: psfs, usual-pain"),
        (("--answer", "usual-pain"), "is not ID=N"),
        (("--answer", "usual-pain=lots"), "'lots' is not a whole number"),
    ]:
        done = invoke("check-in", *args)
        assert done.exit_code == 2, args
        assert said in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert not data_dir.exists()


def test_in_a_pipe_without_answers_it_shows_what_is_due_and_how(invoke: Invoke) -> None:
    done = invoke("check-in")
    assert done.exit_code == 0
    assert "Due now: Activities you find hard, Your usual pain this week." in done.stdout
    assert "--answer 'psfs.ACTIVITY=N' (3 to 5 of them) --answer usual-pain=N" in " ".join(
        done.stdout.split()
    )


def test_check_in_asks_in_a_terminal_and_keeps_each_answer(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("backpain_cli.cli.app.interactive", lambda: True)
    typed = "climbing stairs\n3\ngardening\n3\n\nlifting my son\n4\n\n6\n"
    done = invoke("check-in", input=typed)
    assert done.exit_code == 0, done.stderr
    assert "Name at least 3 (2 so far)." in done.stderr
    assert "Activity 4 (Enter when done):" in done.stdout
    data = json.loads(invoke("check-in", "--json").stdout)
    assert data["outcomes"][0]["named"] == ["climbing stairs", "gardening", "lifting my son"]
    assert [a["answer"] for a in data["outcomes"][0]["scores"][0]["answers"]] == [3, 3, 4]
    assert data["outcomes"][1]["scores"][0]["score"] == 6
    # the next week it asks the same activities by name, and Enter leaves one out
    done = invoke("check-in", input="\n5\n")
    assert "climbing stairs, 0-10 (Enter to leave it out):" in done.stdout
    assert "Left out." in done.stdout


def test_an_interrupted_check_in_keeps_what_was_typed(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setattr("backpain_cli.cli.app.interactive", lambda: True)
    done = invoke("check-in", input="climbing stairs\n3\ngardening\n")  # then the end of input
    assert done.exit_code == 130
    assert (
        "What you answered so far is kept in the journal; it is not complete, so it is "
        "asked again." in " ".join(done.stderr.split())
    )
    reading = open_for_reading(data_dir)
    assert reading is not None
    with reading:
        (kept,) = reading.checkins()
    assert kept.answers == (("climbing stairs", 3),)
    again = invoke("check-in", input="")  # asked again from the start: name the activities
    assert "Activity 1" in again.stdout


# The journal --------------------------------------------------------------------------


def test_a_journal_from_before_check_ins_opens_and_keeps_every_row(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    record = SessionRecord(MONDAY, "green", (ExerciseDone("dead-bug", 3, 3, 8),), True, 2, 4)
    with open_for_writing(folder) as journal:
        for days in range(3):
            journal.add(record._replace(day=MONDAY + timedelta(days=2 * days)))
    db = sqlite3.connect(folder / "journal.sqlite3")
    db.executescript(  # back to format 5: m006's tables and m007's column gone
        "DROP TABLE checkin_answer; DROP TABLE checkin; DROP TABLE later;"
        " DROP INDEX session_by_source; ALTER TABLE session DROP COLUMN source;"
        " PRAGMA user_version = 5;"
    )
    before = db.execute("SELECT * FROM session ORDER BY id").fetchall()
    exercises = db.execute("SELECT * FROM session_exercise").fetchall()
    db.close()
    reading = open_for_reading(folder)  # read as it is: nothing written
    assert reading is not None
    with reading:
        assert reading.checkins() == []
        assert reading.count() == 3
    with open_for_writing(folder) as journal:
        assert journal.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        after = journal.db.execute("SELECT * FROM session ORDER BY id").fetchall()
        assert [row[: len(before[0])] for row in after] == before  # and a column more
        assert journal.db.execute("SELECT * FROM session_exercise").fetchall() == exercises
        journal.add_checkin(CheckIn(MONDAY, "usual-pain", (("usual-pain", 5),)))
        assert journal.add_later(Later(1, MONDAY + timedelta(days=1), 3))
        assert not journal.add_later(Later(1, MONDAY + timedelta(days=1), 7))  # once
        assert journal.later() == [Later(1, MONDAY + timedelta(days=1), 3)]
        journal.delete(1)
        assert journal.later() == []


def test_a_hand_edited_check_in_is_left_out_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with open_for_writing(folder) as journal:
        journal.add_checkin(CheckIn(MONDAY, "usual-pain", (("usual-pain", 5),)))
        journal.add_checkin(CheckIn(MONDAY, "usual-pain", (("usual-pain", 6),)))
    db = sqlite3.connect(folder / "journal.sqlite3")
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("UPDATE checkin SET day = 'someday' WHERE id = 1")
    db.commit()
    db.close()
    said: list[str] = []
    reading = open_for_reading(folder, said.append)
    assert reading is not None
    with reading:
        (kept,) = reading.checkins()
    assert kept.answers == (("usual-pain", 6),)
    assert "check-in (1)" in said[0]


# The guided session's weekly offer ------------------------------------------------------


def test_a_declined_offer_is_not_made_again_that_week(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from backpain_cli.cli import coach
    from backpain_cli.cli.app import App

    asked: list[str] = []

    def no(question: str) -> bool:
        asked.append(question)
        return False

    monkeypatch.setattr(coach, "confirm", no)
    app = App(None, "flag", False, data_dir)
    coach.offer_checkin(app, MONDAY)
    assert asked == [
        "Your weekly check-in is due: activities you find hard and your usual pain this week. "
        "Answer it now?"
    ]
    coach.offer_checkin(app, MONDAY + timedelta(days=2))  # offered already this week
    assert len(asked) == 1
    coach.offer_checkin(app, MONDAY + timedelta(days=7))
    assert len(asked) == 2
    reading = open_for_reading(data_dir)
    assert reading is not None
    with reading:
        assert [(c.questionnaire, c.answers) for c in reading.checkins()][:2] == [
            ("psfs", ()), ("usual-pain", ()),
        ]  # fmt: skip


def test_after_a_guided_session_the_check_in_asks_for_the_activities(
    invoke: Invoke, content_copy: Path, data_dir: Path
) -> None:
    from .terminal import Terminal, terminal_env
    from .test_guided import quick_session

    quick_session(content_copy, "glute-bridge", 1, ready=0)
    args = ["--content-dir", str(content_copy), "session", "--band", "yellow", "--guided",
            "--quiet"]  # fmt: skip
    term = Terminal(args, terminal_env(data_dir))
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("\r")
    term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("2\r")
    term.expect("Your weekly check-in is due: activities you find hard and your usual pain")
    term.send("y\r")
    term.expect("Activity 1 (Enter to leave it out):")
    for number, (name, rating) in enumerate(
        [("climbing stairs", "3"), ("gardening", "4"), ("lifting my son", "2")], 1
    ):
        if number > 1:
            term.expect(f"Activity {number}:")
        term.send(f"{name}\r")
        term.expect(f"{name}, 0-10:")
        term.send(f"{rating}\r")
    term.expect("Activity 4 (Enter when done):")
    term.send("\r")
    term.expect("What was your usual back pain over the past 7 days?")
    term.send("5\r")
    term.expect("Kept. `backpain progress` shows how your check-ins change.")
    assert term.wait() == 0
    data = json.loads(invoke("--content-dir", str(content_copy), "check-in", "--json").stdout)
    psfs_, pain = data["outcomes"]
    assert psfs_["scores"][0]["answers"] == [
        {"item": "climbing stairs", "answer": 3},
        {"item": "gardening", "answer": 4},
        {"item": "lifting my son", "answer": 2},
    ]
    assert pain["scores"][0]["score"] == 5
