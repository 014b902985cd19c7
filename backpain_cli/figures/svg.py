"""Figures as SVG: the poses side by side with their captions, or one picture that
moves between them (SMIL, so it needs no script), with a title and description for
screen readers. One unit of the picture is a thousandth of the body's height."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from backpain_cli.escaping import xml_text, xml_token
from backpain_cli.figures.body import BACK_DEPTH, movement
from backpain_cli.figures.drawing import (
    BAND,
    BODY,
    BULK,
    FAR,
    FLOOR,
    NEAR,
    Box,
    Drawing,
    draw,
    frame,
)
from backpain_cli.models import Catalog, Exercise, Figure, Pose
from backpain_cli.textsafe import visible

UNIT = 1000
PAD = 40
CAPTION_LINE = 42  # characters
CAPTION_SIZE = 34
#: How each layer is drawn on paper: its colour, and its width in units of the picture.
INK = {
    FLOOR: ("#767676", 8),
    BULK: ("#e3e7ec", round(2 * BACK_DEPTH * UNIT)),
    FAR: ("#9aa3ad", 22),
    BODY: ("#1f2933", 26),
    NEAR: ("#1f2933", 24),
    BAND: ("#c2185b", 16),
}
#: The head: its fill, its outline's colour and width.
HEAD_INK = ("#ffffff", "#1f2933", 18)
STYLE = {layer: f'stroke="{colour}" stroke-width="{size}"' for layer, (colour, size) in INK.items()}
HEAD = 'fill="{}" stroke="{}" stroke-width="{}"'.format(*HEAD_INK)
FRAMES_PER_SECOND = 10


def _text(value: str) -> str:
    return xml_text(value)


def _points(points: Sequence[tuple[float, float]], box: Box, left: float) -> str:
    return " ".join(f"{round((x - box.left) * UNIT + left)},{round((box.top - y) * UNIT)}"
                    for x, y in points)  # fmt: skip


def head_at(drawing: Drawing) -> int:
    """Where the head goes among the strokes: over the trunk, under the near limbs."""
    return next(i for i, stroke in enumerate(drawing.strokes) if stroke.layer == NEAR)


def _shapes(drawing: Drawing, box: Box, left: float) -> list[str]:
    shapes = [
        f'<polyline points="{_points(stroke.points, box, left)}" {STYLE[stroke.layer]}/>'
        for stroke in drawing.strokes
    ]
    cx, cy = _points([drawing.head], box, left).split(",")
    radius = round(drawing.head_radius * UNIT)
    shapes.insert(head_at(drawing), f'<circle cx="{cx}" cy="{cy}" r="{radius}" {HEAD}/>')
    return shapes


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
            '<rect width="100%" height="100%" fill="#ffffff"/>',
            '<g fill="none" stroke-linecap="round" stroke-linejoin="round">',
            *body,
            "</g>",
            "</svg>",
            "",
        ]
    )


def still(
    exercise_id: str,
    exercise_name: str,
    figure: Figure,
    poses: Sequence[Pose],
    captions: bool = True,
) -> str:
    """``poses`` side by side, each with its caption underneath (unless a document
    around the picture prints the captions itself)."""
    box = frame(figure)
    panel = box.width * UNIT
    lines = [textwrap.wrap(visible(p.caption), CAPTION_LINE) if captions else [] for p in poses]
    most = max(len(found) for found in lines)
    caption_height = PAD + CAPTION_SIZE * (1.3 * most - 0.3) + PAD / 4 if most else 0
    body: list[str] = []
    for index, pose in enumerate(poses):
        left = index * (panel + PAD)
        body += _shapes(draw(figure, pose, box), box, left)
        for number, line in enumerate(lines[index]):
            y = box.height * UNIT + PAD + CAPTION_SIZE * (1 + 1.3 * number)
            body.append(
                f'<text x="{left:.0f}" y="{y:.0f}" font-family="sans-serif" '
                f'font-size="{CAPTION_SIZE}" fill="#1f2933" stroke="none">{_text(line)}</text>'
            )
    title = f"{exercise_name}: " + ", ".join(p.name for p in poses)
    description = " ".join(visible(p.caption).rstrip(".") + "." for p in poses)
    width = len(poses) * panel + (len(poses) - 1) * PAD
    ident = f"{exercise_id}-figure" + "".join(f"-{p.name}" for p in poses if len(poses) == 1)
    return _document(ident, title, description, width, box.height * UNIT + caption_height, body)


def timeline(lift: float, hold: float, lower: float, rest: float) -> list[tuple[float, float]]:
    """(seconds, amount through the movement) at each frame of one repetition: lift,
    hold, lower, then rest at the start."""
    total = lift + hold + lower + rest
    frames = max(round(total * FRAMES_PER_SECOND), 4)
    found = []
    for index in range(frames + 1):
        at = total * index / frames
        if at < lift:
            amount = at / lift
        elif at < lift + hold:
            amount = 1.0
        elif at < lift + hold + lower:
            amount = 1 - (at - lift - hold) / lower
        else:
            amount = 0.0
        found.append((at, amount))
    return found


def moving(
    exercise_id: str,
    exercise_name: str,
    figure: Figure,
    lift: float,
    hold: float,
    lower: float,
    rest: float = 1.0,
) -> str:
    """One picture that moves through the poses and back, on the given tempo, for ever."""
    box = frame(figure)
    steps = timeline(lift, hold, lower, rest)
    total = steps[-1][0]
    drawings = [draw(figure, movement(figure, amount), box) for _, amount in steps]
    key_times = ";".join(f"{at / total:.4f}" for at, _ in steps)
    timing = f'dur="{total:g}s" keyTimes="{key_times}" repeatCount="indefinite"'
    body: list[str] = []
    first = drawings[0]
    for index, stroke in enumerate(first.strokes):
        values = ";".join(_points(d.strokes[index].points, box, 0) for d in drawings)
        body.append(
            f'<polyline points="{_points(stroke.points, box, 0)}" {STYLE[stroke.layer]}>'
            f'<animate attributeName="points" values={quoteattr(values)} {timing}/></polyline>'
        )
    heads = [_points([d.head], box, 0).split(",") for d in drawings]
    cx = ";".join(h[0] for h in heads)
    cy = ";".join(h[1] for h in heads)
    body.insert(
        head_at(first),
        f'<circle cx="{heads[0][0]}" cy="{heads[0][1]}" r="{round(first.head_radius * UNIT)}" '
        f'{HEAD}><animate attributeName="cx" values="{cx}" {timing}/>'
        f'<animate attributeName="cy" values="{cy}" {timing}/></circle>',
    )
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
