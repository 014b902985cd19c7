"""Make text from files and arguments safe to show in a terminal.

Content is data, never instructions to the terminal: control characters (ESC,
BEL, backspace, carriage return, the C1 range, ...) are replaced by visible
stand-ins so that a file cannot move the cursor, set the window title, clear
the screen or hide text.
"""

from __future__ import annotations

#: C0 controls except newline and tab, DEL, and the C1 range; plus the Unicode
#: bidirectional overrides, which can reorder what a reader sees.
_CONTROLS = [
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
#: Lone surrogates: bytes that were not valid UTF-8 (in a file name, say), which no
#: output can encode. Too many for the table; they are rare, so looked for apart.
_SURROGATES = range(0xD800, 0xE000)


def _stand_in(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␇, ␈, ␍ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


_TABLE = {code: _stand_in(code) for code in _CONTROLS}
_TABLE[ord("\t")] = " "


def visible(text: str) -> str:
    """Return ``text`` with every control character replaced by a visible stand-in."""
    shown = text.translate(_TABLE)
    if shown.isascii():
        return shown
    try:
        shown.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate somewhere
        return "".join(_stand_in(ord(c)) if ord(c) in _SURROGATES else c for c in shown)
    return shown
