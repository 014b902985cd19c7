"""After a session in the amber or red, "how is the pain 24 hours later?": asked once, by
the next day's first command, only after amber or red; and the daily decision reads
amber that had not settled as red for stepping down."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpain_cli.journal import open_for_reading
from backpain_cli.models import Entry, Later
from backpain_cli.progress import DOWN, STAY
from backpain_cli.today import decide, later_due, past_of, settled

from .conftest import Invoke
from .terminal import Terminal, terminal_env
from .test_today import CATALOG, record

MONDAY = date(2026, 11, 2)
GREEN_TOP = CATALOG.safety.pain_guide[0].high  # 3 in the built-in traffic light


def past(*sessions: tuple[int, str, int, int], later: tuple[Later, ...] = ()):  # type: ignore[no-untyped-def]
    """Sessions as (day, band, pain before, pain after), numbered from 1."""
    entries = [Entry(n, record(MONDAY + timedelta(days=d), band, after, before))
               for n, (d, band, before, after) in enumerate(sessions, 1)]  # fmt: skip
    return past_of(entries, (), CATALOG, later)


@given(st.integers(0, 10), st.integers(0, 5))
def test_asked_only_the_day_after_and_only_after_amber_or_red(after: int, days: int) -> None:
    found = past((0, "green", 2, after))
    pending = later_due(CATALOG, found, MONDAY + timedelta(days=days))
    assert (pending is not None) == (after > GREEN_TOP and days == 1)


def test_asked_once_an_answer_or_a_skip_ends_it() -> None:
    tuesday = MONDAY + timedelta(days=1)
    assert later_due(CATALOG, past((0, "green", 2, 5)), tuesday) is not None
    for answer in (4, None):
        answered = past((0, "green", 2, 5), later=(Later(1, tuesday, answer),))
        assert later_due(CATALOG, answered, tuesday) is None


def test_amber_that_did_not_settle_steps_down_as_red_would() -> None:
    wednesday = MONDAY + timedelta(days=2)
    plain = decide(CATALOG, past((0, "green", 2, 4)), None, wednesday)
    assert plain.advice.advice == STAY
    assert plain.band == "green"
    not_settled = past((0, "green", 2, 4), later=(Later(1, MONDAY + timedelta(days=1), 5),))
    today = decide(CATALOG, not_settled, None, wednesday)
    assert (today.advice.advice, today.band) == (DOWN, "yellow")
    said = " ".join(today.reasons)
    assert "24 hours later it was 5: it had not settled" in said
    assert "reads amber that has not settled as red for stepping down (its own rule)" in said
    assert not today.counts or today.session is not None


def test_amber_that_settled_carries_on() -> None:
    settled_ = past((0, "green", 2, 5), later=(Later(1, MONDAY + timedelta(days=1), 2),))
    today = decide(CATALOG, settled_, None, MONDAY + timedelta(days=2))
    assert (today.advice.advice, today.band) == (STAY, "green")
    assert "had settled (2): amber that settles within 24 hours is acceptable" in " ".join(
        today.reasons
    )


def test_at_the_lightest_band_amber_that_did_not_settle_makes_the_exercises_easier() -> None:
    found = past((0, "yellow", 1, 5), later=(Later(1, MONDAY + timedelta(days=1), 5),))
    today = decide(CATALOG, found, None, MONDAY + timedelta(days=2))
    assert today.band == "yellow"
    assert today.session is not None
    assert "had not settled 24 hours later (5 out of 10)" in today.session.adjustment
    assert not today.counts


@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10))
def test_settled_means_back_in_the_green_or_no_higher_than_before(
    before: int, after: int, later: int
) -> None:
    session = record(MONDAY, "green", after, before)
    assert settled(CATALOG, session, later) == (later <= GREEN_TOP or later <= before)


def test_red_is_red_whatever_the_answer() -> None:
    found = past((0, "green", 2, 7), later=(Later(1, MONDAY + timedelta(days=1), 1),))
    today = decide(CATALOG, found, None, MONDAY + timedelta(days=2))
    assert (today.advice.advice, today.band) == (DOWN, "yellow")
    said = " ".join(today.reasons)
    assert "was 7 out of 10, and 1 24 hours later (settled)." in said
    assert "acceptable" not in said


# On the command line ------------------------------------------------------------------


def yesterday() -> str:
    return (date.today() - timedelta(days=1)).isoformat()


def test_the_next_days_first_command_asks_once(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    logged = invoke("log", "--date", yesterday(), "--pain-before", "2", "--pain-after", "5")
    assert logged.exit_code == 0
    monkeypatch.setattr("backpain_cli.cli.app.interactive", lambda: True)
    done = invoke("today", input="5\n")
    assert done.exit_code == 0, done.stderr
    assert "How is the pain now, 24 hours later?" in done.stderr
    assert "Kept: pain 5 out of 10, 24 hours later; it has not settled." in done.stderr
    assert "Next session:" in done.stdout  # a rest day today
    assert "Yellow band" in done.stdout
    again = invoke("progress", input="")
    assert "24 hours later" not in again.stderr
    assert "it had not settled" in again.stdout
    reading = open_for_reading(data_dir)
    assert reading is not None
    with reading:
        (kept,) = reading.later()
    assert (kept.session, kept.day, kept.pain) == (1, date.today(), 5)


def test_nothing_is_asked_after_green_or_with_json(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("backpain_cli.cli.app.interactive", lambda: True)
    invoke("log", "--date", yesterday(), "--pain-before", "2", "--pain-after", "3")
    assert "24 hours later" not in invoke("today", input="").stderr
    invoke("log", "--date", yesterday(), "--pain-before", "2", "--pain-after", "6")
    scripted = invoke("today", "--json", input="")
    assert "24 hours later?" not in scripted.stderr
    reasons = json.loads(scripted.stdout)["reasons"]
    assert any("How is the pain now, 24 hours later?" in r for r in reasons)
    assert any("check-in --pain-24h N" in r for r in reasons)


def test_a_script_answers_with_check_in_pain_24h(invoke: Invoke) -> None:
    refused = invoke("check-in", "--pain-24h", "4")
    assert refused.exit_code == 1
    assert "There is no session to answer for" in refused.stderr
    invoke("log", "--date", yesterday(), "--pain-before", "3", "--pain-after", "5")
    done = invoke("check-in", "--pain-24h", "3")
    assert done.exit_code == 0, done.stderr
    assert "Recorded: pain 3 out of 10, 24 hours after your session" in done.stderr
    today = json.loads(invoke("today", "--json").stdout)
    assert today["band"] == "yellow"
    assert any("had settled (3)" in r for r in today["reasons"])
    assert invoke("check-in", "--pain-24h", "3").exit_code == 1  # once


def test_a_question_skipped_at_the_terminal_can_still_be_answered_that_day(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    invoke("log", "--date", yesterday(), "--pain-before", "2", "--pain-after", "6")
    monkeypatch.setattr("backpain_cli.cli.app.interactive", lambda: True)
    skipped = invoke("today", input="\n")
    assert "How is the pain now, 24 hours later?" in skipped.stderr
    assert "you can still answer today: `backpain check-in --pain-24h N`" in skipped.stderr
    assert "24 hours later?" not in invoke("today", input="").stderr  # asked once
    done = invoke("check-in", "--pain-24h", "2")
    assert done.exit_code == 0, done.stderr
    assert "Recorded: pain 2 out of 10, 24 hours after your session" in done.stderr
    reading = open_for_reading(data_dir)
    assert reading is not None
    with reading:
        (kept,) = reading.later()
    assert kept.pain == 2
    again = invoke("check-in", "--pain-24h", "7")  # an answer is never replaced
    assert again.exit_code == 1
    assert "Nothing was recorded" in again.stderr


def test_in_a_real_terminal_the_question_comes_before_the_day(data_dir: Path) -> None:
    from backpain_cli.journal import open_for_writing

    with open_for_writing(data_dir) as journal:
        journal.add(record(date.today() - timedelta(days=1), "yellow", 4, 2))
    term = Terminal(["--no-pager", "today"], terminal_env(data_dir))
    term.expect("How is the pain now, 24 hours later?")
    term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("2\r")
    term.expect("it has settled")
    term.expect("had settled (2)")
    assert term.wait() == 0
