"""The rendered screens, compared with snapshot files at 80 and 40 columns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import Invoke

SCREENS = {
    "list": ["list"],
    "show-dead-bug": ["show", "dead-bug"],
    "bands": ["bands"],
    "session-green": ["session", "--band", "green"],
    "safety": ["safety"],
}


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(
    invoke: Invoke, snapshot: Callable[[str, str], None], name: str, width: int
) -> None:
    result = invoke(*SCREENS[name], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    snapshot(f"{name}-{width}.txt", result.stdout)


def test_narrow_screens_lose_no_words(invoke: Invoke) -> None:
    """Every word of every step is still there when wrapped at 40 columns."""
    wide = invoke("show", "clam-shell", env={"COLUMNS": "200"}).stdout.split()
    narrow = invoke("show", "clam-shell", env={"COLUMNS": "40"}).stdout.split()
    words = [w for w in wide if w.isalpha()]
    assert sorted(words) == sorted(w for w in narrow if w.isalpha())
