"""The files a content folder holds, by name."""

from __future__ import annotations

import os
from collections.abc import Callable

EXERCISES_DIR = "exercises"
BANDS_FILE = "bands.yaml"
SESSIONS_FILE = "sessions.yaml"
DISCLAIMER_FILE = "disclaimer.yaml"
#: Optional: without it there is no plan over weeks.
PROGRAMME_FILE = "programme.yaml"
#: Optional: one patient's prescription, from their physiotherapist.
PRESCRIPTION_FILE = "prescription.yaml"
#: Every kind of content file (each has a schema: `backpain content schema KIND`).
KINDS = (
    "exercise", "bands", "sessions", "disclaimer", "programme", "prescription", "questionnaire"
)  # fmt: skip
#: The files besides the exercises, with the kind of content (schema) each holds.
SINGLE_FILES = {BANDS_FILE: "bands", SESSIONS_FILE: "sessions", DISCLAIMER_FILE: "disclaimer"}


def exercise_names(root: str) -> list[str]:
    """The exercise files in a content folder (exercises/*.yaml and *.yml), sorted.

    A name that cannot be looked at (a link to itself, say) is listed all the same: its
    reader then says what is wrong with it, in one line."""
    return yaml_names(os.path.join(root, EXERCISES_DIR), _file)


def yaml_names(folder: str, keep: Callable[[os.DirEntry[str]], bool]) -> list[str]:
    """The names of the YAML files (*.yaml and *.yml, not hidden) in ``folder`` that
    ``keep`` keeps, sorted; none where the folder cannot be read."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return []
    with entries:
        return sorted(
            e.name
            for e in entries
            if not e.name.startswith(".") and e.name.endswith((".yaml", ".yml")) and keep(e)
        )


def _file(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a file, or a link that may be meant as one (it may point
    nowhere, or at itself)."""
    try:
        return entry.is_symlink() or entry.is_file()
    except OSError:
        return True
