"""The pictures as a terminal shows them: half blocks in colour, braille without, ASCII
where neither can show, at the width there is, and nothing but colour codes in them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from backpain_cli.content import load as loader
from backpain_cli.models import Catalog

from .conftest import Invoke
from .terminal import Terminal, terminal_env

CONTENT = Path(__file__).resolve().parent.parent / "content"
SGR = re.compile(r"\x1b\[[0-9;]*m")
ESCAPE = re.compile(r"\x1b")
BRAILLE = range(0x2801, 0x2900)
HALF_BLOCK = "▀"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(CONTENT)


def colour_terminal(width: int, colours: str = "256") -> dict[str, str | None]:
    env: dict[str, str | None] = {"COLUMNS": str(width), "NO_COLOR": None, "TERM": "xterm-256color"}
    env["COLORTERM"] = "truecolor" if colours == "truecolor" else None
    return env


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("exercise", ["glute-bridge", "clam-shell", "dead-bug"])
def test_half_blocks_fit_the_width(invoke: Invoke, width: int, exercise: str) -> None:
    shown = invoke("--color", "show", exercise, env=colour_terminal(width))
    assert shown.exit_code == 0, shown.stderr
    raw = shown.stdout.splitlines()
    lines = [SGR.sub("", line) for line in raw]
    assert all(len(line) <= width for line in lines), max(len(line) for line in lines)
    drawn = [SGR.sub("", line) for line in raw if "48;5;" in line]  # painted rows
    assert len(drawn) >= 6  # several rows of two pixels
    assert sum(HALF_BLOCK in line for line in drawn) >= 8
    assert max(len(line.rstrip()) for line in drawn) >= min(width, 80) * 0.6  # using the room


def test_side_by_side_where_there_is_room_and_stacked_where_not(invoke: Invoke) -> None:
    def captions(width: int) -> list[str]:
        shown = invoke("--color", "show", "dead-bug", env=colour_terminal(width))
        lines = [SGR.sub("", line) for line in shown.stdout.splitlines()]
        return [line for line in lines if "Start: on your back" in line or "Extended:" in line]

    assert len(captions(120)) == 1  # one line holds both captions: side by side
    assert len(captions(80)) == 2  # the end under the start


def test_colour_output_in_a_pipe_has_only_colour_codes_each_closed_by_its_line(
    invoke: Invoke,
) -> None:
    shown = invoke("--color", "show", "clam-shell", env=colour_terminal(80))
    text = shown.stdout
    assert HALF_BLOCK in text
    assert not ESCAPE.search(SGR.sub("", text))  # no cursor moves, titles or queries
    for line in text.splitlines():
        codes = SGR.findall(line)
        if codes:  # whatever colour a line sets, it puts back before the line ends
            assert codes[-1] == "\x1b[0m", repr(line[-40:])


def test_a_pipe_without_colour_gets_braille_and_no_escape_at_all(invoke: Invoke) -> None:
    shown = invoke("show", "clam-shell", env={"NO_COLOR": None, "COLUMNS": "80"})
    assert "\x1b" not in shown.stdout
    assert HALF_BLOCK not in shown.stdout
    assert sum(1 for c in shown.stdout if ord(c) in BRAILLE) > 200


def test_truecolor_where_the_terminal_says_so_and_256_colours_otherwise(
    invoke: Invoke,
) -> None:
    true = invoke("--color", "show", "glute-bridge", env=colour_terminal(80, "truecolor")).stdout
    assert "48;2;" in true  # backgrounds as red;green;blue
    assert "48;5;" not in true
    eight = invoke("--color", "show", "glute-bridge", env=colour_terminal(80)).stdout
    assert "48;5;" in eight  # backgrounds from the 256-colour palette
    assert "48;2;" not in eight


def test_a_terminal_of_16_colours_gets_braille_not_blocks_of_white_and_grey(
    invoke: Invoke,
) -> None:
    env = {**colour_terminal(80), "TERM": "xterm"}  # says 16 colours, not 256
    shown = invoke("--color", "show", "glute-bridge", env=env).stdout
    plain = SGR.sub("", shown)
    assert HALF_BLOCK not in plain
    assert any("\u2801" <= ch <= "\u28ff" for ch in plain)  # braille dots
    assert "Start:" in plain  # the captions, still


def test_the_arrow_is_on_the_end_picture_only(invoke: Invoke) -> None:
    from backpain_cli.figures.paint import PALETTE

    orange = "{};{};{}".format(*PALETTE["arrow"])
    shown = invoke("--color", "show", "dead-bug", env=colour_terminal(80, "truecolor"))
    lines = shown.stdout.splitlines()
    split = next(i for i, line in enumerate(lines) if "Start: on your back" in line)
    start, end = "\n".join(lines[:split]), "\n".join(lines[split:])
    assert orange not in start
    assert orange in end


@pytest.mark.parametrize("width", [80, 40])
def test_the_guided_figure_is_drawn_in_half_blocks_in_a_colour_terminal(
    catalog: Catalog, width: int
) -> None:
    from backpain_cli.coach import Coach
    from backpain_cli.planner import plan_session
    from backpain_cli.render import coach as screens

    plan = plan_session(catalog, "green")._replace(first_get_ready_seconds=None)
    coach = Coach(plan)
    coach.start(0.0)
    console = Console(
        width=width, color_system="256", force_terminal=True, no_color=False, file=io.StringIO()
    )
    with console.capture() as captured:
        console.print(screens.screen(plan, coach.tick(7.5), width))
    raw = captured.get().splitlines()
    assert all(len(SGR.sub("", line)) <= width for line in raw)
    assert sum("48;5;" in line for line in raw) >= 6  # rows of the picture, painted
    assert any(HALF_BLOCK in line for line in raw)


@pytest.mark.parametrize("term", ["xterm-256color", "xterm-kitty"])
def test_a_terminal_that_answers_nothing_gets_no_query_and_no_wait(
    term: str, tmp_path: Path
) -> None:
    """The pictures are half blocks, braille or ASCII, never an inline image: nothing is
    asked of the terminal (no kitty graphics, sixel or device-attributes query) and
    nothing is waited for, so a terminal that answers nothing sees no junk."""
    env = {**terminal_env(tmp_path), "TERM": term, "PAGER": "cat"}
    screen = Terminal(["--color", "show", "dead-bug"], env)
    screen.expect("Start: on your back")
    assert screen.wait() == 0
    for query in ("\x1b_G", "\x1bP", "\x1b[c", "\x1b[>c", "\x1b[0c", "\x1b[14t", "\x1b[16t"):
        assert query not in screen.raw, repr(query)
