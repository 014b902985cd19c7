"""Terminals, pipes, colour, hostile text and shell completion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backpain_cli import cli
from backpain_cli.cli.app import App
from backpain_cli.textsafe import visible

from .conftest import Invoke

BOLD = "\x1b[1m"


@pytest.mark.parametrize(
    ("flags", "env", "coloured"),
    [
        ([], {"NO_COLOR": None}, False),  # not a terminal: automatic means plain
        ([], {"NO_COLOR": None, "FORCE_COLOR": "1"}, True),
        (["--color"], {"NO_COLOR": None}, True),
        (["--no-color"], {"NO_COLOR": None, "FORCE_COLOR": "1"}, False),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        (["--color"], {"NO_COLOR": "1"}, False),
        ([], {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "dumb"}, False),
    ],
)
def test_colour_rules(
    invoke: Invoke, flags: list[str], env: dict[str, str | None], coloured: bool
) -> None:
    result = invoke(*flags, "list", env=env)  # type: ignore[arg-type]
    assert result.exit_code == 0
    assert (BOLD in result.stdout) is coloured
    assert ("\x1b" in result.stdout) is coloured


def hostile(content_copy: Path) -> None:
    path = content_copy / "exercises" / "dead-bug.yaml"
    text = path.read_text()
    hostile_name = 'name: "[red]Dead[/red] bug \\e]0;owned\\a\\e[2J\\b\\rX"'
    text = text.replace("name: Dead bug\n", hostile_name + "\n", 1)
    text = text.replace(
        "  - Lie flat on your back.",
        '  - "[link=https://example.com]Lie[/link] \\x9b31m flat\\u202e"',
    )
    path.write_text(text)


@pytest.mark.parametrize("args", [["list"], ["show", "dead-bug"], ["session"]])
def test_content_text_is_never_instructions_to_the_terminal(
    invoke: Invoke, content_copy: Path, args: list[str]
) -> None:
    hostile(content_copy)
    env = {"NO_COLOR": None, "COLUMNS": "250"}
    result = invoke("--content-dir", str(content_copy), "--color", *args, env=env)
    assert result.exit_code == 0
    out = result.stdout
    assert BOLD in out  # colour really is on
    for sequence in ("\x1b]", "\x07", "\x1b[2J", "\x08", "\r", "\x9b", "\u202e"):
        assert sequence not in out
    assert "[red]Dead[/red] bug" in out
    assert "␛]0;owned␇␛[2J␈␍X" in out
    if args[0] == "show":
        assert "[link=https://example.com]Lie[/link] <U+009B>31m flat<U+202E>" in out


def test_hostile_content_in_json_is_escaped(invoke: Invoke, content_copy: Path) -> None:
    hostile(content_copy)
    result = invoke("--content-dir", str(content_copy), "show", "dead-bug", "--json")
    assert all(ord(ch) < 128 for ch in result.stdout)
    assert "\\u001b]0;owned\\u0007" in result.stdout


def test_visible_keeps_ordinary_text() -> None:
    assert visible("Glute bridge: 3 x 10, ça va") == "Glute bridge: 3 x 10, ça va"
    assert visible("a\tb\nc") == "a b\nc"


@pytest.mark.parametrize(
    "name",
    ["", " ", "../../etc/passwd", "x" * 5000, "дед-баг", "\x1b[2J\x1b]0;t\x07", "--", "🦗"],  # noqa: RUF001
)
def test_odd_exercise_names_are_just_unknown(invoke: Invoke, name: str) -> None:
    result = invoke("show", "--", name)
    assert result.exit_code == 2
    assert "unknown exercise" in result.stderr
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
    assert len(result.stderr) < 600
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("band", ["", "x" * 5000, "\x1b[2J", "../green", "grün"])
def test_odd_band_names_are_just_unknown(invoke: Invoke, band: str) -> None:
    result = invoke("session", "--band", band)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert len(result.stderr) < 600


def test_unknown_command_suggests_the_closest(invoke: Invoke) -> None:
    result = invoke("sesion")
    assert result.exit_code == 2
    assert "Did you mean 'session'?" in result.stderr


def test_ctrl_c_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(App, "catalog", interrupted)
    with pytest.raises(SystemExit) as done:
        cli.main.main(["list"], prog_name="backpain")
    assert done.value.code == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == "Interrupted."


def ends_quietly_when_the_reader_goes(args: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "backpain_cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader goes away before the first line
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=30) in (0, 1)
    assert err == ""


@pytest.mark.parametrize(
    "args", [["list"], ["show", "dead-bug"], ["session", "--json"], ["--help"]]
)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    ends_quietly_when_the_reader_goes(args)


def complete(invoke: Invoke, words: str, shell: str = "bash") -> list[str]:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = invoke(
        env={"_BACKPAIN_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    )
    assert result.exit_code == 0
    return result.stdout.split()


def test_completion_of_exercises_bands_and_commands(invoke: Invoke) -> None:
    assert complete(invoke, "backpain show d") == ["plain,dead-bug"]
    assert complete(invoke, "backpain show ") == [
        "plain,glute-bridge",
        "plain,clam-shell",
        "plain,dead-bug",
    ]
    assert complete(invoke, "backpain session --band G") == ["plain,green"]
    assert complete(invoke, "backpain se") == ["plain,session"]


def test_completion_uses_the_chosen_content(invoke: Invoke, content_copy: Path) -> None:
    bands = content_copy / "bands.yaml"
    bands.write_text(bands.read_text().replace("id: green", "id: grey"))
    sessions = content_copy / "sessions.yaml"
    sessions.write_text(sessions.read_text().replace("  green:", "  grey:"))
    programme = content_copy / "programme.yaml"
    programme.write_text(programme.read_text().replace("band: green", "band: grey"))
    for exercise in (content_copy / "exercises").glob("*.yaml"):  # the variants' doses
        exercise.write_text(exercise.read_text().replace("      green:", "      grey:"))
    words = f"backpain --content-dir {content_copy} session --band g"
    assert complete(invoke, words) == ["plain,grey"]


def test_completion_scripts_for_each_shell(invoke: Invoke) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = invoke(env={"_BACKPAIN_COMPLETE": f"{shell}_source"})
        assert result.exit_code == 0
        assert "_BACKPAIN_COMPLETE" in result.stdout


@pytest.mark.parametrize("columns", [None, "", "junk", "0", "-3", "57", "140"])
@pytest.mark.parametrize("terminal", [False, True])
def test_help_is_as_wide_as_shutil_says(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, terminal: bool
) -> None:
    """The help's width, found without importing shutil, is shutil's own answer."""
    import os
    import pty
    import shutil

    from backpain_cli.cli.lazy import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    leader, follower = pty.openpty()
    screen = os.fdopen(follower, "w")
    try:
        if terminal:
            import fcntl
            import struct
            import termios

            fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 66, 0, 0))
            monkeypatch.setattr(sys, "__stdout__", screen)
        assert terminal_columns() == shutil.get_terminal_size().columns
    finally:
        monkeypatch.undo()
        screen.close()
        os.close(leader)
