"""Where backpain finds and keeps things, and the environment variables that move them.

The one place these are named: the command line reads BACKPAIN_CONTENT_DIR and
BACKPAIN_DATA_DIR through its options (click's ``envvar``), and BACKPAIN_CACHE_DIR
and BACKPAIN_CONFIG are read here. The user's own folders come from platformdirs,
imported only when one is needed.
"""

from __future__ import annotations

import os
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
    """The cache folder: BACKPAIN_CACHE_DIR, else the user's cache folder for backpain."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.strip():
        return chosen
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
