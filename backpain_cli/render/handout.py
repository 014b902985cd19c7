"""The handout a physiotherapist gives: what it says (shared by the HTML and the PDF),
and the HTML page itself: one file, inline CSS and SVG, nothing fetched, no script.

Every text, from content or from the command line, goes through the escaping for
where it is written (backpain_cli.escaping): HTML text, an HTML attribute, or the
CSS string of the printed page's footer. A name with markup in it prints as that
text, and no text is ever a template.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from backpain_cli.cues import position
from backpain_cli.escaping import css_string, html_attribute, html_text
from backpain_cli.models import Catalog, Exercise, Safety
from backpain_cli.planner import SessionPlan
from backpain_cli.render.words import dosage_line, duration, red_flag_heading

#: The title when the content gives none (sessions.yaml, title:).
DEFAULT_TITLE = "Home exercise programme"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LOG_ROWS = ("Done", "Pain before (0-10)", "Pain after (0-10)")
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


class Handout(NamedTuple):
    title: str
    band: str  # the band's name
    day: date
    patient: str | None
    clinician: str | None
    note: str | None  # the therapist's note for this patient
    content_notes: tuple[str, ...]  # the routine's and the exercises' notes, from content
    weeks: int
    paper: str  # "a4" or "letter"
    items: tuple[Item, ...]
    how_often: str
    safety: Safety


def make(
    catalog: Catalog,
    plan: SessionPlan,
    day: date,
    patient: str | None = None,
    clinician: str | None = None,
    note: str | None = None,
    weeks: int = 4,
    paper: str = "a4",
) -> Handout:
    items = []
    for number, item in enumerate(plan.items, 1):
        exercise = item.exercise
        # With a picture, its caption says where to start; without, one sentence does.
        start = None if exercise.figure is not None else position(exercise)
        items.append(
            Item(
                number,
                exercise,
                start,
                dosage_line(exercise, item.dosage, plan.band.name, plan.tempo),
                exercise.cues[0] if exercise.cues else None,
                exercise.mistakes[0] if exercise.mistakes else None,
                named(catalog, exercise, "easier"),
                named(catalog, exercise, "harder"),
            )
        )
    sessions = catalog.sessions
    notes = [sessions.note] if sessions.note else []
    notes += [f"{i.exercise.name}: {i.exercise.note}" for i in plan.items if i.exercise.note]
    return Handout(
        title=sessions.title or DEFAULT_TITLE,
        band=plan.band.name,
        day=day,
        patient=patient,
        clinician=clinician,
        note=note,
        content_notes=tuple(notes),
        weeks=weeks,
        paper=paper,
        items=tuple(items),
        how_often=f"{plan.sessions_per_week} sessions a week, on days apart; each takes "
        f"{duration(plan.total_seconds)}, rests included.",
        safety=catalog.safety,
    )


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
figcaption { display: flex; gap: 1.5em; font-size: .85em; color: #3e4c59; }
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
  width: 11em; font-weight: normal; }
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
  .figure svg { max-height: 7.5rem; }
  .figure { max-width: calc(7.5rem * var(--still)); margin: .4em auto; }
  .exercise { margin-top: .6em; padding-top: .5em; }
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
    out.append("<h2>The exercises</h2>")
    for item in h.items:
        out.append(_exercise(item, catalog))
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


def _exercise(item: Item, catalog: Catalog) -> str:
    from backpain_cli.figures.svg import aspect, of_exercise, still

    e = item.exercise
    parts = [
        f'<article class="exercise" id="{html_attribute(e.id)}">',
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
    if item.easier:
        parts.append(f"<p><strong>Easier:</strong> {_e(item.easier)}</p>")
    if item.harder:
        parts.append(f"<p><strong>Harder:</strong> {_e(item.harder)}</p>")
    parts.append("</article>")
    return "\n".join(parts)


def _log(h: Handout) -> str:
    parts = ['<section class="log">', "<h2>Weekly log</h2>"]
    parts.append(
        "<p>Tick each day you do the session, and write your pain before and after it "
        "(0 is no pain, 10 the worst you can imagine).</p>"
    )
    parts.append('<ul class="key">')
    for level in h.safety.pain_guide:
        parts.append(
            f"<li><strong>{level.low}-{level.high} {_e(level.colour)}</strong>: "
            f"{_e(level.meaning)}</li>"
        )
    parts.append("</ul>")
    head = "".join(f'<th scope="col">{day}</th>' for day in WEEKDAYS)
    for week in range(1, h.weeks + 1):
        rows = "".join(
            f'<tr><th scope="row">{row}</th>' + "<td></td>" * len(WEEKDAYS) + "</tr>"
            for row in LOG_ROWS
        )
        parts.append(
            f'<table class="week"><caption class="sr">Week {week}</caption>'
            f'<thead><tr><th scope="col">Week {week}</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    parts.append("</section>")
    return "\n".join(parts)
