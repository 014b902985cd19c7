"""A cache of checked content files, so a glance does not re-parse YAML.

One file per content folder (and Python version) in the cache folder (see
folders). Each entry is one file that passed its schema (and an exercise's
figure its checks), keyed by that file's size, modification and change times and
inode: any edit misses the cache. The cache is written atomically, owner-only,
dropped silently when unreadable or corrupt, and skipped silently when the folder
cannot be written. Only valid files are stored, so a problem is always found
afresh. Nothing outside this package knows of it.

It is trusted as the files it stands for only when it is the user's own (nobody else
can write it) and was written by this very build of the checking code (the size and
time of each of its modules are in the header); a catalog that cannot be built from
its entries drops it, and the files are read and checked again.

The entries are kept with marshal, which reads plain data in about half the time
JSON takes and, built in, costs a glance no import. The file starts with a
header and the CRC-32 of the rest, checked before marshal reads a byte: a
damaged file is dropped like a missing one.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from typing import Any

from backpain_cli import __version__, folders
from backpain_cli.content.document import Document
from backpain_cli.content.files import EXERCISES_DIR

#: Raised whenever what a file must pass changes (3: figures checked on the body's
#: outline), so that a file passed by the old checks is checked again.
FORMAT = 3
#: What a cache file starts with; the CRC-32 of the rest follows it.
MAGIC = b"backpain content cache\n"
#: A cache larger than this is not ours (a thousand exercises take a few MiB).
MAX_BYTES = 128 * 1024 * 1024


def encode(payload: dict[str, Any]) -> bytes:
    """A cache file's bytes: the header, the CRC-32 of the entries, the entries."""
    body = marshal.dumps(payload)
    return MAGIC + zlib.crc32(body).to_bytes(4, "big") + body


def decode(raw: bytes) -> Any:
    """What a cache file holds; ValueError when it is not one or it is damaged."""
    start = len(MAGIC) + 4
    body = raw[start:]
    if raw[: len(MAGIC)] != MAGIC or raw[len(MAGIC) : start] != zlib.crc32(body).to_bytes(4, "big"):
        raise ValueError("not a content cache, or a damaged one")
    return marshal.loads(body)


def stamp(stat: os.stat_result) -> list[int]:
    """What says a file is unchanged: its size, modification and change times, and inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


#: The modules that decide what a checked file holds: the cache is bound to them as they
#: are, so that one written by another build of the program (a new field, a new rule,
#: the same version number) is never taken for a checked file.
_CHECKING = (
    "content/schemas.py", "content/schema_types.py", "content/check.py",
    "content/figures.py", "content/programme.py", "content/load.py",
    "content/yamlread.py", "models.py", "checked.py", "figures/body.py",
)  # fmt: skip
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def code_stamp() -> list[int]:
    """The size and modification time of each module that checks content."""
    found: list[int] = []
    for module in _CHECKING:
        info = os.stat(os.path.join(_PACKAGE, module))
        found += [info.st_size, info.st_mtime_ns]
    return found


def _own(path: str) -> bool:
    """Whether the cache file is the user's own and nobody else can write it: then only
    this program, run by the user, wrote it, and its entries stand for checked files.
    (Where there are no owners to compare, as on Windows, it is taken as the user's.)"""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    info = os.stat(path)
    return info.st_uid == getuid() and not info.st_mode & 0o022


def _nested(path: str) -> bool:
    return "." in path or "[" in path


class ContentCache:
    def __init__(self, root: str, section: str = "") -> None:
        """The cache of the folder ``root``; ``section`` names another cache file of the same
        folder, for files read apart from the rest (the questionnaires)."""
        self.root = os.path.realpath(root)
        python = "".join(str(part) for part in sys.version_info[:2])
        kept = f"-{section}" if section else ""
        name = f"content-{zlib.crc32(os.fsencode(self.root)):08x}{kept}-py{python}.cache"
        self.path = os.path.join(folders.cache(), name)
        self.entries: dict[str, Any] = {}
        self.changed = False
        self.used = False  # whether an entry stood in for a file
        try:
            from backpain_cli.files import read_regular

            if not _own(self.path):
                return
            stored = decode(read_regular(self.path, MAX_BYTES))
            if (
                stored.get("format"),
                stored.get("program"),
                stored.get("code"),
                stored.get("root"),
            ) == (FORMAT, __version__, code_stamp(), self.root):
                self.entries = dict(stored["files"])
        except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
            self.entries = {}  # missing or corrupt: start again

    def drop(self) -> None:
        """Forget every entry (the files are read and checked again), and write the cache
        afresh at the end."""
        self.entries = {}
        self.used = False
        self.changed = True

    def get(self, name: str, stat: os.stat_result) -> Document | None:
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("stamp") != stamp(stat):
            return None
        lines = entry.get("lines")
        if not isinstance(entry.get("data"), dict) or not isinstance(lines, dict):
            return None
        self.used = True
        return Document(entry["data"], lines)

    def put(self, name: str, stat: os.stat_result, doc: Document) -> None:
        lines = doc.lines
        if name.startswith(f"{EXERCISES_DIR}/"):
            # Little inside a checked exercise file is pointed at again (its id, when it
            # does not match the file name, and its variants' doses, checked against the
            # sessions), so only those keep their lines: a third of the cache, for a
            # folder of many exercises.
            lines = {path: line for path, line in lines.items()
                     if not _nested(path) or path.startswith("variants")}  # fmt: skip
        self.entries[name] = {"stamp": stamp(stat), "data": doc.data, "lines": lines}
        self.changed = True

    def save(self, names: set[str]) -> None:
        """Write the entries for ``names`` (the files that exist now), if anything changed."""
        if not self.changed and set(self.entries) <= names:
            return
        files = {name: entry for name, entry in self.entries.items() if name in names}
        payload = {
            "format": FORMAT,
            "program": __version__,
            "code": code_stamp(),
            "root": self.root,
            "files": files,
        }
        try:
            from pathlib import Path

            from backpain_cli.files import write_atomically

            path = Path(self.path)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, encode(payload))
        except (OSError, ValueError):
            pass  # an unwritable cache folder only costs speed
