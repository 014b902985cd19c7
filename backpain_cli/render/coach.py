"""The coach on screen: the live view of one moment of a guided session, and the summary."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from backpain_cli.coach import (
    ASK,
    FEEL_KEYS,
    GET_READY,
    HOLD,
    KEYS,
    LIFT,
    LOWER,
    REST,
    SET_DONE,
    SWITCH,
    WORK,
    Done,
    Step,
    View,
    amount_moved,
)
from backpain_cli.cues import counted, side
from backpain_cli.figures.body import movement, other_side
from backpain_cli.planner import SessionPlan
from backpain_cli.render.bigtext import big, fits
from backpain_cli.render.bigtext import width as big_width
from backpain_cli.render.figure import Picture
from backpain_cli.render.widgets import NARROW, bullets, plain_table, safe_text
from backpain_cli.render.words import equipment

KEY_NAMES = {" ": "Space", SET_DONE: "Enter"}


def countdown(seconds: float) -> int:
    """Whole seconds, rounded up: a countdown shows 1 until it is really over."""
    return max(int(-(-seconds // 1)), 0)


def clock(seconds: float) -> str:
    """m:ss of a countdown."""
    whole = countdown(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _where(plan: SessionPlan, step: Step) -> str:
    item = plan.items[step.item]
    sets = item.dosage.sets
    if step.kind == GET_READY:
        return f"get ready for {item.exercise.name}"
    if step.kind == REST:
        return f"rest {clock(step.seconds)}"
    if step.kind == ASK:
        return f"how the {item.exercise.name.lower()} felt"
    if step.kind == SWITCH:
        return f"switch to {side(item.exercise, step.side)}"
    which = f", {side(item.exercise, step.side)}" if step.side else ""
    return f"{item.exercise.name}, set {step.set} of {sets}{which}"


def _bar(done: float, total: float, width: int) -> ProgressBar:
    return ProgressBar(total=max(total, 0.001), completed=min(done, total), width=width)


#: The width of the moving figure, and the narrowest screen that has it beside the rest.
FIGURE_COLUMNS = 34
BESIDE = 76


def moving_figure(plan: SessionPlan, view: View, columns: int) -> Picture | None:
    """The exercise's figure as the body is now: moving with the repetition, the other
    leg on alternate repetitions, turned round for the second side; drawn as the
    terminal can show it (see render.figure)."""
    step = view.step
    if step is None:
        return None
    exercise = plan.items[step.item].exercise
    if exercise.figure is None:
        return None
    pose = movement(exercise.figure, amount_moved(plan, view))
    if exercise.alternating and view.rep and view.rep % 2 == 0:
        pose = other_side(pose)
    return Picture(exercise.figure, pose, columns, mirrored=step.side == 2)


def _large(
    text: str, room: int, blocks: bool, style: str, first: str = "", last: str = ""
) -> list[RenderableType]:
    """``text`` in large letters, readable from the floor, with ``first`` and ``last``
    beside its top and bottom rows. Where that is too wide for ``room``: without them,
    then only the first word (the rep number), then nothing."""
    notes = max(len(first), len(last))
    if not fits(text):
        return []
    if big_width(text) + notes + 2 > room:
        first = last = ""
        while big_width(text) > room and " " in text:
            text = text.rsplit(" ", 1)[0]
        if big_width(text) > room:
            return []
    rows = big(text, blocks)
    lines: list[RenderableType] = [Text()]
    for index, row in enumerate(rows):
        beside = first if index == 0 else last if index == len(rows) - 1 else ""
        lines.append(Text.assemble(Text(row, style), Text(f"  {beside}" if beside else "", "bold")))
    return lines


def screen(
    plan: SessionPlan, view: View, width: int, braille: bool = True, said: str = ""
) -> RenderableType:
    """Everything a person needs at a glance: what now, the clocks, the keys, then how;
    the moving figure beside the counter, or under it on a narrow screen. ``said``: the
    instruction the voice said last, shown in the same words."""
    columns = FIGURE_COLUMNS if width >= BESIDE else min(width, FIGURE_COLUMNS)
    picture = moving_figure(plan, view, columns)
    return _screen(plan, view, width, picture, braille, said)


def _screen(
    plan: SessionPlan,
    view: View,
    width: int,
    picture: Picture | None,
    braille: bool = True,
    said: str = "",
) -> RenderableType:
    step = view.step
    if step is None:
        return safe_text("Session over.", "bold")
    item = plan.items[step.item]
    exercise = item.exercise
    position = f"exercise {step.item + 1} of {len(plan.items)}"
    parts: list[RenderableType] = [
        Text.assemble(
            safe_text(exercise.name, "bold"),
            safe_text(f"  {position}, {plan.band.name} band", "dim"),
        ),
        safe_text(equipment(exercise), "dim"),
    ]
    if item.variant:
        parts.append(safe_text(item.variant, "bold yellow"))
    if said and step.kind != WORK:
        parts.append(safe_text(said, "bold"))
    parts.append(Text())
    left = clock(view.step_left)
    room = width - FIGURE_COLUMNS - 2 if picture is not None and width >= BESIDE else width
    seconds = countdown(view.step_left)
    if step.kind == GET_READY:
        parts.append(safe_text(f"GET READY  {left}", "bold yellow"))
        if exercise.each_side or exercise.alternating:
            parts.append(safe_text(f"Start with {side(exercise, 1)}", "bold"))
        parts += _large(f"READY {seconds}", room, braille, "bold yellow")
    elif step.kind == SWITCH:
        parts.append(
            safe_text(f"SWITCH TO {side(exercise, step.side).upper()}  {left}", "bold yellow")
        )
        parts += _large(f"SWITCH {seconds}", room, braille, "bold yellow")
    elif step.kind == REST:
        parts.append(safe_text(f"REST  {left}", "bold cyan"))
        parts += _large(f"REST {seconds}", room, braille, "bold cyan")
    elif step.kind == ASK:
        parts.append(safe_text(f"HOW DID IT FEEL?  {left}", "bold cyan"))
    else:
        which = f"   {exercise.side_name(step.side)} {exercise.side_is}" if step.side else ""
        turns = "   left and right in turn" if exercise.alternating else ""
        parts.append(safe_text(f"SET {step.set} of {item.dosage.sets}{which}{turns}", "bold green"))
        word = dict(zip((LIFT, HOLD, LOWER), exercise.words, strict=True)).get(view.movement, "")
        now = countdown(view.movement_left)
        turn = (
            f", {exercise.side_name(view.rep)} {exercise.side_is}" if exercise.alternating else ""
        )
        number, of = counted(exercise, view.rep, step.reps)
        parts += _large(f"{number} {word}", room, braille, "bold green", f"of {of}", f"{now} s")
        parts.append(
            Text.assemble(
                safe_text(f"Rep {number} of {of}{turn}   ", "bold"),
                safe_text(f" {word.upper()} {now} ", "bold reverse"),
            )
        )
    if picture is not None and width >= BESIDE:  # beside the counter, the rest below
        grid = Table.grid(padding=(0, 2, 0, 0))
        grid.add_column(width=width - FIGURE_COLUMNS - 2)
        grid.add_column(width=FIGURE_COLUMNS)
        grid.add_row(Group(*parts), picture)
        parts = [grid]
    elif picture is not None:
        parts += [Text(), picture]
    if step.asks:
        parts += [Text(), *asked(exercise.name, view.felt)]
    label = {WORK: "Set", REST: "Rest", ASK: "Asking"}.get(step.kind, "Ready")
    rows = [
        (
            label,
            view.step_elapsed,
            step.seconds,
            f"{clock(view.step_elapsed)}/{clock(step.seconds)}",
        ),
        (
            "Session",
            view.position,
            view.total,
            f"{clock(view.elapsed)} done, {clock(view.total - view.position)} left",
        ),
    ]
    bars = Table.grid(padding=(0, 1))
    if width < NARROW:  # each bar on a line of its own, under its numbers
        bars.add_column(no_wrap=True)
        for name, done, total, numbers in rows:
            bars.add_row(f"{name}  {numbers}")
            bars.add_row(_bar(done, total, max(width - 2, 10)))
    else:
        for _ in range(3):
            bars.add_column(no_wrap=True)
        for name, done, total, numbers in rows:
            bars.add_row(name, _bar(done, total, min(width - 40, 50)), numbers)
    parts += [Text(), bars]
    following = _where(plan, view.next_step) if view.next_step else "the end"
    parts.append(safe_text(f"Next: {following}", "dim"))
    keys = "   ".join(f"{KEY_NAMES.get(k, k)} {what}" for k, what in KEYS.items())
    parts.append(Text())
    if view.paused:
        parts.append(safe_text("PAUSED: Space to carry on, q to end", "bold reverse"))
    else:
        parts.append(safe_text(keys, "dim"))
    if step.kind in (GET_READY, WORK, SWITCH):
        # Last, so that a short terminal loses the steps before the clocks and the keys.
        parts += [Text(), bullets(exercise.steps, numbered=True)]
        if exercise.cues:
            parts.append(safe_text(f"Cue: {exercise.cues[0]}", "italic"))
        if exercise.note:
            parts.append(safe_text(f"Note: {exercise.note}", "italic"))
    return Group(*parts)


FELT_WORDS = {"fine": "fine", "hard": "hard", "hurt": "it hurt"}


def asked(name: str, felt: tuple[str, int | None]) -> list[RenderableType]:
    """How an exercise felt: the question and its keys, or the answer so far."""
    feel, pain = felt
    keys = "   ".join(f"{key} {FELT_WORDS[word]}" for key, word in FEEL_KEYS.items())
    if not feel:
        return [safe_text(f"How was the {name.lower()}?   {keys}", "bold")]
    if feel == "hurt" and pain is None:
        return [safe_text(f"{name}: it hurt. How much, 0-10? Type the number.", "bold yellow")]
    said = FELT_WORDS[feel] + (f", {pain} out of 10" if pain is not None else "")
    return [safe_text(f"{name}: {said}   (another key changes it)", "bold")]


def summary(results: Sequence[Done], seconds: float, ended_early: bool) -> RenderableType:
    table = plain_table(pad_edge=False)
    table.add_column("Exercise", overflow="fold")
    table.add_column("Sets done", no_wrap=True)
    table.add_column("Ended early", no_wrap=True)
    table.add_column("Skipped", no_wrap=True)
    table.add_column("Felt", no_wrap=True)
    for done in results:
        felt = FELT_WORDS.get(done.feel, "-") + (
            f" {done.pain}/10" if done.pain is not None else ""
        )
        table.add_row(
            safe_text(done.item.exercise.name),
            f"{done.sets_done} of {done.item.dosage.sets}",
            str(done.sets_partial) if done.sets_partial else "-",
            str(done.sets_skipped) if done.sets_skipped else "-",
            felt,
        )
    title = "Session ended early" if ended_early else "Session done"
    return Group(safe_text(f"{title} in {clock(round(seconds))}.", "bold"), Text(), table)
