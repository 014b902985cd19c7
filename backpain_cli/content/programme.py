"""programme.yaml, already checked against its schema, made into a Programme: with the
checks that need the other files (bands that exist, variants an exercise lists) and
the weekdays' own rule (no days next to each other unless the programme allows it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from backpain_cli.content.document import Document
from backpain_cli.content.files import PROGRAMME_FILE
from backpain_cli.content.schema_types import Schema, ident, obj, text, text_list, whole
from backpain_cli.errors import Problem
from backpain_cli.models import WEEKDAY_NAMES, BandGuide, Exercise, Phase, Programme

#: The most weeks a plan is worked out over (ten years), whatever the journal holds.
MOST_WEEKS = 520


def start_problem(start: date, today: date) -> str | None:
    """Why a plan cannot start on ``start``, seen from ``today`` (None when it can): a
    plan is worked out over MOST_WEEKS weeks at most, and starts within a year."""
    if start < today - timedelta(weeks=MOST_WEEKS):
        return (
            f"{start.isoformat()} is more than {MOST_WEEKS // 52} years ago, and a plan is "
            f"worked out over {MOST_WEEKS // 52} years at most; start it later (such as today)"
        )
    if start > today + timedelta(days=366):
        return f"{start.isoformat()} is more than a year away; start within a year"
    return None


def _phase(variants: bool) -> Schema:
    properties: dict[str, Schema] = {
        "name": text("What the phase is called, as the plan shows it."),
        "weeks": whole("How many weeks it lasts at least.", 1, 26),
        "band": ident("The band it uses: a band id from bands.yaml."),
    }
    required = ["name", "weeks", "band"]
    if variants:
        properties["variants"] = {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": ident(
                "The harder variant to do instead: the id of one of the exercise's variants "
                "of kind harder."
            ),
            "description": "For each exercise id, the harder variant to do in this phase.",
        }
        required.append("variants")
    return obj(required, properties)


PROGRAMME: Schema = obj(
    ["days", "consecutive_days", "step_back_after_poor_sessions", "phases", "basis"],
    {
        "days": {
            "type": "array",
            "minItems": 1,
            "maxItems": 7,
            "items": {"enum": list(WEEKDAY_NAMES)},
            "description": "The weekdays sessions fall on unless `backpain plan --days` says "
            "otherwise (mon to sun).",
        },
        "consecutive_days": {
            "type": "boolean",
            "description": "Whether sessions may fall on days next to each other.",
        },
        "step_back_after_poor_sessions": whole(
            "Poor sessions in a row (pain after in the red, or a set not done in full) after "
            "which the plan steps back a phase.",
            1,
            10,
        ),
        "phases": {
            "type": "array",
            "minItems": 1,
            "items": _phase(variants=False),
            "description": "The phases in order, lightest band first.",
        },
        "after_strongest": {
            **_phase(variants=True),
            "description": "What follows the last phase: harder variants at the strongest band "
            "(optional).",
        },
        "basis": text_list("Where the rules come from.", min_items=1),
    },
    title="backpain programme over weeks (content/programme.yaml)",
)


def next_to_each_other(days: Sequence[int]) -> tuple[int, int] | None:
    """Two of ``days`` (Monday 0) that follow one another, Sunday to Monday too, if any."""
    chosen = sorted(set(days))
    for day in chosen:
        following = (day + 1) % 7
        if following in chosen and following != day:
            return day, following
    return None


def build_programme(
    doc: Document,
    exercises: Sequence[Exercise],
    bands: BandGuide,
    variants: Sequence[Exercise] = (),
) -> tuple[Programme | None, list[Problem]]:
    data = doc.data
    problems: list[Problem] = []

    def fail(message: str, path: str) -> None:
        problems.append(Problem(PROGRAMME_FILE, message, doc.line(path), path))

    band_ids = [b.id for b in bands.levels]
    by_id = {e.id: e for e in exercises}
    phases = []
    raw = [*data["phases"], *([data["after_strongest"]] if "after_strongest" in data else [])]
    for index, phase in enumerate(raw):
        path = f"phases[{index}]" if index < len(data["phases"]) else "after_strongest"
        if phase["band"] not in band_ids:
            fail(
                f"unknown band '{phase['band']}'; bands.yaml has {', '.join(band_ids)}",
                f"{path}.band",
            )
        chosen = []
        for exercise_id, variant in phase.get("variants", {}).items():
            where = f"{path}.variants.{exercise_id}"
            exercise = by_id.get(exercise_id)
            if exercise is None:
                fail(f"unknown exercise '{exercise_id}'; known: {', '.join(sorted(by_id))}", where)
            else:
                harder = [v.id for v in variants if v.parent == exercise_id and v.kind == "harder"]
                if variant not in harder:
                    listed = ", ".join(harder) or "none: add one under variants: with kind: harder"
                    fail(
                        f"'{variant}' is not one of {exercise.name}'s harder variants ({listed})",
                        where,
                    )
            chosen.append((exercise_id, variant))
        phases.append(Phase(phase["name"], phase["weeks"], phase["band"], tuple(chosen)))
    days = tuple(WEEKDAY_NAMES.index(day) for day in data["days"])
    if len(set(days)) != len(days):
        fail("a day is listed twice", "days")
    pair = next_to_each_other(days)
    if pair and not data["consecutive_days"]:
        first, second = (WEEKDAY_NAMES[d] for d in pair)
        fail(
            f"{first} and {second} are next to each other, and consecutive_days is false; "
            "leave a day between sessions",
            "days",
        )
    if problems:
        return None, problems
    programme = Programme(
        days=days,
        consecutive_days=data["consecutive_days"],
        step_back_after_poor_sessions=data["step_back_after_poor_sessions"],
        phases=tuple(phases),
        basis=tuple(data["basis"]),
    )
    return programme, []
