"""Long pages in a terminal go through the pager, with the plan on top; never in a pipe."""

from __future__ import annotations

import shlex
from pathlib import Path

from .conftest import Invoke
from .terminal import Terminal, terminal_env


def paged(tmp_path: Path, data_dir: Path, *args: str, pager: str | None = None) -> Terminal:
    env = terminal_env(data_dir)
    env["PAGER"] = pager or f"cat > {shlex.quote(str(tmp_path / 'paged.txt'))}"
    return Terminal(list(args), env)


def test_a_long_session_page_goes_through_the_pager_plan_first(
    tmp_path: Path, data_dir: Path
) -> None:
    term = paged(tmp_path, data_dir, "session", "--band", "green")
    assert term.wait() == 0
    page = (tmp_path / "paged.txt").read_text()
    assert page.startswith("Session: Green band")  # the plan first
    assert "Glute bridge" in page
    assert "Disclaimer" in page  # the whole safety text stays on the page
    assert "Session: Green band" not in term.seen  # nothing drawn past the pager


def test_no_pager_prints_the_page_straight_to_the_terminal(tmp_path: Path, data_dir: Path) -> None:
    term = paged(tmp_path, data_dir, "--no-pager", "session", "--band", "green")
    term.expect("Disclaimer")
    assert term.wait() == 0
    assert not (tmp_path / "paged.txt").exists()


def test_a_page_that_fits_the_terminal_needs_no_pager(tmp_path: Path, data_dir: Path) -> None:
    term = paged(tmp_path, data_dir, "list")
    term.expect("Details: backpain show ID")
    assert term.wait() == 0
    assert not (tmp_path / "paged.txt").exists()


def test_a_pager_that_is_not_there_still_shows_the_page(tmp_path: Path, data_dir: Path) -> None:
    term = paged(tmp_path, data_dir, "safety", pager="no-such-pager-here")
    term.expect("Disclaimer")
    assert term.wait() == 0


def test_a_pipe_never_gets_a_pager(invoke: Invoke, tmp_path: Path) -> None:
    marker = tmp_path / "pager-ran"
    result = invoke("session", "--band", "green", env={"PAGER": f"touch {marker}"})
    assert result.exit_code == 0
    assert result.stdout.startswith("Session: Green band")
    assert not marker.exists()
