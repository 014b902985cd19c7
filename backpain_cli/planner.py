"""Pure functions from the catalog (and a band) to a session plan."""

from __future__ import annotations

from dataclasses import dataclass

from backpain_cli.models import Band, Catalog, Dosage, Exercise, Tempo


@dataclass(frozen=True, slots=True)
class PlannedExercise:
    exercise: Exercise
    dosage: Dosage
    rep_seconds: int  # lift + hold + lower, for one repetition
    sides: int  # 2 when done on each side, else 1
    work_seconds: int  # every repetition of every set, both sides


@dataclass(frozen=True, slots=True)
class SessionPlan:
    band: Band
    reason: str  # why this band
    items: tuple[PlannedExercise, ...]
    sessions_per_week: int
    tempo: Tempo
    get_ready_seconds: int
    rest_seconds: int  # all the rests: after every set but the session's last
    total_seconds: int


def plan_session(catalog: Catalog, band_id: str | None = None) -> SessionPlan:
    """The suggested session for ``band_id``; without one, for the lightest band."""
    if band_id is None:
        band = catalog.bands.lightest
        reason = f"No band chosen, so this is the session for the lightest band, {band.name}."
    else:
        band = catalog.bands.get(band_id)
        reason = f"The session for the {band.name} band."
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
        rest_seconds=rest,
        total_seconds=sum(i.work_seconds for i in items) + rest,
    )
