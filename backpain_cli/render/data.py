"""Plain data for `--json` and `--csv`: stable, documented shapes (see README), no rich.

Every document carries ``"version": 1`` and the disclaimer; the ones a person
exercises from (show, session, safety) carry the red flags and pain guide too.
Fields are only ever added within a version.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from backpain_cli.models import Band, Catalog, Exercise, Figure, Safety, Source
from backpain_cli.textsafe import visible

if TYPE_CHECKING:
    from datetime import date

    from backpain_cli.charts import PainChart
    from backpain_cli.history import History
    from backpain_cli.outcomes import Change, Outcome
    from backpain_cli.planner import SessionPlan
    from backpain_cli.records import CheckIn, Entry, Questionnaire
    from backpain_cli.report import Report
    from backpain_cli.today import Today

VERSION = 1


def dumps(data: dict[str, Any]) -> str:
    """One JSON document (ASCII only, so no byte can steer a terminal)."""
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def _source(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url, "covers": source.covers}


def _band(band: Band) -> dict[str, Any]:
    return {"id": band.id, "name": band.name, "resistance": band.resistance}


def _summary(exercise: Exercise) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "aliases": list(exercise.aliases),
        "area": exercise.area,
        "summary": exercise.summary,
        "equipment": {
            "band": exercise.equipment.band,
            "placement": exercise.equipment.placement,
            "note": exercise.equipment.note,
        },
        "each_side": exercise.each_side,
        "alternating": exercise.alternating,
    }


def safety(rules: Safety) -> dict[str, Any]:
    """The disclaimer, stop rules, red flags and pain guide."""
    return {
        "disclaimer": rules.disclaimer,
        "stop_rules": list(rules.stop_rules),
        "red_flags": [
            {"level": f.level, "action": f.action, "signs": list(f.signs)} for f in rules.red_flags
        ],
        "pain_guide": [
            {"colour": p.colour, "low": p.low, "high": p.high, "meaning": p.meaning}
            for p in rules.pain_guide
        ],
    }


def exercise_list(catalog: Catalog) -> dict[str, Any]:
    return {
        "version": VERSION,
        "exercises": [_summary(e) for e in catalog.exercises],
        "disclaimer": catalog.safety.disclaimer,
    }


def figure(drawn: Figure | None) -> dict[str, Any] | None:
    """The pose data as given (inheritance applied), and where each joint falls in the
    picture, as the figure's camera sees it: x across and y up, in body heights."""
    if drawn is None:
        return None
    from backpain_cli.figures.drawing import camera_for, points

    return {
        "view": drawn.view,
        "band": drawn.band,
        "poses": [
            {
                "name": pose.name,
                "caption": pose.caption,
                "lying": pose.lying,
                "trunk": pose.trunk,
                "head": pose.head,
                "curl": pose.curl,
                "near": pose.near._asdict(),
                "far": pose.far._asdict(),
                "points": {
                    joint: [round(x, 4), round(y, 4)]
                    for joint, (x, y) in points(pose, camera_for(drawn)).items()
                },
            }
            for pose in drawn.poses
        ],
    }


def exercise_detail(catalog: Catalog, exercise: Exercise) -> dict[str, Any]:
    dosage = [
        {
            "band": band.id,
            "sets": d.sets,
            "reps": d.reps,
            "each_side": exercise.each_side,
            "alternating": exercise.alternating,
            "hold_seconds": d.hold_seconds,
            "rest_seconds": d.rest_seconds,
        }
        for band, d in catalog.dosage_by_band(exercise.id)
    ]
    return {
        "version": VERSION,
        "exercise": {
            **_summary(exercise),
            "why": exercise.why,
            "steps": list(exercise.steps),
            "cues": list(exercise.cues),
            "mistakes": list(exercise.mistakes),
            "easier": list(exercise.easier),
            "harder": list(exercise.harder),
            "parent": exercise.parent,
            "kind": exercise.kind or None,
            "variants": [
                {"id": v.id, "name": v.name, "kind": v.kind, "summary": v.summary}
                for kind in ("easier", "harder")
                for v in catalog.variants_of(exercise.id, kind)
            ],
            "sources": [_source(s) for s in exercise.sources],
            "note": exercise.note,
            "figure": figure(exercise.figure),
        },
        "dosage": dosage,
        **safety(catalog.safety),
    }


def band_guide(catalog: Catalog) -> dict[str, Any]:
    guide = catalog.bands
    return {
        "version": VERSION,
        "levels": [_band(b) for b in guide.levels],
        "colour_caution": guide.colour_caution,
        "stretch_note": guide.stretch_note,
        "choosing": guide.choosing,
        "moving_up": guide.moving_up,
        "safety_check": guide.safety_check,
        "where_to_buy": _source(guide.where_to_buy),
        "disclaimer": catalog.safety.disclaimer,
    }


def session(catalog: Catalog, today: Today) -> dict[str, Any]:
    """`backpain session --json`: the session today gives (a rest day: the next one; paused
    or stopped: none, with no exercises), and what today is."""
    from backpain_cli.planner import prescribed_doses

    plan = today.session
    return {
        "version": VERSION,
        **_session_plan(catalog, plan, today),
        "today": today_fields(catalog, today),
        "basis": [*(prescribed_doses(catalog, plan) if plan else ()), *catalog.sessions.basis],
        **safety(catalog.safety),
    }


def _session_plan(catalog: Catalog, plan: SessionPlan | None, today: Today) -> dict[str, Any]:
    """A session's band, exercises and times (none when there is no session)."""
    rules = catalog.sessions
    return {
        "band": _band(plan.band if plan else catalog.bands.get(today.band)),
        "reason": plan.reason if plan else " ".join(today.reasons),
        "sessions_per_week": catalog.per_week,
        "tempo": {
            "lift_seconds": rules.tempo.lift_seconds,
            "lower_seconds": rules.tempo.lower_seconds,
        },
        "exercises": [
            {
                **_summary(item.exercise),
                "sets": item.dosage.sets,
                "reps": item.dosage.reps,
                "hold_seconds": item.dosage.hold_seconds,
                "rest_seconds": item.dosage.rest_seconds,
                "work_seconds": item.work_seconds,
                "note": item.exercise.note,
                "variant": item.variant,
            }
            for item in (plan.items if plan else ())
        ],
        "adjustment": plan.adjustment if plan else "",
        "rest_seconds": plan.rest_seconds if plan else 0,
        "estimated_seconds": plan.total_seconds if plan else 0,
        "note": rules.note,
    }


def today_fields(catalog: Catalog, today: Today) -> dict[str, Any]:
    """What today is, in the same words as the screens: the state, its line, why."""
    from backpain_cli.today import headline, pause_ends

    programme, standing, pause = catalog.programme, today.standing, today.pause
    plan = None
    if programme is not None and standing is not None:
        from backpain_cli.programme import summary

        plan = summary(programme, standing)
    return {
        "date": today.day.isoformat(),
        "state": today.state,
        "headline": headline(catalog, today),
        "band": today.band,
        "reasons": list(today.reasons),
        "counts_towards_moving_up": today.counts,
        "next_session": today.next_day.isoformat() if today.next_day else None,
        "pause": None
        if pause is None
        else {
            "since": pause.since.isoformat(),
            "reason": pause.reason,
            "band": pause.band,
            "ends": pause_ends(catalog, pause),
        },
        "chosen": today.chosen or None,
        "plan": plan,
    }


def today(catalog: Catalog, found: Today) -> dict[str, Any]:
    """`backpain today --json`: today's prescription, with its session when it has one."""
    return {
        "version": VERSION,
        **today_fields(catalog, found),
        "session": None if found.session is None else _session_plan(catalog, found.session, found),
        **safety(catalog.safety),
    }


def safety_document(catalog: Catalog) -> dict[str, Any]:
    return {"version": VERSION, **safety(catalog.safety)}


def session_fields(item: Entry) -> dict[str, Any]:
    """One journal session as plain fields: the one definition that the JSON, the CSV
    and the journal's tables all read."""
    s = item.session
    return {
        "id": item.id,
        "date": s.day.isoformat(),
        "band": s.band,
        "exercises": [
            {
                "exercise": e.exercise,
                "sets_planned": e.sets_planned,
                "sets_done": e.sets_done,
                "sets_partial": e.sets_partial,
                "reps": e.reps,
                "feel": e.feel or None,
                "pain": e.pain,
            }
            for e in s.exercises
        ],
        "sets_done": s.sets_done,
        "sets_planned": s.sets_planned,
        "sets_partial": s.sets_partial,
        "all_sets_done": s.all_sets_done,
        "pain_before": s.pain_before,
        "pain_after": s.pain_after,
        "seconds": s.seconds,
        "notes": s.notes,
        "adjustment": s.adjustment,
    }


def _average(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def pain_chart_fields(chart: PainChart | None) -> dict[str, Any] | None:
    """The chart of pain before and after each session, as data: each session's pain, the
    traffic light's levels, and the days apart beyond which a line is not drawn."""
    if chart is None:
        return None
    from backpain_cli.charts import GAP_DAYS

    return {
        "from": chart.first.isoformat(),
        "to": chart.last.isoformat(),
        "gap_days": GAP_DAYS,
        "levels": [{"colour": p.colour, "low": p.low, "high": p.high} for p in chart.levels],
        "sessions": [
            {"date": p.day.isoformat(), "before": p.before, "after": p.after, "later": p.later}
            for p in chart.points
        ],
    }


def history(
    catalog: Catalog,
    found: History,
    journal: str | None,
    day: Today,
    chart: PainChart | None = None,
) -> dict[str, Any]:
    target = found.weekly_target
    fields = today_fields(catalog, day)
    return {
        "version": VERSION,
        "plan": fields["plan"],
        "today": fields,
        "journal": journal,
        "since": found.since.isoformat() if found.since else None,
        "total": found.total,
        "shown": len(found.entries),
        "sessions": [session_fields(e) for e in found.entries],
        "weekly_target": target,
        "streak_weeks": found.streak_weeks,
        "adherence": {
            "this_week": {"sessions": found.this_week, "target": target},
            "last_4_weeks": {
                "sessions": found.last_four_weeks,
                "target": found.four_week_target,
                "percent": found.four_week_percent,
            },
        },
        "pain_trend": {
            "recent": list(found.trend.recent),
            "first_two_weeks": _average(found.trend.first_two_weeks),
            "last_two_weeks": _average(found.trend.last_two_weeks),
        },
        "chart": pain_chart_fields(chart),
        "disclaimer": catalog.safety.disclaimer,
    }


CSV_COLUMNS = (
    "id",
    "date",
    "band",
    "exercises",
    "sets_done",
    "sets_planned",
    "all_sets_done",
    "pain_before",
    "pain_after",
    "seconds",
    "notes",
    "sets_partial",
    "adjustment",
)


def _csv_cell(name: str, value: Any) -> Any:
    """One CSV cell; text goes through the safe-text rule, as on screen."""
    if name == "exercises":
        value = ";".join(
            f"{e['exercise']}:{e['sets_done']}/{e['sets_planned']}"
            + (f":{e['feel']}" if e["feel"] else "")
            + (f"={e['pain']}" if e["pain"] is not None else "")
            for e in value
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return visible(value)
    return "" if value is None else value


def write_csv(entries: Iterable[Entry]) -> None:
    """A header, then one row per session; exercises as id:done/planned joined by ';'."""
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in entries:
        fields = session_fields(item)
        writer.writerow(_csv_cell(name, fields[name]) for name in CSV_COLUMNS)


def advice(catalog: Catalog, day: Today, outcomes: Sequence[Outcome] = ()) -> dict[str, Any]:
    """`backpain progress --json`: the advice as today's band follows it, and the
    check-ins' changes."""
    rules = catalog.sessions.progress
    found = day.advice
    fields = today_fields(catalog, day)
    return {
        "version": VERSION,
        "plan": fields["plan"],
        "advice": found.advice,
        "band": found.band,
        "current_band": found.current,
        "reason": found.reason,
        "sessions": [session_fields(e) for e in found.evidence],
        "rules": {
            "move_up_after_sessions": rules.move_up_after_sessions,
            "move_up_max_pain_after": rules.move_up_max_pain_after,
            "step_down_min_pain_after": rules.step_down_min_pain_after,
            "see_professional_red_sessions": rules.see_professional_red_sessions,
            "window_days": rules.window_days,
            "min_days_between": rules.min_days_between,
            "severe_pain_before": rules.severe_pain_before,
            "break_days": rules.break_days,
            "basis": list(rules.basis),
        },
        "today": fields,
        "outcomes": [outcome_fields(o) for o in outcomes],
        "disclaimer": catalog.safety.disclaimer,
    }


def questionnaire_fields(q: Questionnaire) -> dict[str, Any]:
    """A questionnaire as the JSON names it: what it is, its scale, and the thresholds a
    change is judged by, each with its source."""
    return {
        "id": q.id,
        "name": q.name,
        "full_name": q.full_name,
        "recall": q.recall,
        "every_days": q.every_days,
        "better": "higher" if q.higher_is_better else "lower",
        "scale": q.scale._asdict(),
        "scoring": q.scoring,
        "thresholds": [t._asdict() for t in q.thresholds],
        "licence": q.licence._asdict(),
    }


def change_fields(found: Change | None) -> dict[str, Any] | None:
    """A change from the first score to the latest, against its threshold, with its
    sentence."""
    if found is None:
        return None
    from backpain_cli.outcomes import in_words

    return {
        "name": found.name,
        "first": {"date": found.first_day.isoformat(), "score": round(found.first, 2)},
        "latest": {"date": found.latest_day.isoformat(), "score": round(found.latest, 2)},
        "change": round(found.delta, 2),
        "percent": None if found.percent is None else round(found.percent, 1),
        "direction": found.direction,
        "passes": found.passes,
        "threshold": found.threshold._asdict(),
        "words": in_words(found),
    }


def outcome_fields(found: Outcome) -> dict[str, Any]:
    """One questionnaire's check-ins: each score, the change, each item's change, and
    whether it is due."""
    return {
        "questionnaire": questionnaire_fields(found.questionnaire),
        "named": list(found.named),
        "scores": [
            {
                "date": s.day.isoformat(),
                "score": round(s.score, 2),
                "answers": [{"item": i, "answer": a} for i, a in s.checkin.answers],
            }
            for s in found.scores
        ],
        "change": change_fields(found.change),
        "items": [change_fields(c) for c in found.items],
        "due": found.due,
        "next_due": found.next_day.isoformat() if found.next_day else None,
    }


def checkin(
    catalog: Catalog, found: Sequence[Outcome], recorded: Sequence[CheckIn], day: date
) -> dict[str, Any]:
    """`backpain check-in --json`: what was just kept, and every questionnaire's scores."""
    return {
        "version": VERSION,
        "date": day.isoformat(),
        "recorded": [
            {
                "id": c.id,
                "questionnaire": c.questionnaire,
                "answers": [{"item": i, "answer": a} for i, a in c.answers],
            }
            for c in recorded
        ],
        "outcomes": [outcome_fields(o) for o in found],
        "disclaimer": catalog.safety.disclaimer,
    }


def report(catalog: Catalog, found: Report) -> dict[str, Any]:
    """`backpain report --json`: the same numbers as the page."""
    from backpain_cli.report import DATA_WINDOW

    rx = catalog.prescription
    plan = found.session
    return {
        "version": VERSION,
        "made": found.day.isoformat(),
        "period": {"from": found.first.isoformat(), "to": found.day.isoformat()},
        "patient": found.patient,
        "clinician": found.clinician,
        "prescription": {
            "today": today_fields(catalog, found.today),
            "band": plan.band.id,
            "sessions_per_week": catalog.per_week,
            "start": rx.start.isoformat() if rx and rx.start else None,
            "review": rx.review.isoformat() if rx and rx.review else None,
            "note": rx.note if rx else None,
            "exercises": [
                {
                    "id": item.exercise.id,
                    "name": item.exercise.name,
                    "sets": item.dosage.sets,
                    "reps": item.dosage.reps,
                    "each_side": item.exercise.each_side,
                    "hold_seconds": item.dosage.hold_seconds,
                    "rest_seconds": item.dosage.rest_seconds,
                    "variant": item.variant,
                }
                for item in plan.items
            ],
        },
        "adherence": {
            "sessions": found.sessions,
            "planned": found.planned,
            "in_pause": found.in_pause,
            "weeks": [
                {
                    "monday": w.monday.isoformat(),
                    "done": w.done,
                    "planned": w.planned,
                    "paused": w.paused,
                    "in_pause": w.in_pause,
                    "so_far": w.so_far,
                }
                for w in found.weeks
            ],
            "days_with_data": {"days": found.days_with_data, "of": DATA_WINDOW},
        },
        "pain": pain_chart_fields(found.chart),
        "outcomes": [outcome_fields(o) for o in found.outcomes],
        "amber_or_red": [
            {
                "session": f.entry.id,
                "date": f.entry.session.day.isoformat(),
                "band": f.entry.session.band,
                "pain_before": f.entry.session.pain_before,
                "pain_after": f.entry.session.pain_after,
                "colour": f.colour,
                "later": None
                if f.later is None
                else {"date": f.later.day.isoformat(), "pain": f.later.pain},
                "settled": f.settled,
            }
            for f in found.flagged
        ],
        "hurt": [
            {
                "exercise": h.exercise,
                "name": h.name,
                "times": h.times,
                "worst": h.worst,
                "days": [d.isoformat() for d in h.days],
            }
            for h in found.hurt
        ],
        "notes": [{"date": n.day.isoformat(), "what": n.what, "text": n.text} for n in found.notes],
        "disclaimer": catalog.safety.disclaimer,
    }
