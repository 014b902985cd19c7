"""The guided session: refused without a terminal, and run for real in a pseudo-terminal."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import Invoke
from .terminal import Terminal, terminal_env


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--guided"], "Guided mode needs an interactive terminal"),
        (["--guided", "--json"], "Choose one of --json and --guided."),
        (["--rest", "30"], "--rest only go with --guided."),
        (["--get-ready", "0", "--quiet"], "--get-ready, --quiet only go with --guided."),
        (["--guided", "--rest", "-1"], "-1 is not in the range 0<=x<=600"),
    ],
)
def test_guided_mode_without_a_terminal_or_with_bad_options_exits_2(
    invoke: Invoke, data_dir: Path, args: list[str], message: str
) -> None:
    result = invoke("session", "--band", "green", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not data_dir.exists()


def test_the_refusal_points_to_the_plain_plan(invoke: Invoke) -> None:
    result = invoke("session", "--guided")
    assert "Plain `backpain session` prints the plan instead." in result.stderr


def quick_session(content: Path, exercise: str, reps: int, ready: int = 0, ask: int = 0) -> Path:
    """``content``'s yellow session cut to one set of ``reps`` quick repetitions of
    ``exercise`` (lift 1 s, lower 1 s, no hold or rest), every countdown ``ready`` s (and
    1 s at least to turn over between the sides), and ``ask`` s at the end to say how it
    felt."""
    sessions = content / "sessions.yaml"
    text = sessions.read_text()
    start, end = text.index("  yellow:\n"), text.index("  green:\n")
    quick = (
        f"  yellow:\n    - exercise: {exercise}\n      sets: 1\n      reps: {reps}\n"
        "      hold_seconds: 0\n      rest_seconds: 0\n"
    )
    text = text[:start] + quick + text[end:]
    text = text.replace("lift_seconds: 2", "lift_seconds: 1").replace(
        "lower_seconds: 2", "lower_seconds: 1"
    )
    text = text.replace("first_get_ready_seconds: 15", f"first_get_ready_seconds: {ready}")
    text = text.replace("feedback_seconds: 15", f"feedback_seconds: {ask}")
    text = text.replace("switch_seconds: 5", "switch_seconds: 1")
    sessions.write_text(text.replace("get_ready_seconds: 5", f"get_ready_seconds: {ready}"))
    return content


@pytest.fixture
def quick_content(content_copy: Path) -> Path:
    """The yellow session cut to one glute bridge set of 2 quick reps (4 s in all)."""
    return quick_session(content_copy, "glute-bridge", 2)


def guided(content: Path, data_dir: Path, *extra: str) -> Terminal:
    """`backpain session --band yellow --guided --quiet` on ``content``, in a terminal."""
    args = ["--content-dir", str(content), "session", "--band", "yellow", "--guided", "--quiet"]
    return Terminal([*args, *extra], terminal_env(data_dir))


def _journal(invoke: Invoke) -> list[dict[str, object]]:
    return json.loads(invoke("history", "--json").stdout)["sessions"]  # type: ignore[no-any-return]


def test_a_guided_session_in_a_real_terminal_runs_hands_free_and_is_saved(
    invoke: Invoke, quick_content: Path, data_dir: Path
) -> None:
    term = guided(quick_content, data_dir)
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    screen = term.expect("Pain right now, 0-10 (Enter to skip):")
    assert "backpain safety" in screen  # the disclaimer's pointer comes first
    term.send("3\r")
    screen = term.expect("Rep 1 of 2")
    assert "Glute bridge" in screen
    assert "SET 1 of 1" in screen
    assert "Space pause" in screen
    term.send(" ")
    term.expect("PAUSED")
    term.send(" ")
    screen = term.expect("Pain now, 0-10 (Enter to skip):")
    assert "Rep 2 of 2" in screen  # it counted the reps with nobody touching a key
    assert "Session done in 0:04." in screen
    term.send("2\r")
    screen = term.expect("Next: Stay with Yellow.")
    assert "Logged session 1" in screen
    assert "Pain after: 2 out of 10, green" in screen
    term.decline_checkin()
    assert term.wait() == 0
    (saved,) = _journal(invoke)
    assert (saved["pain_before"], saved["pain_after"], saved["all_sets_done"]) == (3, 2, True)
    assert saved["seconds"] == 4


def test_ctrl_c_restores_the_terminal_saves_what_was_done_and_exits_130(
    invoke: Invoke, content_copy: Path, data_dir: Path
) -> None:
    term = guided(content_copy, data_dir, "--get-ready", "0")
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("\r")
    term.expect("SET 1 of 2")
    term.send("\r")  # the first set of bridges ended early, at its first repetition
    term.expect("REST")
    term.send("\x03")  # Ctrl-C
    screen = term.expect("Interrupted. What you did is saved in the journal.")
    assert "Traceback" not in screen
    assert "Glute bridge   0 of 2      1" in screen  # none in full, one ended early
    # Only the exercise started counts, not the three planned.
    unwrapped = " ".join(line.strip() for line in screen.splitlines())
    assert "Yellow band, 1 exercise, 0/6 sets (1 ended early), not the whole session" in unwrapped
    assert term.echo_is_on()
    hidden, shown = term.raw.rfind("\x1b[?25l"), term.raw.rfind("\x1b[?25h")
    assert hidden != -1  # the live view hid the cursor...
    assert shown > hidden  # ...and showed it again
    assert term.wait() == 130
    (saved,) = _journal(invoke)
    assert saved["all_sets_done"] is False
    assert (saved["sets_done"], saved["sets_partial"]) == (0, 1)
    assert saved["exercises"][0]["sets_partial"] == 1  # type: ignore[index]


def test_guided_help_documents_the_keys(invoke: Invoke) -> None:
    out = invoke("session", "--help").stdout
    assert "backpain session --band green --guided" in out
    unwrapped = " ".join(out.split())
    keys = "Space pauses, n skips to the next step, Enter marks a set done, q ends early"
    assert keys in unwrapped


def test_no_terminal_check_runs_before_anything_is_written(data_dir: Path) -> None:
    # With a journal to follow, the check must still come first: nothing read, nothing made.
    data_dir.mkdir()
    (data_dir / "journal.sqlite3").write_text("not a journal")
    done = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "session", "--guided"],
        input="",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Guided mode needs an interactive terminal" in done.stderr
    assert sorted(p.name for p in data_dir.iterdir()) == ["journal.sqlite3"]


@pytest.mark.parametrize("width", [40, 80])
def test_the_live_screen_fits_the_width_and_says_what_to_do(width: int) -> None:
    from rich.console import Console

    from backpain_cli.coach import Coach
    from backpain_cli.content import load as loader
    from backpain_cli.planner import plan_session
    from backpain_cli.render import coach as coach_screens

    from .conftest import CONTENT

    plan = plan_session(loader.load(CONTENT), "green")._replace(first_get_ready_seconds=None)
    coach = Coach(plan)
    coach.start(0.0)
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    for at, expected in (
        (2.0, "GET READY  0:03"),
        (7.5, "Rep 1 of 10    SQUEEZE 2"),
        (66.0, "REST"),
    ):
        console.print(coach_screens.screen(plan, coach.tick(at), width))
        text = console.export_text()
        assert expected in text
        assert "…" not in text  # nothing cut short
        assert max(len(line) for line in text.splitlines()) <= width
    assert "Next: Glute bridge, set 2 of 3" in text
    assert "Session" in text


def test_the_live_screen_shows_the_therapists_note(content_copy: Path) -> None:
    from rich.console import Console

    from backpain_cli.coach import Coach
    from backpain_cli.content import load as loader
    from backpain_cli.planner import plan_session
    from backpain_cli.render import coach as coach_screens

    bridge = content_copy / "exercises" / "glute-bridge.yaml"
    bridge.write_text(bridge.read_text() + "note: Keep the lift small this week.\n")
    plan = plan_session(loader.load(content_copy), "green")
    coach = Coach(plan)
    console = Console(width=80, record=True, color_system=None, file=io.StringIO())
    console.print(coach_screens.screen(plan, coach.start(0.0), 80))
    assert "Note: Keep the lift small this week." in console.export_text()


def easier_bridge(content: Path) -> None:
    """The small bridge's Yellow dose cut below the quick bridge's, so that it is easier."""
    bridge = content / "exercises" / "glute-bridge.yaml"
    text = bridge.read_text()
    bridge.write_text(text.replace("yellow: {sets: 2, reps: 8, hold_seconds: 0",
                                   "yellow: {sets: 1, reps: 1, hold_seconds: 0"))  # fmt: skip


def test_red_pain_before_starting_asks_first_and_no_starts_nothing(
    invoke: Invoke, quick_content: Path, data_dir: Path
) -> None:
    easier_bridge(quick_content)
    term = guided(quick_content, data_dir)
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    screen = term.expect("Pain right now, 0-10 (Enter to skip):")
    assert "Stop and get medical help" in screen  # the red flags, before anything starts
    term.send("7\r")
    screen = term.expect("Start the easier session, gently? [y/N]:")
    assert "Pain before: 7 out of 10, red" in screen
    term.send("\r")
    term.expect("Nothing was started.")
    assert term.wait() == 0
    assert not data_dir.exists()


def test_going_on_after_red_pain_gives_an_easier_session_and_records_it(
    invoke: Invoke, quick_content: Path, data_dir: Path
) -> None:
    easier_bridge(quick_content)
    term = guided(quick_content, data_dir)  # Yellow, the lightest: the easier variants
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now, 0-10 (Enter to skip):")
    term.send("7\r")
    term.expect("Start the easier session, gently? [y/N]:")
    term.send("y\r")
    screen = term.expect("Small bridge, instead of Glute bridge")
    assert "Made easier: the easier variants, after pain of 7 out of 10 before it" in screen
    assert "arms flat on the floor" in screen  # the variant's own steps
    term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("5\r")
    screen = term.expect("Next:")
    assert "Made easier: the easier variants" in screen
    term.decline_checkin()
    assert term.wait() == 0
    (saved,) = _journal(invoke)
    assert saved["adjustment"] == "the easier variants, after pain of 7 out of 10 before it"
    assert saved["pain_before"] == 7
    assert saved["exercises"][0]["exercise"] == "small-bridge"  # type: ignore[index]


def test_with_nothing_easier_to_offer_red_pain_before_means_no_session(
    invoke: Invoke, quick_content: Path, data_dir: Path
) -> None:
    term = guided(quick_content, data_dir)  # the quick bridge: its variant is no easier
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now, 0-10 (Enter to skip):")
    term.send("7\r")
    screen = term.expect("Start a session anyway? [y/N]:")
    assert "nothing easier to offer: no session today" in " ".join(screen.split())
    term.send("\r")
    term.expect("Nothing was started.")
    assert term.wait() == 0


def test_without_single_key_input_guided_mode_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from backpain_cli.cli import coach as guided

    class Terminalish(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminalish())
    monkeypatch.setattr(sys, "stdout", Terminalish())
    monkeypatch.setenv("TERM", "xterm")
    assert guided.unavailable() is None
    monkeypatch.setitem(sys.modules, "termios", None)  # as on Windows: no termios
    reason = guided.unavailable()
    assert reason is not None
    assert "needs a Unix terminal (Linux, macOS, or WSL on Windows)" in reason
    assert "Plain `backpain session` prints the plan instead." in reason


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_end_a_session_like_ctrl_c_saving_what_was_done(
    invoke: Invoke, content_copy: Path, data_dir: Path, signum: int
) -> None:
    term = guided(content_copy, data_dir, "--get-ready", "0")
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("4\r")
    term.expect("SET 1 of 2")
    term.send("\r")  # the first set of bridges, ended early
    term.expect("REST")
    os.kill(term.pid, signum)
    screen = term.expect("Stopped (")
    assert "Traceback" not in screen
    assert f"Stopped ({signal.Signals(signum).name}). What you did is saved" in screen
    assert term.echo_is_on()  # the terminal is given back...
    hidden, shown = term.raw.rfind("\x1b[?25l"), term.raw.rfind("\x1b[?25h")
    assert -1 < hidden < shown  # ...with its cursor
    assert term.wait() == 128 + signum
    (saved,) = _journal(invoke)
    assert (saved["sets_partial"], saved["pain_before"], saved["pain_after"]) == (1, 4, None)


def test_sigterm_at_the_first_question_saves_nothing_and_exits_143(
    content_copy: Path, data_dir: Path
) -> None:
    """The signal comes the moment the question shows, which can be before the program
    waits for the answer: it must end all the same (several times, to catch the race)."""
    for _attempt in range(4):
        term = guided(content_copy, data_dir)
        term.expect("Do you have any of these signs now? [y/N]:")
        os.kill(term.pid, signal.SIGTERM)
        assert term.wait() == 143
        assert not data_dir.exists()


def test_ctrl_z_gives_the_terminal_back_and_fg_resumes_paused(
    content_copy: Path, data_dir: Path, tmp_path: Path
) -> None:
    quick_session(content_copy, "glute-bridge", 8)  # a repetition in 2 s, not 6
    report = tmp_path / "jobs"
    args = ["--content-dir", str(content_copy), "session", "--band", "yellow", "--guided"]
    env = {**terminal_env(data_dir), "JOB_REPORT": str(report)}
    term = Terminal([*args, "--quiet", "--get-ready", "0"], env, job_control=True)
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("\r")
    term.expect("Rep 1 of 8")
    term.send("\x1a")  # Ctrl-Z
    deadline = time.monotonic() + 20
    while not (report.exists() and "stopped" in report.read_text()):
        assert time.monotonic() < deadline, "the session never stopped"
        time.sleep(0.05)
    assert term.echo_is_on()  # the shell has its terminal back as it was
    os.kill(term.pid, signal.SIGUSR1)  # fg
    term.expect("PAUSED: Space to carry on")
    term.send(" ")  # the keys work again
    term.expect("Rep 2 of 8")
    term.send("q")
    screen = term.expect("Pain now")
    taken = re.search(r"Session ended early in 0:(\d\d)\.", screen)
    assert taken
    assert int(taken.group(1)) < 30  # the time stopped was not counted
    term.send("\r")
    assert term.wait() == 0
