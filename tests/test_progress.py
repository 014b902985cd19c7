"""The advice rules, streaks and sparkline: examples a person would recognise, and
invariants checked over many generated journals."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli.content import load as loader
from backpain_cli.history import sparkline, streak_weeks
from backpain_cli.models import Entry, ExerciseDone, SessionRecord
from backpain_cli.progress import (
    ADVICE,
    DOWN,
    SEE_PROFESSIONAL,
    STAY,
    UP,
    advise,
)

from .conftest import CONTENT

CATALOG = loader.load(CONTENT)
RULES = CATALOG.sessions.progress
LEVELS = [b.id for b in CATALOG.bands.levels]
START = date(2026, 3, 2)  # a Monday


def entry(
    number: int,
    day: date,
    band: str = "green",
    after: int | None = 2,
    before: int | None = None,
    complete: bool = True,
    partial: int = 0,
    adjustment: str = "",
) -> Entry:
    done = (ExerciseDone("glute-bridge", 3, 3 - partial, 10, partial),)
    return Entry(
        number, SessionRecord(day, band, done, complete, before, after, adjustment=adjustment)
    )


def run(*sessions: tuple[int, str, int | None, bool]) -> list[Entry]:
    """Sessions as (days after START, band, pain after, all sets done)."""
    return [
        entry(n, START + timedelta(days=d), band, after, complete=done)
        for n, (d, band, after, done) in enumerate(sessions, 1)
    ]


def test_no_history_starts_at_the_lightest_band() -> None:
    advice = advise([], CATALOG)
    assert (advice.advice, advice.band, advice.current) == (STAY, "yellow", None)
    assert "lightest" in advice.reason


def test_three_easy_sessions_in_a_row_move_up_one_band() -> None:
    advice = advise(
        run((0, "green", 2, True), (2, "green", 3, True), (4, "green", 0, True)), CATALOG
    )
    assert (advice.advice, advice.band, advice.current) == (UP, "blue", "green")
    assert "3 sessions in a row" in advice.reason


def test_two_easy_sessions_are_not_enough_and_say_how_many_more() -> None:
    advice = advise(run((0, "green", 2, True), (2, "green", 1, True)), CATALOG)
    assert (advice.advice, advice.band) == (STAY, "green")
    assert "2 of 3" in advice.reason
    assert "1 more" in advice.reason


def test_a_session_with_sets_left_undone_restarts_the_count() -> None:
    advice = advise(
        run((0, "green", 2, True), (2, "green", 2, True), (4, "green", 2, False)), CATALOG
    )
    assert advice.advice == STAY
    assert "not every set was done" in advice.reason


def test_amber_pain_after_holds_the_band() -> None:
    advice = advise(
        run((0, "green", 2, True), (2, "green", 2, True), (4, "green", 4, True)), CATALOG
    )
    assert (advice.advice, advice.band) == (STAY, "green")
    assert "pain after was 4" in advice.reason


def test_missing_pain_after_does_not_count_towards_moving_up() -> None:
    advice = advise(
        run((0, "green", 2, True), (2, "green", 2, True), (4, "green", None, True)), CATALOG
    )
    assert advice.advice == STAY
    assert "--pain-after" in advice.reason


def test_red_pain_after_steps_down_a_band_even_after_easy_sessions() -> None:
    advice = advise(
        run((0, "blue", 1, True), (2, "blue", 1, True), (4, "blue", 1, True), (6, "blue", 7, True)),
        CATALOG,
    )
    assert (advice.advice, advice.band) == (DOWN, "green")


def test_red_pain_at_the_lightest_band_points_to_easier_variants() -> None:
    advice = advise(run((0, "yellow", 6, True)), CATALOG)
    assert (advice.advice, advice.band) == (DOWN, "yellow")
    assert "easier variants" in advice.reason


def test_repeated_red_pain_means_seeing_a_professional() -> None:
    advice = advise(run((0, "green", 6, True), (5, "green", 8, True)), CATALOG)
    assert (advice.advice, advice.band) == (SEE_PROFESSIONAL, "yellow")
    assert "2 times within 14 days" in advice.reason


def test_red_pain_far_apart_is_not_a_repeat() -> None:
    days_and_pain = [(0, 7), (20, 2), (30, 7)]
    sessions = [
        entry(n, START + timedelta(days=d), after=p, before=2)
        for n, (d, p) in enumerate(days_and_pain)
    ]
    assert advise(sessions, CATALOG).advice == DOWN


def test_no_improvement_over_two_weeks_means_seeing_a_professional() -> None:
    sessions = [
        entry(n, START + timedelta(days=d), after=3, before=5)
        for n, d in enumerate(range(0, 15, 2))
    ]
    advice = advise(sessions, CATALOG)
    assert advice.advice == SEE_PROFESSIONAL
    assert "not improved" in advice.reason


def test_falling_pain_over_two_weeks_is_improvement() -> None:
    sessions = [
        entry(n, START + timedelta(days=d), after=3, before=7 - d // 3)
        for n, d in enumerate(range(0, 15, 2))
    ]
    assert advise(sessions, CATALOG).advice != SEE_PROFESSIONAL


def test_low_steady_pain_is_not_a_reason_to_see_anyone() -> None:
    sessions = [
        entry(n, START + timedelta(days=d), after=2, before=2)
        for n, d in enumerate(range(0, 15, 2))
    ]
    assert advise(sessions, CATALOG).advice == UP


def test_the_strongest_band_stays_and_points_to_harder_variants() -> None:
    advice = advise(run((0, "blue", 1, True), (2, "blue", 1, True), (4, "blue", 1, True)), CATALOG)
    assert (advice.advice, advice.band) == (STAY, "blue")
    assert "harder variants" in advice.reason


def test_a_band_the_content_no_longer_has_starts_from_the_lightest() -> None:
    advice = advise(run((0, "purple", 2, True)), CATALOG)
    assert advice.band == "yellow"
    assert "'purple'" in advice.reason


def test_streak_counts_weeks_meeting_the_target_and_forgives_the_week_in_progress() -> None:
    monday = START
    weekly = {monday - timedelta(weeks=w): 3 for w in range(1, 4)}
    assert streak_weeks(weekly, monday + timedelta(days=2), 3) == 3  # this week: 0 so far
    weekly[monday] = 3
    assert streak_weeks(weekly, monday + timedelta(days=4), 3) == 4
    weekly[monday - timedelta(weeks=2)] = 2
    assert streak_weeks(weekly, monday + timedelta(days=4), 3) == 2
    assert streak_weeks({}, monday, 3) == 0


def test_sparkline_runs_from_the_lowest_to_the_highest_block() -> None:
    assert sparkline([0, 5, 10]) == "▁▅█"
    assert sparkline([]) == ""


def test_three_easy_sessions_on_one_day_are_one_session() -> None:
    advice = advise(
        run((0, "green", 1, True), (0, "green", 1, True), (0, "green", 0, True)), CATALOG
    )
    assert (advice.advice, advice.band) == (STAY, "green")
    assert "1 of 3" in advice.reason
    assert f"{START.isoformat()}, {START.isoformat()} did not count" in advice.reason
    assert "rest day between sessions" in advice.reason


def test_sessions_on_following_days_do_not_all_count() -> None:
    advice = advise(
        run((0, "green", 1, True), (1, "green", 1, True), (2, "green", 1, True)), CATALOG
    )
    assert advice.advice == STAY
    assert "2 of 3" in advice.reason  # the 2nd and the 4th of March; the 3rd came too soon
    assert f"session on {(START + timedelta(days=1)).isoformat()} did not count" in advice.reason


def test_a_set_ended_early_does_not_count_towards_moving_up() -> None:
    sessions = run((0, "green", 1, True), (2, "green", 1, True))
    sessions.append(entry(3, START + timedelta(days=4), partial=1))
    advice = advise(sessions, CATALOG)
    assert advice.advice == STAY
    assert "0 of 3" in advice.reason
    assert "a set was ended early" in advice.reason


def test_a_session_made_easier_does_not_count_towards_moving_up() -> None:
    sessions = run((0, "green", 1, True), (2, "green", 1, True))
    sessions.append(entry(3, START + timedelta(days=4), adjustment="the easier variants"))
    advice = advise(sessions, CATALOG)
    assert advice.advice == STAY
    assert "it was made easier (the easier variants)" in advice.reason


def test_repeated_red_pain_pauses_the_programme_and_offers_nothing_else() -> None:
    advice = advise(run((0, "green", 6, True), (5, "green", 8, True)), CATALOG)
    assert advice.advice == SEE_PROFESSIONAL
    assert "Pause the programme" in advice.reason
    assert "easier" not in advice.reason
    assert "keep to" not in advice.reason


def test_at_the_strongest_band_there_is_never_a_band_to_move_up_to() -> None:
    advice = advise(run((0, "blue", 1, True), (2, "blue", 1, True)), CATALOG)
    assert (advice.advice, advice.band) == (STAY, "blue")
    assert "move up" not in advice.reason
    assert "2 of 3" in advice.reason
    assert "harder variants" in advice.reason
    assert "stronger band from your maker's chart" in advice.reason


def test_moving_up_says_the_sets_and_repetitions_change_too() -> None:
    advice = advise(
        run((0, "yellow", 1, True), (2, "yellow", 1, True), (4, "yellow", 1, True)), CATALOG
    )
    assert (advice.advice, advice.band) == (UP, "green")
    assert "Green's session changes the sets and repetitions too" in advice.reason
    assert "Glute bridge 2 x 8 to 3 x 10" in advice.reason
    assert "Dead bug 2 x 6 to 3 x 8 each side" in advice.reason


# --- invariants over generated journals -------------------------------------------

sessions = st.lists(
    st.tuples(
        st.integers(0, 3),  # days since the previous session
        st.sampled_from([*LEVELS, "purple"]),
        st.one_of(st.none(), st.integers(0, 10)),  # pain after
        st.one_of(st.none(), st.integers(0, 10)),  # pain before
        st.booleans(),  # all sets done
        st.sampled_from([0, 0, 0, 1]),  # sets ended early
        st.sampled_from(["", "", "", "the easier variants"]),  # made easier
    ),
    max_size=25,
)
Raw = list[tuple[int, str, int | None, int | None, bool, int, str]]


def journal(raw: Raw) -> list[Entry]:
    day = START
    found = []
    for number, (gap, band, after, before, done, partial, easier) in enumerate(raw, 1):
        day += timedelta(days=gap)
        found.append(entry(number, day, band, after, before, done, partial, easier))
    return found


@settings(max_examples=400, deadline=None)
@given(sessions)
def test_advice_invariants(raw: Raw) -> None:
    entries = journal(raw)
    advice = advise(entries, CATALOG)
    assert advice.advice in ADVICE
    assert advice.band in LEVELS  # never below the lightest, never past the strongest
    assert advice.reason
    if not entries:
        assert advice.band == LEVELS[0]
        return
    latest = entries[-1].session
    current = LEVELS.index(latest.band) if latest.band in LEVELS else 0
    moved = LEVELS.index(advice.band) - current
    assert moved in (-1, 0, 1)  # one band at a time
    if latest.pain_after is not None and latest.pain_after >= RULES.step_down_min_pain_after:
        assert advice.advice in (DOWN, SEE_PROFESSIONAL)  # never up after red pain
        assert moved == (-1 if current > 0 else 0)
    if advice.advice == UP:
        assert moved == 1
        # Going back from the latest: only easy sessions in full at this band, until
        # enough of them on days far enough apart.
        days: list[date] = []
        for e in reversed(entries):
            s = e.session
            assert s.band == latest.band
            assert s.all_sets_done
            assert not s.sets_partial
            assert not s.adjustment
            assert s.pain_after is not None
            assert s.pain_after <= RULES.move_up_max_pain_after
            if not days or (days[-1] - s.day).days >= RULES.min_days_between:
                days.append(s.day)
            if len(days) == RULES.move_up_after_sessions:
                break
        assert len(days) == RULES.move_up_after_sessions
    if "more and you can move up" in advice.reason:
        assert advice.band != LEVELS[-1]  # never at the strongest band
    if advice.advice == DOWN:
        assert moved == (-1 if current > 0 else 0)
    window_start = latest.day - timedelta(days=RULES.window_days - 1)
    red = [
        e
        for e in entries
        if e.session.day >= window_start
        and e.session.pain_after is not None
        and e.session.pain_after >= RULES.step_down_min_pain_after
    ]
    if len(red) >= RULES.see_professional_red_sessions:
        assert advice.advice == SEE_PROFESSIONAL  # repeated red pain is never just a band change
    assert all(e in entries for e in advice.evidence)
