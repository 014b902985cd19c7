"""Pure rules over the journal: stay, move up or step down a band, see a professional,
and when the programme is paused.

Nothing here reads files or the clock: the sessions, the content's rules and
"today" come in as arguments, so every rule can be tested on its own. These are
rules the daily decision (backpain_cli.today) consults; no command follows them
directly.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from backpain_cli.models import Band, Catalog, ProgressRules

if TYPE_CHECKING:
    from backpain_cli.records import Entry, Reading, Resume

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
    evidence: tuple["Entry", ...]  # the sessions the rules looked at, oldest first


class Pause(NamedTuple):
    """The programme paused to see a professional: from the session that made the rules
    say so, until a return is recorded (`backpain resume`)."""

    since: date  # the day of the session that started it
    reason: str  # why, with the sessions' days
    band: str  # the heaviest band a return may start at
    until: date | None = None  # the day of the resume that ended it; None while it lasts
    exercise: str | None = None  # one exercise's pause (the others go on); None: the programme


def window_start(latest: date, rules: ProgressRules) -> date:
    """The first day of the window the rules look at, which ends on the ``latest`` session."""
    return latest - timedelta(days=rules.window_days - 1)


def looked_at(entries: Sequence["Entry"], rules: ProgressRules) -> tuple["Entry", ...]:
    """The sessions the rules need: those within the window, and at least the last few."""
    if not entries:
        return ()
    start = window_start(entries[-1].session.day, rules)
    keep = [e for e in entries if e.session.day >= start]
    if len(keep) < rules.move_up_after_sessions:
        keep = list(entries[-rules.move_up_after_sessions :])
    return tuple(keep)


def advise(entries: Sequence["Entry"], catalog: Catalog, first_day: date | None = None) -> Advice:
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
    if latest.band not in levels:
        note = (
            f"Your last session used a band ('{latest.band}') that the content does not "
            f"have, so this starts from the lightest, {lightest.name}. "
        )
    index, current, lighter = _bands_around(latest.band, catalog)
    latest_red = rules.red(latest.pain_after)

    def result(advice: str, band: str, reason: str) -> Advice:
        return Advice(advice, band, latest.band, note + reason, evidence)

    professional = see_professional(
        [e.session.reading for e in evidence], catalog, first_day or entries[0].session.day
    )
    if professional is not None:
        reason, careful = professional
        return result(SEE_PROFESSIONAL, careful, reason)
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
    why_not = "" if streak else _why_not_easy(evidence[-1], current.id, catalog) + " "
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
    evidence: Sequence["Entry"], band: str, rules: ProgressRules
) -> tuple[list["Entry"], list["Entry"]]:
    """The latest run of sessions at ``band`` that count towards moving up, newest first,
    and the easy ones passed over in it for coming too soon after another.

    The run ends at the first session (going back) at another band or not easy, or
    before a break (``break_days`` or more without a session): after a break the count
    starts again. A session less than ``min_days_between`` days before a counted one
    does not count, but does not end the run either.
    """
    counted: list[Entry] = []
    passed: list[Entry] = []
    newer: Entry | None = None
    for entry in reversed(evidence):
        if newer is not None and (newer.session.day - entry.session.day).days >= rules.break_days:
            break
        newer = entry
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


def _easy(entry: "Entry", rules: ProgressRules) -> bool:
    """Every set done in full, at the band's own dose, nothing that hurt, and pain after
    low enough: a session that counts towards moving up."""
    s = entry.session
    return (
        s.all_sets_done
        and not s.sets_partial
        and not s.adjustment
        and not any(rules.red(e.pain) for e in s.exercises)
        and s.pain_after is not None
        and (s.pain_after <= rules.move_up_max_pain_after)
    )


def _why_not_easy(entry: "Entry", band: str, catalog: Catalog) -> str:
    rules = catalog.sessions.progress
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
    hurt = [_named(catalog, e.exercise) for e in s.exercises if rules.red(e.pain)]
    if hurt:
        return f"{when} did not count: {' and '.join(hurt)} hurt in the red."
    if s.pain_after is None:
        return f"{when} did not count: pain after was not recorded (log it with --pain-after)."
    return (
        f"{when} did not count: pain after was {s.pain_after} out of 10, above "
        f"{rules.move_up_max_pain_after}."
    )


def see_professional(
    window: Sequence["Reading"], catalog: Catalog, first_day: date
) -> tuple[str, str] | None:
    """Why to pause and see a professional, and the heaviest band until then, when the
    rules say so of the sessions up to the latest in ``window`` (oldest first); else None.

    Red pain after a session, too often within the rules' window, or pain that has
    not improved over a whole window (only when the sessions, since ``first_day``,
    go back that far). The band: the latest session's, or one lighter after red pain.
    """
    rules = catalog.sessions.progress
    latest = window[-1]
    start = window_start(latest.day, rules)
    _index, current, lighter = _bands_around(latest.band, catalog)
    careful = lighter if rules.red(latest.pain_after) else current
    red_from = rules.step_down_min_pain_after
    red = [r for r in window if rules.red(r.pain_after) and r.day >= start]
    if len(red) >= rules.see_professional_red_sessions:
        days = ", ".join(r.day.isoformat() for r in red)
        return (
            f"Pain after a session was {red_from} or more out of 10 (red) {len(red)} times "
            f"within {rules.window_days} days ({days}). Pause the programme and see a "
            "physiotherapist or doctor about it before you go on.",
            careful.id,
        )
    stalled = _no_improvement(window, rules, first_day)
    if stalled is not None:
        before, now = stalled
        return (
            f"Your pain has not improved over {rules.window_days} days of sessions "
            f"(average {before:.1f} out of 10 in the first half, {now:.1f} in the second). "
            "Pause the programme and see a physiotherapist or doctor about it before you go on.",
            careful.id,
        )
    return None


def _bands_around(band_id: str, catalog: Catalog) -> tuple[int, Band, Band]:
    """The place of ``band_id`` among the content's bands (the lightest when it has no such
    band), the band itself and the one lighter (the same at the lightest)."""
    levels = catalog.bands.levels
    index = catalog.bands.rank(band_id)
    return index, levels[index], levels[max(index - 1, 0)]


def _named(catalog: Catalog, exercise_id: str) -> str:
    """An exercise's name, "the clam shell", or its id when the content has no such one."""
    known = any(e.id == exercise_id for e in (*catalog.exercises, *catalog.variants))
    return f"the {catalog.exercise(exercise_id).name.lower()}" if known else exercise_id


def _no_improvement(
    window: Sequence["Reading"], rules: ProgressRules, first_day: date
) -> tuple[float, float] | None:
    """(earlier, later) average pain when it has not fallen over a window of sessions.

    Only when the sessions go back at least the window, both halves of the window
    have pain scores, and the later half is above the range that moves a band up.
    """
    start = window_start(window[-1].day, rules)
    if first_day > start:
        return None
    middle = start + timedelta(days=rules.window_days // 2)
    earlier = [r.pain for r in window if start <= r.day < middle]
    later = [r.pain for r in window if r.day >= middle]
    earlier_scores = [p for p in earlier if p is not None]
    later_scores = [p for p in later if p is not None]
    if not earlier_scores or not later_scores:
        return None
    before = sum(earlier_scores) / len(earlier_scores)
    now = sum(later_scores) / len(later_scores)
    if now >= before and now > rules.move_up_max_pain_after:
        return before, now
    return None


def pauses(
    readings: Sequence["Reading"], resumes: Sequence["Resume"], catalog: Catalog
) -> tuple[Pause, ...]:
    """Every pause in the journal, oldest first: the programme's, and each exercise's; the
    last of each is open while it lasts.

    ``readings`` are every session, oldest first. Each resume starts afresh: the
    sessions from its day on are read as if the journal began there, and the first
    session at which the rules say to see a professional starts a pause, which lasts
    until the next resume, however many sessions come after it. A resume of one
    exercise ends that exercise's pause only.
    """
    rules = catalog.sessions.progress
    found: list[Pause] = []
    for begins, ends in _epochs(resumes, None):
        epoch = _between(readings, begins, ends)
        pause = _first_pause(epoch, catalog, rules)
        if pause is not None:
            found.append(pause._replace(until=ends))
    for exercise in _hurt_exercises(readings, catalog):
        for begins, ends in _epochs(resumes, exercise):
            hurt = _exercise_pause(_between(readings, begins, ends), exercise, catalog)
            if hurt is not None:
                found.append(hurt._replace(until=ends))
    return tuple(sorted(found, key=lambda p: (p.since, p.exercise or "")))


def _epochs(
    resumes: Sequence["Resume"], exercise: str | None
) -> list[tuple[date | None, date | None]]:
    """The stretches between the resumes that end a pause of the programme (``exercise``
    None) or of one exercise: (first day or None, the next resume's day or None)."""
    days = sorted(r.day for r in resumes if r.exercise is None or r.exercise == exercise)
    starts: list[date | None] = [None, *days]
    ends: list[date | None] = [*days, None]
    return list(zip(starts, ends, strict=True))


def _between(
    readings: Sequence["Reading"], begins: date | None, ends: date | None
) -> list["Reading"]:
    return [r for r in readings
            if (begins is None or r.day >= begins) and (ends is None or r.day < ends)]  # fmt: skip


def family(catalog: Catalog, exercise_id: str) -> str:
    """The exercise a variant varies (an exercise's own id for an exercise)."""
    variant = next((v for v in catalog.variants if v.id == exercise_id), None)
    return variant.parent if variant is not None and variant.parent else exercise_id


def _hurt_exercises(readings: Sequence["Reading"], catalog: Catalog) -> list[str]:
    """The exercises (their variants counted as them) that ever hurt in the red."""
    rules = catalog.sessions.progress
    found = {family(catalog, e) for r in readings for e, pain in r.hurt if rules.red(pain)}
    return sorted(found)


def _exercise_pause(epoch: Sequence["Reading"], exercise: str, catalog: Catalog) -> Pause | None:
    """The session at which ``exercise`` (or a variant of it) hurt in the red for the
    rules' number of times within their window: see a professional about it."""
    rules = catalog.sessions.progress
    red: list[tuple[Reading, int]] = []
    for reading in epoch:
        pains = [p for e, p in reading.hurt if family(catalog, e) == exercise and rules.red(p)]
        if not pains:
            continue
        red.append((reading, max(pains)))
        start = window_start(reading.day, rules)
        recent = [(r, p) for r, p in red if r.day >= start]
        if len(recent) >= rules.see_professional_red_sessions:
            name = _named(catalog, exercise)
            days = ", ".join(f"{r.day.isoformat()} ({p} out of 10)" for r, p in recent)
            return Pause(
                reading.day,
                f"{name[:1].upper()}{name[1:]} hurt in the red (pain of "
                f"{rules.step_down_min_pain_after} or more) in {len(recent)} sessions within "
                f"{rules.window_days} days ({days}). "
                f"Leave it out and see a physiotherapist or doctor about it before you do it "
                "again; the rest of the session goes on.",
                reading.band,
                exercise=exercise,
            )
    return None


def _first_pause(
    epoch: Sequence["Reading"], catalog: Catalog, rules: ProgressRules
) -> Pause | None:
    """The first session in ``epoch`` at which the rules say to see a professional.

    Both of the rules need a session with pain above the range that moves a band
    up within the window, so only the sessions with one in theirs are looked at
    closely: a long journal of low pain is read once, quickly.
    """
    if not epoch:
        return None
    first_day = epoch[0].day
    low = 0  # the first session inside the window of the one looked at
    last_high: date | None = None
    for index, reading in enumerate(epoch):
        if _high(reading, rules):
            last_high = reading.day
        start = window_start(reading.day, rules)
        while epoch[low].day < start:
            low += 1
        if last_high is None or last_high < start:
            continue
        needed = see_professional(epoch[low : index + 1], catalog, first_day)
        if needed is not None:
            reason, band = needed
            return Pause(reading.day, reason, band)
    return None


def _high(reading: "Reading", rules: ProgressRules) -> bool:
    """Whether a session has pain above the range that moves a band up: without one in
    the window, neither rule for seeing a professional can hold."""
    limit = rules.move_up_max_pain_after
    return any(p is not None and p > limit for p in (reading.pain_before, reading.pain_after))
