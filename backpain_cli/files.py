"""Writing a file so that nobody ever sees it half-written.

The new file is made beside its final place under a temporary, owner-only name
and only then moved (or linked) into place; the temporary name is always
removed, whatever happens.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def temporary_beside(path: Path, prefix: str = ".tmp-") -> Iterator[Path]:
    """A new, empty, owner-only file in ``path``'s folder, removed (with any SQLite
    companions) when the block ends; the block moves or links it into place."""
    import tempfile

    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(name)
    finally:
        for leftover in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
            Path(leftover).unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (a temporary file, then a rename)."""
    with temporary_beside(path) as temporary:
        temporary.write_bytes(data)
        os.replace(temporary, path)
