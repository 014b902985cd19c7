"""Read every file of a content folder, check it and build the Catalog.

Every problem found is reported, each naming its file, line and field; a
folder with any problem raises ContentError and is never half-used.
"""

from __future__ import annotations

import os
from typing import Any

from backpain_cli.content.cache import ContentCache
from backpain_cli.content.document import Document
from backpain_cli.content.files import (
    BANDS_FILE,
    DISCLAIMER_FILE,
    EXERCISES_DIR,
    PRESCRIPTION_FILE,
    PROGRAMME_FILE,
    SESSIONS_FILE,
    SINGLE_FILES,
    exercise_names,
)
from backpain_cli.errors import ContentError, Problem
from backpain_cli.models import (
    Band,
    BandGuide,
    Catalog,
    Dosage,
    DoseRange,
    Equipment,
    Exercise,
    Figure,
    PainLevel,
    Prescription,
    ProgressRules,
    RedFlags,
    Safety,
    SessionRules,
    Source,
    Tempo,
    Voice,
    not_easier,
)

MAX_FILE_BYTES = 1024 * 1024

COPY_HINT = "; `backpain content copy DEST` gives a complete example folder"


def load(folder: str | os.PathLike[str], figures: bool = True) -> Catalog:
    """Read, check and build the whole catalog in ``folder``, or raise ContentError.

    Every file is checked, figures included; without ``figures`` the exercises'
    figures are not put together (None), which only drawing needs."""
    root = os.fspath(folder)
    if not os.path.isdir(root):
        raise ContentError([Problem(root, "not a folder; pass a content folder")])
    cache = ContentCache(root)
    try:
        return _load(root, figures, cache)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError):
        if not cache.used:
            raise
        cache.drop()  # entries that are not what the files held: read the files instead
        return _load(root, figures, cache)


def _load(root: str, figures: bool, cache: ContentCache) -> Catalog:
    problems: list[Problem] = []
    docs = {name: _read(root, name, kind, problems, cache) for name, kind in SINGLE_FILES.items()}
    exercises: list[tuple[str, Exercise]] = []
    variants: list[tuple[str, Exercise]] = []
    exercise_docs: dict[str, Document] = {}
    for file_name in _exercise_files(root, problems):
        name = f"{EXERCISES_DIR}/{file_name}"
        stem = os.path.splitext(file_name)[0]
        doc = _read(root, name, "exercise", problems, cache)
        if doc is not None:
            exercise = _exercise(doc.data)
            own = [_variant(exercise, v) for v in doc.data.get("variants", [])]
            if figures:  # checked by _read, with the file
                drawn, by_variant, _none = _figures(doc, name, check=False)
                exercise = exercise._replace(figure=drawn)
                own = [v._replace(figure=by_variant.get(v.id)) for v in own]
            variants += [(name, v) for v in own]
            exercise_docs[exercise.id] = doc
            if exercise.id != stem:
                problems.append(
                    Problem(
                        name,
                        f"the id '{exercise.id}' must match the file name ({stem})",
                        doc.line("id"),
                        "id",
                    )
                )
            exercises.append((name, exercise))
    programme_doc = prescription_doc = None
    if os.path.lexists(os.path.join(root, PROGRAMME_FILE)):
        programme_doc = _read(root, PROGRAMME_FILE, "programme", problems, cache)
    if os.path.lexists(os.path.join(root, PRESCRIPTION_FILE)):
        prescription_doc = _read(root, PRESCRIPTION_FILE, "prescription", problems, cache)
    cache.save({*SINGLE_FILES, PROGRAMME_FILE, PRESCRIPTION_FILE,
                *(name for name, _ in exercises)})  # fmt: skip
    problems += _unique_names([*exercises, *variants])
    bands_doc, sessions_doc, disclaimer_doc = docs.values()
    if problems or bands_doc is None or sessions_doc is None or disclaimer_doc is None:
        raise ContentError(problems)
    bands = _bands(bands_doc.data)
    sessions = _sessions(sessions_doc.data)
    safety = _safety(disclaimer_doc.data)
    found = [exercise for _file, exercise in exercises]
    problems += _cross_checks(found, bands, sessions, safety)
    wrong, doubts = _variant_checks(variants, found, bands, sessions, exercise_docs)
    problems += wrong
    made = tuple(v for _file, v in variants)
    programme = None
    if programme_doc is not None:
        from backpain_cli.content.programme import build_programme

        programme, wrong = build_programme(programme_doc, found, bands, made)
        problems += wrong
    prescription: Prescription | None = None
    cautions: list[Problem] = []
    if prescription_doc is not None and not problems:
        from backpain_cli.content.prescription import build_prescription

        prescription, wrong, cautions = build_prescription(
            prescription_doc, found, made, bands, sessions, programme
        )
        problems += wrong
    if problems:
        raise ContentError(problems)
    warnings = (*_left_out(exercises, bands, sessions, sessions_doc), *doubts)
    ordered = _in_session_order(found, sessions)
    if prescription is not None:  # its notes, for this patient, in the exercises' place
        ordered = tuple(_noted(e, prescription) for e in ordered)
        made = tuple(_noted(v, prescription) for v in made)
        sessions = sessions._replace(note=prescription.note or sessions.note)
    return Catalog(root, ordered, bands, sessions, safety, warnings, programme, made,
                   prescription, tuple(cautions))  # fmt: skip


def _noted(exercise: Exercise, prescription: Prescription) -> Exercise:
    note = prescription.of(exercise.id).note
    return exercise._replace(note=note) if note else exercise


def _exercise_files(root: str, problems: list[Problem]) -> list[str]:
    """The exercise files' names in ``root``'s exercises folder."""
    found = exercise_names(root)
    if not found:
        problems.append(
            Problem(
                f"{EXERCISES_DIR}/",
                "no exercise files found; add at least one exercises/ID.yaml "
                "(`backpain content copy DEST` gives examples)",
            )
        )
    return found


def _read(
    root: str, name: str, kind: str, problems: list[Problem], cache: ContentCache
) -> Document | None:
    """One file, parsed and checked against its schema (an exercise's figure too: its
    geometry is only worked out here, on a file not in the cache); None after adding
    its problems."""
    from backpain_cli.files import NotRegularFile, TooLarge, read_regular

    try:
        path = os.path.join(root, name)
        stat = os.stat(path)
        cached = cache.get(name, stat)
        if cached is not None:
            return cached
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        what = "the program will not run without its disclaimer" if kind == "disclaimer" else ""
        problems.append(Problem(name, "missing file" + (f"; {what}" if what else "") + COPY_HINT))
        return None
    except NotRegularFile:
        problems.append(
            Problem(name, "not a regular file (a pipe, device or socket); put a YAML file here")
        )
        return None
    except TooLarge as err:
        problems.append(
            Problem(name, f"too large ({err.size:,} bytes); content files are limited to 1 MiB")
        )
        return None
    except OSError as err:
        problems.append(Problem(name, f"cannot be read: {err.strerror or err}"))
        return None
    from backpain_cli.content.yamlread import parse

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                name,
                f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
                line,
            )
        )
        return None
    try:
        doc = parse(text, name)
    except ContentError as err:
        problems.extend(err.problems)
        return None
    if doc.data is None:
        problems.append(Problem(name, "the file is empty" + COPY_HINT))
        return None
    from backpain_cli.content.check import check
    from backpain_cli.content.schemas import SCHEMAS

    found = check(doc, SCHEMAS[kind], name)
    if not found and kind == "exercise":
        _figure, _variants, found = _figures(doc, name, check=True)
    if found:
        problems.extend(found)
        return None
    cache.put(name, stat, doc)
    return doc


def _sources(items: list[dict[str, str]]) -> tuple[Source, ...]:
    return tuple(Source(s["title"], s.get("url"), s.get("covers")) for s in items)


def _exercise(d: dict[str, Any]) -> Exercise:
    return Exercise(
        id=d["id"],
        name=d["name"],
        aliases=tuple(d["aliases"]),
        area=d["area"],
        summary=d["summary"],
        why=d["why"],
        equipment=Equipment(**d["equipment"]),
        steps=tuple(d["steps"]),
        cues=tuple(d["cues"]),
        mistakes=tuple(d["mistakes"]),
        each_side=d["each_side"] is not False,
        alternating=d["each_side"] == "alternating",
        easier=tuple(d.get("easier", [])),
        harder=tuple(d.get("harder", [])),
        sources=_sources(d["sources"]),
        note=d.get("note"),
        words=(
            d.get("words", {}).get("lift", "lift"),
            d.get("words", {}).get("hold", "hold"),
            d.get("words", {}).get("lower", "lower"),
        ),
        first_side=d.get("first_side", "left"),
        side_is=d.get("side_is", "side"),
        voice=_voice(d.get("voice", {})),
    )


def _variant_voice(parent: Exercise, v: dict[str, Any], sides: object) -> Voice:
    """A variant's words: its own, else its exercise's where they still hold (the position
    where it has no picture of its own, the sides where they are the same, the cue where
    it has no cues of its own); the rest defaults from its own fields."""
    own = _voice(v.get("voice", {}))
    same_sides = sides == ("alternating" if parent.alternating else parent.each_side)
    return Voice(
        own.position or (parent.voice.position if "figure" not in v else ""),
        own.sides or (parent.voice.sides if same_sides else ()),
        own.cue or (parent.voice.cue if "cues" not in v else ""),
    )


def _voice(d: dict[str, Any]) -> Voice:
    return Voice(d.get("position", ""), tuple(d.get("sides", [])), d.get("cue", ""))


def _variant(parent: Exercise, v: dict[str, Any]) -> Exercise:
    """A variant as an exercise of its own: what it leaves out is its exercise's."""
    words = {**dict(zip(("lift", "hold", "lower"), parent.words, strict=True)),
             **v.get("words", {})}  # fmt: skip
    sides = v.get("each_side", "alternating" if parent.alternating else parent.each_side)
    return parent._replace(
        id=v["id"],
        name=v["name"],
        aliases=tuple(v.get("aliases", [])),
        summary=v.get("summary", parent.summary),
        why=v.get("why", parent.why),
        equipment=Equipment(**v["equipment"]) if "equipment" in v else parent.equipment,
        steps=tuple(v["steps"]),
        cues=tuple(v.get("cues", parent.cues)),
        mistakes=tuple(v.get("mistakes", parent.mistakes)),
        each_side=sides is not False,
        alternating=sides == "alternating",
        easier=(),
        harder=(),
        note=v.get("note"),
        figure=None,
        words=(words["lift"], words["hold"], words["lower"]),
        first_side=v.get("first_side", parent.first_side),
        side_is=v.get("side_is", parent.side_is),
        voice=_variant_voice(parent, v, sides),
        parent=parent.id,
        kind=v["kind"],
        doses=tuple((band, Dosage(v["id"], **dose)) for band, dose in v["dose"].items()),
    )


def _figures(
    doc: Document, name: str, check: bool
) -> tuple[Figure | None, dict[str, Figure | None], list[Problem]]:
    """An exercise file's figure and each of its variants' (their own, or the exercise's),
    put together and, with ``check``, checked; with the problems found."""
    data = doc.data
    drawings = [v for v in data.get("variants", []) if "figure" in v]
    if "figure" not in data and not drawings:
        return None, {}, []
    from backpain_cli.content.figures import build

    own = None
    if "figure" in data:
        own, found = build(data["figure"], doc, name, data["equipment"]["band"], check)
        if found:  # the variants' are drawn from it: it comes first
            return None, {}, found
    problems: list[Problem] = []
    base = data.get("figure", {})
    by_variant: dict[str, Figure | None] = {}
    for index, v in enumerate(data.get("variants", [])):
        banded = v.get("equipment", data["equipment"])["band"]
        if "figure" not in v:
            by_variant[v["id"]] = own._replace(band=own.band if banded else None) if own else None
            continue
        at = f"variants[{index}].figure"
        drawn = {"view": base.get("view"), "band": base.get("band") if banded else None,
                 **v["figure"]}  # fmt: skip
        if drawn["view"] is None:
            problems.append(Problem(name, "give view: (the exercise has no figure to take it "
                                    "from)", doc.line(at), at))  # fmt: skip
            continue
        figure, found = build(drawn, doc, name, banded, check, base.get("poses", {}), at)
        by_variant[v["id"]] = figure
        problems += found
    return own, by_variant, problems


def _variant_checks(
    variants: list[tuple[str, Exercise]],
    exercises: list[Exercise],
    bands: BandGuide,
    sessions: SessionRules,
    docs: dict[str, Document],
) -> tuple[list[Problem], list[Problem]]:
    """Each variant has a dose wherever its exercise is in a band's session (and only at
    bands that exist); and, a warning where it is not, an easier one is easier there in
    what the content can see (where it is not, a session never offers it as easier)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    by_id = {e.id: e for e in exercises}
    names = {b.id: b.name for b in bands.levels}
    index_of: dict[str, int] = {}
    for file, variant in variants:
        assert variant.parent is not None
        parent, doc = by_id[variant.parent], docs[variant.parent]
        index = index_of[variant.parent] = index_of.get(variant.parent, -1) + 1
        at = f"variants[{index}].dose"

        def fail(
            message: str, path: str, file: str = file, doc: Document = doc, into: list[Problem]
            = problems
        ) -> None:  # fmt: skip
            into.append(Problem(file, message, doc.line(path), path))

        for band, _dose in variant.doses:
            if band not in names:
                fail(f"unknown band '{band}'; bands.yaml has {', '.join(names)}", f"{at}.{band}")
        for band_id, band_name in names.items():
            mine = variant.dosage_for(band_id)
            theirs = next((d for d in sessions.for_band(band_id) if d.exercise == parent.id),
                          None) if band_id in dict(sessions.dosages) else None  # fmt: skip
            if theirs is None:
                continue
            if mine is None:
                fail(f"no dose for {band_name}, whose session has {parent.name}; add "
                     f"dose.{band_id}", at)  # fmt: skip
            elif variant.kind == "easier":
                why = not_easier(parent, theirs, variant, mine)
                if why:
                    fail(
                        f"'{variant.id}' is an easier variant, but at {band_name} it is not "
                        f"easier than {parent.name} in anything the content can see: {why}, "
                        f"so no session offers it as easier there; give it fewer "
                        "repetitions, a shorter hold or no band (or make it kind: harder)",
                        f"{at}.{band_id}",
                        into=warnings,
                    )
    return problems, warnings


def _bands(d: dict[str, Any]) -> BandGuide:
    return BandGuide(
        levels=tuple(Band(**level) for level in d["levels"]),
        colour_caution=d["colour_caution"],
        stretch_note=d["stretch_note"],
        choosing=d["choosing"],
        moving_up=d["moving_up"],
        safety_check=d["safety_check"],
        where_to_buy=_sources([d["where_to_buy"]])[0],
    )


def _sessions(d: dict[str, Any]) -> SessionRules:
    return SessionRules(
        sessions_per_week=d["sessions_per_week"],
        tempo=Tempo(**d["tempo"]),
        get_ready_seconds=d["get_ready_seconds"],
        basis=tuple(d["basis"]),
        dosages=tuple(
            (band, tuple(Dosage(**item) for item in items)) for band, items in d["bands"].items()
        ),
        progress=ProgressRules(**{**d["progress"], "basis": tuple(d["progress"]["basis"])}),
        note=d.get("note"),
        title=d.get("title"),
        first_get_ready_seconds=d.get("first_get_ready_seconds"),
        dose_range=_range(d["range"]) if "range" in d else None,
        feedback_seconds=d.get("feedback_seconds", 15),
        switch_seconds=d.get("switch_seconds", 5),
        pain_question=d.get("pain_question", "How is your pain now, from 0 to 10?"),
    )


def _range(d: dict[str, Any]) -> DoseRange:
    return DoseRange(
        (d["sets"]["low"], d["sets"]["high"]), (d["reps"]["low"], d["reps"]["high"]), d["source"]
    )


def _safety(d: dict[str, Any]) -> Safety:
    return Safety(
        disclaimer=d["disclaimer"],
        short=d["short"],
        stop_rules=tuple(d["stop_rules"]),
        red_flags=tuple(
            RedFlags(f["level"], f["action"], tuple(f["signs"])) for f in d["red_flags"]
        ),
        pain_guide=tuple(PainLevel(**p) for p in d["pain_guide"]),
        sources=_sources(d["sources"]),
    )


def _unique_names(exercises: list[tuple[str, Exercise]]) -> list[Problem]:
    """Ids, names and aliases must each point at one exercise file."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for file, exercise in exercises:
        clashes: dict[str, list[str]] = {}
        for name in dict.fromkeys(exercise.names()):
            if owner.setdefault(name, file) != file:
                clashes.setdefault(owner[name], []).append(name)
        for other, names in clashes.items():
            listed = ", ".join(f"'{n}'" for n in names)
            problems.append(
                Problem(
                    file,
                    f"{listed} already used by {other}; ids, names and aliases must be unique",
                )
            )
    return problems


def _cross_checks(
    exercises: list[Exercise], bands: BandGuide, sessions: SessionRules, safety: Safety
) -> list[Problem]:
    """What no single file can show: references between files, the pain guide's range."""
    problems: list[Problem] = []
    band_ids = [b.id for b in bands.levels]
    for index, band in enumerate(band_ids):
        if band in band_ids[:index]:
            problems.append(
                Problem(BANDS_FILE, f"band '{band}' is listed twice", None, f"levels[{index}].id")
            )
    known = {e.id for e in exercises}
    session_bands = [band for band, _ in sessions.dosages]
    for band, dosages in sessions.dosages:
        if band not in band_ids:
            problems.append(
                Problem(
                    SESSIONS_FILE,
                    f"unknown band '{band}'; bands.yaml defines " + ", ".join(band_ids),
                    None,
                    f"bands.{band}",
                )
            )
        seen: set[str] = set()
        for index, dosage in enumerate(dosages):
            field = f"bands.{band}[{index}].exercise"
            if dosage.exercise not in known:
                problems.append(
                    Problem(
                        SESSIONS_FILE,
                        f"unknown exercise '{dosage.exercise}'; known: " + ", ".join(sorted(known)),
                        None,
                        field,
                    )
                )
            elif dosage.exercise in seen:
                problems.append(
                    Problem(SESSIONS_FILE, f"'{dosage.exercise}' is listed twice", None, field)
                )
            seen.add(dosage.exercise)
    for band in band_ids:
        if band not in session_bands:
            problems.append(
                Problem(SESSIONS_FILE, f"no session for band '{band}'; add bands.{band}", None)
            )
    rules = sessions.progress
    if rules.move_up_max_pain_after >= rules.step_down_min_pain_after:
        problems.append(
            Problem(
                SESSIONS_FILE,
                f"move_up_max_pain_after ({rules.move_up_max_pain_after}) must be below "
                f"step_down_min_pain_after ({rules.step_down_min_pain_after})",
                None,
                "progress",
            )
        )
    if rules.severe_pain_before < rules.step_down_min_pain_after:
        problems.append(
            Problem(
                SESSIONS_FILE,
                f"severe_pain_before ({rules.severe_pain_before}) must be at least "
                f"step_down_min_pain_after ({rules.step_down_min_pain_after}): pain that stops a "
                "session is at least the pain that makes it easier",
                None,
                "progress.severe_pain_before",
            )
        )
    expected_low = 0
    for index, level in enumerate(safety.pain_guide):
        if level.low != expected_low or level.high < level.low:
            problems.append(
                Problem(
                    DISCLAIMER_FILE,
                    f"the pain guide must run from 0 to 10 without gaps or overlaps; "
                    f"this level should start at {expected_low} and end at or after it",
                    None,
                    f"pain_guide[{index}]",
                )
            )
        expected_low = level.high + 1
    if expected_low != 11:
        problems.append(
            Problem(DISCLAIMER_FILE, "the pain guide must end at 10", None, "pain_guide")
        )
    return problems


def _left_out(
    exercises: list[tuple[str, Exercise]],
    bands: BandGuide,
    sessions: SessionRules,
    sessions_doc: Document,
) -> tuple[Problem, ...]:
    """Exercises that some band's session leaves out: allowed, but worth a word, since
    an exercise added to exercises/ does not join a session by itself."""
    found: list[Problem] = []
    in_band = {band: {d.exercise for d in dosages} for band, dosages in sessions.dosages}
    for file, exercise in exercises:
        missing = [b for b in bands.levels if exercise.id not in in_band.get(b.id, set())]
        if not missing:
            continue
        where = f"bands.{missing[0].id}"
        if len(missing) == len(bands.levels):
            what = "is in no band's session, so only `backpain show` has it"
        else:
            what = "is left out of the " + " and ".join(b.name for b in missing) + " session"
            what += "s" if len(missing) > 1 else ""
        found.append(
            Problem(
                SESSIONS_FILE,
                f"'{exercise.id}' ({file}) {what}; add it under {where} if it belongs there "
                "(if it is left out on purpose, this is only a reminder)",
                sessions_doc.line(where),
                where,
            )
        )
    return tuple(found)


def _in_session_order(exercises: list[Exercise], sessions: SessionRules) -> tuple[Exercise, ...]:
    """Exercises in the order the sessions use them; any others after, by id."""
    order: dict[str, int] = {}
    for _band, dosages in sessions.dosages:
        for dosage in dosages:
            order.setdefault(dosage.exercise, len(order))
    return tuple(sorted(exercises, key=lambda e: (order.get(e.id, len(order)), e.id)))


#: One file read and checked against its schema, for the optional files read on their own
#: (content.questionnaires).
read_checked = _read
