"""The building blocks of the content's JSON Schemas (content.schemas): text, whole
numbers, angles, ids, mappings and sources, each with its description."""

from __future__ import annotations

from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

Schema = dict[str, Any]


def text(description: str) -> Schema:
    return {"type": "string", "minLength": 1, "description": description}


def text_list(description: str, min_items: int = 0) -> Schema:
    schema: Schema = {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "description": description,
    }
    if min_items:
        schema["minItems"] = min_items
    return schema


def whole(description: str, minimum: int, maximum: int) -> Schema:
    return {
        "type": "integer",
        "minimum": minimum,
        "maximum": maximum,
        "description": description,
    }


def obj(required: list[str], properties: dict[str, Schema], **extra: Any) -> Schema:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        **extra,
    }


def ident(description: str) -> Schema:
    return {
        "type": "string",
        "pattern": ID_PATTERN,
        "description": description + " Lower-case letters and digits joined by hyphens.",
    }


SOURCE = obj(
    ["title"],
    {
        "title": text("What the source is."),
        "url": {"type": "string", "pattern": "^https?://", "description": "A web address."},
        "covers": text("Which fields this source backs."),
    },
)
SOURCES = {
    "type": "array",
    "minItems": 1,
    "items": SOURCE,
    "description": "Where the facts come from.",
}


def angle(description: str, low: float, high: float) -> Schema:
    return {
        "type": "number",
        "minimum": low,
        "maximum": high,
        "description": description + f" Degrees, {low:g} to {high:g}.",
    }
