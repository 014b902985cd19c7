"""Read one YAML document into plain Python values, safely and with line numbers.

PyYAML's own loaders lose line numbers, silently keep the last of two
duplicate keys, expand aliases (so an alias bomb can eat all memory) and, in
the C composer, can crash the interpreter on very deep nesting. So values are
built here from the parser's event stream: iteratively, with a depth limit and
a limit on the items of one list or mapping, no aliases, and only the plain YAML
types (text, numbers, true/false, null, lists and mappings). No tag ever
constructs an object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from backpain_cli.content.document import Document, child_path
from backpain_cli.errors import ContentError, Problem

MAX_DEPTH = 32
#: The most items one list or mapping holds: far beyond any routine, and a file of
#: thousands (a mistake or an attack) is refused at once, not read and drawn for seconds.
MAX_ITEMS = 1000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {None, "!", _CORE + "seq", _CORE + "map"}
_STR = _CORE + "str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: str
    key: str | None = None  # a mapping's key waiting for its value
    key_line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)


def parse(text: str, file: str) -> Document:
    """Parse ``text`` (the contents of ``file``) or raise ContentError."""
    lines: dict[str, int] = {}
    root: list[Any] = []  # the document's value, once complete
    problems: list[Problem] = []
    stack: list[_Frame] = []
    documents = 0

    def problem(message: str, line: int, path: str = "") -> None:
        problems.append(Problem(file, message, line, path))

    def next_path(line: int) -> str:
        """Where the value that starts now goes, recording its line."""
        if not stack:
            path = ""
        else:
            top = stack[-1]
            if isinstance(top.container, list):
                path = child_path(top.path, len(top.container))
            elif top.key is None:
                return ""  # a key, not a value
            else:
                path = child_path(top.path, top.key)
                line = top.key_line
        lines.setdefault(path, line)
        return path

    def attach(value: Any, line: int, is_scalar: bool) -> None:
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        if len(top.container) >= MAX_ITEMS and (isinstance(top.container, list) or top.key is None):
            raise ContentError(
                [
                    Problem(
                        file, f"more than {MAX_ITEMS} items in one list or mapping", line, top.path
                    )
                ]
            )
        if isinstance(top.container, list):
            top.container.append(value)
        elif top.key is None:
            if not is_scalar:
                problem("keys must be plain text, not a list or mapping", line, top.path)
                value = f"<complex key at line {line}>"
            key = str(value) if value is not None else "null"
            if key in top.key_lines:
                problem(
                    f"duplicate key '{key}' (first at line {top.key_lines[key]}); "
                    "YAML would silently keep only the last one, so remove one of them",
                    line,
                    child_path(top.path, key),
                )
            top.key_lines.setdefault(key, line)
            top.key, top.key_line = key, line
        else:
            top.container[top.key] = value
            top.key = None

    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ContentError(
                        [
                            Problem(
                                file,
                                "a content file holds one YAML document; remove the extra '---'",
                                line,
                            )
                        ]
                    )
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                path = next_path(line)
                if len(stack) >= MAX_DEPTH:
                    raise ContentError(
                        [Problem(file, f"nested more than {MAX_DEPTH} levels deep", line, path)]
                    )
                if event.tag not in _COLLECTION_TAGS:
                    problem(
                        f"the tag {_short(event.tag)} is not allowed in content; remove it",
                        line,
                        path,
                    )
                if isinstance(event, yaml.MappingStartEvent):
                    stack.append(_Frame({}, path))
                else:
                    stack.append(_Frame([], path))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                attach(frame.container, line, is_scalar=False)
            elif isinstance(event, yaml.ScalarEvent):
                path = next_path(line)
                attach(_scalar(event, path, line, problem), line, is_scalar=True)
            elif isinstance(event, yaml.AliasEvent):
                path = next_path(line)
                problem(
                    f"aliases (*{event.anchor}) are not supported in content; "
                    "write the value out in full",
                    line,
                    path,
                )
                attach(None, line, is_scalar=True)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f" (column {mark.column + 1})" if mark else ""
        explanation = "; ".join(p for p in (err.context, err.problem) if p)
        at = mark.line + 1 if mark is not None else None
        raise ContentError(
            [Problem(file, f"YAML syntax error{where}: {explanation}", at)]
        ) from None
    except yaml.YAMLError as err:
        raise ContentError([Problem(file, f"YAML error: {err}")]) from None
    if problems:
        raise ContentError(problems)
    return Document(root[0] if root else None, lines)


def _scalar(event: yaml.ScalarEvent, path: str, line: int, problem: Any) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        if event.implicit[0] and tag is None:
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
            if tag not in _SCALAR_TAGS:
                tag = _STR  # a date, for example, is kept as the text it was written as
        else:
            tag = _STR
    if tag not in _SCALAR_TAGS:
        problem(f"the tag {_short(tag)} is not allowed in content; remove it", line, path)
        return event.value
    node = yaml.ScalarNode(tag, event.value, style=event.style)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, yaml.YAMLError) as err:
        # A value that is not what its tag says (`!!int abc`, `!!bool maybe`), or a
        # number too long for Python to read.
        shown = event.value if len(event.value) <= 40 else event.value[:40] + "..."
        why = "it has too many digits" if "digits" in str(err) else f"it is not {_short(tag)}"
        problem(f"cannot read {shown!r}: {why}; write a plain value", line, path)
        return event.value


def _short(tag: str | None) -> str:
    return f"!!{tag[len(_CORE) :]}" if tag and tag.startswith(_CORE) else str(tag)
