"""The shape of every content file, as JSON Schema (draft 2020-12): data, nothing else.

These schemas are the single statement of what a content file may hold: the
loader checks files against them (content.check) and `backpain content schema`
prints them for editors.
"""

from __future__ import annotations

from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

Schema = dict[str, Any]


def _text(description: str) -> Schema:
    return {"type": "string", "minLength": 1, "description": description}


def _text_list(description: str, min_items: int = 0) -> Schema:
    schema: Schema = {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": description,
    }
    if min_items:
        schema["minItems"] = min_items
    return schema


def _whole(description: str, minimum: int, maximum: int) -> Schema:
    return {
        "type": "integer",
        "minimum": minimum,
        "maximum": maximum,
        "description": description,
    }


def _object(required: list[str], properties: dict[str, Schema], **extra: Any) -> Schema:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        **extra,
    }


def _id(description: str) -> Schema:
    return {
        "type": "string",
        "pattern": ID_PATTERN,
        "description": description + " Lower-case letters and digits joined by hyphens.",
    }


_SOURCE = _object(
    ["title"],
    {
        "title": _text("What the source is."),
        "url": {"type": "string", "pattern": "^https?://", "description": "A web address."},
        "covers": _text("Which fields this source backs."),
    },
)
_SOURCES = {
    "type": "array",
    "minItems": 1,
    "items": _SOURCE,
    "description": "Where the facts come from.",
}


def _angle(description: str, low: int, high: int) -> Schema:
    return {
        "type": "number",
        "minimum": low,
        "maximum": high,
        "description": description + f" Degrees, {low} to {high}.",
    }


# The ranges match figures.body.RANGES (a test holds them together).
_LIMB = _object(
    [],
    {
        "hip": _angle("Hip flexion: the thigh forward of the trunk's line.", -30, 140),
        "hip_abduction": _angle(
            "Hip abduction, the leg out to the side; negative brings it across towards "
            "the other leg (lying on the side, so that the heels meet). Default 0.",
            -30,
            60,
        ),
        "hip_rotation": _angle(
            "Hip external rotation, turning the whole leg outwards about the trunk's line: "
            "it opens the knee in the clam shell. Default 0.",
            -45,
            60,
        ),
        "knee": _angle("Knee flexion: 0 is straight.", 0, 160),
        "ankle": _angle(
            "Ankle dorsiflexion (toes towards the shin) positive, pointing the foot negative.",
            -60,
            40,
        ),
        "shoulder": _angle(
            "Shoulder flexion: the arm raised forwards (90 points it straight ahead of the "
            "chest, 180 beside the head).",
            -60,
            180,
        ),
        "elbow": _angle("Elbow flexion: 0 is straight.", 0, 160),
    },
    description="Joint angles for one side, neutral-zero (0 is standing, flexion positive).",
)

_POSE = _object(
    ["caption"],
    {
        "from": {
            "type": "string",
            "minLength": 1,
            "description": "Another pose's name: start from its angles and change only the "
            "ones given here.",
        },
        "caption": _text("One line under the picture, such as 'Start: on your back'."),
        "lying": {
            "enum": ["back", "side"],
            "description": "How the body rests on the floor: on the back, or on the side.",
        },
        "trunk": _angle(
            "The trunk's angle to the floor; positive lifts the hips above the shoulders.",
            -10,
            60,
        ),
        "head": _angle("Neck flexion: positive lifts the head off the floor.", -20, 70),
        "near": {
            **_LIMB,
            "description": "The limbs nearer you (lying on the side: the upper ones).",
        },
        "far": {
            **_LIMB,
            "description": "The other limbs; where a pose leaves them out, the same as near.",
        },
        "both": {**_LIMB, "description": "Angles for both sides at once; near and far win."},
    },
)

FIGURE: Schema = _object(
    ["view", "poses"],
    {
        "view": {
            "enum": ["side", "front"],
            "description": "Where the picture is seen from, at floor level: side (for a pose "
            "on the back) or front (for a pose on the side).",
        },
        "band": {
            "enum": ["above-knees", "below-knees"],
            "description": "Where the band is drawn: just above or just below the knees.",
        },
        "poses": {
            "type": "object",
            "required": ["start"],
            "minProperties": 2,
            "additionalProperties": _POSE,
            "description": "Named positions in the order of the movement: start first, then "
            "the end of the movement (such as top). A pose needs lying, trunk, head and "
            "every near angle, or `from:` another pose.",
        },
    },
    description="The exercise's positions as joint angles, to draw it (optional).",
)

EXERCISE: Schema = _object(
    [
        "id",
        "name",
        "aliases",
        "area",
        "summary",
        "why",
        "equipment",
        "steps",
        "cues",
        "mistakes",
        "each_side",
        "easier",
        "harder",
        "sources",
    ],
    {
        "id": _id("The exercise's id; must match the file name (glute-bridge.yaml: glute-bridge)."),
        "name": _text("The name people know it by."),
        "aliases": _text_list("Other names `backpain show` accepts."),
        "area": _text("What it strengthens, such as 'glutes' or 'deep core'."),
        "summary": _text("One line: why it helps."),
        "why": _text("Why it helps a lower back."),
        "equipment": _object(
            ["band"],
            {
                "band": {"type": "boolean", "description": "Whether a band is used."},
                "placement": _text(
                    "Where the band goes, such as 'just below the knees'; needed when band is true."
                ),
                "note": _text("Anything else about equipment."),
            },
            **{
                "if": {"properties": {"band": {"const": True}}},
                "then": {"required": ["placement"]},
            },
        ),
        "steps": _text_list("The steps, in order.", min_items=1),
        "cues": _text_list("Short reminders while moving."),
        "mistakes": _text_list("Common mistakes to avoid."),
        "each_side": {
            "enum": [True, False, "alternating"],
            "description": "Whether it is done on each side: true (all the repetitions on one "
            "side, then the other), alternating (the sides take turns, repetition by "
            "repetition) or false.",
        },
        "words": _object(
            [],
            {
                "lift": _text("Said and shown for the first part of a repetition. Default: lift."),
                "hold": _text("For the pause at the top. Default: hold."),
                "lower": _text("For the way back. Default: lower."),
            },
            description="The exercise's own words for the parts of a repetition, spoken and "
            "shown in a guided session, such as open and close for the clam shell (optional).",
        ),
        "first_side": {
            "enum": ["left", "right"],
            "description": "For an exercise done on each side: which side comes first "
            "(default left).",
        },
        "side_is": {
            "enum": ["side", "leg", "arm"],
            "description": "What changes between sides, as the guided session names it: "
            "'your left side' (the side you lie on) or 'your left leg' (default side).",
        },
        "easier": _text_list("Easier variants."),
        "harder": _text_list("Harder variants."),
        "note": _text(
            "A note for the person doing it, from whoever hands the routine out (optional)."
        ),
        "figure": FIGURE,
        "sources": _SOURCES,
    },
    title="backpain exercise (content/exercises/ID.yaml)",
)

BANDS: Schema = _object(
    [
        "levels",
        "colour_caution",
        "stretch_note",
        "choosing",
        "moving_up",
        "safety_check",
        "where_to_buy",
    ],
    {
        "levels": {
            "type": "array",
            "minItems": 1,
            "description": "Band levels, lightest first.",
            "items": _object(
                ["id", "name", "resistance"],
                {
                    "id": _id("The colour as typed on the command line."),
                    "name": _text("The colour as shown."),
                    "resistance": _text("How heavy it is, in words."),
                },
            ),
        },
        "colour_caution": _text("That colour order differs between makers."),
        "stretch_note": _text("How stretch changes a band's force."),
        "choosing": _text("How to choose a band."),
        "moving_up": _text("When to move up a band."),
        "safety_check": _text("Checking a band before use."),
        "where_to_buy": _SOURCE,
    },
    title="backpain band levels (content/bands.yaml)",
)

DOSAGE: Schema = _object(
    ["exercise", "sets", "reps", "hold_seconds", "rest_seconds"],
    {
        "exercise": _id("The id of an exercise in content/exercises/."),
        "sets": _whole("Number of sets.", 1, 10),
        "reps": _whole("Repetitions per set (each side, for one-sided exercises).", 1, 50),
        "hold_seconds": _whole("Pause or hold at the top of each repetition.", 0, 120),
        "rest_seconds": _whole("Rest after each set.", 0, 600),
    },
)

PROGRESS: Schema = _object(
    [
        "move_up_after_sessions",
        "move_up_max_pain_after",
        "step_down_min_pain_after",
        "see_professional_red_sessions",
        "window_days",
        "min_days_between",
        "basis",
    ],
    {
        "move_up_after_sessions": _whole(
            "Sessions in a row at one band, all sets done and pain after low, before moving up.",
            1,
            20,
        ),
        "move_up_max_pain_after": _whole(
            "The highest pain after a session (0-10) that still counts towards moving up.", 0, 10
        ),
        "step_down_min_pain_after": _whole(
            "Pain after a session (0-10) at or above which the advice is to step down.", 1, 10
        ),
        "see_professional_red_sessions": _whole(
            "How many sessions with pain after at or above step_down_min_pain_after, within "
            "window_days, mean it is time to see a professional.",
            1,
            20,
        ),
        "window_days": _whole(
            "Days looked back over for repeated red pain, and for improvement in pain.", 7, 90
        ),
        "min_days_between": _whole(
            "Days from one session to the next for both to count towards moving up "
            "(2: a rest day between them).",
            1,
            7,
        ),
        "basis": _text_list("Where the rules come from.", min_items=1),
    },
    description="When `backpain progress` advises moving up, stepping down or seeing a "
    "professional.",
)

SESSIONS: Schema = _object(
    ["sessions_per_week", "tempo", "get_ready_seconds", "basis", "bands", "progress"],
    {
        "title": _text("The routine's title, at the top of the handout (optional)."),
        "sessions_per_week": _whole("How many sessions a week.", 1, 7),
        "tempo": _object(
            ["lift_seconds", "lower_seconds"],
            {
                "lift_seconds": _whole("Seconds to lift in each repetition.", 1, 10),
                "lower_seconds": _whole("Seconds to lower in each repetition.", 1, 10),
            },
        ),
        "get_ready_seconds": _whole("Countdown before each exercise in a guided session.", 0, 60),
        "first_get_ready_seconds": _whole(
            "The countdown before the first exercise: time to get down on the floor with the "
            "band on (default: get_ready_seconds).",
            0,
            120,
        ),
        "basis": _text_list("Where the numbers come from.", min_items=1),
        "note": _text("A note for the whole routine, from whoever hands it out."),
        "bands": {
            "type": "object",
            "minProperties": 1,
            "description": "For each band id in bands.yaml, the session's exercises in order.",
            "additionalProperties": {"type": "array", "minItems": 1, "items": DOSAGE},
        },
        "progress": PROGRESS,
    },
    title="backpain sessions (content/sessions.yaml)",
)

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _phase(variants: bool) -> Schema:
    properties: dict[str, Schema] = {
        "name": _text("What the phase is called, as the plan shows it."),
        "weeks": _whole("How many weeks it lasts at least.", 1, 26),
        "band": _id("The band it uses: a band id from bands.yaml."),
    }
    required = ["name", "weeks", "band"]
    if variants:
        properties["variants"] = {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": _text(
                "The harder variant to do instead: one of the exercise's `harder` list."
            ),
            "description": "For each exercise id, the harder variant to do in this phase.",
        }
        required.append("variants")
    return _object(required, properties)


PROGRAMME: Schema = _object(
    ["days", "consecutive_days", "step_back_after_poor_sessions", "phases", "basis"],
    {
        "days": {
            "type": "array",
            "minItems": 1,
            "maxItems": 7,
            "items": {"enum": WEEKDAYS},
            "description": "The weekdays sessions fall on unless `backpain plan --days` says "
            "otherwise (mon to sun).",
        },
        "consecutive_days": {
            "type": "boolean",
            "description": "Whether sessions may fall on days next to each other.",
        },
        "step_back_after_poor_sessions": _whole(
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
        "basis": _text_list("Where the rules come from.", min_items=1),
    },
    title="backpain programme over weeks (content/programme.yaml)",
)

_PAIN_LEVEL = _whole("A pain score, 0 to 10.", 0, 10)

DISCLAIMER: Schema = _object(
    ["disclaimer", "short", "stop_rules", "red_flags", "pain_guide", "sources"],
    {
        "disclaimer": _text("The full disclaimer."),
        "short": _text("A one-line disclaimer."),
        "stop_rules": _text_list("When to stop and when to seek help.", min_items=1),
        "red_flags": {
            "type": "array",
            "minItems": 1,
            "description": "Signs that need medical help, grouped by urgency.",
            "items": _object(
                ["level", "action", "signs"],
                {
                    "level": _text("How urgent."),
                    "action": _text("What to do."),
                    "signs": _text_list("The signs.", min_items=1),
                },
            ),
        },
        "pain_guide": {
            "type": "array",
            "minItems": 1,
            "description": "The pain traffic light, from 0 up to 10 without gaps.",
            "items": _object(
                ["colour", "low", "high", "meaning"],
                {
                    "colour": _text("The colour of this range."),
                    "low": _PAIN_LEVEL,
                    "high": _PAIN_LEVEL,
                    "meaning": _text("What to do in this range."),
                },
            ),
        },
        "sources": _SOURCES,
    },
    title="backpain disclaimer, red flags and pain guide (content/disclaimer.yaml)",
)

SCHEMAS: dict[str, Schema] = {
    "exercise": EXERCISE,
    "bands": BANDS,
    "sessions": SESSIONS,
    "disclaimer": DISCLAIMER,
    "programme": PROGRAMME,
}


def document(kind: str) -> Schema:
    """The stand-alone JSON Schema document for one kind of content file."""
    return {"$schema": DIALECT, **SCHEMAS[kind]}
