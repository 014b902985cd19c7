"""Where the user's cache and data folders are: platformdirs' answer, quickly.

On Linux the rule is short (an XDG variable, else a folder in the home), and
writing it out saves importing platformdirs, which costs more than replaying
a kept page. Elsewhere platformdirs answers. A test holds the two to the same
answer.
"""

from __future__ import annotations

import os
import sys

APP = "backpain"
#: For each kind of folder: the XDG variable and the default under the home folder.
_XDG = {"cache": ("XDG_CACHE_HOME", "~/.cache"), "data": ("XDG_DATA_HOME", "~/.local/share")}


def user_folder(kind: str) -> str:
    """The user's ``kind`` ("cache" or "data") folder for backpain."""
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        if not base.strip():
            base = os.path.expanduser(default)
        return os.path.join(base, APP)
    import platformdirs

    if kind == "cache":
        return platformdirs.user_cache_dir(APP, appauthor=False)
    return platformdirs.user_data_dir(APP, appauthor=False)
