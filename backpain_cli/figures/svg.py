"""Figures as SVG: the poses side by side with their captions, start on the left and
the end (with the movement's arrow) on the right, or one picture that moves between
them (SMIL, so it needs no script), with a title and description for screen readers.
One unit of the picture is a thousandth of the body's height.

Each layer of the drawing is one outline path (every part of a limb or of the
trunk as a subpath, the union filled in the ink colour and stroked round) and
then its fills, so that a limb shows one contour.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from backpain_cli.escaping import xml_text, xml_token
from backpain_cli.figures.body import movement
from backpain_cli.figures.drawing import draw, frame
from backpain_cli.figures.outline import Arc, Circle
from backpain_cli.figures.paint import PALETTE, Box, Layer, Line, Paint, paints
from backpain_cli.models import Catalog, Exercise, Figure, Pose
from backpain_cli.textsafe import visible

UNIT = 1000
PAD = 40
BETWEEN = 110  # between the start and the end, where an arrow points from one to the other
CAPTION_LINE = 42  # characters
CAPTION_SIZE = 34
INK = "#1f2933"
FRAMES_PER_SECOND = 10


def colour(name: str) -> str:
    """A colour of the palette as #rrggbb."""
    return "#{:02x}{:02x}{:02x}".format(*PALETTE[name])


def _text(value: str) -> str:
    return xml_text(value)


class _Place:
    """From the drawing's frame (body heights, y up) to the SVG's units (y down)."""

    def __init__(self, box: Box, left: float) -> None:
        self.box, self.left = box, left

    def x(self, x: float) -> int:
        return round((x - self.box.left) * UNIT + self.left)

    def y(self, y: float) -> int:
        return round((self.box.top - y) * UNIT)

    def point(self, x: float, y: float) -> str:
        return f"{self.x(x)},{self.y(y)}"


class _Pen:
    """Path data in few characters: each subpath starts at an absolute point, and every
    line and arc after it is relative to where the pen is (``l9,-1`` for ``L756,440``)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.x = self.y = 0
        self.start = (0, 0)
        self.command = ""

    def move(self, x: int, y: int) -> None:
        self.parts.append(f"M{x},{y}")
        self.x, self.y, self.start, self.command = x, y, (x, y), "M"

    def line(self, x: int, y: int, keep: bool = False) -> None:
        """A line to (x, y); one that goes nowhere is left out unless ``keep``."""
        if (x, y) == (self.x, self.y) and not keep:
            return
        pair = f"{x - self.x},{y - self.y}"
        self.parts.append(f" {pair}" if self.command == "l" else f"l{pair}")
        self.x, self.y, self.command = x, y, "l"

    def arc(self, radius: int, large: int, x: int, y: int) -> None:
        self.parts.append(f"a{radius},{radius} 0 {large} 0 {x - self.x},{y - self.y}")
        self.x, self.y, self.command = x, y, "a"

    def close(self) -> None:
        self.parts.append("Z")
        (self.x, self.y), self.command = self.start, "Z"

    def text(self) -> str:
        return "".join(self.parts)


def _outline(arcs: Sequence[Arc], at: _Place, pen: _Pen) -> None:
    """One subpath following ``arcs`` exactly: counter-clockwise, as the picture shows
    it, which SVG (whose y runs down) calls the negative sweep."""

    def on(c: Circle, angle: float) -> tuple[int, int]:
        return at.x(c.x + c.r * math.cos(angle)), at.y(c.y + c.r * math.sin(angle))

    for index, arc in enumerate(arcs):
        c = arc.circle
        sweep = arc.end - arc.start
        here = on(c, arc.start)
        pen.move(*here) if index == 0 else pen.line(*here)
        radius = round(c.r * UNIT)
        if radius == 0:
            continue
        if sweep >= 2 * math.pi - 1e-9:  # a whole circle: two halves
            here = on(c, arc.start + math.pi)
            pen.arc(radius, 0, *here)
        end = on(c, arc.end)
        if end == here:
            continue  # too short to see: an arc from a point to itself draws nothing
        pen.arc(radius, 1 if math.pi < sweep < 2 * math.pi - 1e-9 else 0, *end)
    pen.close()


def _run(line: Line, at: _Place, pen: _Pen) -> None:
    first, *rest = line.points
    pen.move(at.x(first[0]), at.y(first[1]))
    for x, y in rest:
        pen.line(at.x(x), at.y(y), keep=True)


def _style(paint: Paint) -> str:
    inside = colour(paint.fill) if paint.fill is not None else "none"
    found = f'fill="{inside}"'
    if paint.stroke is not None:
        found += f' stroke="{colour(paint.stroke)}" stroke-width="{round(paint.width * UNIT)}"'
    return found


def _paths(layer: Layer, at: _Place) -> dict[str, str]:
    """The path of everything a layer paints, by its key (see paint.paints)."""
    found: dict[str, str] = {}
    for paint in paints(layer):
        pen = _Pen()
        for shape in paint.shapes:
            _outline(shape.arcs, at, pen)
        for line in paint.lines:
            _run(line, at, pen)
        found[paint.key] = pen.text()
    return found


def _layer(layer: Layer, frames: Sequence[dict[str, str]], prefix: str, timing: str) -> list[str]:
    """The elements that paint ``layer`` (as it is in ``frames``, one or more): each
    fill's shapes and each style of line written once, with an id, and the ink round
    them drawn first by reference to it (``<use>``), so that no outline is written
    twice. ``prefix`` makes the ids this picture's own."""
    styles = {paint.key: _style(paint) for paint in paints(layer)}
    inked, own = [], []
    for number, (key, style) in enumerate(styles.items()):
        if key == "ink" or key.startswith("lines-ink:"):
            continue
        values = [found.get(key, "") for found in frames]
        if not any(values):
            continue
        ident = f"{prefix}-{number}"
        ink = styles.get("ink" if key.startswith("fill:") else f"lines-ink:{key[6:]}")
        if ink is not None:
            inked.append(f'<use href="#{ident}" {ink}/>')
        path = f'<path id="{ident}" d="{values[0]}"'
        if len(set(values)) == 1:
            own.append(f"<g {style}>{path}/></g>")
        else:
            own.append(
                f'<g {style}>{path}><animate attributeName="d" '
                f"values={quoteattr(';'.join(values))} {timing}/></path></g>"
            )
    return inked + own


def _document(
    ident: str, title: str, description: str, width: float, height: float, body: list[str]
) -> str:
    ident = xml_token(ident)  # it holds a pose's name, which is any text; an id is one word
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {round(width)} {round(height)}" width="{round(width / 2.5)}" '
            f'height="{round(height / 2.5)}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{_text(title)}</title>',
            f'<desc id="{ident}-desc">{_text(description)}</desc>',
            f'<rect width="100%" height="100%" fill="{colour("paper")}"/>',
            '<g stroke-linecap="round" stroke-linejoin="round">',
            *body,
            "</g>",
            "</svg>",
            "",
        ]
    )


def _between(left: float, height: float) -> str:
    """An arrow from one picture to the next: first this, then that."""
    middle, size = height * 0.45, 26
    x0, x1 = left + 28, left + BETWEEN - 28
    return (
        f'<path d="M{x0:.0f},{middle:.0f}L{x1 - size:.0f},{middle:.0f}" fill="none" '
        f'stroke="{colour("mat_edge")}" stroke-width="12"/>'
        f'<path d="M{x1 - size:.0f},{middle - size:.0f}L{x1:.0f},{middle:.0f}L{x1 - size:.0f},'
        f'{middle + size:.0f}Z" fill="{colour("mat_edge")}" stroke="{colour("mat_edge")}" '
        'stroke-width="6"/>'
    )


def aspect(figure: Figure, count: int) -> float:
    """Width over height of a still picture of ``count`` poses, without captions."""
    box = frame(figure)
    return (count * box.width * UNIT + (count - 1) * BETWEEN) / (box.height * UNIT)


def still(
    exercise_id: str,
    exercise_name: str,
    figure: Figure,
    poses: Sequence[Pose],
    captions: bool = True,
) -> str:
    """``poses`` side by side, each with its caption underneath (unless a document
    around the picture prints the captions itself); the end of the movement with an
    arrow for it."""
    box = frame(figure)
    panel = box.width * UNIT
    lines = [textwrap.wrap(visible(p.caption), CAPTION_LINE) if captions else [] for p in poses]
    most = max(len(found) for found in lines)
    caption_height = PAD + CAPTION_SIZE * (1.3 * most - 0.3) + PAD / 4 if most else 0
    body: list[str] = []
    for index, pose in enumerate(poses):
        left = index * (panel + BETWEEN)
        if index:
            body.append(_between(left - BETWEEN, box.height * UNIT))
        end = pose == figure.poses[-1] and len(figure.poses) > 1
        drawing = draw(figure, pose, arrow=end)
        for number, layer in enumerate(drawing.layers):
            paths = [_paths(layer, _Place(box, left))]
            body += _layer(layer, paths, f"{xml_token(exercise_id)}-{index}-{number}", "")
        for number, line in enumerate(lines[index]):
            y = box.height * UNIT + PAD + CAPTION_SIZE * (1 + 1.3 * number)
            body.append(
                f'<text x="{left:.0f}" y="{y:.0f}" font-family="sans-serif" '
                f'font-size="{CAPTION_SIZE}" fill="{INK}" stroke="none">{_text(line)}</text>'
            )
    title = f"{exercise_name}: " + ", ".join(p.name for p in poses)
    description = " ".join(visible(p.caption).rstrip(".") + "." for p in poses)
    width = len(poses) * panel + (len(poses) - 1) * BETWEEN
    ident = f"{exercise_id}-figure" + "".join(f"-{p.name}" for p in poses if len(poses) == 1)
    return _document(ident, title, description, width, box.height * UNIT + caption_height, body)


def timeline(
    lift: float, hold: float, lower: float, rest: float, per_second: int = FRAMES_PER_SECOND
) -> list[tuple[float, float]]:
    """(seconds, amount through the movement) at each frame of one repetition: lift,
    hold, lower, then rest at the start. A still moment is one frame, shown until the
    next; the last frame, at the end, is the first again."""
    found: list[tuple[float, float]] = []
    clock = 0.0
    for seconds, first, last in ((lift, 0.0, 1.0), (hold, 1.0, 1.0), (lower, 1.0, 0.0),
                                 (rest, 0.0, 0.0)):  # fmt: skip
        if seconds <= 0:
            continue
        frames = 1 if first == last else max(round(seconds * per_second), 2)
        for index in range(frames):
            found.append(
                (clock + seconds * index / frames, first + (last - first) * index / frames)
            )
        clock += seconds
    found.append((clock, 0.0))
    return found


def moving(
    exercise_id: str,
    exercise_name: str,
    figure: Figure,
    lift: float,
    hold: float,
    lower: float,
    rest: float = 1.0,
    per_second: int = FRAMES_PER_SECOND,
) -> str:
    """One picture that moves through the poses and back, on the given tempo, for ever:
    ``per_second`` frames a second while it moves."""
    box = frame(figure)
    at = _Place(box, 0)
    steps = timeline(lift, hold, lower, rest, per_second)
    total = lift + hold + lower + rest
    drawings = [draw(figure, movement(figure, amount)) for _, amount in steps]
    key_times = ";".join(f"{seconds / total:.4f}" for seconds, _ in steps)
    timing = f'dur="{total:g}s" keyTimes="{key_times}" calcMode="discrete" repeatCount="indefinite"'
    body: list[str] = []
    first = drawings[0]
    for index, layer in enumerate(first.layers):
        frames = [_paths(d.layers[index], at) for d in drawings]
        body += _layer(layer, frames, f"{xml_token(exercise_id)}-m-{index}", timing)
    title = f"{exercise_name}, moving: " + " to ".join(p.name for p in figure.poses)
    captions = "; then ".join(visible(p.caption).rstrip(".") for p in figure.poses)
    description = f"Moving from {captions}; and back"
    return _document(
        f"{exercise_id}-moving", title, description + ".", box.width * UNIT, box.height * UNIT, body
    )


def of_exercise(catalog: Catalog, exercise: Exercise, animate: bool = False) -> str:
    """The exercise's poses side by side, or moving on the routine's tempo (with the
    hold of the lightest band's session that has it)."""
    figure = exercise.figure
    assert figure is not None
    if not animate:
        return still(exercise.id, exercise.name, figure, figure.poses)
    tempo = catalog.sessions.tempo
    holds = [dosage.hold_seconds for _band, dosage in catalog.dosage_by_band(exercise.id)]
    return moving(
        exercise.id,
        exercise.name,
        figure,
        tempo.lift_seconds,
        holds[0] if holds else 0,
        tempo.lower_seconds,
    )
