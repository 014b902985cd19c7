"""The outcomes on screen: each questionnaire's latest score and its change in words (the
check-in, progress), with the week-by-week chart where there is room."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from backpain_cli.models import MEAN, PERCENT
from backpain_cli.outcomes import Outcome, decimals, in_words, number
from backpain_cli.records import CheckIn
from backpain_cli.render.widgets import Indented, bullets, safe_text, section
from backpain_cli.today import when


def latest_line(found: Outcome) -> str:
    """ "Activities you find hard: 4.3 on 9 Nov (0 unable to do it, 10 as well as ...)" """
    q = found.questionnaire
    if not found.scores:
        return f"{q.name}: not answered yet."
    last = found.scores[-1]
    scale = q.scale
    if q.scoring == MEAN:  # on the answers' own scale
        meaning = f"{scale.low} {scale.low_means}, {scale.high} {scale.high_means}"
    else:
        from backpain_cli.content.questionnaires import score_range

        low, high = score_range(q.scoring, scale, len(last.checkin.answers))
        better = "higher" if q.higher_is_better else "lower"
        unit = "%" if q.scoring == PERCENT else ""
        meaning = f"from {low:g}{unit} to {high:g}{unit}; {better} is better"
    return f"{q.name}: {number(last.score, decimals(q))} on {when(last.day)} ({meaning})."


def said(found: Outcome) -> list[str]:
    """What a questionnaire's check-ins say: its change in words, and each item's."""
    lines = []
    if found.change is not None:
        lines.append(in_words(found.change))
    lines += [in_words(item) for item in found.items]
    return lines


def outcome_block(found: Outcome) -> RenderableType:
    """One questionnaire: its latest score, then its change in words."""
    parts: list[RenderableType] = [safe_text(latest_line(found), "bold")]
    words = said(found)
    if words:
        parts.append(Indented(bullets(words)))
    elif len(found.scores) == 1:
        parts.append(Indented(safe_text("One check-in so far: the change shows from the next.")))
    return Group(*parts)


def outcomes_section(
    found: Sequence[Outcome], width: int, drawn: bool, braille: bool = True
) -> RenderableType:
    """Every questionnaire's scores and change, with the weekly chart (a table in a pipe)
    where it has two."""
    from backpain_cli.render.charts import checkin_chart

    parts: list[RenderableType] = []
    for index, item in enumerate(found):
        if index:
            parts.append(Text())
        parts.append(outcome_block(item))
        if len(item.scores) >= 2:
            parts.append(Indented(checkin_chart(item, width - 4, drawn, braille)))
    return section("Your check-ins", Group(*parts))


def checkin_screen(
    found: Sequence[Outcome],
    recorded: Sequence[CheckIn],
    day_text: str,
    width: int,
    drawn: bool,
    braille: bool = True,
) -> RenderableType:
    """After a check-in (or instead of one, in a pipe): what was kept, each questionnaire's
    scores and change, and when the next is due."""
    parts: list[RenderableType] = []
    if recorded:
        called = {o.questionnaire.id: o.questionnaire.name for o in found}
        listed = ", ".join(called.get(c.questionnaire, c.questionnaire) for c in recorded)
        parts += [safe_text(f"Check-in, {day_text}: kept ({listed}).", "bold"), Text()]
    parts.append(outcomes_section(found, width, drawn, braille))
    kept = {c.questionnaire for c in recorded}
    due = [o for o in found if o.due and o.questionnaire.id not in kept]
    following = [o.next_day for o in found if o.next_day is not None]
    parts.append(Text())
    if due:
        names = ", ".join(o.questionnaire.name for o in due)
        parts.append(safe_text(f"Due now: {names}.", "bold"))
        parts.append(safe_text(_how(due), "dim"))
    elif following:
        parts.append(safe_text(f"Next check-in: {when(min(following))}.", "dim"))
    return Group(*parts)


def _how(due: Sequence[Outcome]) -> str:
    """How to answer what is due, in a terminal or from a script."""
    examples = []
    for found in due:
        q = found.questionnaire
        if q.named is not None and not found.named:
            examples.append(f"--answer '{q.id}.{q.named.what.upper()}=N' ({q.named.fewest} to "
                            f"{q.named.most} of them)")  # fmt: skip
        elif q.named is not None:
            examples.append(" ".join(f"--answer {q.id}.{n}=N" for n in
                                     range(1, len(found.named) + 1)))  # fmt: skip
        elif len(q.items) == 1:
            examples.append(f"--answer {q.id}=N")
        else:
            examples.append(" ".join(f"--answer {q.id}.{i.id}=N" for i in q.items))
    return (
        "In a terminal, `backpain check-in` asks the questions; from a script, "
        f"`backpain check-in {' '.join(examples)}`."
    )
