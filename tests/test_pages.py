"""Kept pages: a piped read command replays its last output, and never a stale one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backpain_cli import pages

from .conftest import Invoke


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The program as installed (its entry point), output piped."""
    return subprocess.run(
        [sys.executable, "-m", "backpain_cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def kept() -> list[Path]:
    return sorted((Path(pages.cache_folder()) / "pages").glob("*.page"))


def rewrite(page: Path, output: str) -> None:
    """Give a kept page other text, as a valid page file (its length and CRC made to fit)."""
    import zlib

    head = json.loads(page.read_bytes().split(b"\n", 1)[0])
    body = output.encode()
    head.update(length=len(body), crc=zlib.crc32(body))
    page.write_bytes(json.dumps(head).encode() + b"\n" + body)


def replays(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """Run twice; the top-level modules the second run (the replay) imported."""
    first = run(*args, env=env)
    assert first.returncode == 0, first.stderr
    code = (
        "import sys\nsys.argv[1:] = " + repr(list(args)) + "\n"
        "from backpain_cli.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    second = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert second.stdout == first.stdout
    return set(second.stderr.split())


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "dead-bug"], ["session", "--band", "green"], ["list", "--json"]],
)
def test_a_replayed_page_is_the_same_and_needs_no_click_rich_or_yaml(args: list[str]) -> None:
    loaded = replays(*args)
    assert "backpain_cli" in loaded
    assert not loaded & {"click", "rich", "yaml"}
    assert len(kept()) == 1


def test_an_edit_shows_at_once(content_copy: Path) -> None:
    env = {"BACKPAIN_CONTENT_DIR": str(content_copy)}
    assert "Glute bridge" in run("list", env=env).stdout
    assert "Glute bridge" in run("list", env=env).stdout  # replayed
    bridge = content_copy / "exercises" / "glute-bridge.yaml"
    bridge.write_text(bridge.read_text().replace("name: Glute bridge", "name: Hip bridge"))
    out = run("list", env=env).stdout
    assert "Hip bridge" in out
    assert "Glute bridge" not in out


def test_a_new_or_removed_exercise_file_shows_at_once(content_copy: Path) -> None:
    env = {"BACKPAIN_CONTENT_DIR": str(content_copy)}
    run("list", env=env)
    bug = content_copy / "exercises" / "dead-bug.yaml"
    moved = content_copy / "dead-bug.yaml.away"
    bug.rename(moved)
    assert "Dead bug" not in run("list", env=env).stdout
    moved.rename(bug)
    assert "Dead bug" in run("list", env=env).stdout


def test_a_changed_program_draws_its_pages_afresh() -> None:
    run("list")
    (page,) = kept()
    rewrite(page, "WRONG PAGE\n")
    assert run("list").stdout == "WRONG PAGE\n"
    module = Path(pages.__file__)
    before = module.stat()
    try:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        assert "Glute bridge" in run("list").stdout
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_width_and_colour_settings_get_their_own_page() -> None:
    wide = run("list", env={"COLUMNS": "100"}).stdout
    narrow = run("list", env={"COLUMNS": "40"}).stdout
    assert max(map(len, narrow.splitlines())) <= 40 < max(map(len, wide.splitlines()))
    assert run("list", env={"COLUMNS": "40"}).stdout == narrow
    coloured = run("list", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in run("list").stdout


@pytest.mark.parametrize("damage", ["garbage", "cut-short", "changed-text", "other-key"])
def test_a_damaged_page_is_drawn_afresh(damage: str) -> None:
    good = run("show", "dead-bug").stdout
    (page,) = kept()
    raw = page.read_bytes()
    if damage == "garbage":
        page.write_bytes(b"\x00\xffnot json")
    elif damage == "cut-short":
        page.write_bytes(raw[: len(raw) // 2])
    elif damage == "changed-text":
        page.write_bytes(raw.replace(b"Dead bug", b"Dead bud"))
    else:
        rewrite(page, "WRONG PAGE\n")
        head, body = page.read_bytes().split(b"\n", 1)
        data = json.loads(head)
        data["key"] = "someone else's"
        page.write_bytes(json.dumps(data).encode() + b"\n" + body)
    result = run("show", "dead-bug")
    assert result.returncode == 0
    assert result.stdout == good


def test_errors_and_journal_pages_are_never_kept(invoke: Invoke) -> None:
    assert run("show", "plank").returncode == 2
    assert run("session").returncode == 0  # the band comes from the journal
    assert run("history").returncode == 0
    assert kept() == []
    invoke("log", "--band", "green", "--pain-after", "7")
    assert "Session: Yellow band" in run("session").stdout  # stepped down, not replayed


def test_a_page_is_not_kept_when_the_cache_folder_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    env = {"BACKPAIN_CACHE_DIR": str(blocker)}
    first, second = run("list", env=env), run("list", env=env)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert first.stderr == second.stderr == ""


def test_a_terminal_always_gets_a_fresh_page(data_dir: Path) -> None:
    from .test_guided import Terminal

    env = {**os.environ, "TERM": "xterm", "COLUMNS": "80", "BACKPAIN_DATA_DIR": str(data_dir)}
    assert run("list", env=env).returncode == 0
    (page,) = kept()
    rewrite(page, "WRONG PAGE\n")
    assert run("list", env=env).stdout == "WRONG PAGE\n"  # the same key, piped: replayed
    term = Terminal(["list"], env)
    screen = term.expect("Details: backpain show ID")
    assert "Glute bridge" in screen
    assert "WRONG PAGE" not in screen
    assert term.wait() == 0


def test_a_closed_pipe_during_a_replay_ends_quietly() -> None:
    from .test_terminal import ends_quietly_when_the_reader_goes

    run("show", "dead-bug")
    assert kept()
    ends_quietly_when_the_reader_goes(["show", "dead-bug"])


def test_a_resized_terminal_behind_a_pipe_gets_its_own_page() -> None:
    # `backpain list | less`: the output is a pipe, but rich takes its width from the
    # terminal on stdin, so a kept page must not outlive a resize.
    import fcntl
    import struct
    import termios

    leader, follower = os.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    try:
        widths = []
        for columns in (100, 60, 100):
            fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
            done = subprocess.run(
                [sys.executable, "-m", "backpain_cli", "list"],
                stdin=follower,
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            widths.append(max(len(line) for line in done.stdout.splitlines()))
    finally:
        os.close(leader)
        os.close(follower)
    assert widths == [100, 60, 100]


@pytest.mark.parametrize("xdg", [None, "", "  ", "/somewhere/else"])
@pytest.mark.parametrize("kind", ["cache", "data"])
def test_the_user_folders_are_the_ones_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, kind: str, xdg: str | None
) -> None:
    import platformdirs

    from backpain_cli.journal import data_folder

    monkeypatch.delenv("BACKPAIN_CACHE_DIR")
    monkeypatch.delenv("BACKPAIN_DATA_DIR")
    variable = {"cache": "XDG_CACHE_HOME", "data": "XDG_DATA_HOME"}[kind]
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    if kind == "cache":
        assert pages.cache_folder() == platformdirs.user_cache_dir("backpain", appauthor=False)
    else:
        expected = platformdirs.user_data_dir("backpain", appauthor=False)
        assert str(data_folder()) == expected
