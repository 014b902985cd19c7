"""Pure functions from the catalog (and a band) to a session plan.

Annotations are evaluated as the classes are made, as in models (a string annotation
costs typing.NamedTuple a compile at every start).
"""

from collections.abc import Collection
from datetime import date
from typing import NamedTuple

from backpain_cli.models import Band, Catalog, Dosage, Exercise, ExerciseDone, SessionRecord, Tempo


class PlannedExercise(NamedTuple):
    exercise: Exercise
    dosage: Dosage
    rep_seconds: int  # lift + hold + lower, for one repetition
    sides: int  # 2 when done on each side, else 1
    work_seconds: int  # every repetition of every set, both sides
    variant: str | None = None  # the easier variant to do instead, when the plan says so


class SessionPlan(NamedTuple):
    band: Band
    reason: str  # why this band
    items: tuple[PlannedExercise, ...]
    sessions_per_week: int
    tempo: Tempo
    get_ready_seconds: int
    rest_seconds: int  # all the rests: after every set but the session's last
    total_seconds: int
    adjustment: str = ""  # how the session was made easier, if it was
    first_get_ready_seconds: int | None = None  # before the first exercise, if longer


def plan_session(
    catalog: Catalog, band_id: str | None = None, reason: str | None = None
) -> SessionPlan:
    """The suggested session for ``band_id``; without one, for the lightest band."""
    if band_id is None:
        band = catalog.bands.lightest
        reason = reason or (
            f"No band chosen, so this is the session for the lightest band, {band.name}."
        )
    else:
        band = catalog.bands.get(band_id)
        reason = reason or f"The session for the {band.name} band."
    rules = catalog.sessions
    tempo = rules.tempo
    items = []
    for dosage in rules.for_band(band.id):
        exercise = catalog.exercise(dosage.exercise)
        rep = tempo.lift_seconds + dosage.hold_seconds + tempo.lower_seconds
        sides = 2 if exercise.each_side else 1
        items.append(
            PlannedExercise(exercise, dosage, rep, sides, dosage.sets * sides * dosage.reps * rep)
        )
    rests = [item.dosage.rest_seconds for item in items for _ in range(item.dosage.sets)][:-1]
    rest = sum(rests)
    return SessionPlan(
        band=band,
        reason=reason,
        items=tuple(items),
        sessions_per_week=rules.sessions_per_week,
        tempo=tempo,
        get_ready_seconds=rules.get_ready_seconds,
        first_get_ready_seconds=rules.first_get_ready_seconds,
        rest_seconds=rest,
        total_seconds=sum(i.work_seconds for i in items) + rest,
    )


def easier(catalog: Catalog, plan: SessionPlan, why: str) -> SessionPlan:
    """``plan`` made easier (after red pain before it, ``why``): the next lighter band's
    session, or at the lightest band the easier variants where the content has them."""
    levels = catalog.bands.levels
    index = next(i for i, band in enumerate(levels) if band.id == plan.band.id)
    if index > 0:
        lighter = levels[index - 1]
        change = f"the {lighter.name} band's session instead of {plan.band.name}'s, {why}"
        lighter_plan = plan_session(catalog, lighter.id, f"Made easier: {change}.")
        return lighter_plan._replace(adjustment=change)
    items = tuple(
        item._replace(variant=f"Easier variant: {item.exercise.easier[0]}")
        if item.exercise.easier
        else item
        for item in plan.items
    )
    change = f"the easier variants, {why}"
    return plan._replace(items=items, reason=f"Made easier: {change}.", adjustment=change)


def harder(plan: SessionPlan, variants: tuple[tuple[str, str], ...]) -> SessionPlan:
    """``plan`` with the harder variants the programme gives after the strongest band."""
    chosen = dict(variants)
    items = tuple(
        item._replace(variant=f"Harder variant: {chosen[item.exercise.id]}")
        if item.exercise.id in chosen
        else item
        for item in plan.items
    )
    return plan._replace(items=items)


def record_done(
    plan: SessionPlan,
    day: date,
    exercises: Collection[str] | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    notes: str = "",
) -> SessionRecord:
    """The plan's session as done in full, or only the ``exercises`` named, every set."""
    chosen = [i for i in plan.items if exercises is None or i.exercise.id in exercises]
    return SessionRecord(
        day=day,
        band=plan.band.id,
        exercises=tuple(
            ExerciseDone(i.exercise.id, i.dosage.sets, i.dosage.sets, i.dosage.reps) for i in chosen
        ),
        all_sets_done=len(chosen) == len(plan.items),
        pain_before=pain_before,
        pain_after=pain_after,
        notes=notes,
    )
