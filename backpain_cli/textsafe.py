"""Make text from files and arguments safe to show in a terminal.

Content is data, never instructions to the terminal: control characters (ESC,
BEL, backspace, carriage return, the C1 range, ...) are replaced by visible
stand-ins so that a file cannot move the cursor, set the window title, clear
the screen or hide text.
"""

from __future__ import annotations

import re

# C0 controls except newline and tab, DEL, and the C1 range; plus the Unicode
# bidirectional overrides, which can reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␇, ␈, ␍ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Return ``text`` with every control character replaced by a visible stand-in."""
    return _CONTROL.sub(_stand_in, text.replace("\t", " "))
