"""Draw the built-in exercises' figures into this folder, as the program draws them.

    python docs/figures/make.py

Each exercise gets ID.svg (its poses side by side, with captions) and
ID-moving.svg (the movement, animated on the routine's tempo). A test checks
that these files are what the program draws today, so run this after changing
a figure or the drawing code, then look at the pictures.
"""

from __future__ import annotations

from pathlib import Path

from backpain_cli.content.load import load
from backpain_cli.figures.svg import of_exercise

HERE = Path(__file__).resolve().parent


def main() -> None:
    catalog = load(HERE.parent.parent / "content")
    for exercise in catalog.exercises:
        if exercise.figure is None:
            continue
        for animate, name in ((False, f"{exercise.id}.svg"), (True, f"{exercise.id}-moving.svg")):
            (HERE / name).write_text(of_exercise(catalog, exercise, animate), encoding="utf-8")
            print(f"wrote docs/figures/{name}")


if __name__ == "__main__":
    main()
