"""Outcomes: a questionnaire's score, its change between the first and the latest
check-in, and that change against the threshold its source gives, in words.

Pure: the questionnaires (content), the check-ins (journal) and the day come in as
arguments. `check-in`, `progress` and the report all take their scores, changes and
sentences from here, so they never disagree. A change is said against its source's
threshold ("more than the 2 points a person notices"): never as a diagnosis, never as
a promise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.models import MEAN, SUM
from backpain_cli.records import CheckIn, Questionnaire, Threshold

#: Scores closer than this count as equal (a mean of whole numbers is not exact in binary).
_CLOSE = 1e-9
BETTER, WORSE, SAME = "better", "worse", "same"


class Scored(NamedTuple):
    """One answered check-in and its score."""

    day: date
    score: float
    checkin: CheckIn


class Change(NamedTuple):
    """From the first to the latest score (of a questionnaire, or of one of its items),
    against the threshold that judges it."""

    name: str  # "Your activities score", "Climbing stairs"
    first: float
    latest: float
    first_day: date
    latest_day: date
    delta: float  # latest - first
    percent: float | None  # the change as a percentage of the first score (None from 0)
    threshold: Threshold
    passes: bool  # at least the threshold's points, or its percentage
    direction: str  # BETTER, WORSE or SAME
    decimals: int  # how many decimals the scores are shown with


def score(questionnaire: Questionnaire, answers: Sequence[int]) -> float:
    """The score of one check-in's answers: their mean, their sum, or their sum as a
    percentage of the most it can be (from the scale's lowest)."""
    if not answers:
        raise ValueError("no answers to score")
    if questionnaire.scoring == MEAN:
        return sum(answers) / len(answers)
    if questionnaire.scoring == SUM:
        return float(sum(answers))
    scale = questionnaire.scale
    top = len(answers) * (scale.high - scale.low)
    return 100 * (sum(answers) - len(answers) * scale.low) / top


def fits(questionnaire: Questionnaire, checkin: CheckIn) -> bool:
    """Whether a check-in's answers fit the questionnaire as the content has it now: every
    fixed item once, in order, or as many named items as it allows, each answer on the
    scale. (One kept before the content changed may not; it is left out of the scores.)"""
    answers = checkin.answers
    if checkin.questionnaire != questionnaire.id or not answers:
        return False
    scale = questionnaire.scale
    if not all(scale.low <= answer <= scale.high for _item, answer in answers):
        return False
    if questionnaire.named is not None:
        named = questionnaire.named
        items = [item for item, _answer in answers]
        return named.fewest <= len(answers) <= named.most and len(set(items)) == len(items)
    return tuple(item for item, _answer in answers) == tuple(i.id for i in questionnaire.items)


def scored(questionnaire: Questionnaire, checkins: Sequence[CheckIn]) -> list[Scored]:
    """The questionnaire's answered check-ins that fit it, oldest first, with their scores."""
    return [
        Scored(c.day, score(questionnaire, [a for _i, a in c.answers]), c)
        for c in sorted(checkins, key=lambda c: (c.day, c.id))
        if fits(questionnaire, c)
    ]


def named_items(questionnaire: Questionnaire, checkins: Sequence[CheckIn]) -> tuple[str, ...]:
    """What the person named at their first check-in of a questionnaire with named items
    (the activities of the PSFS), to be rated again at every one after; () before it."""
    if questionnaire.named is None:
        return ()
    first = next(iter(scored(questionnaire, checkins)), None)
    return tuple(item for item, _answer in first.checkin.answers) if first else ()


def asked(questionnaire: Questionnaire, checkins: Sequence[CheckIn], day: date) -> list[date]:
    """The days up to ``day`` the questionnaire was answered in full or declined; one
    left half-way (interrupted, its answers kept) is asked again."""
    return [
        c.day for c in checkins
        if c.questionnaire == questionnaire.id and c.day <= day
        and (not c.answers or fits(questionnaire, c))
    ]  # fmt: skip


def due(questionnaire: Questionnaire, checkins: Sequence[CheckIn], day: date) -> bool:
    """Whether the questionnaire is due on ``day``: never asked (answered or declined), or
    last asked its ``every_days`` or more before."""
    days = asked(questionnaire, checkins, day)
    return not days or (day - max(days)).days >= questionnaire.every_days


def decimals(questionnaire: Questionnaire) -> int:
    """Decimals a score is shown with: none when every score is a whole number (one item,
    or a sum), else one."""
    whole = questionnaire.scoring == SUM or (
        questionnaire.scoring == MEAN and questionnaire.named is None
        and len(questionnaire.items) == 1
    )  # fmt: skip
    return 0 if whole else 1


def each_day(found: Sequence[Scored]) -> list[Scored]:
    """One check-in a day, the day's latest (a check-in answered again the same day stands
    for it), oldest first: a change is measured between days, never within one."""
    return list({item.day: item for item in found}.values())


def change(questionnaire: Questionnaire, found: Sequence[Scored]) -> Change | None:
    """The change in the score from the first day's check-in to the latest's; None before
    check-ins on two days."""
    threshold = questionnaire.judged_by("score")
    days = each_day(found)
    if len(days) < 2 or threshold is None:
        return None
    first, latest = days[0], days[-1]
    return _change(
        questionnaire, f"Your {questionnaire.score_name}", first.score, latest.score,
        first.day, latest.day, threshold, decimals(questionnaire),
    )  # fmt: skip


def item_changes(questionnaire: Questionnaire, found: Sequence[Scored]) -> list[Change]:
    """Each item's change from the first day's check-in to the latest's, judged by the
    threshold for one item (the activities of the PSFS); [] without such a threshold or
    check-ins on two days."""
    threshold = questionnaire.judged_by("item")
    days = each_day(found)
    if len(days) < 2 or threshold is None:
        return []
    first, latest = days[0], days[-1]
    now = dict(latest.checkin.answers)
    changes = []
    for item, answer in first.checkin.answers:
        if item not in now:
            continue
        name = next((q.question for q in questionnaire.items if q.id == item), item)
        name = name[:1].upper() + name[1:]
        changes.append(_change(questionnaire, name, answer, now[item], first.day, latest.day,
                               threshold, 0))  # fmt: skip
    return changes


def _change(
    questionnaire: Questionnaire,
    name: str,
    first: float,
    latest: float,
    first_day: date,
    latest_day: date,
    threshold: Threshold,
    places: int,
) -> Change:
    delta = latest - first
    size = abs(delta)
    percent = 100 * delta / first if abs(first) > _CLOSE else None
    passes = (threshold.points is not None and size >= threshold.points - _CLOSE) or (
        threshold.percent is not None
        and percent is not None
        and abs(percent) >= threshold.percent - _CLOSE
    )
    if size <= _CLOSE:
        direction = SAME
    else:
        direction = BETTER if (delta > 0) == questionnaire.higher_is_better else WORSE
    return Change(name, first, latest, first_day, latest_day, delta, percent, threshold,
                  passes, direction, places)  # fmt: skip


def number(value: float, places: int) -> str:
    """A score as shown: "6", "3.3"."""
    return f"{value:.{places}f}"


def signed(value: float, places: int) -> str:
    """A change as shown: "+2.7", "-3", "0"."""
    shown = number(abs(value), places)
    if float(shown) == 0:
        return shown
    return ("+" if value > 0 else "-") + shown


def in_words(found: Change) -> str:
    """The change in one sentence, against its threshold: "Your activities score rose from
    3.3 to 6.0 (+2.7, better): more than 2 points, a change larger than the scale's own
    error." Never a diagnosis or a promise: what changed, and how it compares."""
    places = found.decimals
    first, latest = number(found.first, places), number(found.latest, places)
    if found.direction == SAME:
        moved = f"stayed at {latest}"
        how = "no change"
    else:
        moved = f"{'rose' if found.delta > 0 else 'fell'} from {first} to {latest}"
        how = signed(found.delta, places)
        if found.threshold.percent is not None and found.percent is not None:
            how += f", {signed(found.percent, 0)}%"
        how += f", {found.direction}"
    return f"{found.name} {moved} ({how}): {compared(found)} {found.threshold.words}."


def compared(found: Change) -> str:
    """ "more than", "as much as" or "less than" the threshold."""
    if not found.passes:
        return "less than"
    points = found.threshold.points
    exactly = points is not None and abs(abs(found.delta) - points) <= _CLOSE
    return "as much as" if exactly else "more than"


def weeks(found: Sequence[Scored]) -> list[tuple[date, float]]:
    """The score of each week with a check-in (the week's latest), keyed by its Monday,
    oldest first: what the charts draw."""
    by_week: dict[date, float] = {}
    for item in found:
        by_week[item.day - timedelta(days=item.day.weekday())] = item.score
    return sorted(by_week.items())


#: The longest a named item (an activity) may be.
MOST_NAME = 80


def named_item(text: str) -> str:
    """What the person named (an activity), tidied; ValueError says what is wrong."""
    name = " ".join(text.split())
    if not name:
        raise ValueError("the name is empty")
    if len(name) > MOST_NAME:
        raise ValueError(f"the name is {len(name)} characters long; keep it to {MOST_NAME}")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 or 0xD800 <= ord(c) < 0xE000 for c in name):
        raise ValueError("the name holds a control character; use plain text")
    return name


def answers_for(
    questionnaire: Questionnaire,
    given: Sequence[tuple[str | None, int]],
    before: Sequence[str] = (),
) -> tuple[tuple[str, int], ...]:
    """The answers to keep for one check-in, in the questionnaire's order, from what was
    given as (item, answer): a fixed item's id (None when there is one item), or for named
    items, at the first check-in their names, and after it the names given then (or their
    numbers, from 1). ValueError says what is wrong, and how to put it right."""
    scale = questionnaire.scale
    for item, answer in given:
        if not scale.low <= answer <= scale.high:
            what = f" for {item}" if item else ""
            raise ValueError(
                f"{answer}{what} is outside the scale; give a whole number from {scale.low} "
                f"({scale.low_means}) to {scale.high} ({scale.high_means})"
            )
    qid = questionnaire.id
    if questionnaire.named is None:
        ids = [i.id for i in questionnaire.items]
        found: dict[str, int] = {}
        for item, answer in given:
            key = item if item is not None else (ids[0] if len(ids) == 1 else None)
            if key not in ids:
                listed = ", ".join(f"{qid}.{i}" for i in ids)
                raise ValueError(f"{qid} has no item '{item}'; its items: {listed}")
            if key in found:
                raise ValueError(f"{key} is answered twice")
            found[key] = answer
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValueError(f"answer every item of {qid}; missing: {', '.join(missing)}")
        return tuple((i, found[i]) for i in ids)
    named = questionnaire.named
    if not before:
        names: list[tuple[str, int]] = []
        for item, answer in given:
            if item is None:
                raise ValueError(
                    f"name each {named.what} with its answer, such as "
                    f"--answer '{qid}.climbing stairs=4'"
                )
            name = named_item(item)
            if name.isdigit():
                raise ValueError(
                    f"at the first check-in of {qid}, name each {named.what} rather than give "
                    f"its number, such as --answer '{qid}.climbing stairs=4' (numbers rate "
                    "those named before)"
                )
            if name.casefold() in (n.casefold() for n, _a in names):
                raise ValueError(f"'{name}' is named twice")
            names.append((name, answer))
        if not named.fewest <= len(names) <= named.most:
            raise ValueError(
                f"name {named.fewest} to {named.most} for {qid} at its first check-in, one "
                f"{named.what} to each --answer ({len(names)} given); the same ones are rated at "
                "every check-in after"
            )
        return tuple(names)
    rated: dict[str, int] = {}
    for item, answer in given:
        match = _one_of(item, before)
        if match is None:
            listed = "; ".join(f"{n}. {name}" for n, name in enumerate(before, 1))
            raise ValueError(
                f"'{item}' is not one of those named at the first check-in of {qid} "
                f"({listed}); rate those, by name or number"
            )
        if match in rated:
            raise ValueError(f"'{match}' is rated twice")
        rated[match] = answer
    missing = [name for name in before if name not in rated]
    if missing:
        raise ValueError(f"rate every {named.what} of {qid}; missing: {'; '.join(missing)}")
    return tuple((name, rated[name]) for name in before)


def _one_of(item: str | None, before: Sequence[str]) -> str | None:
    """The named item ``item`` means: its number (from 1) or its name, in any case."""
    if item is None:
        return None
    text = " ".join(item.split())
    if text.isdigit() and 1 <= int(text) <= len(before):
        return before[int(text) - 1]
    return next((name for name in before if name.casefold() == text.casefold()), None)


class Outcome(NamedTuple):
    """One questionnaire as the journal has it: its scores, their change, and whether it
    is due."""

    questionnaire: Questionnaire
    scores: tuple[Scored, ...]  # oldest first
    change: Change | None  # from the first to the latest (None before two)
    items: tuple[Change, ...]  # each item's (the activities of the PSFS)
    named: tuple[str, ...]  # what the person named at the first check-in
    due: bool
    next_day: date | None  # when it is next due (None: due now)


def outcome(questionnaire: Questionnaire, checkins: Sequence[CheckIn], day: date) -> Outcome:
    """``questionnaire`` over ``checkins`` (the journal's, or a period's) on ``day``."""
    found = scored(questionnaire, checkins)
    is_due = due(questionnaire, checkins, day)
    days = asked(questionnaire, checkins, day)
    following = None if is_due else max(days) + timedelta(days=questionnaire.every_days)
    return Outcome(
        questionnaire,
        tuple(found),
        change(questionnaire, found),
        tuple(item_changes(questionnaire, found)),
        named_items(questionnaire, checkins),
        is_due,
        following,
    )
