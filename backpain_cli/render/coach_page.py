"""The coach in the pocket: today's session as one HTML file that guides it on a phone,
offline. Inline CSS, the moving pictures as inline SVG, and a small script; nothing is
ever fetched, and a Content-Security-Policy says so to the browser too.

Nothing is decided in the page. Its data come from the same core as the terminal
coach: the daily decision (backpain_cli.today) made for every answer a person can give
before exercising (each pain score, and the red flags), the schedule fitted to the
voice and the cue script (backpain_cli.cues), and the pictures (figures.svg). The
script only plays them: it looks up which session a pain score gives, speaks each cue
in order, shows the count, and keeps the log.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from importlib import resources
from typing import Any, NamedTuple

from backpain_cli.coach import schedule
from backpain_cli.cues import (
    INSTRUCTIONS,
    SESSION_DONE,
    SESSION_ENDED,
    WHOLE,
    as_data,
    estimate,
    felt,
    intro,
    needs,
    per_count,
    script,
    side_words,
)
from backpain_cli.escaping import html_attribute, html_text, script_json
from backpain_cli.figures.body import other_side
from backpain_cli.models import Catalog, Exercise, Figure
from backpain_cli.planner import PlannedExercise, SessionPlan
from backpain_cli.records import PlanSettings
from backpain_cli.render.words import dosage_line, red_flag_heading
from backpain_cli.today import (
    SESSION,
    STOP,
    Check,
    Past,
    Today,
    decide,
    headline,
    stopped_during,
)

#: What the page's log file says it is, for `backpain log --import`.
LOG_FORMAT = "backpain-coach-log"
LOG_VERSION = 1
#: How often the page's figures move on a frame: enough to follow on a phone at arm's
#: length (the terminal's ten would double the page).
FRAMES_PER_SECOND = 5
#: The pain scores a person can give before a session.
SCORES = range(11)


class Page(NamedTuple):
    """What one page holds, for the page and for the tests: its data and its pictures."""

    data: dict[str, Any]
    figures: dict[str, str]  # key: an SVG document


def make(
    catalog: Catalog,
    past: Past,
    plan: PlanSettings | None,
    day: date,
    band: str | None = None,
    patient: str | None = None,
    clinician: str | None = None,
) -> Page:
    """The page's data: today's session (on a rest day, the next one, as it will be on
    its day), and what each answer before it gives."""
    found = decide(catalog, past, plan, day, band=band)
    if found.state == "rest" and found.next_day is not None:
        day = found.next_day  # the page is used on the session's day
        found = decide(catalog, past, plan, day, band=band)
    outcomes: dict[str, dict[str, Any]] = {}
    sessions: dict[str, dict[str, Any]] = {}
    figures: dict[str, str] = {}

    def outcome(answer: Today) -> str:
        """The key of what an answer gives: a session (added once), or a stop."""
        if answer.session is None or answer.state == STOP:
            reasons = list(answer.reasons)
            key = "stop-" + hashlib.sha1("".join(reasons).encode()).hexdigest()[:8]
            outcomes[key] = {
                "session": None,
                "headline": headline(catalog, answer),
                "reasons": reasons,
            }
            return key
        session = answer.session
        key = _signature(session)
        if key not in sessions:
            sessions[key] = _session(catalog, session, figures)
        told = key + "-" + hashlib.sha1(session.adjustment.encode()).hexdigest()[:6]
        outcomes.setdefault(
            told,
            {
                "session": key,
                "adjustment": session.adjustment,
                "headline": headline(catalog, answer),
                "reasons": list(answer.reasons),
            },
        )
        return told

    by_pain = {"none": outcome(found)}
    for score in SCORES:
        by_pain[str(score)] = outcome(decide(catalog, past, plan, day, Check(pain=score), band))
    red_flag = outcome(decide(catalog, past, plan, day, Check(red_flag=True), band))
    safety = catalog.safety
    data = {
        "version": 1,
        "log": {"format": LOG_FORMAT, "version": LOG_VERSION},
        "made": day.isoformat(),
        "title": catalog.sessions.title or "Home exercise programme",
        "patient": patient,
        "clinician": clinician,
        "language": "en",
        "today": {
            "state": found.state,
            "headline": headline(catalog, found),
            "reasons": list(found.reasons),
        },
        "usable": found.state in (SESSION, "rest"),
        "by_pain": by_pain,
        "red_flag": red_flag,
        "outcomes": outcomes,
        "sessions": sessions,
        "severe": catalog.sessions.progress.severe_pain_before,
        "pain_question": catalog.sessions.pain_question,
        "said_at_end": {"done": SESSION_DONE, "ended": SESSION_ENDED},
        "whole": list(WHOLE),
        "instructions": list(INSTRUCTIONS),
        "disclaimer": safety.disclaimer,
        "short": safety.short,
        "stop_rules": list(safety.stop_rules),
        "red_flags": [
            {"heading": red_flag_heading(g), "signs": list(g.signs)} for g in safety.red_flags
        ],
        "pain_guide": [
            {"colour": p.colour, "low": p.low, "high": p.high, "meaning": p.meaning}
            for p in safety.pain_guide
        ],
    }
    return Page(data, figures)


def _signature(session: SessionPlan) -> str:
    """One key for sessions that are the same: the band, each exercise and its dose."""
    parts = [session.band.id, *(f"{i.exercise.id}:{tuple(i.dosage)}" for i in session.items)]
    return "s-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def _session(catalog: Catalog, session: SessionPlan, figures: dict[str, str]) -> dict[str, Any]:
    """One session as the page plays it: its exercises, schedule (fitted to the voice,
    estimated) and cue script, the same the terminal coach speaks."""
    steps = schedule(session, need=needs(session, estimate))
    cues = script(session, steps, estimate)
    starts = [0.0]
    for step in steps:
        starts.append(starts[-1] + step.seconds)  # as the script adds them up
    return {
        "band": {"id": session.band.id, "name": session.band.name},
        "tempo": {"lift": session.tempo.lift_seconds, "lower": session.tempo.lower_seconds},
        "items": [_item(catalog, session, index, figures) for index in range(len(session.items))],
        # Each step's start, rounded as the cues' times are: a count due at a set's start
        # is due exactly then, as in the terminal.
        "steps": [
            {
                "kind": s.kind,
                "item": s.item,
                "set": s.set,
                "side": s.side,
                "start": round(start, 2),
                "reps": s.reps,
                "asks": s.asks,
            }
            for s, start in zip(steps, starts, strict=False)
        ],
        "cues": as_data(cues),
        "total": round(starts[-1], 2),
    }


def _item(
    catalog: Catalog, session: SessionPlan, index: int, figures: dict[str, str]
) -> dict[str, Any]:
    item: PlannedExercise = session.items[index]
    exercise, dosage = item.exercise, item.dosage
    figure = other = None
    if exercise.figure is not None:
        figure = _figure(figures, exercise, exercise.figure, dosage.hold_seconds, session)
        if exercise.alternating:
            turned = exercise.figure._replace(
                poses=tuple(other_side(p) for p in exercise.figure.poses)
            )
            other = _figure(figures, exercise, turned, dosage.hold_seconds, session, "other")
    return {
        "id": exercise.id,
        "name": exercise.name,
        "intro": intro(session, index),
        "steps": list(exercise.steps),
        "dose": dosage_line(exercise, dosage, session.band.name, session.tempo),
        "sets": dosage.sets,
        "reps": dosage.reps,
        "hold": dosage.hold_seconds,
        "rest": dosage.rest_seconds,
        "rep_seconds": item.rep_seconds,
        "each_side": exercise.each_side,
        "alternating": exercise.alternating,
        "sides": [exercise.side_name(1), exercise.side_name(2)],
        "side_is": exercise.side_is,
        "side_words": [side_words(exercise, 1), side_words(exercise, 2)],
        "words": list(exercise.words),
        "asked": felt(exercise),
        "band_used": exercise.equipment.band,
        "per_count": per_count(exercise),
        "stops": {
            str(score): reason
            for score in SCORES
            if (reason := stopped_during(catalog, exercise, score))
        },
        "variant": item.variant,
        "note": exercise.note,
        "figure": figure,
        "figure_other": other,
    }


def _figure(
    figures: dict[str, str],
    exercise: Exercise,
    figure: Figure,
    hold: int,
    session: SessionPlan,
    which: str = "",
) -> str:
    """The key of the exercise's moving picture (made once), one repetition long."""
    from backpain_cli.figures import svg

    key = f"{exercise.id}-{hold}{'-' + which if which else ''}"
    if key not in figures:
        tempo = session.tempo
        figures[key] = svg.moving(
            key,
            exercise.name,
            figure,
            tempo.lift_seconds,
            hold,
            tempo.lower_seconds,
            rest=0,
            per_second=FRAMES_PER_SECOND,
        )
    return key


# The page ---------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("backpain_cli.render").joinpath(name).read_text(encoding="utf-8")


def page(made: Page) -> str:
    """The whole HTML file."""
    data = made.data
    style, code = _asset("coach_page.css"), _asset("coach_page.js")
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
    policy = (
        "default-src 'none'; img-src data:; media-src 'none'; connect-src 'none'; "
        f"style-src 'unsafe-inline'; script-src 'sha256-{digest}'; form-action 'none'; "
        "base-uri 'none'"
    )
    title = data["title"]
    who = [
        f"For {data['patient']}" if data["patient"] else "",
        f"From {data['clinician']}" if data["clinician"] else "",
    ]
    figures = "".join(
        f'<div class="figure" data-figure="{html_attribute(key)}" hidden>{svg_text}</div>'
        for key, svg_text in made.figures.items()
    )
    return "\n".join(
        [
            "<!doctype html>",
            f'<html lang="{html_attribute(data["language"])}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{html_attribute(policy)}">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{html_text(title)}: the coach</title>",
            f"<style>{style}</style>",
            "</head>",
            "<body>",
            '<main id="app">',
            f"<h1>{html_text(title)}</h1>",
            *(f'<p class="who">{html_text(line)}</p>' for line in who if line),
            '<noscript><p class="stop">This page needs JavaScript to guide the session; the '
            "handout (backpain handout) is the same session on paper.</p></noscript>",
            "</main>",
            '<div id="awake" hidden><button type="button" id="wake">Tap to keep the screen '
            "on</button></div>",
            f'<div id="figures" hidden>{figures}</div>',
            f'<script type="application/json" id="data">{script_json(data)}</script>',
            f"<script>{code}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
