"""Where backpain finds and keeps things, and the environment variables that move them.

The one place these are named: the command line reads BACKPAIN_CONTENT_DIR and
BACKPAIN_DATA_DIR through its options (click's ``envvar``), and BACKPAIN_CACHE_DIR
and BACKPAIN_CONFIG are read here. The user's own folders come from platformdirs,
imported only when one is needed.

The cache folder is the one exception, on Linux: the content is read through the
cache on every start, and importing platformdirs (with pathlib and tempfile) would
cost a glance a tenth of its time. There the cache folder is named by the XDG base
directory rule that platformdirs follows, and a test holds the two to the same
answer. A wrong guess could only ever cost a cache miss: the journal and the
settings, which the user wrote, are always where platformdirs says.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

APP = "backpain"
CONTENT_ENV = "BACKPAIN_CONTENT_DIR"
DATA_ENV = "BACKPAIN_DATA_DIR"
CACHE_ENV = "BACKPAIN_CACHE_DIR"
CONFIG_ENV = "BACKPAIN_CONFIG"
#: The journal's file name in the data folder.
JOURNAL_FILE = "journal.sqlite3"


def user_data() -> Path:
    """The user's data folder for backpain (where the journal lives by default)."""
    import platformdirs

    return platformdirs.user_data_path(APP, appauthor=False)


def cache() -> str:
    """The cache folder: BACKPAIN_CACHE_DIR, else the user's cache folder for backpain.

    On Linux, without importing platformdirs (see above): $XDG_CACHE_HOME/backpain
    when that is an absolute path, else ~/.cache/backpain when $HOME is one;
    anything else is left to platformdirs."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.strip():
        return chosen
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        xdg, home = os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, APP)
        if os.path.isabs(home):
            return os.path.join(home, ".cache", APP)
    import platformdirs

    return platformdirs.user_cache_dir(APP, appauthor=False)


def config_file() -> Path:
    """The settings file: BACKPAIN_CONFIG, else config.toml in the user's config folder."""
    from pathlib import Path

    chosen = os.environ.get(CONFIG_ENV, "")
    if chosen.strip():
        return Path(chosen)
    import platformdirs

    return platformdirs.user_config_path(APP, appauthor=False) / "config.toml"
