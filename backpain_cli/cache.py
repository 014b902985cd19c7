"""A cache of checked content files, so a glance does not re-parse YAML.

One JSON file per content folder in the user's cache folder (platformdirs, or
BACKPAIN_CACHE_DIR). Each entry is one file that passed its schema, keyed by
that file's size, modification and change times and inode: any edit misses the
cache. The cache is written atomically (a temporary file, then a rename),
dropped silently when unreadable or corrupt, and skipped silently when the
folder cannot be written. Only valid files are stored, so a problem is always
found afresh.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from backpain_cli import __version__, pages
from backpain_cli.document import Document
from backpain_cli.pages import stamp

FORMAT = 1


def cache_folder() -> Path:
    return Path(pages.cache_folder())


class ContentCache:
    def __init__(self, root: Path) -> None:
        self.root = str(root.resolve())
        self.path = cache_folder() / f"content-{zlib.crc32(self.root.encode()):08x}.json"
        self.entries: dict[str, Any] = {}
        self.changed = False
        try:
            stored = json.loads(self.path.read_bytes())
            if (stored.get("format"), stored.get("program"), stored.get("root")) == (
                FORMAT,
                __version__,
                self.root,
            ):
                self.entries = dict(stored["files"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}  # missing or corrupt: start again

    def get(self, name: str, stat: os.stat_result) -> Document | None:
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("stamp") != stamp(stat):
            return None
        return Document(entry.get("data"), entry.get("lines") or {})

    def put(self, name: str, stat: os.stat_result, doc: Document) -> None:
        self.entries[name] = {"stamp": stamp(stat), "data": doc.data, "lines": doc.lines}
        self.changed = True

    def save(self, names: set[str]) -> None:
        """Write the entries for ``names`` (the files that exist now), if anything changed."""
        if not self.changed and set(self.entries) <= names:
            return
        files = {name: entry for name, entry in self.entries.items() if name in names}
        payload = {"format": FORMAT, "program": __version__, "root": self.root, "files": files}
        try:
            import tempfile

            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(payload, out)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            pass  # an unwritable cache folder only costs speed
