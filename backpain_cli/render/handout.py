"""The handout a physiotherapist gives: what it says (shared by the HTML and the PDF),
and the HTML page itself: one file, inline CSS and SVG, nothing fetched, no script.

Every text, from content or from the command line, goes through the escaping for
where it is written (backpain_cli.escaping): HTML text, an HTML attribute, or the
CSS string of the printed page's footer. A name with markup in it prints as that
text, and no text is ever a template.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from backpain_cli.cues import position
from backpain_cli.escaping import css_string, html_attribute, html_text
from backpain_cli.models import Catalog, Exercise, Phase, Safety, Week
from backpain_cli.planner import SessionPlan
from backpain_cli.programme import FULL_NAMES, spread
from backpain_cli.render.words import dosage_line, duration, red_flag_heading, short_dose

#: The title when the content gives none (sessions.yaml, title:).
DEFAULT_TITLE = "Home exercise programme"
#: The columns of the log, a row a planned session.
ROW_HEADS = ("Day", "Band", "Done", "Pain before (0-10)", "Pain after (0-10)")
PAPER = {"a4": "A4", "letter": "Letter"}


class Item(NamedTuple):
    """One exercise as the handout prints it."""

    number: int
    exercise: Exercise
    start: str | None  # the starting position, where no picture's caption says it
    dosage: str
    cue: str | None  # the one most important cue
    avoid: str | None  # the mistake to avoid
    easier: str | None  # its easier ways, named in one line
    harder: str | None  # its harder ways
    note: str | None = None  # the content's or the prescription's note on it, beside it


class LogRow(NamedTuple):
    """A planned session in the log: its day, and the band (and variants) of its phase."""

    day: date
    band: str
    week: int  # the plan's week, from 1 (the handout's first week where there is no plan)


class Step(NamedTuple):
    """What comes after this band on the way up: a phase and each exercise's dose there."""

    heading: str
    doses: tuple[str, ...]


class Handout(NamedTuple):
    title: str
    band: str  # the band's name
    day: date
    patient: str | None
    clinician: str | None
    note: str | None  # the therapist's note for this patient
    content_notes: tuple[str, ...]  # the routine's note, from content or the prescription
    weeks: int
    paper: str  # "a4" or "letter"
    items: tuple[Item, ...]
    how_often: str
    safety: Safety
    rows: tuple[LogRow, ...] = ()  # the log, a row a planned session
    path: tuple[Step, ...] = ()  # what comes after this band
    moving_up: str = ""  # when to move up
    band_care: tuple[str, ...] = ()  # the band's safety check and its colours


def make(
    catalog: Catalog,
    plan: SessionPlan,
    day: date,
    patient: str | None = None,
    clinician: str | None = None,
    note: str | None = None,
    weeks: int = 4,
    paper: str = "a4",
    days: Sequence[int] = (),
    start: date | None = None,
    planned: Sequence[Week] = (),
) -> Handout:
    """The handout of ``plan``, made on ``day``: sessions on ``days`` (weekdays, Monday
    0; the content's number a week where none are given) from ``start``; ``planned``, the
    plan's weeks as the daily decision lays them out (backpain_cli.today), date the log
    and give each row its phase's band."""
    items = []
    for number, item in enumerate(plan.items, 1):
        exercise = item.exercise
        # With a picture, its caption says where to start; without, one sentence does.
        start_words = None if exercise.figure is not None else position(exercise)
        items.append(
            Item(
                number,
                exercise,
                start_words,
                dosage_line(exercise, item.dosage, plan.band.name, plan.tempo),
                exercise.cues[0] if exercise.cues else None,
                exercise.mistakes[0] if exercise.mistakes else None,
                named(catalog, exercise, "easier"),
                named(catalog, exercise, "harder"),
                exercise.note,
            )
        )
    sessions = catalog.sessions
    days = tuple(days) or spread(plan.sessions_per_week)
    first = max(start or day, day)
    bands = catalog.bands
    return Handout(
        title=sessions.title or DEFAULT_TITLE,
        band=plan.band.name,
        day=day,
        patient=patient,
        clinician=clinician,
        note=note,
        content_notes=(sessions.note,) if sessions.note else (),
        weeks=weeks,
        paper=paper,
        items=tuple(items),
        how_often=_how_often(days, start or day, plan.total_seconds),
        safety=catalog.safety,
        rows=_rows(catalog, plan, days, first, weeks, planned),
        path=_path(catalog, plan),
        moving_up=bands.moving_up,
        band_care=(bands.safety_check, bands.colour_caution),
    )


def _how_often(days: Sequence[int], start: date, seconds: int) -> str:
    """ "2 sessions a week (Monday and Thursday), from Monday 7 December 2026; ..." """
    names = [FULL_NAMES[d].capitalize() for d in sorted(days)]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    count = f"{len(names)} session{'s' if len(names) != 1 else ''} a week"
    return (
        f"{count} ({listed}), from {FULL_NAMES[start.weekday()].capitalize()} {when(start)}; "
        f"each takes {duration(seconds)}, rests included."
    )


def _rows(
    catalog: Catalog,
    plan: SessionPlan,
    days: Sequence[int],
    first: date,
    weeks: int,
    planned: Sequence[Week],
) -> tuple[LogRow, ...]:
    """A row for each planned session in the ``weeks`` weeks from ``first``: the plan's
    days with their phases' bands, or without a plan the handout's days and band; each
    with the week it falls in (the plan's, or the seven days' from the first day)."""
    programme = catalog.programme
    end = first + timedelta(weeks=weeks)  # a window of whole weeks from the first day
    if planned and programme is not None:
        return tuple(
            LogRow(d.day, _phase_band(catalog, programme.phases[week.phase]), week.number)
            for week in planned
            for d in week.days
            if first <= d.day < end
        )
    found = (first + timedelta(days=n) for n in range((end - first).days))
    return tuple(
        LogRow(day, plan.band.name, (day - first).days // 7 + 1)
        for day in found
        if day.weekday() in days
    )


def _phase_band(catalog: Catalog, phase: Phase) -> str:
    name = catalog.bands.get(phase.band).name
    return f"{name}, harder variants" if phase.variants else name


def _path(catalog: Catalog, plan: SessionPlan) -> tuple[Step, ...]:
    """What comes after this session's band, with each exercise's dose there: the
    programme's later phases (its harder variants last), or without a programme the
    heavier bands. A prescription's doses and exercises left out hold there too."""
    from backpain_cli.planner import harder, plan_session

    bands = catalog.bands
    here = bands.rank(plan.band.id)
    programme = catalog.programme
    steps = []
    if programme is not None:
        later = [p for p in programme.phases if bands.rank(p.band) > here or p.variants]
        if any(item.variant for item in plan.items) and later and later[-1].variants:
            later = []  # already on the harder variants: the programme's last phase
        for phase in later:
            session = plan_session(catalog, phase.band)
            if phase.variants:
                session = harder(catalog, session, phase.variants)
            what = "the harder variants" if phase.variants else "the next band"
            steps.append(
                Step(
                    f"{phase.name}: {bands.get(phase.band).name} band, {phase.weeks} weeks "
                    f"at least, {what}",
                    tuple(short_dose(i.exercise, i.dosage) for i in session.items),
                )
            )
        return tuple(steps)
    for band in bands.levels[here + 1 :]:
        session = plan_session(catalog, band.id)
        steps.append(
            Step(
                f"{band.name} band", tuple(short_dose(i.exercise, i.dosage) for i in session.items)
            )
        )
    return tuple(steps)


def named(catalog: Catalog, exercise: Exercise, kind: str) -> str | None:
    """ "Bridge with a long hold; single-leg bridge." its easier or harder ways by name."""
    options = [v.name for v in catalog.variants_of(exercise.id, kind)]
    options += list(exercise.easier if kind == "easier" else exercise.harder)
    if not options:
        return None
    words = [o.rstrip(". ") for o in options]
    words = [words[0], *(w if w[1:2].isupper() else w[:1].lower() + w[1:] for w in words[1:])]
    return "; ".join(words) + "."


def when(day: date) -> str:
    """25 November 2026"""
    return f"{day.day} {day:%B %Y}"


def _e(text: str) -> str:
    """Text between the page's tags (backpain_cli.escaping)."""
    return html_text(text)


STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 "DejaVu Sans", Verdana, system-ui, sans-serif; color: #1f2933;
  background: #fff; max-width: 50rem; margin: 0 auto; padding: 1.25rem; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.2em 0 .4em; border-bottom: 2px solid #1f2933; }
h3 { font-size: 1.1em; margin: 0 0 .4em; }
.meta { margin: 0; color: #3e4c59; }
.box { border: 2px solid #1f2933; border-radius: 6px; padding: .6em .9em; margin: 1em 0;
  break-inside: avoid; }
.safety { border-color: #b71c1c; }
.safety h2 { border: 0; color: #b71c1c; margin-top: .2em; }
.exercise { break-inside: avoid; border-top: 1px solid #9aa5b1; padding-top: .8em;
  margin-top: 1em; }
.figure { margin: .4em 0; }
.figure svg { display: block; width: 100%; height: auto; max-height: 11rem; }
.figure .still { display: none; }
figcaption { display: flex; gap: 1.5em; font-size: max(.85em, 9pt); color: #3e4c59; }
.note { border-left: 4px solid #1f2933; padding-left: .5em; }
.next { break-inside: avoid; }
figcaption span { flex: 1; }
article p { margin: .35em 0; }
article ol { margin: .35em 0; }
.dose { font-weight: bold; background: #f0f4f8; padding: .3em .5em; border-radius: 4px; }
.log { break-before: page; }
table.week { border-collapse: collapse; width: 100%; margin: .5em 0 1em; table-layout: fixed;
  break-inside: avoid; }
table.week th, table.week td { border: 1px solid #52606d; padding: .35em .4em;
  text-align: center; }
table.week th[scope=row], table.week thead th:first-child { text-align: left;
  width: 8em; font-weight: normal; }
table.week td:nth-child(2) { text-align: left; width: 12em; }
table.week caption { text-align: left; font-weight: bold; padding: .2em 0; }
table.week thead th { text-align: left; font-size: .9em; }
.exercise:first-of-type { border-top: 0; padding-top: 0; }
table.week td { height: 2em; }
.key li { margin: .15em 0; }
.sign { display: inline-block; width: 1em; height: 1em; border: 1px solid #1f2933;
  vertical-align: -.15em; margin-right: .3em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
footer { margin-top: 2em; font-size: .85em; color: #3e4c59; }
@media (prefers-reduced-motion: reduce) {
  .figure .moving { display: none; } .figure .still { display: block; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .figure .moving { display: none; } .figure .still { display: block; }
  .figure svg { max-height: 6.5rem; }
  .figure { max-width: calc(6.5rem * var(--still)); margin: .3em auto; }
  .exercise { margin-top: .4em; padding-top: .4em; }
  article p, article ol { margin: .25em 0; }
  footer { display: none; }
}
"""


MARGIN_TEXT = 'font: 8pt "DejaVu Sans", Verdana, sans-serif; color: #3e4c59;'


def _page_rule(handout: Handout) -> str:
    return (
        f"@page {{ size: {PAPER[handout.paper]}; margin: 15mm 14mm 18mm; "
        f"@bottom-left {{ content: {css_string(handout.safety.short)}; {MARGIN_TEXT} }} "
        '@bottom-right { content: "Page " counter(page) " of " counter(pages); '
        f"{MARGIN_TEXT} }} }}"
    )


def document_start(title: str, style: str) -> list[str]:
    """The lines of a printable HTML document up to its body: ``title`` already escaped,
    ``style`` the whole style sheet."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]


def page(handout: Handout, catalog: Catalog) -> str:
    """The whole handout as one HTML document."""
    h = handout
    who = []
    if h.patient:
        who.append(f"<p class=meta>For: <strong>{_e(h.patient)}</strong></p>")
    if h.clinician:
        who.append(f"<p class=meta>From: {_e(h.clinician)}</p>")
    out = [
        *document_start(f"{_e(h.title)}: {_e(h.band)} band", f"{STYLE}{_page_rule(h)}"),
        "<header>",
        f"<h1>{_e(h.title)}</h1>",
        f"<p class=meta>{_e(h.band)} band &middot; {when(h.day)}</p>",
        *who,
        "</header>",
        _safety(h.safety),
        "<section>",
        "<h2>How often</h2>",
        f"<p>{_e(h.how_often)}</p>",
        "</section>",
    ]
    if h.note or h.content_notes:
        out.append('<section class="box notes">')
        out.append("<h2>Notes for you</h2>")
        if h.note:
            out.append(f"<p><strong>{_e(h.note)}</strong></p>")
        out += [f"<p>{_e(note)}</p>" for note in h.content_notes]
        out.append("</section>")
    for item in h.items:  # the heading goes with the first: never alone at a page's foot
        head = "<h2>The exercises</h2>" if item.number == 1 else ""
        out.append(_exercise(item, catalog, head))
    out.append(_next(h))
    out.append(_log(h))
    out.append(f"<footer><p>{_e(h.safety.short)}</p></footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _safety(safety: Safety) -> str:
    parts = ['<section class="box safety">', "<h2>Stop and get medical help</h2>"]
    parts.append("<p>If you have back pain and any of these:</p>")
    for flags in safety.red_flags:
        parts.append(f"<h3>{_e(red_flag_heading(flags))}</h3>")
        parts.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in flags.signs) + "</ul>")
    parts.append("<h3>When to stop</h3>")
    parts.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in safety.stop_rules) + "</ul>")
    parts.append(f"<p><strong>{_e(safety.disclaimer)}</strong></p>")
    parts.append("</section>")
    return "\n".join(parts)


def _exercise(item: Item, catalog: Catalog, head: str = "") -> str:
    from backpain_cli.figures.svg import aspect, of_exercise, still

    e = item.exercise
    parts = [
        f'<article class="exercise" id="{html_attribute(e.id)}">',
        *([head] if head else []),
        f"<h3>{item.number}. {_e(e.name)}</h3>",
    ]
    if e.figure is not None:
        poses = e.figure.poses
        # Printed, the figure is as wide as its picture, so the captions sit under it.
        parts.append(f'<figure class="figure" style="--still: {aspect(e.figure, len(poses)):.3f}">')
        parts.append(f'<div class="still">{still(e.id, e.name, e.figure, poses, False)}</div>')
        parts.append(f'<div class="moving">{of_exercise(catalog, e, animate=True)}</div>')
        captions = "".join(f"<span>{_e(pose.caption)}</span>" for pose in poses)
        parts.append(f"<figcaption>{captions}</figcaption>")
        parts.append("</figure>")
    if item.start:
        parts.append(f"<p><strong>Starting position:</strong> {_e(item.start)}</p>")
    parts.append("<ol>" + "".join(f"<li>{_e(step)}</li>" for step in e.steps) + "</ol>")
    if item.cue:
        parts.append(f"<p><strong>Key cue:</strong> {_e(item.cue)}</p>")
    if item.avoid:
        parts.append(f"<p><strong>Avoid:</strong> {_e(item.avoid)}</p>")
    parts.append(f'<p class="dose">{_e(item.dosage)}</p>')
    if item.note:
        parts.append(f'<p class="note"><strong>Note:</strong> {_e(item.note)}</p>')
    if item.easier:
        parts.append(f"<p><strong>Easier:</strong> {_e(item.easier)}</p>")
    if item.harder:
        parts.append(f"<p><strong>Harder:</strong> {_e(item.harder)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def _next(h: Handout) -> str:
    """What comes after this band, when to move up, and the care of the band."""
    parts = ['<section class="next">', "<h2>What comes next</h2>", f"<p>{_e(h.moving_up)}</p>"]
    if h.path:
        parts.append("<ol>")
        for step in h.path:
            doses = "".join(f"<li>{_e(dose)}</li>" for dose in step.doses)
            parts.append(f"<li><strong>{_e(step.heading)}</strong><ul>{doses}</ul></li>")
        parts.append("</ol>")
    else:
        parts.append("<p>This is the last step of the programme: keep it going.</p>")
    parts.append("<h3>Your band</h3>")
    parts += [f"<p>{_e(line)}</p>" for line in h.band_care]
    parts.append("</section>")
    return "\n".join(parts)


def _log(h: Handout) -> str:
    parts = ['<section class="log">', "<h2>Your log</h2>"]
    parts.append(
        "<p>Tick each session you do, and write your pain before and after it "
        "(0 is no pain, 10 the worst you can imagine).</p>"
    )
    parts.append('<ul class="key">')
    for level in h.safety.pain_guide:
        parts.append(
            f"<li><strong>{level.low}-{level.high} {_e(level.colour)}</strong>: "
            f"{_e(level.meaning)}</li>"
        )
    parts.append("</ul>")
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in ROW_HEADS)
    for week in dict.fromkeys(row.week for row in h.rows):
        rows = "".join(
            f'<tr><th scope="row">{_e(log_day(row.day))}</th><td>{_e(row.band)}</td>'
            + "<td></td>" * (len(ROW_HEADS) - 2)
            + "</tr>"
            for row in h.rows
            if row.week == week
        )
        parts.append(
            f'<table class="week"><caption>Week {week}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def log_day(day: date) -> str:
    """ "Mon 7 Dec" """
    return f"{day:%a} {day.day} {day:%b}"
