"""log, history and progress as a person and a script use them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from backpain_cli.history import sparkline

from .conftest import Invoke

TODAY = date.today()


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def sessions(invoke: Invoke) -> list[dict[str, object]]:
    result = invoke("history", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sessions"]  # type: ignore[no-any-return]


def test_log_records_the_whole_session_for_today_by_default(invoke: Invoke) -> None:
    result = invoke("log", "--band", "green", "--pain-before", "4", "--pain-after", "2")
    assert result.exit_code == 0, result.stderr
    assert f"Logged session 1: {TODAY.isoformat()}, Green band, 3 exercises" in result.stdout
    assert "Pain before: 4 out of 10, amber" in result.stdout
    assert "Pain after: 2 out of 10, green: Carry on." in result.stdout
    assert "Next: Stay with Green." in result.stdout
    (logged,) = sessions(invoke)
    assert logged["date"] == TODAY.isoformat()
    assert logged["all_sets_done"] is True
    assert [(e["exercise"], e["sets_done"], e["sets_planned"]) for e in logged["exercises"]] == [  # type: ignore[attr-defined]
        ("glute-bridge", 3, 3),
        ("clam-shell", 3, 3),
        ("dead-bug", 3, 3),
    ]


def test_log_of_some_exercises_is_not_the_whole_session(invoke: Invoke) -> None:
    result = invoke("log", "--band", "yellow", "--exercise", "deadbug", "--exercise", "Clam shell")
    assert result.exit_code == 0, result.stderr
    (logged,) = sessions(invoke)
    assert [e["exercise"] for e in logged["exercises"]] == ["clam-shell", "dead-bug"]  # type: ignore[attr-defined]
    assert logged["all_sets_done"] is False


def test_red_pain_is_read_out_with_where_to_get_help(invoke: Invoke) -> None:
    result = invoke("log", "--band", "blue", "--pain-after", "7")
    assert "Pain after: 7 out of 10, red: Stop or make the exercise easier." in result.stdout
    assert "backpain safety" in result.stdout
    assert "Next: Step down to Green." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain-before", "11"], "11 is outside the pain scale"),
        (["--pain-after", "-1"], "'-1' is not a pain score"),
        (["--pain-after", "three"], "'three' is not a pain score"),
        (["--pain-after", "2.5"], "'2.5' is not a pain score"),
        (["--date", "2026-02-30"], "'2026-02-30' is not a day on the calendar (day is out"),
        (["--date", "2026-13-01"], "is not a day on the calendar (month must be in 1..12)"),
        (["--date", "24/11/2026"], "'24/11/2026' is not a date; write it as YYYY-MM-DD"),
        (["--date", (TODAY + timedelta(days=1)).isoformat()], "is in the future"),
        (["--date", "1969-12-31"], "too long ago"),
        (["--band", "purple"], "'purple' is not one of 'yellow', 'green', 'blue'"),
        (["--exercise", "plank"], "unknown exercise 'plank'"),
        (["--notes", "a\x1b[2Jb"], "control character"),
        (["--notes", "x" * 1001], "keep them to 1000"),
        (["--yes"], "--yes only goes with --delete"),
        (["--delete", "1", "--band", "green"], "--delete cannot be combined with --band"),
        (["--delete", "1", "--pain-after", "0"], "--delete cannot be combined with --pain-after"),
        (["--delete", "0"], "0 is not in the range x>=1"),
    ],
)
def test_bad_log_input_exits_2_and_stores_nothing(
    invoke: Invoke, data_dir: Path, args: list[str], message: str
) -> None:
    result = invoke("log", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not data_dir.exists()


def test_an_exercise_outside_the_bands_session_is_a_usage_error(
    invoke: Invoke, content_copy: Path, data_dir: Path
) -> None:
    sessions_file = content_copy / "sessions.yaml"
    text = sessions_file.read_text()
    # Take the dead bug out of the yellow session only.
    start = text.index("    - exercise: dead-bug")
    end = text.index("  green:")
    sessions_file.write_text(text[:start] + text[end:])
    result = invoke(
        "--content-dir", str(content_copy), "log", "--band", "yellow", "--exercise", "dead-bug"
    )
    assert result.exit_code == 2
    assert "'dead-bug' is not in the Yellow session; it has glute-bridge, clam-shell." in (
        result.stderr
    )
    assert not data_dir.exists()


def test_log_without_a_band_uses_the_advised_band(invoke: Invoke) -> None:
    assert "Yellow band" in invoke("log", "--date", ago(6)).stdout  # nothing logged: the lightest
    for days in (4, 2):
        invoke("log", "--band", "green", "--pain-after", "1", "--date", ago(days))
    result = invoke("log", "--pain-after", "1")
    assert "Green band" in result.stdout
    assert "Next: Move up to Blue." in result.stdout


def test_sessions_logged_on_one_day_do_not_move_a_band_up(invoke: Invoke) -> None:
    for _ in range(3):
        result = invoke("log", "--band", "green", "--pain-after", "1")
    assert "Next: Stay with Green." in result.stdout
    assert "1 of 3 sessions in a row at Green" in result.stdout


def test_delete_asks_first_and_keeps_the_entry_on_no(invoke: Invoke) -> None:
    invoke("log", "--band", "green", "--date", ago(3))
    result = invoke("log", "--delete", "1", input="n\n")
    assert result.exit_code == 0
    assert f"Delete session 1 ({ago(3)}, Green band)?" in result.stderr
    assert "Nothing was deleted." in result.stderr
    assert len(sessions(invoke)) == 1


def test_delete_on_yes_removes_only_that_entry(invoke: Invoke) -> None:
    invoke("log", "--notes", "keep")
    invoke("log", "--notes", "drop")
    result = invoke("log", "--delete", "2", input="y\n")
    assert result.exit_code == 0
    assert "Deleted session 2" in result.stderr
    assert [s["notes"] for s in sessions(invoke)] == ["keep"]


def test_delete_with_yes_does_not_ask_and_without_an_answer_deletes_nothing(
    invoke: Invoke,
) -> None:
    invoke("log")
    invoke("log")
    no_answer = invoke("log", "--delete", "1", input="")
    assert no_answer.exit_code == 1
    assert "No answer, so nothing was deleted. To delete without a question, add --yes." in (
        no_answer.stderr
    )
    assert len(sessions(invoke)) == 2
    result = invoke("log", "--delete", "1", "--yes")
    assert result.exit_code == 0
    assert [s["id"] for s in sessions(invoke)] == [2]


def test_delete_of_a_missing_entry_says_where_to_find_the_numbers(invoke: Invoke) -> None:
    invoke("log")
    result = invoke("log", "--delete", "9", "--yes")
    assert result.exit_code == 1
    assert "There is no session 9 in the journal. `backpain history` lists" in result.stderr


def test_history_with_no_journal_says_how_to_start(invoke: Invoke) -> None:
    result = invoke("history")
    assert result.exit_code == 0
    assert "No sessions in the journal yet." in result.stdout
    assert "backpain log" in result.stdout


def test_history_shows_sessions_streak_adherence_and_trend(invoke: Invoke) -> None:
    # Three sessions in each of the last two whole weeks, pain falling.
    last_monday = TODAY - timedelta(days=TODAY.weekday() + 7)
    pains = iter([6, 6, 5, 3, 2, 2])
    for week in (7, 0):
        for offset in (0, 2, 4):
            day = (last_monday - timedelta(days=week) + timedelta(days=offset)).isoformat()
            invoke("log", "--date", day, "--pain-before", str(next(pains)), "--notes", "ok")
    out = invoke("history").stdout
    assert "Journal: 6 sessions" in out
    assert "2 weeks in a row with at least 3 sessions" in out
    assert "This week    0 of 3 sessions" in out
    assert f"Pain trend   {sparkline([6, 6, 5, 3, 2, 2])}  (0 ▁ to 10 █" in out
    data = json.loads(invoke("history", "--json").stdout)
    assert data["streak_weeks"] == 2
    assert data["weekly_target"] == 3
    assert data["pain_trend"]["recent"] == [6, 6, 5, 3, 2, 2]
    assert data["adherence"]["this_week"] == {"sessions": 0, "target": 3}


def test_history_compares_the_first_and_last_two_weeks(invoke: Invoke) -> None:
    for days, pain in ((40, 6), (35, 4), (10, 2), (5, 1)):
        invoke("log", "--date", ago(days), "--pain-before", str(pain))
    data = json.loads(invoke("history", "--json").stdout)
    assert data["pain_trend"]["first_two_weeks"] == 5.0
    assert data["pain_trend"]["last_two_weeks"] == 1.5
    assert "5.0 in the first two weeks, 1.5 in the last two" in invoke("history").stdout


def test_history_since_and_limit_choose_the_sessions(invoke: Invoke) -> None:
    for days in (30, 20, 10, 5, 1):
        invoke("log", "--date", ago(days))
    since = json.loads(invoke("history", "--json", "--since", ago(10)).stdout)
    assert [s["date"] for s in since["sessions"]] == [ago(10), ago(5), ago(1)]
    assert since["total"] == 3
    limited = json.loads(invoke("history", "--json", "--limit", "2").stdout)
    assert [s["date"] for s in limited["sessions"]] == [ago(5), ago(1)]
    assert (limited["shown"], limited["total"]) == (2, 5)


def test_history_on_screen_is_bounded_and_says_how_to_see_more(invoke: Invoke) -> None:
    for days in range(25):
        invoke("log", "--date", ago(days))
    out = invoke("history").stdout
    assert "Journal: 25 sessions" in out
    assert "Showing the last 20, oldest first." in out
    assert "--csv" in out


def test_history_csv_has_a_header_and_a_row_per_session(invoke: Invoke) -> None:
    invoke("log", "--date", ago(2), "--pain-before", "5", "--pain-after", "3", "--notes", 'a, "b"')
    invoke("log", "--band", "green", "--exercise", "dead-bug")
    rows = list(csv.DictReader(io.StringIO(invoke("history", "--csv").stdout)))
    assert len(rows) == 2
    assert rows[0]["notes"] == 'a, "b"'
    assert (rows[0]["pain_before"], rows[0]["pain_after"]) == ("5", "3")
    assert rows[1]["exercises"] == "dead-bug:3/3"
    assert rows[1]["all_sets_done"] == "no"
    assert rows[1]["pain_before"] == ""


def test_history_json_and_csv_together_are_a_usage_error(invoke: Invoke) -> None:
    result = invoke("history", "--json", "--csv")
    assert result.exit_code == 2
    assert "Choose one of --json and --csv." in result.stderr


def test_progress_json_gives_advice_band_reason_and_the_data(invoke: Invoke) -> None:
    empty = json.loads(invoke("progress", "--json").stdout)
    assert (empty["advice"], empty["band"], empty["current_band"]) == ("stay", "yellow", None)
    for days in (4, 2, 0):
        invoke("log", "--band", "yellow", "--date", ago(days), "--pain-after", "2")
    data = json.loads(invoke("progress", "--json").stdout)
    assert (data["advice"], data["band"], data["current_band"]) == ("up", "green", "yellow")
    assert "move up to Green" in data["reason"]
    assert len(data["sessions"]) == 3
    assert data["rules"]["move_up_after_sessions"] == 3
    assert data["disclaimer"]


def test_progress_screen_shows_red_flags_when_it_sends_you_to_a_professional(
    invoke: Invoke,
) -> None:
    invoke("log", "--band", "green", "--date", ago(3), "--pain-after", "7")
    invoke("log", "--band", "green", "--pain-after", "8")
    out = invoke("progress").stdout
    assert "Advice: Paused since" in out
    assert "see a physiotherapist or doctor" in out
    assert "Stop and get medical help" in out
    assert "Disclaimer" in out


def test_session_without_a_band_follows_the_journal_and_says_why(invoke: Invoke) -> None:
    assert "lightest band" in invoke("session").stdout
    for days in (4, 2, 0):
        invoke("log", "--band", "green", "--date", ago(days), "--pain-after", "1")
    result = invoke("session", "--json")
    data = json.loads(result.stdout)
    assert data["band"]["id"] == "blue"
    assert data["today"]["state"] == "rest"  # a session today already: the next one is shown
    assert "There is a session on" in data["reason"]
    assert "move up to Blue" in data["reason"]
    assert "Session: Blue band" in invoke("session").stdout
    assert json.loads(invoke("session", "--band", "yellow", "--json").stdout)["band"]["id"] == (
        "yellow"
    )


def test_an_empty_data_dir_is_refused_not_taken_for_here(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("--data-dir", "", "log")
    assert result.exit_code == 2
    assert "the path is empty; give a folder (. for this one)." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_data_dir_option_beats_the_environment(
    invoke: Invoke, tmp_path: Path, data_dir: Path
) -> None:
    chosen = tmp_path / "elsewhere"
    assert invoke("--data-dir", str(chosen), "log").exit_code == 0
    assert (chosen / "journal.sqlite3").exists()
    assert not data_dir.exists()


@pytest.mark.parametrize("command", ["progress", "history"])
def test_journal_screens_lose_nothing_at_40_columns(invoke: Invoke, command: str) -> None:
    for days in (6, 4, 2):
        invoke("log", "--band", "yellow", "--pain-before", "3", "--pain-after", "2",
               "--date", ago(days))  # fmt: skip
    out = invoke(command, env={"COLUMNS": "40"}).stdout
    assert "…" not in out  # nothing cut short
    assert max(len(line) for line in out.splitlines()) <= 40
    assert out.count("3 -> 2") == 3  # every session's pain, whole
