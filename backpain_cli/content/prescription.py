"""prescription.yaml, one patient's prescription from their physiotherapist, already
checked against its schema, made into a Prescription: with the checks that need the
other files (exercises, bands, doses, the programme's days) and the warnings a
prescriber should see (a dose outside the ranges the content's sources give)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from backpain_cli.content.document import Document
from backpain_cli.content.files import PRESCRIPTION_FILE
from backpain_cli.content.programme import next_to_each_other, start_problem
from backpain_cli.content.schema_types import Schema, obj, text, whole
from backpain_cli.errors import Problem
from backpain_cli.models import (
    WEEKDAY_NAMES,
    BandGuide,
    Dosage,
    Exercise,
    Prescribed,
    Prescription,
    Programme,
    SessionRules,
)

Fail = Callable[[str, str], None]

_DAY = {
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "A day as YYYY-MM-DD (in quotes or not).",
}

_OVERRIDE = obj(
    [],
    {
        "sets": whole("Number of sets.", 1, 10),
        "reps": whole("Repetitions per set (each side, for one-sided exercises).", 1, 50),
        "hold_seconds": whole("Pause or hold at the top of each repetition.", 0, 120),
        "rest_seconds": whole("Rest after each set.", 0, 600),
    },
    minProperties=1,
    description="The dose at one band: only what differs from the content's.",
)

PRESCRIPTION: Schema = obj(
    [],
    {
        "patient": text("Who it is for, as the handout and the report name them."),
        "clinician": text("Who prescribed it, and how to reach them."),
        "note": text("A note for the whole routine, for this patient."),
        "per_week": whole("Sessions a week.", 1, 7),
        "days": {
            "type": "array",
            "minItems": 1,
            "maxItems": 7,
            "items": {"enum": list(WEEKDAY_NAMES)},
            "description": "The weekdays of the sessions (mon to sun).",
        },
        "start": {**_DAY, "description": "The first day of the programme (YYYY-MM-DD)."},
        "review": {**_DAY, "description": "When to review it with the patient (YYYY-MM-DD)."},
        "exercises": {
            "type": "object",
            "additionalProperties": obj(
                [],
                {
                    "leave_out": {
                        "type": "boolean",
                        "description": "true: leave it out of the sessions (default false).",
                    },
                    "note": text("A note about this exercise, shown beside it."),
                    "dose": {
                        "type": "object",
                        "minProperties": 1,
                        "additionalProperties": _OVERRIDE,
                        "description": "For each band id, the dose where it differs.",
                    },
                },
            ),
            "description": "For each exercise (or variant) id, what the prescription says of it.",
        },
    },
    title="backpain prescription for one patient (content/prescription.yaml, optional)",
)


def build_prescription(
    doc: Document,
    exercises: Sequence[Exercise],
    variants: Sequence[Exercise],
    bands: BandGuide,
    sessions: SessionRules,
    programme: Programme | None,
) -> tuple[Prescription | None, list[Problem], list[Problem]]:
    """The prescription, or None with the problems found; and the warnings either way."""
    data = doc.data
    problems: list[Problem] = []
    warnings: list[Problem] = []

    def fail(message: str, path: str, into: list[Problem] = problems) -> None:  # a Fail
        into.append(Problem(PRESCRIPTION_FILE, message, doc.line(path), path))

    start, review = (_day(data, key, fail) for key in ("start", "review"))
    wrong = start_problem(start, date.today()) if start else None
    if wrong:
        fail(wrong, "start")
    if start and review and review < start:
        fail(f"the review ({review.isoformat()}) comes before the start", "review")
    days = tuple(WEEKDAY_NAMES.index(d) for d in data.get("days", []))
    if len(set(days)) != len(days):
        fail("a day is listed twice", "days")
    pair = next_to_each_other(days)
    together = programme.consecutive_days if programme else sessions.progress.min_days_between < 2
    if pair and not together:
        first, second = (WEEKDAY_NAMES[d] for d in pair)
        fail(f"{first} and {second} are next to each other; leave a rest day between sessions",
             "days")  # fmt: skip
    per_week = data.get("per_week")
    if days and per_week is not None and per_week != len(days):
        fail(f"per_week is {per_week}, but days: names {len(days)}; give one of them", "per_week")
    if per_week is not None and not days:
        fail("give days: as well, the weekdays of those sessions (such as [mon, thu])", "per_week")
    if days and start is None and "start" not in data:
        fail("give start: as well, the first day of the programme (YYYY-MM-DD)", "days")
    known = {e.id: e for e in (*exercises, *variants)}
    said: list[tuple[str, Prescribed]] = []
    for exercise_id, what in data.get("exercises", {}).items():
        at = f"exercises.{exercise_id}"
        if exercise_id not in known:
            fail(f"unknown exercise '{exercise_id}'; known: {', '.join(sorted(known))}", at)
            continue
        doses = _doses(known[exercise_id], what.get("dose", {}), at, bands, sessions, fail)
        on = not what.get("leave_out", False)
        said.append((exercise_id, Prescribed(on, what.get("note"), doses)))
        for band, dosage in doses:
            if sessions.dose_range is not None and not sessions.dose_range.holds(dosage):
                fail(outside(known[exercise_id], dosage, sessions, bands.name(band)),
                     f"{at}.dose.{band}", warnings)  # fmt: skip
    kept = {e.id for e in exercises} - {e for e, p in said if not p.on}
    if not kept:
        fail("every exercise is left out; keep at least one", "exercises")
    if problems:
        return None, problems, warnings
    return (
        Prescription(
            patient=data.get("patient"),
            per_week=per_week or (len(days) if days else None),
            days=tuple(sorted(days)),
            start=start,
            review=review,
            clinician=data.get("clinician"),
            note=data.get("note"),
            exercises=tuple(said),
        ),
        [],
        warnings,
    )


def outside(exercise: Exercise, dosage: Dosage, sessions: SessionRules, band: str) -> str:
    """A prescribed dose outside the sources' ranges, in words."""
    found = sessions.dose_range
    assert found is not None
    return (
        f"{exercise.name} at {band}, {dosage.sets} x {dosage.reps}: outside the {found.sets[0]} to "
        f"{found.sets[1]} sets of {found.reps[0]} to {found.reps[1]} that {found.source} "
        "gives, so the session says this dose is the prescriber's, not the sources'"
    )


def _day(data: dict[str, Any], key: str, fail: Fail) -> date | None:
    written = data.get(key)
    if not isinstance(written, str):
        return None
    try:
        return date.fromisoformat(written)
    except ValueError:
        fail(f"'{written}' is not a day on the calendar; write it as YYYY-MM-DD", key)
        return None


def _doses(
    exercise: Exercise,
    overrides: dict[str, dict[str, int]],
    at: str,
    bands: BandGuide,
    sessions: SessionRules,
    fail: Fail,
) -> tuple[tuple[str, Dosage], ...]:
    """Each band's whole dose: the content's, with what the prescription changes."""
    found = []
    names = {b.id for b in bands.levels}
    for band, change in overrides.items():
        if band not in names:
            fail(f"unknown band '{band}'; bands.yaml has {', '.join(sorted(names))}",
                 f"{at}.dose.{band}")  # fmt: skip
            continue
        base = exercise.dosage_for(band)  # a variant's own
        if base is None and band in dict(sessions.dosages):
            base = next((d for d in sessions.for_band(band) if d.exercise == exercise.id), None)
        if base is None:
            fail(f"{exercise.name} is not in the {band} session, so it has no dose to change "
                 "there", f"{at}.dose.{band}")  # fmt: skip
            continue
        found.append((band, base._replace(
            sets=change.get("sets", base.sets),
            reps=change.get("reps", base.reps),
            hold_seconds=change.get("hold_seconds", base.hold_seconds),
            rest_seconds=change.get("rest_seconds", base.rest_seconds),
        )))  # fmt: skip
    return tuple(found)
