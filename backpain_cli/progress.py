"""Pure rules over the journal: stay, move up or step down a band, or see a professional.

Nothing here reads files or the clock: the sessions, the content's rules and
"today" come in as arguments, so every rule can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.models import Catalog, Entry, ProgressRules

UP = "up"
STAY = "stay"
DOWN = "down"
SEE_PROFESSIONAL = "see-professional"
ADVICE = (UP, STAY, DOWN, SEE_PROFESSIONAL)


class Advice(NamedTuple):
    advice: str  # one of ADVICE
    band: str  # the band to use next
    current: str | None  # the band of the latest session, if any
    reason: str
    evidence: tuple[Entry, ...]  # the sessions the rules looked at, oldest first


def window_start(latest: date, rules: ProgressRules) -> date:
    """The first day of the window the rules look at, which ends on the ``latest`` session."""
    return latest - timedelta(days=rules.window_days - 1)


def looked_at(entries: Sequence[Entry], rules: ProgressRules) -> tuple[Entry, ...]:
    """The sessions the rules need: those within the window, and at least the last few."""
    if not entries:
        return ()
    start = window_start(entries[-1].session.day, rules)
    keep = [e for e in entries if e.session.day >= start]
    if len(keep) < rules.move_up_after_sessions:
        keep = list(entries[-rules.move_up_after_sessions :])
    return tuple(keep)


def advise(entries: Sequence[Entry], catalog: Catalog, first_day: date | None = None) -> Advice:
    """Advice from the latest sessions (oldest first, as from :func:`looked_at`).

    ``first_day`` is the day of the journal's first session, when it is older than
    ``entries``: it says whether there have been two weeks of sessions yet.
    """
    bands, rules = catalog.bands, catalog.sessions.progress
    levels = [b.id for b in bands.levels]
    lightest = bands.lightest
    if not entries:
        return Advice(
            STAY,
            lightest.id,
            None,
            f"No sessions in the journal yet: start with the lightest band, {lightest.name}.",
            (),
        )
    evidence = looked_at(entries, rules)
    latest = evidence[-1].session
    note = ""
    if latest.band in levels:
        index = levels.index(latest.band)
    else:
        index = 0
        note = (
            f"Your last session used a band ('{latest.band}') that the content does not "
            f"have, so this starts from the lightest, {lightest.name}. "
        )
    current = bands.levels[index]
    lighter = bands.levels[max(index - 1, 0)]
    red_from = rules.step_down_min_pain_after
    latest_red = rules.red(latest.pain_after)
    # Until a professional has looked at it: never heavier, and lighter after red pain.
    careful = lighter if latest_red else current

    def result(advice: str, band: str, reason: str) -> Advice:
        return Advice(advice, band, latest.band, note + reason, evidence)

    start = window_start(latest.day, rules)
    red = [e for e in evidence if rules.red(e.session.pain_after) and e.session.day >= start]
    if len(red) >= rules.see_professional_red_sessions:
        days = ", ".join(e.session.day.isoformat() for e in red)
        return result(
            SEE_PROFESSIONAL,
            careful.id,
            f"Pain after a session was {red_from} or more out of 10 (red) {len(red)} times "
            f"within {rules.window_days} days ({days}). Pause the programme and see a "
            "physiotherapist or doctor about it before you go on.",
        )
    stalled = _no_improvement(evidence, rules, first_day or entries[0].session.day)
    if stalled is not None:
        before, now = stalled
        return result(
            SEE_PROFESSIONAL,
            careful.id,
            f"Your pain has not improved over {rules.window_days} days of sessions "
            f"(average {before:.1f} out of 10 in the first half, {now:.1f} in the second). "
            "See a physiotherapist or doctor about it; until then, keep to the "
            f"{careful.name} band.",
        )
    if latest_red:
        if index == 0:
            reason = (
                f"Pain after your last session ({latest.day.isoformat()}) was "
                f"{latest.pain_after} out of 10 (red). {current.name} is already the lightest "
                "band, so make the exercises easier: use the easier variants "
                "(`backpain show EXERCISE`), fewer repetitions or a smaller range."
            )
        else:
            reason = (
                f"Pain after your last session ({latest.day.isoformat()}) was "
                f"{latest.pain_after} out of 10 (red): step down to the {lighter.name} band, "
                "or use the easier variants."
            )
        return result(DOWN, lighter.id, reason)
    counted, passed = counted_sessions(evidence, current.id, rules)
    streak = len(counted)
    needed = rules.move_up_after_sessions
    condition = (
        f"every set done in full and pain after {rules.move_up_max_pain_after} or less out of "
        f"10, each at least {rules.min_days_between} days after the one before"
    )
    passed_over = ""
    if passed:
        days = ", ".join(e.session.day.isoformat() for e in passed)
        passed_over = (
            f" The session{'s' if len(passed) > 1 else ''} on {days} did not count: less "
            f"than {rules.min_days_between} days before the next one, and the routine needs "
            "a rest day between sessions."
        )
    strongest = index == len(levels) - 1
    if streak >= needed and not strongest:
        heavier = bands.levels[index + 1]
        return result(
            UP,
            heavier.id,
            f"{streak} sessions in a row at {current.name} with {condition}: move up to "
            f"{heavier.name}. {_volume_change(catalog, current.id, heavier.id)} If it is too "
            f"much, go back to {current.name}.{passed_over}",
        )
    why_not = "" if streak else _why_not_easy(evidence[-1], current.id, rules) + " "
    done = f"{why_not}{streak} of {needed} sessions in a row at {current.name} with {condition}"
    if strongest:
        return result(
            STAY,
            current.id,
            f"{done}. {current.name} is the strongest band here: when it is easy, go on with "
            "the harder variants (`backpain show EXERCISE`) or a stronger band from your "
            f"maker's chart.{passed_over}",
        )
    more = needed - streak
    return result(STAY, current.id, f"{done}; {more} more and you can move up.{passed_over}")


def counted_sessions(
    evidence: Sequence[Entry], band: str, rules: ProgressRules
) -> tuple[list[Entry], list[Entry]]:
    """The latest run of sessions at ``band`` that count towards moving up, newest first,
    and the easy ones passed over in it for coming too soon after another.

    The run ends at the first session (going back) at another band or not easy; a
    session less than ``min_days_between`` days before a counted one does not count,
    but does not end the run either.
    """
    counted: list[Entry] = []
    passed: list[Entry] = []
    for entry in reversed(evidence):
        if entry.session.band != band or not _easy(entry, rules):
            break
        if counted and (counted[-1].session.day - entry.session.day).days < (
            rules.min_days_between
        ):
            passed.append(entry)
        else:
            counted.append(entry)
    return counted, passed


def _volume_change(catalog: Catalog, band: str, heavier: str) -> str:
    """What else changes with the band: each exercise's sets and repetitions."""
    before = {d.exercise: d for d in catalog.sessions.for_band(band)}
    changes = []
    for dosage in catalog.sessions.for_band(heavier):
        exercise = catalog.exercise(dosage.exercise)
        old = before.get(dosage.exercise)
        was = f"{old.sets} x {old.reps} to " if old else "new, "
        changes.append(f"{exercise.name} {was}{exercise.dose(dosage)}")
    name = catalog.bands.get(heavier).name
    return f"{name}'s session changes the sets and repetitions too: " + "; ".join(changes) + "."


def _easy(entry: Entry, rules: ProgressRules) -> bool:
    s = entry.session
    return (
        s.all_sets_done
        and not s.sets_partial
        and not s.adjustment
        and s.pain_after is not None
        and (s.pain_after <= rules.move_up_max_pain_after)
    )


def _why_not_easy(entry: Entry, band: str, rules: ProgressRules) -> str:
    s = entry.session
    when = f"Your last session ({s.day.isoformat()})"
    if s.band != band:
        return f"{when} was at another band."
    if s.adjustment:
        return f"{when} did not count: it was made easier ({s.adjustment})."
    if s.sets_partial:
        return f"{when} did not count: a set was ended early."
    if not s.all_sets_done:
        return f"{when} did not count: not every set was done."
    if s.pain_after is None:
        return f"{when} did not count: pain after was not recorded (log it with --pain-after)."
    return (
        f"{when} did not count: pain after was {s.pain_after} out of 10, above "
        f"{rules.move_up_max_pain_after}."
    )


def _no_improvement(
    evidence: Sequence[Entry], rules: ProgressRules, first_day: date
) -> tuple[float, float] | None:
    """(earlier, later) average pain when it has not fallen over a window of sessions.

    Only when the journal goes back at least the window, both halves of the window
    have pain scores, and the later half is above the range that moves a band up.
    """
    start = window_start(evidence[-1].session.day, rules)
    if first_day > start:
        return None
    middle = start + timedelta(days=rules.window_days // 2)
    earlier = [e.session.pain for e in evidence if start <= e.session.day < middle]
    later = [e.session.pain for e in evidence if e.session.day >= middle]
    earlier_scores = [p for p in earlier if p is not None]
    later_scores = [p for p in later if p is not None]
    if not earlier_scores or not later_scores:
        return None
    before = sum(earlier_scores) / len(earlier_scores)
    now = sum(later_scores) / len(later_scores)
    if now >= before and now > rules.move_up_max_pain_after:
        return before, now
    return None
