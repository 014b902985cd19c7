"""Draw the built-in exercises' figures into this folder, as the program draws them, and
make pictures of them to look at.

    python docs/figures/make.py

Each exercise gets ID.svg (its poses side by side, with captions) and
ID-moving.svg (the movement, animated on the routine's tempo). A test checks
that these files are what the program draws today, so run this after changing
a figure or the drawing code, then look at the pictures.

With rsvg-convert on the PATH (Debian: librsvg2-bin) it also makes, in png/,
every pose as a PNG: ID.png from the SVG, and the terminal's pictures as the
terminal shows them (recorded by rich, drawn in DejaVu Sans Mono):

- ID-blocks.png: `backpain show ID` in a colour terminal, 80 columns wide;
- ID-braille.png: the same without colour (NO_COLOR, or a pipe);
- ID-ascii.png: an output that can show neither (the C locale);
- ID-guided.png: the guided session's moving figure, at the start and the end of
  the movement, 34 columns wide in colour.

Each exercise's easier and harder variants get ID.png and ID-blocks.png.

README.md here says what a first-time viewer sees in each.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from backpain_cli.content.load import load
from backpain_cli.figures.svg import of_exercise, still
from backpain_cli.models import Exercise

HERE = Path(__file__).resolve().parent
PNG = HERE / "png"
WIDTH = 80  # columns of the terminal pictures
GUIDED = 34  # columns of the guided session's figure


def main() -> None:
    catalog = load(HERE.parent.parent / "content")
    drawable = [e for e in catalog.exercises if e.figure is not None]
    for exercise in drawable:
        for animate, name in ((False, f"{exercise.id}.svg"), (True, f"{exercise.id}-moving.svg")):
            (HERE / name).write_text(of_exercise(catalog, exercise, animate), encoding="utf-8")
            print(f"wrote docs/figures/{name}")
    if shutil.which("rsvg-convert") is None:
        sys.exit("for the PNGs, needs rsvg-convert (Debian: apt-get install librsvg2-bin)")
    PNG.mkdir(exist_ok=True)
    for exercise in drawable:
        png(HERE / f"{exercise.id}.svg", PNG / f"{exercise.id}.png", 1000)
        for mode, width in (("blocks", 800), ("braille", 800), ("ascii", 640), ("guided", 400)):
            png(terminal(exercise, mode), PNG / f"{exercise.id}-{mode}.png", width)
    for variant in catalog.variants:  # drawn from their exercise's poses
        if variant.figure is None:
            continue
        svg = still(variant.id, variant.name, variant.figure, variant.figure.poses)
        png(svg, PNG / f"{variant.id}.png", 1000)
        png(terminal(variant, "blocks"), PNG / f"{variant.id}-blocks.png", 800)
    print("wrote docs/figures/png/")


def terminal(exercise: Exercise, mode: str) -> str:
    """The terminal's pictures of ``exercise`` in ``mode``, as rich records them: SVG."""
    from rich.console import Console, Group
    from rich.text import Text

    from backpain_cli.figures import raster
    from backpain_cli.render.figure import Picture, layout

    figure = exercise.figure
    assert figure is not None
    console = Console(
        width=WIDTH if mode != "guided" else GUIDED,
        record=True,
        file=io.StringIO(),
        color_system="truecolor" if mode in ("blocks", "guided") else None,
        force_terminal=True,
    )
    if mode == "guided":
        poses = (figure.poses[0], figure.poses[-1])
        parts: list[object] = []
        for pose in poses:
            parts += [Picture(figure, pose, GUIDED, raster.HALF_BLOCKS), Text(pose.name)]
        console.print(Group(*parts))  # type: ignore[arg-type]
    else:
        drawn = {"blocks": raster.HALF_BLOCKS, "braille": raster.BRAILLE}.get(mode, raster.ASCII)
        console.print(layout(figure, WIDTH, drawn))
    return console.export_svg(title=f"backpain show {exercise.id}: {mode}")


def png(svg: Path | str, target: Path, width: int) -> None:
    """``svg`` (a file, or the text of one) as a PNG ``width`` pixels wide; made smaller
    with pngquant where it is on the PATH (Debian: pngquant)."""
    with tempfile.TemporaryDirectory() as folder:
        if isinstance(svg, str):
            source = Path(folder) / "picture.svg"
            source.write_text(svg, encoding="utf-8")
            svg = source
        subprocess.run(["rsvg-convert", "-w", str(width), str(svg), "-o", str(target)], check=True)
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--quality", "80-100", "--ext", ".png",
             str(target)],
            check=False,  # a picture it cannot make smaller stays as it is
        )  # fmt: skip


if __name__ == "__main__":
    main()
