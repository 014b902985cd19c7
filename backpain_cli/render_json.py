"""Plain data for `--json`: stable, documented shapes (see README), no rich needed.

Every document carries ``"version": 1`` and the disclaimer; the ones a person
exercises from (show, session, safety) carry the red flags and pain guide too.
Fields are only ever added within a version.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from backpain_cli.models import Band, Catalog, Exercise, Safety, Source
from backpain_cli.planner import SessionPlan

VERSION = 1


def emit(data: dict[str, Any]) -> None:
    """Write one JSON document to stdout (ASCII only, so no byte can steer a terminal)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")


def _source(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url, "covers": source.covers}


def _band(band: Band) -> dict[str, Any]:
    return {"id": band.id, "name": band.name, "resistance": band.resistance}


def _summary(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "aliases": list(exercise.aliases),
        "area": exercise.area,
        "summary": exercise.summary,
        "equipment": {
            "band": exercise.equipment.band,
            "placement": exercise.equipment.placement,
            "note": exercise.equipment.note,
        },
        "each_side": exercise.each_side,
    }


def safety(rules: Safety) -> dict[str, Any]:
    """The disclaimer, stop rules, red flags and pain guide."""
    return {
        "disclaimer": rules.disclaimer,
        "stop_rules": list(rules.stop_rules),
        "red_flags": [
            {"level": f.level, "action": f.action, "signs": list(f.signs)} for f in rules.red_flags
        ],
        "pain_guide": [
            {"colour": p.colour, "low": p.low, "high": p.high, "meaning": p.meaning}
            for p in rules.pain_guide
        ],
    }


def exercise_list(catalog: Catalog) -> dict[str, Any]:
    return {
        "version": VERSION,
        "exercises": [_summary(e) for e in catalog.exercises],
        "disclaimer": catalog.safety.disclaimer,
    }


def exercise_detail(catalog: Catalog, exercise: Exercise) -> dict[str, Any]:
    dosage = [
        {
            "band": band.id,
            "sets": d.sets,
            "reps": d.reps,
            "each_side": exercise.each_side,
            "hold_seconds": d.hold_seconds,
            "rest_seconds": d.rest_seconds,
        }
        for band, d in catalog.dosage_by_band(exercise.id)
    ]
    return {
        "version": VERSION,
        "exercise": {
            **_summary(exercise),
            "why": exercise.why,
            "steps": list(exercise.steps),
            "cues": list(exercise.cues),
            "mistakes": list(exercise.mistakes),
            "easier": list(exercise.easier),
            "harder": list(exercise.harder),
            "sources": [_source(s) for s in exercise.sources],
        },
        "dosage": dosage,
        **safety(catalog.safety),
    }


def band_guide(catalog: Catalog) -> dict[str, Any]:
    guide = catalog.bands
    return {
        "version": VERSION,
        "levels": [_band(b) for b in guide.levels],
        "colour_caution": guide.colour_caution,
        "stretch_note": guide.stretch_note,
        "choosing": guide.choosing,
        "moving_up": guide.moving_up,
        "safety_check": guide.safety_check,
        "where_to_buy": _source(guide.where_to_buy),
        "disclaimer": catalog.safety.disclaimer,
    }


def session(catalog: Catalog, plan: SessionPlan) -> dict[str, Any]:
    return {
        "version": VERSION,
        "band": _band(plan.band),
        "reason": plan.reason,
        "sessions_per_week": plan.sessions_per_week,
        "tempo": {
            "lift_seconds": plan.tempo.lift_seconds,
            "lower_seconds": plan.tempo.lower_seconds,
        },
        "exercises": [
            {
                **_summary(item.exercise),
                "sets": item.dosage.sets,
                "reps": item.dosage.reps,
                "hold_seconds": item.dosage.hold_seconds,
                "rest_seconds": item.dosage.rest_seconds,
                "work_seconds": item.work_seconds,
            }
            for item in plan.items
        ],
        "rest_seconds": plan.rest_seconds,
        "estimated_seconds": plan.total_seconds,
        "basis": list(catalog.sessions.basis),
        **safety(catalog.safety),
    }


def safety_document(catalog: Catalog) -> dict[str, Any]:
    return {"version": VERSION, **safety(catalog.safety)}
