"""The figure command: an exercise's positions as an SVG drawing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from backpain_cli.cli.app import App
from backpain_cli.cli.output import output_options, write_output
from backpain_cli.cli.params import ExerciseType
from backpain_cli.errors import BackpainError

if TYPE_CHECKING:
    from backpain_cli.models import Exercise


@click.command()
@click.argument("exercise", type=ExerciseType())
@click.option("--pose", metavar="NAME", help="Draw only this pose, such as start or top.")
@click.option(
    "--animate",
    is_flag=True,
    help="One picture that moves between the poses, on the routine's tempo.",
)
@output_options("the SVG", "bridge.svg")
@click.pass_obj
def figure(
    app: App, exercise: Exercise, pose: str | None, animate: bool, output: str, force: bool
) -> None:
    """Draw EXERCISE's positions as an SVG picture, with a title and description.

    Without --pose, every pose side by side, each with its caption. The
    picture opens in any web browser and can go into a document.

    \b
    Examples:
      backpain figure glute-bridge -o bridge.svg
      backpain figure dead-bug --pose extended -o dead-bug-extended.svg
      backpain figure clam-shell --animate -o clam-shell.svg
      backpain figure bridge | rsvg-convert -o bridge.png
    """
    from backpain_cli.figures import svg

    catalog = app.catalog(figures=True)
    drawn = exercise.figure
    if drawn is None:
        raise BackpainError(
            f"'{exercise.id}' has no figure to draw; add a figure: section to "
            f"exercises/{exercise.id}.yaml (see docs/clinician.md, 'Drawing an exercise')"
        )
    if animate and pose:
        raise click.UsageError("Choose one of --pose and --animate.")
    if animate:
        text = svg.of_exercise(catalog, exercise, animate=True)
    else:
        poses = drawn.poses
        if pose is not None:
            chosen = drawn.pose(pose)
            if chosen is None:
                names = ", ".join(p.name for p in drawn.poses)
                from backpain_cli.checked import excerpt

                raise click.BadParameter(
                    f"{excerpt(pose)} is not a pose of {exercise.name}; its poses: {names}",
                    param_hint="'--pose'",
                )
            poses = (chosen,)
        text = svg.still(exercise.id, exercise.name, drawn, poses)
    write_output(output, text, force, "bridge.svg", endings=(".svg",))
