"""Pure functions from the catalog (and a band) to a session plan.

Annotations are evaluated as the classes are made, as in models (a string annotation
costs typing.NamedTuple a compile at every start).
"""

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from backpain_cli.models import SKIPPED, Band, Catalog, Dosage, Exercise, Tempo, not_easier

if TYPE_CHECKING:
    from backpain_cli.records import SessionRecord


class PlannedExercise(NamedTuple):
    exercise: Exercise
    dosage: Dosage
    rep_seconds: int  # lift + hold + lower, for one repetition
    sides: int  # 2 when done on each side, else 1
    work_seconds: int  # every repetition of every set, both sides
    variant: str | None = None  # why this is not the plain exercise: a variant, and why


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
    feedback_seconds: int = 0  # after the last exercise: time to say how it felt
    switch_seconds: int = 0  # at least, to turn over between the sides


def plan_session(
    catalog: Catalog, band_id: str | None = None, reason: str | None = None
) -> SessionPlan:
    """The suggested session for ``band_id``; without one, for the lightest band. The
    prescription's doses stand in for the content's, and its exercises turned off are
    left out."""
    if band_id is None:
        band = catalog.bands.lightest
        reason = reason or (
            f"No band chosen, so this is the session for the lightest band, {band.name}."
        )
    else:
        band = catalog.bands.get(band_id)
        reason = reason or f"The session for the {band.name} band."
    rules = catalog.sessions
    prescribed = catalog.prescription
    items = []
    for listed in rules.for_band(band.id):
        if prescribed is not None and not prescribed.of(listed.exercise).on:
            continue
        dosage = catalog.dosage(listed.exercise, band.id) or listed
        items.append(planned(catalog.exercise(listed.exercise), dosage, rules.tempo))
    return retimed(
        SessionPlan(
            band=band,
            reason=reason,
            items=(),
            sessions_per_week=catalog.per_week,
            tempo=rules.tempo,
            get_ready_seconds=rules.get_ready_seconds,
            first_get_ready_seconds=rules.first_get_ready_seconds,
            feedback_seconds=rules.feedback_seconds,
            switch_seconds=rules.switch_seconds,
            rest_seconds=0,
            total_seconds=0,
        ),
        items,
    )


def planned(
    exercise: Exercise, dosage: Dosage, tempo: Tempo, variant: str | None = None
) -> PlannedExercise:
    """One exercise of a session at ``dosage``: how long a repetition and all its sets take."""
    rep = tempo.lift_seconds + dosage.hold_seconds + tempo.lower_seconds
    sides = 2 if exercise.each_side else 1
    work = dosage.sets * sides * dosage.reps * rep
    return PlannedExercise(exercise, dosage, rep, sides, work, variant)


def retimed(plan: SessionPlan, items: Sequence[PlannedExercise]) -> SessionPlan:
    """``plan`` with ``items``, and the rests and the whole time worked out again."""
    rests = [item.dosage.rest_seconds for item in items for _ in range(item.dosage.sets)][:-1]
    return plan._replace(
        items=tuple(items),
        rest_seconds=sum(rests),
        total_seconds=sum(i.work_seconds for i in items) + sum(rests),
    )


def instead(
    catalog: Catalog, plan: SessionPlan, chosen: Mapping[str, str], why: Mapping[str, str]
) -> SessionPlan:
    """``plan`` with some exercises done as one of their variants: ``chosen`` maps an
    exercise id to a variant id, ``why`` an exercise id to the reason shown. A variant
    comes with its own dose at the session's band, steps, sides and figure."""
    items = []
    for item in plan.items:
        variant_id = chosen.get(item.exercise.id)
        if variant_id is None:
            items.append(item)
            continue
        variant = catalog.exercise(variant_id)
        dosage = catalog.dosage(variant_id, plan.band.id)
        if dosage is None:  # content validate makes sure each band has one
            items.append(item)
            continue
        note = f"{variant.name}, instead of {item.exercise.name}: {why[item.exercise.id]}"
        items.append(planned(variant, dosage, plan.tempo, note))
    return retimed(plan, items)


def easier(catalog: Catalog, plan: SessionPlan, why: str) -> SessionPlan:
    """``plan`` made easier (after red pain before it, ``why``): the next lighter band's
    session; at the lightest band, each exercise's first easier variant, and the
    exercises that have none left out today (the traffic light: stop, or make it
    easier), which may leave no session at all."""
    levels = catalog.bands.levels
    index = next(i for i, band in enumerate(levels) if band.id == plan.band.id)
    if index > 0:
        lighter = levels[index - 1]
        change = f"the {lighter.name} band's session instead of {plan.band.name}'s, {why}"
        lighter_plan = plan_session(catalog, lighter.id, f"Made easier: {change}.")
        return lighter_plan._replace(adjustment=change)
    chosen = {}
    for item in plan.items:
        found = easier_variant(catalog, item.exercise.id, plan.band.id)
        if found is not None:
            chosen[item.exercise.id] = found.id
    kept = [item for item in plan.items if item.exercise.id in chosen]
    left_out = [item.exercise.name for item in plan.items if item.exercise.id not in chosen]
    made = instead(catalog, retimed(plan, kept), chosen, dict.fromkeys(chosen, f"easier, {why}"))
    change = f"the easier variants, {why}"
    if left_out:
        change += f"; left out today, with no easier variant: {', '.join(left_out)}"
    return made._replace(reason=f"Made easier: {change}.", adjustment=change)


def easier_variant(catalog: Catalog, exercise_id: str, band_id: str) -> Exercise | None:
    """An exercise's first easier variant that is easier at ``band_id`` in what the content
    can see (see :func:`not_easier`); None when it has none."""
    return next((v for v in catalog.variants_of(exercise_id, "easier")
                 if easier_variant_at(catalog, exercise_id, v.id, band_id)), None)  # fmt: skip


def easier_variant_at(catalog: Catalog, exercise_id: str, variant_id: str, band_id: str) -> bool:
    """Whether a variant is easier than its exercise at ``band_id`` in what the content can
    see (see :func:`not_easier`)."""
    theirs, mine = catalog.dosage(exercise_id, band_id), catalog.dosage(variant_id, band_id)
    if theirs is None or mine is None:
        return False
    return not not_easier(catalog.exercise(exercise_id), theirs, catalog.exercise(variant_id), mine)


def harder(
    catalog: Catalog, plan: SessionPlan, variants: tuple[tuple[str, str], ...]
) -> SessionPlan:
    """``plan`` with the harder variants the programme gives after the strongest band."""
    chosen = dict(variants)
    return instead(
        catalog,
        plan,
        chosen,
        dict.fromkeys(chosen, "the programme's phase after the strongest band"),
    )


def prescribed_doses(catalog: Catalog, plan: SessionPlan) -> list[str]:
    """For each dose the prescription sets in ``plan``, that it is the prescriber's, not the
    sources', and whether it is inside the range the content's sources give."""
    rx, found = catalog.prescription, catalog.sessions.dose_range
    if rx is None:
        return []
    who = f" ({rx.clinician})" if rx.clinician else ""
    lines = []
    for item in plan.items:
        dosage = dict(rx.of(item.exercise.id).dose).get(plan.band.id)
        if dosage is None:
            continue
        line = f"{item.exercise.name}, {item.exercise.dose(dosage)}: your prescription's dose{who}"
        if found is None:
            lines.append(f"{line}, not the content's.")
            continue
        span = (f"the {found.sets[0]} to {found.sets[1]} sets of {found.reps[0]} to "
                f"{found.reps[1]} that {found.source} gives")  # fmt: skip
        where = "inside" if found.holds(dosage) else "outside"
        lines.append(f"{line}, not the sources'. It is {where} {span}.")
    return lines


def record_done(
    plan: SessionPlan,
    day: date,
    exercises: Collection[str] | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    notes: str = "",
    felt: Mapping[str, tuple[str, int | None]] | None = None,
) -> "SessionRecord":
    """The plan's session as done in full, or only the ``exercises`` named, every set;
    ``felt`` says how an exercise (by id) felt, and its pain: one SKIPPED has no set done."""
    from backpain_cli.records import ExerciseDone, SessionRecord

    felt = felt or {}
    wanted = None if exercises is None else {*exercises, *felt}
    chosen = [i for i in plan.items if wanted is None or i.exercise.id in wanted]
    done = []
    for item in chosen:
        feel, pain = felt.get(item.exercise.id, ("", None))
        sets = 0 if feel == SKIPPED else item.dosage.sets
        done.append(ExerciseDone(item.exercise.id, item.dosage.sets, sets, item.dosage.reps,
                                 0, feel, pain))  # fmt: skip
    return SessionRecord(
        day=day,
        band=plan.band.id,
        exercises=tuple(done),
        all_sets_done=len(chosen) == len(plan.items) and all(d.sets_done for d in done),
        pain_before=pain_before,
        pain_after=pain_after,
        notes=notes,
        adjustment=plan.adjustment,
    )
