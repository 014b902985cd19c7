"""Which content folder is in use, and a copy of the built-in one to start from.

Lookup order: --content-dir, then BACKPAIN_CONTENT_DIR (both given by the
command line), then the copy packaged inside the wheel, then the source tree's
`content/` (an editable install or a checkout).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from backpain_cli.errors import BackpainError
from backpain_cli.folders import CONTENT_ENV
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from pathlib import Path

_HERE = os.path.dirname(__file__)
PACKAGED = os.path.join(_HERE, "builtin")
SOURCE_TREE = os.path.join(os.path.dirname(os.path.dirname(_HERE)), "content")

#: Why a content folder is the one in use.
ORIGINS = {
    "flag": "chosen with --content-dir",
    "environment": f"chosen with the {CONTENT_ENV} environment variable",
    "packaged": "the built-in content installed with backpain",
    "source": "the built-in content in the source tree",
}


class Location(NamedTuple):
    path: str
    origin: str  # a key of ORIGINS


def locate(chosen: str | os.PathLike[str] | None = None, origin: str = "flag") -> Location:
    """The content folder to use: ``chosen`` (from the flag or environment), else built-in."""
    if chosen is not None:
        return Location(os.fspath(chosen), origin)
    if os.path.isdir(PACKAGED):
        return Location(PACKAGED, "packaged")
    if os.path.isdir(SOURCE_TREE):
        return Location(SOURCE_TREE, "source")
    raise BackpainError(
        "the built-in content folder is missing from this installation; "
        "reinstall backpain or pass --content-dir DIR"
    )


def copy_builtin(dest: Path) -> int:
    """Copy the built-in content files into ``dest`` (new, or an empty folder), all or
    nothing: they are copied into a new folder beside it, which then takes its name in
    one step. A copy that fails (a full disk, say) leaves nothing behind, so running it
    again works."""
    import shutil
    import tempfile
    from pathlib import Path

    source = Path(locate().path)
    shown = visible(str(dest))
    try:
        taken = dest.exists() and (not dest.is_dir() or any(dest.iterdir()))
    except OSError as err:
        raise BackpainError(
            f"cannot copy to {shown}: {err.strerror or err}; choose a folder you can write to "
            "(nothing was copied)"
        ) from None
    if taken:
        raise BackpainError(
            f"{shown} already exists and is not an empty folder; "
            "choose a new folder name (nothing was copied or overwritten)"
        )
    files = sorted(p for p in source.rglob("*.y*ml") if p.is_file())
    draft: str | None = None
    try:
        parent = dest.absolute().parent
        parent.mkdir(parents=True, exist_ok=True)
        draft = tempfile.mkdtemp(prefix=".backpain-copy-", dir=parent)
        for path in files:
            target = Path(draft) / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(draft, 0o777 & ~mask)  # a folder of the user's, as mkdir would make it
        os.rename(draft, dest)  # onto an empty folder too, in one step
        draft = None
    except OSError as err:
        raise BackpainError(
            f"cannot copy to {shown}: {err.strerror or err}; nothing was copied"
        ) from None
    finally:
        if draft is not None:
            shutil.rmtree(draft, ignore_errors=True)
    return len(files)
