"""Today's prescription: the one decision that every command follows.

The content's rules (with a physiotherapist's prescription, where there is one), the
journal (its sessions, how each exercise felt, the pain 24 hours after a session in the
amber or red, its pauses and resumes), the kept plan and a day go in; one answer comes
out:

- a session: its band, and for each exercise the dose and the variant, with why (an
  exercise that hurt stepped down on its own, the others on course);
- a rest day, with the day and band of the next session;
- paused: since when, why, and what ends the pause;
- stop: severe pain now, or a red flag answered yes; no session.

`session` (guided or not), `plan` and its calendar file, `progress`, `history`,
`log` and the handout take their band, variants and stops from here. The
programme over weeks (backpain_cli.programme) and the progress rules
(backpain_cli.progress) are rules this module consults, never deciders of their
own. Which session "how is the pain 24 hours later?" is about today is decided here
too (later_due); the command line only puts the question. Pure: no click, no rich, and
the day comes in as an argument.
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from backpain_cli.models import WEEKDAY_NAMES, Catalog, Exercise
from backpain_cli.planner import (
    SessionPlan,
    easier,
    easier_variant_at,
    harder,
    plan_session,
    planned,
    retimed,
)
from backpain_cli.progress import (
    DOWN,
    SEE_PROFESSIONAL,
    STAY,
    UP,
    Advice,
    Pause,
    advise,
    family,
    pauses,
)

if TYPE_CHECKING:
    from backpain_cli.records import (
        Entry,
        ExerciseDone,
        Later,
        PlanSettings,
        Resume,
        SessionRecord,
        Standing,
        Week,
    )

SESSION = "session"
REST = "rest"
PAUSED = "paused"
STOP = "stop"
STATES = (SESSION, REST, PAUSED, STOP)


class Check(NamedTuple):
    """What the person says just before exercising."""

    pain: int | None = None  # pain right now, 0-10
    red_flag: bool = False  # yes to "any of these signs?" (the red flags)


#: Nothing said before exercising: no pain score, no red flag.
NOTHING_SAID = Check()


class Past(NamedTuple):
    """The journal as the decision reads it."""

    entries: tuple["Entry", ...] = ()  # oldest first: at least the sessions the rules read
    first_day: date | None = None  # the first session since the last resume
    pauses: tuple[Pause, ...] = ()  # every pause, oldest first; the last is open while it lasts
    resumes: tuple["Resume", ...] = ()  # oldest first
    later: tuple["Later", ...] = ()  # the 24-hour answers of (at least) the latest sessions


class Today(NamedTuple):
    state: str  # SESSION, REST, PAUSED or STOP
    day: date
    band: str  # today's band (a rest day: the next session's); paused or stopped: the most
    reasons: tuple[str, ...]  # why, in order
    session: SessionPlan | None  # today's session (a rest day: the next); None paused or stopped
    next_day: date | None  # a rest day: the day of the next session
    pause: Pause | None  # paused: the pause
    counts: bool  # whether a session today counts towards moving up a band
    advice: Advice  # stay, move up, step down or see a professional, as the band follows it
    standing: "Standing | None" = None  # where the kept plan stands, with one
    weeks: tuple["Week", ...] = ()  # the kept plan's weeks, with one
    chosen: str = ""  # a band chosen by hand: how it differs from today's, and why it may be unwise
    asks: "Entry | None" = None  # the session "how is the pain 24 hours later?" is about today


def past_of(
    entries: Sequence["Entry"],
    resumes: Sequence["Resume"],
    catalog: Catalog,
    later: Sequence["Later"] = (),
) -> Past:
    """The whole journal as the decision reads it (the journal reads a long one the same
    way, but only the sessions the rules need in full)."""
    ordered = tuple(sorted(resumes))
    found = pauses([e.session.reading for e in entries], ordered, catalog)
    since = ordered[-1].day if ordered else None
    epoch = [e for e in entries if since is None or e.session.day >= since]
    first = epoch[0].session.day if epoch else None
    return Past(tuple(entries), first, found, ordered, tuple(later))


def effective_plan(catalog: Catalog, kept: "PlanSettings | None") -> "PlanSettings | None":
    """The plan the day follows: the prescription's start and days where it gives them
    (the physiotherapist's word wins over a plan kept by hand), else the kept plan."""
    rx = catalog.prescription
    if rx is None or rx.start is None:
        return kept
    programme = catalog.programme
    weeks = kept.weeks if kept else programme.weeks if programme else 1
    days = rx.days or (kept.days if kept else programme.days if programme else ())
    if not days:
        return kept
    from backpain_cli.records import PlanSettings

    return PlanSettings(rx.start, days, weeks)


def decide(
    catalog: Catalog,
    past: Past,
    plan: "PlanSettings | None",
    day: date,
    check: Check = NOTHING_SAID,
    band: str | None = None,
) -> Today:
    """Today's prescription on ``day``. ``check`` is what the person said just before
    exercising; ``band``, a band they chose by hand: the session is at that band, and
    ``chosen`` says how it differs from today's."""
    rules = catalog.sessions.progress
    resumed = next((r for r in reversed(past.resumes) if r.exercise is None), None)
    epoch = tuple(e for e in past.entries if resumed is None or e.session.day >= resumed.day)
    advice = _advice(catalog, past, epoch, resumed)
    notes: list[str] = []
    advice, unsettled, said = _later(catalog, past, epoch, advice)
    notes += said
    asks = later_due(catalog, past, day)
    if asks is not None:
        notes.append(later_question(catalog, asks))
    latest = next((e.session for e in reversed(past.entries) if e.session.day <= day), None)
    if latest is not None and (day - latest.day).days >= rules.break_days:
        advice, note = _after_break(catalog, advice, latest, (day - latest.day).days)
        if note:
            notes.append(note)
    rx = catalog.prescription
    if rx is not None and rx.review is not None and day >= rx.review:
        who = rx.clinician or "your physiotherapist"
        notes.append(
            f"Your prescription's review date ({when(rx.review)}) has come: ask {who} to "
            "look at it again."
        )
    standing: Standing | None = None
    weeks: tuple[Week, ...] = ()
    variants: tuple[tuple[str, str], ...] = ()
    programme = catalog.programme
    if plan is not None and programme is not None:
        from backpain_cli.programme import stand, summary

        standing, weeks = stand(catalog, programme, plan, past.entries, day, past.pauses)
        if standing.week:
            phase = programme.phases[standing.phase]
            notes.insert(0, f"Your plan: {summary(programme, standing)}")
            if catalog.bands.rank(advice.band) > catalog.bands.rank(phase.band):
                advice = _held_back(catalog, advice, phase.band, phase.name)
            if advice.band == phase.band:
                variants = phase.variants
    pause = next((p for p in past.pauses if p.exercise is None and p.until is None), None)
    if pause is not None:  # never heavier than the pause allows, nor than the rules above
        band_now = min(pause.band, advice.band, key=catalog.bands.rank)
        advice = advice._replace(advice=SEE_PROFESSIONAL, band=band_now, reason=pause.reason)

    def today(
        state: str,
        reasons: Sequence[str],
        session: SessionPlan | None = None,
        next_day: date | None = None,
        counts: bool = False,
        chosen: str = "",
    ) -> Today:
        return Today(state, day, advice.band, tuple(reasons), session, next_day, pause, counts,
                     advice, standing, weeks, chosen, asks)  # fmt: skip

    stop = _stop(catalog, check)
    if stop:
        return today(STOP, [stop])
    if pause is not None:
        return today(PAUSED, [pause.reason, pause_ends(catalog, pause)])
    why_rest = _rest(catalog, past.entries, plan, day)
    reasons = [*([why_rest] if why_rest else []), *notes, advice.reason]
    session = _session(catalog, advice, band or advice.band, variants, unsettled)
    easier_by_rule = session.adjustment
    session, hurt = _per_exercise(catalog, session, epoch, past)
    reasons += hurt
    if not session.items and not why_rest:
        why_rest = "Every exercise is left out today (above): no session."
        reasons.insert(0, why_rest)
    if not why_rest and check.pain is not None and rules.red(check.pain):
        made = easier(catalog, session, f"after pain of {check.pain} out of 10 before it")
        if made.items:
            session, easier_by_rule = made, made.adjustment
        else:  # the traffic light: stop, or make it easier; here nothing is easier
            why_rest = (
                f"Pain of {check.pain} out of 10 before a session is in the red, and there is "
                "nothing easier to offer: no session today (the pain guide: stop, or make it "
                "easier)."
            )
            reasons.insert(0, why_rest)
    if easier_by_rule:
        reasons.append(f"Made easier: {easier_by_rule}.")
    session = session._replace(reason=" ".join(reasons))
    chosen = "" if band is None else _chosen(catalog, advice.band, band)
    if why_rest:
        following = next_session(catalog, past.entries, plan, day)
        return today(REST, reasons, session, following, False, chosen)
    return today(SESSION, reasons, session, None, not session.adjustment, chosen)


# The rules consulted -------------------------------------------------------------


def _advice(
    catalog: Catalog, past: Past, epoch: Sequence["Entry"], resumed: "Resume | None"
) -> Advice:
    """The progress rules over the sessions since the last resume; with none since it,
    the band before the pause (never heavier)."""
    if epoch or resumed is None:
        return advise(epoch, catalog, past.first_day)
    before = [p for p in past.pauses
              if p.exercise is None and p.until is not None and p.until <= resumed.day]  # fmt: skip
    band = before[-1].band if before else catalog.bands.lightest.id
    name = catalog.bands.name(band)
    return Advice(
        STAY,
        band,
        None,
        f"Back after a pause, cleared on {when(resumed.day)}: start again at the {name} band, "
        "no heavier than before the pause.",
        (),
    )


def green_top(catalog: Catalog) -> int:
    """The highest pain in the traffic light's first level (green: carry on)."""
    return catalog.safety.pain_guide[0].high


def later_due(catalog: Catalog, past: Past, day: date) -> "Entry | None":
    """The session "how is the pain 24 hours later?" is about on ``day``: the latest of
    the day before with pain after above the traffic light's green (amber or red), while
    none of that day's sessions has an answer. Asked once: an answer, or a question left
    unanswered at the terminal, is kept, and it is not asked again."""
    return _sore_yesterday(catalog, past, day, {later.session for later in past.later})


def later_open(catalog: Catalog, past: Past, day: date) -> "Entry | None":
    """The session a 24-hour answer can still be given for on ``day`` (`check-in
    --pain-24h`): as later_due, but a question left unanswered at the terminal can still
    be answered that day."""
    answered = {later.session for later in past.later if later.pain is not None}
    return _sore_yesterday(catalog, past, day, answered)


def _sore_yesterday(catalog: Catalog, past: Past, day: date, answered: set[int]) -> "Entry | None":
    yesterday = day - timedelta(days=1)
    those = [e for e in past.entries if e.session.day == yesterday]
    if not those or any(e.id in answered for e in those):
        return None
    top = green_top(catalog)
    sore = [e for e in those if e.session.pain_after is not None and e.session.pain_after > top]
    return sore[-1] if sore else None


def later_question(catalog: Catalog, entry: "Entry") -> str:
    """The 24-hour question about ``entry``, where it cannot be asked at a terminal."""
    after = entry.session.pain_after
    colour = catalog.safety.pain_level(after).colour if after is not None else ""
    return (
        f"Your session on {when(entry.session.day)} ended at pain {after} out of 10 "
        f"({colour}). How is the pain now, 24 hours later? Amber is acceptable only if it "
        "settles within 24 hours: record it with `backpain check-in --pain-24h N`."
    )


def settled(catalog: Catalog, session: "SessionRecord", later: int) -> bool:
    """Whether pain after ``session`` (amber or red) had settled when it was ``later`` 24
    hours on: back in the green, or no higher than before the session. This reading of
    "settles" is this guide's own."""
    before = session.pain_before
    return later <= green_top(catalog) or (before is not None and later <= before)


def _later(
    catalog: Catalog, past: Past, epoch: Sequence["Entry"], advice: Advice
) -> tuple[Advice, "Later | None", list[str]]:
    """The one rule the 24-hour answer feeds: pain after the latest session in the amber
    that had not settled 24 hours later is read as red for stepping down (the traffic
    light: amber is acceptable only if it settles within 24 hours; reading it as red is
    this guide's own rule). With the Later behind it, and what to say."""
    if not epoch:
        return advice, None, []
    latest = epoch[-1]
    answer = next((a for a in past.later if a.session == latest.id), None)
    after = latest.session.pain_after
    rules = catalog.sessions.progress
    if answer is None or answer.pain is None or after is None or after <= green_top(catalog):
        return advice, None, []
    day = when(latest.session.day)
    calm = settled(catalog, latest.session, answer.pain)
    if rules.red(after) or (not calm and advice.advice not in (UP, STAY)):
        said = f"and {answer.pain} 24 hours later" + (" (settled)" if calm else "")
        return advice, None, [f"Pain after your session on {day} was {after} out of 10, {said}."]
    if calm:
        return advice, None, [
            f"Pain after your session on {day} was {after} out of 10, and 24 hours later it "
            f"had settled ({answer.pain}): amber that settles within 24 hours is acceptable, "
            "as the traffic light says."
        ]  # fmt: skip
    index = catalog.bands.rank(latest.session.band)
    lighter = catalog.bands.levels[max(index - 1, 0)]
    step = (
        f"step down to the {lighter.name} band, or use the easier variants."
        if index
        else f"{lighter.name} is already the lightest band, so make the exercises easier: "
        "the easier variants, fewer repetitions or a smaller range."
    )
    reason = (
        f"Pain after your session on {day} was {after} out of 10 (amber), and 24 hours later "
        f"it was {answer.pain}: it had not settled. Amber is acceptable only if it settles "
        "within 24 hours, so this guide reads amber that has not settled as red for stepping "
        f"down (its own rule): {step}"
    )
    return advice._replace(advice=DOWN, band=lighter.id, reason=reason), answer, []


def _after_break(
    catalog: Catalog, advice: Advice, latest: "SessionRecord", gap: int
) -> tuple[Advice, str]:
    """After ``gap`` days without a session (a break): back at the band of the ``latest``
    session or a lighter one, never a move up, and why."""
    rules = catalog.sessions.progress
    band = min(advice.band, latest.band, key=catalog.bands.rank)
    note = (
        f"Your last session was {gap} days ago. After a break of {rules.break_days} days or "
        f"more, come back at the band of your last session or a lighter one, here "
        f"{_name(catalog, band)}, and count again towards moving up (this guide's own rule)."
    )
    if advice.advice == UP or band != advice.band:
        advice = advice._replace(advice=STAY, band=band, reason=note)
        return advice, ""
    return advice, note


def _held_back(catalog: Catalog, advice: Advice, band: str, phase: str) -> Advice:
    """The plan's phase holds the band at ``band``, lighter than the journal alone gives."""
    up = advice.advice == UP
    said = f"The journal alone would move you up to {_name(catalog, advice.band)}; " if up else ""
    return advice._replace(
        advice=STAY,
        band=band,
        reason=f"{said}your plan keeps you at {_name(catalog, band)} until its phase "
        f"({phase}) ends at a checkpoint that passes.",
    )


def _stop(catalog: Catalog, check: Check) -> str:
    """Why there is no session now, if what the person said stops it."""
    rules = catalog.sessions.progress
    if check.red_flag:
        return (
            "You said you have one of the red-flag signs: no session. Get medical help as "
            "the red flags say, before you exercise again."
        )
    if check.pain is not None and check.pain >= rules.severe_pain_before:
        return (
            f"Pain of {check.pain} out of 10 before a session is severe: no session today. "
            "Severe pain means seeing an allied health professional (a physiotherapist, "
            "osteopath or doctor) first, as the disclaimer says; "
            f"{rules.severe_pain_before} or more counts as severe by this guide's own rule."
        )
    return ""


def stopped_during(catalog: Catalog, exercise: Exercise, pain: int) -> str:
    """Why a session in progress ends when an exercise hurt at ``pain`` (0-10), if it
    does: at the line that stops a session before it starts (severe_pain_before, the
    guide's own rule), the rest of the session is not done. Below it, "" (the exercise
    that hurt is made easier next time: see the per-exercise rules). Its first sentence
    is the headline, said aloud."""
    rules = catalog.sessions.progress
    if pain < rules.severe_pain_before:
        return ""
    return (
        f"Stop: the {exercise.name.lower()} hurt, {pain} out of 10. That is severe, so the "
        "session ends here. Severe pain means seeing an allied health professional (a "
        "physiotherapist, osteopath or doctor) before you exercise again; "
        f"{rules.severe_pain_before} or more counts as severe by this guide's own rule."
    )


def _rest(
    catalog: Catalog, entries: Sequence["Entry"], plan: "PlanSettings | None", day: date
) -> str:
    """Why ``day`` is a rest day; "" when it is not."""
    why = too_soon([e.session.day for e in entries], day, catalog)
    if not why and plan is not None:
        if day < plan.start:
            why = f"Your plan starts on {when(plan.start)}."
        elif day.weekday() not in plan.days:
            named = ", ".join(WEEKDAY_NAMES[d].capitalize() for d in plan.days)
            why = f"{day:%A} is not one of your plan's days ({named})."
    return why


def next_session(
    catalog: Catalog, entries: Sequence["Entry"], plan: "PlanSettings | None", day: date
) -> date:
    """The day of the next session after ``day``: a rest day after the last session, and
    one of the plan's days, with one."""
    rules = catalog.sessions.progress
    last = max((e.session.day for e in entries if e.session.day <= day), default=None)
    following = day + timedelta(days=1)
    if last is not None:
        following = max(following, last + timedelta(days=rules.min_days_between))
    if plan is not None:
        following = max(following, plan.start)
        while following.weekday() not in plan.days:
            following += timedelta(days=1)
    return following


def too_soon(days: Sequence[date], day: date, catalog: Catalog) -> str:
    """What is too close to a session on ``day`` among the sessions on ``days``: another
    the same day, or one fewer than the rules' days apart; "" when nothing is."""
    rules = catalog.sessions.progress
    apart = rules.min_days_between
    near = sorted({d for d in days if abs((d - day).days) < apart}, key=lambda d: abs(d - day))
    if not near:
        return ""
    if near[0] == day:
        return (
            f"There is a session on {when(day)} already. Another the same day is kept in the "
            "journal, but only one of them counts towards moving up: the routine needs a rest "
            "day between sessions."
        )
    other = near[0]
    gap = abs((other - day).days)
    return (
        f"There is a session on {when(other)}, {gap} day{'s' if gap != 1 else ''} away. The "
        f"routine needs {apart} days from one session to the next (a rest day between), so "
        "a session now is kept in the journal, but only one of the two counts towards "
        "moving up."
    )


def _session(
    catalog: Catalog,
    advice: Advice,
    band: str,
    variants: tuple[tuple[str, str], ...],
    unsettled: "Later | None" = None,
) -> SessionPlan:
    """The session for ``band``: the plan's harder variants where its phase has them, and
    the easier variants at the lightest band after red pain (or amber that had not
    settled 24 hours later)."""
    session = plan_session(catalog, band)
    if band == advice.band and variants:
        session = harder(catalog, session, variants)
    lightest = catalog.bands.lightest.id
    if advice.advice == DOWN and band == lightest == advice.current and advice.evidence:
        last = advice.evidence[-1].session
        why = f"after pain of {last.pain_after} out of 10 after your last session"
        if unsettled is not None:
            why = (
                f"after pain of {last.pain_after} out of 10 after your last session that had "
                f"not settled 24 hours later ({unsettled.pain} out of 10)"
            )
        session = easier(catalog, session, why)
    return session


def _per_exercise(
    catalog: Catalog, session: SessionPlan, epoch: Sequence["Entry"], past: Past
) -> tuple[SessionPlan, list[str]]:
    """``session`` with each exercise that hurt at its last session stepped down (a
    harder variant to the exercise, the exercise to its easier variant, an easier
    variant to the next), or left out when nothing is easier; and each exercise paused
    (see a professional about it) left out. The others stay as they are; any change
    means the session does not count towards moving up. With the reasons. An exercise's
    own resume starts it afresh, as the programme's does the whole session."""
    rules = catalog.sessions.progress
    latest = epoch[-1] if epoch else None
    paused = past.pauses
    items, reasons, changed = [], [], []
    for item in session.items:
        own = family(catalog, item.exercise.id)
        name = catalog.exercise(own).name
        pause = next((p for p in paused if p.exercise == own and p.until is None), None)
        if pause is not None:
            reasons += [f"{name}: left out. {pause.reason}", pause_ends(catalog, pause)]
            changed.append(f"{name} left out (paused)")
            continue
        since = max((r.day for r in past.resumes if r.exercise == own), default=None)
        mine = [e for e in epoch if since is None or e.session.day >= since]
        found = _last_done(catalog, mine, own)
        if found is None or latest is None or found[0] is not latest:
            items.append(item)  # it did not hurt, or a session since has served its step down
            continue
        entry, done = found
        if done.pain is None or not rules.red(done.pain):
            items.append(item)
            continue
        hurt = f"after it hurt ({done.pain} out of 10) on {when(entry.session.day)}"
        lower = step_down(catalog, own, done.exercise, session.band.id)
        dosage = catalog.dosage(lower.id, session.band.id) if lower is not None else None
        if lower is None or dosage is None:
            reasons.append(f"{name}: left out today, {hurt}: there is nothing easier to offer.")
            changed.append(f"{name} left out, {hurt}")
            continue
        note = f"{lower.name}, instead of {item.exercise.name}: easier today, {hurt}"
        items.append(planned(lower, dosage, session.tempo, note))
        reasons.append(f"{name}: {lower.name} today, {hurt}.")
        changed.append(f"{lower.name} instead of {item.exercise.name}, {hurt}")
    if not changed:
        return session, reasons
    adjustment = "; ".join([*([session.adjustment] if session.adjustment else []), *changed])
    return retimed(session, items)._replace(adjustment=adjustment), reasons


def _last_done(
    catalog: Catalog, epoch: Sequence["Entry"], own: str
) -> "tuple[Entry, ExerciseDone] | None":
    """The latest session in ``epoch`` with ``own`` (or a variant of it) in it, and that
    exercise as it was done."""
    for entry in reversed(epoch):
        for done in entry.session.exercises:
            if family(catalog, done.exercise) == own:
                return entry, done
    return None


def step_down(catalog: Catalog, own: str, hurt: str, band: str) -> Exercise | None:
    """One step easier than ``hurt`` (the exercise ``own``, or one of its variants): from
    a harder variant to the exercise, from the exercise to its first easier variant (one
    easier at ``band``), from an easier variant to the next; None when nothing is."""
    if hurt in (v.id for v in catalog.variants_of(own, "harder")):
        return catalog.exercise(own)
    ladder = [own, *(v.id for v in catalog.variants_of(own, "easier")
                     if easier_variant_at(catalog, own, v.id, band))]  # fmt: skip
    if hurt not in ladder or ladder.index(hurt) + 1 >= len(ladder):
        return None
    return catalog.exercise(ladder[ladder.index(hurt) + 1])


def _chosen(catalog: Catalog, prescribed: str, chosen: str) -> str:
    """How a band chosen by hand differs from today's, and why that may be unwise."""
    if chosen == prescribed:
        return ""
    mine, theirs = _name(catalog, chosen), _name(catalog, prescribed)
    if catalog.bands.rank(chosen) > catalog.bands.rank(prescribed):
        return (
            f"You chose {mine}, heavier than today's prescription ({theirs}). That may be "
            "unwise: your journal has not shown the lighter band is easy yet, and too much "
            "too soon can bring the pain back."
        )
    return (
        f"You chose {mine}, lighter than today's prescription ({theirs}): fine on a day "
        f"that feels heavy. It counts towards moving up at {mine} only."
    )


# Words: one wording of each state, for every screen, file and voice --------------


def headline(catalog: Catalog, today: Today) -> str:
    """Today in one line: the state and the band."""
    name = _name(catalog, today.band)
    if today.state == STOP:
        return "Stop: no session today"
    if today.state == PAUSED:
        assert today.pause is not None
        return (
            f"Paused since {when(today.pause.since)}: see a physiotherapist or doctor before you "
            "exercise again"
        )
    if today.state == REST:
        assert today.next_day is not None
        return f"A rest day today. Next session: {when(today.next_day)}, {name} band"
    easier_today = today.session is not None and today.session.adjustment
    return f"A session today: {name} band" + (", made easier" if easier_today else "")


def pause_ends(catalog: Catalog, pause: Pause) -> str:
    """What ends a pause, in words."""
    if pause.exercise is not None:
        return (
            "When a physiotherapist or doctor has cleared it, record it with `backpain "
            f"resume --exercise {pause.exercise}`."
        )
    return (
        "The pause ends when a physiotherapist or doctor has seen you and cleared your "
        "return: record it with `backpain resume`. The plan then restarts at the "
        f"{_name(catalog, pause.band)} band or a lighter one."
    )


def when(day: date) -> str:
    """ "Wed 2 Dec 2026" """
    return f"{day:%a} {day.day} {day:%b %Y}"


def _name(catalog: Catalog, band: str) -> str:
    return catalog.bands.name(band)
