"""A parsed content file: plain data, and the line where each field starts."""

from __future__ import annotations

from typing import Any, NamedTuple


class Document(NamedTuple):
    """A parsed file: its data, and the line (1-based) where each field path starts."""

    data: Any
    lines: dict[str, int]

    def line(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""


def child_path(parent: str, key: str | int) -> str:
    """The field path of a mapping key or list index below ``parent``."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key
