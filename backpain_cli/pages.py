"""Kept pages: the exact output of a read command, replayed while nothing it depends on changes.

`list`, `show`, `bands`, `safety` and `session --band` print a page that
depends only on the command line, a few environment variables (width, colour,
encoding, the content folder) and the content files. When such a page goes to
a pipe or a file, it is kept in the cache folder with the stamp (size, times,
inode) of every content file it was made from. The next identical command
replays it before importing click, rich or yaml, after checking every stamp
again: any edit, added or removed exercise file, other width or colour setting
makes a new page. A terminal always gets a freshly drawn page.

Standard library only, and as little of it as possible: this runs on every start.
"""

from __future__ import annotations

import os
import sys

from backpain_cli import __version__

CACHE_ENV = "BACKPAIN_CACHE_DIR"
FORMAT = 1
#: The environment variables a kept page's output can depend on.
ENVIRONMENT = (
    "BACKPAIN_CONTENT_DIR",
    "COLORTERM",
    "COLUMNS",
    "FORCE_COLOR",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LINES",
    "NO_COLOR",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "TERM",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
)

#: The commands whose pages can be kept; anything else starts the app at once.
COMMANDS = frozenset({"list", "show", "bands", "safety", "session"})
NEVER = frozenset({"-h", "--help", "--version"})

EXERCISES_DIR = "exercises"
BANDS_FILE = "bands.yaml"
SESSIONS_FILE = "sessions.yaml"
DISCLAIMER_FILE = "disclaimer.yaml"


def cache_folder() -> str:
    """The user's cache folder for backpain, or BACKPAIN_CACHE_DIR."""
    from backpain_cli.places import user_folder

    return os.environ.get(CACHE_ENV) or user_folder("cache")


def exercise_names(root: str) -> list[str]:
    """The exercise files in a content folder (exercises/*.yaml and *.yml), sorted."""
    folder = os.path.join(root, EXERCISES_DIR)
    try:
        entries = os.scandir(folder)
    except OSError:
        return []
    with entries:
        return sorted(
            e.name
            for e in entries
            if not e.name.startswith(".") and e.name.endswith((".yaml", ".yml")) and e.is_file()
        )


def stamp(stat: os.stat_result) -> list[int]:
    """What says a file is unchanged: its size, modification and change times, and inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def content_stamps(root: str) -> list[list[object]] | None:
    """[file, stamp] for every content file in ``root``; None when one cannot be read."""
    names = [BANDS_FILE, SESSIONS_FILE, DISCLAIMER_FILE]
    names += [f"{EXERCISES_DIR}/{name}" for name in exercise_names(root)]
    try:
        return [[name, stamp(os.stat(os.path.join(root, name)))] for name in names]
    except OSError:
        return None


def _key(argv: list[str]) -> str:
    import json

    try:
        where = os.getcwd()
    except OSError:
        where = ""
    settings = {name: os.environ.get(name) for name in ENVIRONMENT}
    encoding = getattr(sys.stdout, "encoding", None)
    size = _terminal_size()
    return json.dumps([FORMAT, __version__, _program(), where, argv, settings, encoding, size])


def _program() -> list[list[object]]:
    """The stamp of every module of the program, so that a page never outlives a code change
    (an editable install, or an upgrade that kept the version number)."""
    folder = os.path.dirname(os.path.abspath(__file__))
    with os.scandir(folder) as entries:
        return sorted(
            [e.name, e.stat().st_size, e.stat().st_mtime_ns]
            for e in entries
            if e.name.endswith(".py")
        )


def _terminal_size() -> list[int] | None:
    """The size of a terminal on stdin, stdout or stderr, as rich takes its width from it
    even when the output goes to a pipe (`backpain list | less`)."""
    for descriptor in (0, 1, 2):
        try:
            columns, lines = os.get_terminal_size(descriptor)
        except (AttributeError, ValueError, OSError):
            continue
        return [columns, lines]
    return None


def _file(key: str) -> str:
    import zlib

    return os.path.join(cache_folder(), "pages", f"{zlib.crc32(key.encode()):08x}.page")


def replay(argv: list[str]) -> bool:
    """Write the kept page for this command line, if it is still true; say whether it did.

    A page file is one line of JSON (the key, the content folder, every file's stamp,
    and the page's length and CRC-32), then the page itself as UTF-8.
    """
    if NEVER.intersection(argv) or not COMMANDS.intersection(argv):
        return False
    try:
        if sys.stdout.isatty():
            return False
        import json
        import zlib

        key = _key(argv)
        with open(_file(key), "rb") as stored:
            head = json.loads(stored.readline())
            body = stored.read()
        if (
            head["key"] != key
            or head["length"] != len(body)
            or head["crc"] != zlib.crc32(body)
            or content_stamps(head["root"]) != head["stamps"]
        ):
            return False
        output = body.decode("utf-8", "surrogatepass")
    except (OSError, ValueError, TypeError, KeyError):
        return False  # no page, or a damaged one: draw it afresh
    sys.stdout.write(output)
    sys.stdout.flush()
    return True


def keep(argv: list[str], root: str, stamps: list[list[object]] | None, output: str) -> None:
    """Keep ``output`` for this command line, made from the content in ``root`` at ``stamps``."""
    if stamps is None or content_stamps(root) != stamps:
        return  # the content changed while the page was drawn: do not keep it
    import json
    import zlib

    key = _key(argv)
    path = _file(key)
    body = output.encode("utf-8", "surrogatepass")
    head = {
        "key": key,
        "root": root,
        "stamps": stamps,
        "length": len(body),
        "crc": zlib.crc32(body),
    }
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as out:
            out.write(json.dumps(head).encode() + b"\n" + body)
        os.replace(temporary, path)
    except (OSError, ValueError):
        import contextlib

        with contextlib.suppress(OSError):  # an unwritable cache folder only costs speed
            os.unlink(temporary)
