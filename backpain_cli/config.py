"""Remembered settings for the guided session, from a small TOML file the user writes:

    voice = true
    quiet = false
    rest = 45
    get_ready = 10
    speech_command = "espeak-ng -v en-gb {text}"
    speech_wpm = 150

The program only ever reads it. A broken file is reported with its line, and the
command stops: nothing in it is ever changed or overwritten.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

from backpain_cli.errors import BackpainError

#: Each setting: its type, and for a number its range.
KEYS: dict[str, tuple[type, int, int]] = {
    "voice": (bool, 0, 0),
    "quiet": (bool, 0, 0),
    "rest": (int, 0, 600),
    "get_ready": (int, 0, 60),
    "speech_command": (str, 0, 0),
    "speech_wpm": (int, 60, 400),
}
MAX_BYTES = 64 * 1024


class Settings(NamedTuple):
    voice: bool = False
    quiet: bool = False
    rest: int | None = None
    get_ready: int | None = None
    speech_command: str | None = None
    speech_wpm: int | None = None  # how fast the voice speaks, to time its words


class ConfigError(BackpainError):
    """The settings file cannot be used; it is left as it is."""


def read(path: Path) -> Settings:
    """The settings in ``path``; the defaults when there is no such file."""
    from backpain_cli.files import NotRegularFile, TooLarge, read_regular

    shown = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return Settings()
    except (NotRegularFile, TooLarge) as err:
        raise ConfigError(f"{shown}: not a settings file ({err}); it was left as it is") from None
    except OSError as err:
        raise ConfigError(f"{shown}: cannot be read: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not UTF-8 text; save it as UTF-8") from None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        line = found.group(1) if found else str(max(text.count("\n"), 1))  # at the end
        where = f"{shown}:{line}"
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(err))
        raise ConfigError(
            f"{where}: {message} (TOML: key = value, text in quotes); the file was left as it is"
        ) from None
    return Settings(**{key: _value(key, value, text, shown) for key, value in data.items()})


def _value(key: str, value: Any, text: str, shown: str) -> Any:
    where = f"{shown}:{_line(text, key)}"
    if key not in KEYS:
        close = difflib.get_close_matches(key, list(KEYS), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(KEYS)
        raise ConfigError(f"{where}: {key}: unknown setting ({hint})")
    kind, low, high = KEYS[key]
    if kind is bool and not isinstance(value, bool):
        raise ConfigError(f"{where}: {key}: expected true or false, found {_shown(value)}")
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(
            f"{where}: {key}: expected a whole number of seconds, found {_shown(value)}"
        )
    if kind is int and not low <= value <= high:
        raise ConfigError(f"{where}: {key}: expected {low} to {high} seconds, found {value}")
    if kind is str and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(
            f"{where}: {key}: expected a command line in quotes, found {_shown(value)}"
        )
    return value


def _shown(value: Any) -> str:
    """A value from the file, as a message quotes it: short, control characters shown."""
    from backpain_cli.checked import excerpt

    if isinstance(value, str):
        return excerpt(value)
    text = repr(value)  # a number, a list or a table: repr escapes any control character
    return text if len(text) <= 40 else text[:40] + "..."


def _line(text: str, key: str) -> int:
    """The line where ``key`` is set (1 when it cannot be found)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return 1


def describe(settings: Settings) -> list[tuple[str, str]]:
    """Each setting and its value as written in the file, or what applies without it."""
    defaults = {
        "rest": "the content's rest",
        "get_ready": "the content's get-ready",
        "speech_command": "the system's own speech",
        "speech_wpm": "170 words a minute, a little slower than espeak-ng",
    }
    shown = []
    for key, value in settings._asdict().items():
        if value is None:
            shown.append((key, f"(not set: {defaults[key]})"))
        elif isinstance(value, bool):
            shown.append((key, "true" if value else "false"))
        elif isinstance(value, str):
            shown.append((key, f'"{value}"'))
        else:
            shown.append((key, str(value)))
    return shown
