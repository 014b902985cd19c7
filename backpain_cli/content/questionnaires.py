"""questionnaires/*.yaml: the outcome questionnaires of a content folder (optional), each
checked against its schema and then for what a schema cannot say (its id and file name,
fixed or named items, a threshold inside the score's range), with FILE:LINE problems.

They are read only by the commands that ask or report them (check-in, progress, report,
the guided session's weekly offer), not with the rest of the content: a glance at
`list` or `today` never parses them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from backpain_cli.content.document import Document
from backpain_cli.content.schema_types import SOURCES, Schema, ident, obj, text, whole
from backpain_cli.errors import ContentError, Problem
from backpain_cli.models import MEAN, PERCENT, SCORINGS, SUM, Source

if TYPE_CHECKING:
    from backpain_cli.records import Questionnaire, Scale

QUESTIONNAIRES_DIR = "questionnaires"

_THRESHOLD = obj(
    ["of", "words", "source"],
    {
        "of": {
            "enum": ["score", "item"],
            "description": "Whether it is a change in the whole score, or in one item.",
        },
        "points": {
            "type": "number",
            "minimum": 0,
            "description": "The change in the score's own points (more than 0, at most the "
            "score's whole range).",
        },
        "percent": whole("The change as a percentage of the first score.", 1, 100),
        "words": text(
            "How a sentence names it, after 'more than' or 'less than': such as 'the 2 points "
            "(or 30%) a person notices'."
        ),
        "source": text(
            "Who found it: authors, year and journal. Required: no number without its source."
        ),
    },
    description="A change that a source says matters: a minimal clinically important "
    "difference, or a smallest detectable change. Give points, percent or both.",
)

QUESTIONNAIRE: Schema = obj(
    [
        "id",
        "name",
        "full_name",
        "score_name",
        "about",
        "recall",
        "every_days",
        "better",
        "scale",
        "scoring",
        "mcid",
        "licence",
        "sources",
    ],
    {
        "id": ident("The questionnaire's id; must match the file name (psfs.yaml: psfs)."),
        "name": text("What the person sees it called, such as 'Activities you find hard'."),
        "full_name": text(
            "Its published name, for the report: 'Patient-Specific Functional Scale (PSFS)'."
        ),
        "score_name": text("How a sentence names the score: 'Your activities score rose ...'."),
        "about": text("What it asks and why, said before the first question."),
        "recall": text(
            "The period the answers are about, such as 'today' or 'over the past 7 days'."
        ),
        "every_days": whole("How often it is asked, in days (7: once a week).", 1, 365),
        "better": {
            "enum": ["higher", "lower"],
            "description": "Whether a higher score is better (function) or worse (pain).",
        },
        "scale": obj(
            ["low", "high", "low_means", "high_means"],
            {
                "low": whole("The lowest answer.", 0, 100),
                "high": whole("The highest answer.", 1, 100),
                "low_means": text("What the lowest answer means."),
                "high_means": text("What the highest answer means."),
            },
            description="The answer scale of every item: whole numbers from low to high.",
        ),
        "scoring": {
            "enum": list(SCORINGS),
            "description": "How the answers make the score: their mean, their sum, or their "
            "sum as a percentage of the most it can be.",
        },
        "items": {
            "type": "array",
            "minItems": 1,
            "items": obj(
                ["id", "question"],
                {
                    "id": ident("The item's id, as --answer names it."),
                    "question": text("The question, as asked."),
                },
            ),
            "description": "The fixed questions (give items: or named:, not both).",
        },
        "named": obj(
            ["fewest", "most", "ask", "question", "what"],
            {
                "fewest": whole("The fewest items the person names.", 1, 10),
                "most": whole("The most items the person names.", 1, 10),
                "ask": text("Asks the person to name one."),
                "question": text("Asks how it is now; the named item follows it."),
                "what": text("What one is called, such as 'activity'."),
            },
            description="Items the person names at their first check-in and rates at every "
            "one after, such as the activities of the PSFS (give items: or named:, not both).",
        ),
        "mcid": {
            "type": "array",
            "minItems": 1,
            "items": _THRESHOLD,
            "description": "The changes that matter, each with its source. The first of each "
            "kind (score, item) is the one change is judged against; the others are listed "
            "in the report.",
        },
        "licence": obj(
            ["holder", "terms"],
            {
                "holder": text(
                    "Who holds the rights to the questionnaire ('none' when nobody does)."
                ),
                "terms": text("On what terms its wording is used here."),
            },
            description="Required: a questionnaire whose text needs a licence may be added "
            "only under one its holder has given.",
        ),
        "sources": SOURCES,
    },
    title="backpain outcome questionnaire (content/questionnaires/ID.yaml, optional)",
)


def questionnaire_names(root: str) -> list[str]:
    """The questionnaire files in a content folder (questionnaires/*.yaml and *.yml)."""
    from backpain_cli.content.files import yaml_names

    return yaml_names(os.path.join(root, QUESTIONNAIRES_DIR), lambda e: e.is_file())


def load_questionnaires(root: str | os.PathLike[str]) -> tuple[Questionnaire, ...]:
    """Every questionnaire in ``root``, checked, in file order; ContentError naming each
    problem's file and line. None at all is fine: a content folder may have none."""
    from backpain_cli.content.cache import ContentCache
    from backpain_cli.content.load import read_checked

    folder = os.fspath(root)
    cache = ContentCache(folder, "questionnaires")
    problems: list[Problem] = []
    found: list[Questionnaire] = []
    made_in: list[str] = []
    names = [f"{QUESTIONNAIRES_DIR}/{name}" for name in questionnaire_names(folder)]
    for name in names:
        doc = read_checked(folder, name, "questionnaire", problems, cache)
        if doc is not None:
            made = build_questionnaire(doc, name, problems)
            if made is not None:
                found.append(made)
                made_in.append(name)
    cache.save(set(names))
    seen: dict[str, str] = {}
    for name, made in zip(made_in, found, strict=True):
        if made.id in seen:
            problems.append(Problem(name, f"the id '{made.id}' is also {seen[made.id]}'s"))
        seen.setdefault(made.id, name)
    if problems:
        raise ContentError(problems)
    return tuple(found)


def build_questionnaire(doc: Document, name: str, problems: list[Problem]) -> Questionnaire | None:
    """A questionnaire file, already checked against its schema, as a Questionnaire; None
    after adding to ``problems`` what the schema cannot see."""
    from backpain_cli.records import Licence, Named, Question, Questionnaire, Scale, Threshold

    data: dict[str, Any] = doc.data
    before = len(problems)

    def fail(message: str, path: str) -> None:
        problems.append(Problem(name, message, doc.line(path), path))

    stem = os.path.splitext(os.path.basename(name))[0]
    if data["id"] != stem:
        fail(f"the id '{data['id']}' must match the file name ({stem})", "id")
    scale = Scale(**data["scale"])
    if scale.high <= scale.low:
        fail(f"high ({scale.high}) must be above low ({scale.low})", "scale.high")
    has_items, has_named = "items" in data, "named" in data
    if has_items == has_named:
        fail("give either items: (fixed questions) or named: (items the person names), "
             "exactly one of them", "")  # fmt: skip
    named = None
    if has_named:
        named = Named(**data["named"])
        if named.fewest > named.most:
            fail(f"fewest ({named.fewest}) is more than most ({named.most})", "named.fewest")
    items = tuple(Question(i["id"], i["question"]) for i in data.get("items", []))
    ids = [i.id for i in items]
    for index, item in enumerate(ids):
        if item in ids[:index]:
            fail(f"the item id '{item}' is used twice", f"items[{index}].id")
    count = len(items) if items else (named.most if named else 1)
    span = score_span(data["scoring"], scale, count)
    thresholds = []
    for index, t in enumerate(data["mcid"]):
        at = f"mcid[{index}]"
        points, percent = t.get("points"), t.get("percent")
        if points is None and percent is None:
            fail("give points:, percent: or both: the size of the change", at)
        room = span if t["of"] == "score" else scale.high - scale.low
        if points is not None and not 0 < points <= room:
            what = "the score" if t["of"] == "score" else "one item"
            fail(f"{points} points is outside what {what} can change by (more than 0, at most "
                 f"{room:g}); give the change the source gives", f"{at}.points")  # fmt: skip
        if t["of"] == "item" and named is None and len(items) < 2:
            fail("of: item needs more than one item to judge; use of: score", f"{at}.of")
        thresholds.append(Threshold(t["of"], points, percent, t["words"], t["source"]))
    if not any(t.of == "score" for t in thresholds):
        fail("give at least one mcid entry with of: score, the change the score is judged "
             "against", "mcid")  # fmt: skip
    if len(problems) > before:
        return None
    return Questionnaire(
        id=data["id"],
        name=data["name"],
        full_name=data["full_name"],
        score_name=data["score_name"],
        about=data["about"],
        recall=data["recall"],
        every_days=data["every_days"],
        higher_is_better=data["better"] == "higher",
        scale=scale,
        scoring=data["scoring"],
        items=items,
        named=named,
        thresholds=tuple(thresholds),
        licence=Licence(**data["licence"]),
        sources=tuple(Source(s["title"], s.get("url"), s.get("covers")) for s in data["sources"]),
    )


def score_range(scoring: str, scale: Scale, items: int) -> tuple[float, float]:
    """The lowest and highest score: the scale's for a mean, ``items`` times it for a
    sum, 0 to 100 for a percentage."""
    low = 0 if scoring == PERCENT else scale.low * (items if scoring == SUM else 1)
    return low, low + score_span(scoring, scale, items)


def score_span(scoring: str, scale: Scale, items: int) -> float:
    """The whole range a score can move over: the scale's for a mean, ``items`` times it
    for a sum, 100 for a percentage."""
    width = scale.high - scale.low
    if scoring == MEAN:
        return width
    if scoring == SUM:
        return width * items
    assert scoring == PERCENT
    return 100
