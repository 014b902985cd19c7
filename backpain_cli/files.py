"""Writing a file so that nobody ever sees it half-written.

The new file is made beside its final place under a temporary, owner-only name
and only then moved (or linked) into place; the temporary name is always
removed, whatever happens.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


@contextmanager
def temporary_beside(path: Path, prefix: str = ".tmp-") -> Iterator[Path]:
    """A new, empty, owner-only file in ``path``'s folder, removed (with any SQLite
    companions) when the block ends; the block moves or links it into place."""
    import tempfile
    from pathlib import Path

    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(name)
    finally:
        for leftover in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
            Path(leftover).unlink(missing_ok=True)


@contextmanager
def staged(
    path: Path, data: bytes, replace: bool, shared: bool = True
) -> Iterator[Callable[[], None]]:
    """``data`` written in full beside ``path`` under a temporary name; the block gets a
    function that puts it in place in one step: a rename with ``replace``, else a link
    that never replaces a file (FileExistsError if one is there). Until then nothing is
    in place, so a block that fails leaves everything as it was; the temporary name is
    always removed. The file has the permissions a new file gets when ``shared``, else
    it is the owner's alone."""
    with temporary_beside(path) as temporary:
        temporary.write_bytes(data)
        if shared:
            os.chmod(temporary, 0o666 & ~_umask())

        def put() -> None:
            if replace:
                os.replace(temporary, path)
                return
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise
            except OSError:  # a file system without hard links: create it exclusively
                with open(path, "xb") as new:
                    new.write(data)

        yield put


def write_atomically(path: Path, data: bytes, shared: bool = False) -> None:
    """Replace ``path`` with ``data`` in one step (a temporary file, then a rename).

    The file is the owner's alone, unless ``shared``: then it has the permissions a
    new file gets (a figure or a handout, made to be passed on)."""
    with staged(path, data, replace=True, shared=shared) as put:
        put()


def write_new(path: Path, data: bytes) -> None:
    """Write ``path``, which must not exist yet (FileExistsError if it does), in one
    step: a temporary file, then a link to the new name, which never replaces a file.
    It has the permissions a new file gets."""
    with staged(path, data, replace=False) as put:
        put()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class NotRegularFile(OSError):
    """A path that is a FIFO, a device or a socket where a file was expected."""


class TooLarge(OSError):
    """A file larger than the reader allows."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, which must be at most ``limit`` bytes.

    It is opened without waiting (a FIFO would wait for a writer), checked to be a
    regular file and small enough before anything is read, and read no further than
    the limit: a device, a pipe or a file that grows while it is read can neither
    hang the program nor fill its memory.
    """
    import errno
    import stat

    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise TooLarge(len(data))
        return data
    finally:
        os.close(handle)
