"""Check a parsed content file against its JSON Schema (content.schemas).

The checker understands the part of JSON Schema the schemas use, and reports
every problem with the file, line and field path, with a did-you-mean for a
misspelt field and a hint when YAML read a word as something other than text.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from backpain_cli.checked import finite
from backpain_cli.content.document import Document, child_path
from backpain_cli.content.schema_types import Schema
from backpain_cli.errors import Problem

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}


def _is_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, dict)


def describe(value: Any) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = str(value)
        return f"the number {number if len(number) <= 20 else number[:17] + '...'}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return "a mapping of fields"


def check(doc: Document, schema: Schema, file: str) -> list[Problem]:
    """Every way ``doc`` breaks ``schema``, each with its line and field path."""
    problems: list[Problem] = []
    _check(doc.data, schema, "", doc, file, problems)
    return sorted(problems, key=lambda p: p.line or 0)


def _check(
    value: Any, schema: Schema, path: str, doc: Document, file: str, out: list[Problem]
) -> None:
    def fail(message: str, at: str = path) -> None:
        out.append(Problem(file, message, doc.line(at), at))

    if "const" in schema and value != schema["const"]:
        fail(f"expected {schema['const']!r}, found {describe(value)}")
        return
    if "enum" in schema:
        # Compared with their types, so that 1 is not taken for true.
        if not any(type(value) is type(v) and value == v for v in schema["enum"]):
            allowed = ", ".join(_yaml_word(v) for v in schema["enum"])
            fail(f"expected one of {allowed}, found {describe(value)}")
        return
    kind = schema.get("type")
    if kind is None and isinstance(value, dict) and "properties" in schema:
        kind = "object"
    if kind and not _is_type(value, kind):
        hint = ""
        if kind == "string" and (value is None or isinstance(value, (bool, int, float))):
            hint = " (put the value in quotes if you meant it as text)"
        elif kind == "string" and isinstance(value, dict):
            hint = " (a ': ' inside text starts a mapping; put the text in quotes)"
        if kind == "object" and not path:
            fail(f"expected {_TYPE_NAMES[kind]} at the top of the file, found {describe(value)}")
        else:
            fail(f"expected {_TYPE_NAMES[kind]}, found {describe(value)}{hint}")
        return
    if kind == "object":
        _check_object(value, schema, path, doc, file, out, fail)
    elif kind == "array":
        if len(value) < schema.get("minItems", 0):
            fail(f"needs at least {schema['minItems']} item(s), found {len(value)}")
        if len(value) > schema.get("maxItems", len(value)):
            fail(f"takes at most {schema['maxItems']} item(s), found {len(value)}")
            return
        for index, item in enumerate(value):
            _check(item, schema.get("items", {}), child_path(path, index), doc, file, out)
    elif kind == "string":
        if len(value.strip()) < schema.get("minLength", 0):
            fail("must not be empty")
        if "pattern" in schema and not re.search(_python(schema["pattern"]), value):
            fail(f"{describe(value)} is not valid: {schema.get('description', schema['pattern'])}")
    elif kind in ("integer", "number"):
        low, high = schema.get("minimum"), schema.get("maximum")
        span = (
            f"from {low} to {high}" if low is not None and high is not None
            else f"of {low} or more" if low is not None
            else f"of {high} or less" if high is not None
            else "that is finite"
        )  # fmt: skip
        if isinstance(value, float) and not finite(value):  # .nan passes every comparison
            fail(f"expected a number {span}, found {_yaml_word(value)}")
        elif (low is not None and value < low) or (high is not None and value > high):
            number = str(value) if len(str(value)) <= 20 else str(value)[:17] + "..."
            fail(f"expected a value {span}, found {number}")


def _check_object(
    value: dict[str, Any],
    schema: Schema,
    path: str,
    doc: Document,
    file: str,
    out: list[Problem],
    fail: Any,
) -> None:
    properties: dict[str, Schema] = schema.get("properties", {})
    required = list(schema.get("required", []))
    if "if" in schema and _matches(value, schema["if"]):
        required += schema.get("then", {}).get("required", [])
    for name in required:
        if name not in value:
            field = properties.get(name, {})
            expected = _TYPE_NAMES.get(field.get("type", ""), "a value")
            message = f"missing required field '{name}' ({expected})"
            if field.get("type") == "object" and field.get("description"):
                # A whole section is missing: say what it is for, and where to find one.
                message += (
                    f"; it says {field['description'][0].lower()}{field['description'][1:]} "
                    "`backpain content copy DEST` gives a complete example"
                )
            fail(message, path)
    if len(value) < schema.get("minProperties", 0):
        fail(f"needs at least {schema['minProperties']} field(s)")
    if len(value) > schema.get("maxProperties", len(value)):
        fail(f"takes at most {schema['maxProperties']} field(s), found {len(value)}")
        return
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        where = child_path(path, name)
        if name in properties:
            _check(item, properties[name], where, doc, file, out)
        elif extra is False:
            close = difflib.get_close_matches(name, list(properties), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(properties)
            fail(f"unknown field '{name}' ({hint})", where)
        elif isinstance(extra, dict):
            _check(item, extra, where, doc, file, out)


def _yaml_word(value: Any) -> str:
    """A value as it is written in YAML: true, false, .nan, .inf, a word."""
    if isinstance(value, float) and not finite(value):
        return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}[str(value)]
    return str(value).lower() if isinstance(value, bool) else str(value)


def _python(pattern: str) -> str:
    """A JSON Schema pattern (ECMA-262) for Python's re: there ``$`` also matches before
    a final line break, so that an id of "dead-bug\\n" would pass; ``\\Z`` does not."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


def _matches(value: Any, schema: Schema) -> bool:
    """Whether ``value`` passes ``schema`` (used for if/then)."""
    found: list[Problem] = []
    _check(value, schema, "", Document(value, {}), "", found)
    return not found
