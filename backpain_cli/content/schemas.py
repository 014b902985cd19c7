"""The shape of every content file, as JSON Schema (draft 2020-12): data, nothing else.

These schemas are the single statement of what a content file may hold: the
loader checks files against them (content.check) and `backpain content schema`
prints them for editors.
"""

from __future__ import annotations

from backpain_cli.content.figures import FIGURE
from backpain_cli.content.prescription import PRESCRIPTION
from backpain_cli.content.programme import PROGRAMME
from backpain_cli.content.questionnaires import QUESTIONNAIRE
from backpain_cli.content.schema_types import (
    DIALECT,
    SOURCE,
    SOURCES,
    Schema,
    ident,
    obj,
    text,
    text_list,
    whole,
)

_EXERCISE_FIELDS: dict[str, Schema] = {
    "id": ident("The exercise's id; must match the file name (glute-bridge.yaml: glute-bridge)."),
    "name": text("The name people know it by."),
    "aliases": text_list("Other names `backpain show` accepts."),
    "area": text("What it strengthens, such as 'glutes' or 'deep core'."),
    "summary": text("One line: why it helps."),
    "why": text("Why it helps a lower back."),
    "equipment": obj(
        ["band"],
        {
            "band": {"type": "boolean", "description": "Whether a band is used."},
            "placement": text(
                "Where the band goes, such as 'just below the knees'; needed when band is true."
            ),
            "note": text("Anything else about equipment."),
        },
        **{
            "if": {"properties": {"band": {"const": True}}},
            "then": {"required": ["placement"]},
        },
    ),
    "steps": text_list("The steps, in order.", min_items=1),
    "cues": text_list("Short reminders while moving."),
    "mistakes": text_list("Common mistakes to avoid."),
    "each_side": {
        "enum": [True, False, "alternating"],
        "description": "Whether it is done on each side: true (all the repetitions on one "
        "side, then the other), alternating (the sides take turns, repetition by "
        "repetition) or false.",
    },
    "words": obj(
        [],
        {
            "lift": text("Said and shown for the first part of a repetition. Default: lift."),
            "hold": text("For the pause at the top. Default: hold."),
            "lower": text("For the way back. Default: lower."),
        },
        description="The exercise's own words for the parts of a repetition, spoken and "
        "shown in a guided session, such as open and close for the clam shell (optional).",
    ),
    "first_side": {
        "enum": ["left", "right"],
        "description": "For an exercise done on each side: which side comes first (default left).",
    },
    "side_is": {
        "enum": ["side", "leg", "arm"],
        "description": "What changes between sides, as the guided session names it: "
        "'your left side' (the side you lie on) or 'your left leg' (default side).",
    },
    "note": text("A note for the person doing it, from whoever hands the routine out (optional)."),
    "voice": obj(
        [],
        {
            "position": text(
                "The starting position, as the coach says it (default: the figure's start)."
            ),
            "sides": {
                **text_list(
                    "For an exercise done on each side: what is said before the first side "
                    "(each set), then at the switch to the second, such as which side to lie on "
                    "and which leg works. One line for one whose sides take turns."
                ),
                "maxItems": 2,
            },
            "cue": text("The one thing to keep in mind, said last (default: the first cue)."),
        },
        description="What the guided session says as the exercise comes up, after its name "
        "and where the band goes (optional).",
    ),
    "figure": FIGURE,
    "sources": SOURCES,
}

_DOSE: Schema = obj(
    ["sets", "reps", "hold_seconds", "rest_seconds"],
    {
        "sets": whole("Number of sets.", 1, 10),
        "reps": whole("Repetitions per set (each side, for one-sided exercises).", 1, 50),
        "hold_seconds": whole("Pause or hold at the top of each repetition.", 0, 120),
        "rest_seconds": whole("Rest after each set.", 0, 600),
    },
)

#: What a variant may give of its own, as an exercise gives it.
_VARIANT_TAKES = ("name", "aliases", "summary", "why", "equipment", "steps", "cues", "mistakes",
                  "each_side", "words", "first_side", "side_is", "note", "voice")  # fmt: skip

VARIANT: Schema = obj(
    ["id", "name", "kind", "steps", "dose"],
    {
        **{key: _EXERCISE_FIELDS[key] for key in _VARIANT_TAKES},
        "id": ident("The variant's id, unique among every exercise and variant."),
        "kind": {
            "enum": ["easier", "harder"],
            "description": "Whether it makes the exercise easier (a step back when it "
            "hurts) or harder (after the strongest band).",
        },
        "dose": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": _DOSE,
            "description": "How much, for each band id in bands.yaml whose session has the "
            "exercise.",
        },
        "figure": {
            **FIGURE,
            "required": ["poses"],
            "description": "Its positions, where they differ from the exercise's: a pose may "
            "start `from:` one of the exercise's poses (optional: without it, the exercise's "
            "figure). view and band default to the exercise's.",
        },
    },
    description="An easier or harder way to do the exercise, with its own steps and dose; "
    "anything it leaves out (why, equipment, cues, sides, words, figure) is the exercise's.",
)

EXERCISE: Schema = obj(
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
        "sources",
    ],
    {
        **_EXERCISE_FIELDS,
        "variants": {
            "type": "array",
            "items": VARIANT,
            "description": "Its easier and harder variants, each a whole exercise of its own "
            "that a session can use instead (optional).",
        },
        "easier": text_list(
            "Other ways to make it easier, in words only (optional; a session can use only "
            "variants:)."
        ),
        "harder": text_list("Other ways to make it harder, in words only (optional)."),
    },
    title="backpain exercise (content/exercises/ID.yaml)",
)

BANDS: Schema = obj(
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
            "items": obj(
                ["id", "name", "resistance"],
                {
                    "id": ident("The colour as typed on the command line."),
                    "name": text("The colour as shown."),
                    "resistance": text("How heavy it is, in words."),
                },
            ),
        },
        "colour_caution": text("That colour order differs between makers."),
        "stretch_note": text("How stretch changes a band's force."),
        "choosing": text("How to choose a band."),
        "moving_up": text("When to move up a band."),
        "safety_check": text("Checking a band before use."),
        "where_to_buy": SOURCE,
    },
    title="backpain band levels (content/bands.yaml)",
)

DOSAGE: Schema = {
    **_DOSE,
    "required": ["exercise", *_DOSE["required"]],
    "properties": {
        "exercise": ident("The id of an exercise in content/exercises/."),
        **_DOSE["properties"],
    },
}


def _span(what: str) -> Schema:
    return obj(
        ["low", "high"],
        {"low": whole(f"Fewest {what}.", 1, 50), "high": whole(f"Most {what}.", 1, 50)},
        description=f"The fewest and most {what} the sources give.",
    )


_RANGE = obj(
    ["sets", "reps", "source"],
    {
        "sets": _span("sets"),
        "reps": _span("repetitions a set"),
        "source": text("Who gives them, such as 'South Tees NHS BackTracks'."),
    },
    description="The sets and repetitions the sources in `basis` give: a dose a prescription "
    "sets outside them is said to be the prescriber's, not the sources' (optional).",
)

PROGRESS: Schema = obj(
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
        "move_up_after_sessions": whole(
            "Sessions in a row at one band, all sets done and pain after low, before moving up.",
            1,
            20,
        ),
        "move_up_max_pain_after": whole(
            "The highest pain after a session (0-10) that still counts towards moving up.", 0, 10
        ),
        "step_down_min_pain_after": whole(
            "Pain after a session (0-10) at or above which the advice is to step down.", 1, 10
        ),
        "see_professional_red_sessions": whole(
            "How many sessions with pain after at or above step_down_min_pain_after, within "
            "window_days, mean it is time to see a professional.",
            1,
            20,
        ),
        "window_days": whole(
            "Days looked back over for repeated red pain, and for improvement in pain.", 7, 90
        ),
        "min_days_between": whole(
            "Days from one session to the next for both to count towards moving up "
            "(2: a rest day between them).",
            1,
            7,
        ),
        "severe_pain_before": whole(
            "Pain before a session (0-10) at or above which no session is offered that day: "
            "see a professional first (default 8). At least step_down_min_pain_after.",
            1,
            10,
        ),
        "break_days": whole(
            "Days without a session that make a break: after one, never move up straight away; "
            "come back at the same band or a lighter one, and count again (default 14).",
            2,
            365,
        ),
        "basis": text_list("Where the rules come from.", min_items=1),
    },
    description="When `backpain progress` advises moving up, stepping down or seeing a "
    "professional.",
)

SESSIONS: Schema = obj(
    ["sessions_per_week", "tempo", "get_ready_seconds", "basis", "bands", "progress"],
    {
        "title": text("The routine's title, at the top of the handout (optional)."),
        "sessions_per_week": whole("How many sessions a week.", 1, 7),
        "tempo": obj(
            ["lift_seconds", "lower_seconds"],
            {
                "lift_seconds": whole("Seconds to lift in each repetition.", 1, 10),
                "lower_seconds": whole("Seconds to lower in each repetition.", 1, 10),
            },
        ),
        "get_ready_seconds": whole("Countdown before each exercise in a guided session.", 0, 60),
        "first_get_ready_seconds": whole(
            "The countdown before the first exercise: time to get down on the floor with the "
            "band on (default: get_ready_seconds).",
            0,
            120,
        ),
        "feedback_seconds": whole(
            "After the last exercise of a guided session, how long it asks how the exercise "
            "felt (the rest after each other exercise asks too); 0 leaves the question out "
            "(default 15).",
            0,
            120,
        ),
        "switch_seconds": whole(
            "In a guided session, the least time to turn over between the sides, even with "
            "no get-ready countdown (default 5).",
            1,
            60,
        ),
        "pain_question": text(
            "What the coach says at the end, before it asks for the pain after the session."
        ),
        "basis": text_list("Where the numbers come from.", min_items=1),
        "range": _RANGE,
        "note": text("A note for the whole routine, from whoever hands it out."),
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

_PAIN_LEVEL = whole("A pain score, 0 to 10.", 0, 10)

DISCLAIMER: Schema = obj(
    ["disclaimer", "short", "stop_rules", "red_flags", "pain_guide", "sources"],
    {
        "disclaimer": text("The full disclaimer."),
        "short": text("A one-line disclaimer."),
        "stop_rules": text_list("When to stop and when to seek help.", min_items=1),
        "red_flags": {
            "type": "array",
            "minItems": 1,
            "description": "Signs that need medical help, grouped by urgency.",
            "items": obj(
                ["level", "action", "signs"],
                {
                    "level": text("How urgent."),
                    "action": text("What to do."),
                    "signs": text_list("The signs.", min_items=1),
                },
            ),
        },
        "pain_guide": {
            "type": "array",
            "minItems": 1,
            "description": "The pain traffic light, from 0 up to 10 without gaps.",
            "items": obj(
                ["colour", "low", "high", "meaning"],
                {
                    "colour": text("The colour of this range."),
                    "low": _PAIN_LEVEL,
                    "high": _PAIN_LEVEL,
                    "meaning": text("What to do in this range."),
                },
            ),
        },
        "sources": SOURCES,
    },
    title="backpain disclaimer, red flags and pain guide (content/disclaimer.yaml)",
)

SCHEMAS: dict[str, Schema] = {
    "exercise": EXERCISE,
    "bands": BANDS,
    "sessions": SESSIONS,
    "disclaimer": DISCLAIMER,
    "programme": PROGRAMME,
    "prescription": PRESCRIPTION,
    "questionnaire": QUESTIONNAIRE,
}


def document(kind: str) -> Schema:
    """The stand-alone JSON Schema document for one kind of content file."""
    return {"$schema": DIALECT, **SCHEMAS[kind]}
