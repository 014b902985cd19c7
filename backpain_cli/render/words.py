"""Plain phrases for dosage and equipment, shared by the screens and the handout (no
rich here: the handout's HTML and PDF use them too)."""

from __future__ import annotations

from backpain_cli.models import Catalog, Dosage, Exercise, RedFlags, Tempo


def duration(seconds: int) -> str:
    """A rough, friendly length of time."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def sides(exercise: Exercise) -> str:
    """ "each side", "each side, alternating" or "" for an exercise done both ways."""
    if exercise.alternating:
        return "each side, alternating"
    return "each side" if exercise.each_side else ""


def hold(dosage: Dosage) -> str:
    return f"{dosage.hold_seconds} s at the top" if dosage.hold_seconds else "-"


def equipment(exercise: Exercise) -> str:
    text = exercise.equipment.describe()
    return text[:1].upper() + text[1:]


def dosage_line(exercise: Exercise, dosage: Dosage, band: str, tempo: Tempo) -> str:
    """Everything about how much, in one line: band and where it goes, sets x reps,
    hold, tempo and rest."""
    parts = [f"{band} band, {exercise.equipment.placement}" if exercise.equipment.band else
             equipment(exercise)]  # fmt: skip
    dose = f"{dosage.sets} x {dosage.reps}"
    if exercise.alternating:
        dose += " each side, sides taking turns"
    elif exercise.each_side:
        dose += " each side"
    parts.append(dose)
    if dosage.hold_seconds:
        parts.append(f"hold {hold(dosage)}")
    parts.append(f"lift {tempo.lift_seconds} s, lower {tempo.lower_seconds} s")
    parts.append(f"rest {dosage.rest_seconds} s after each set")
    return "; ".join(parts)


def short_dose(exercise: Exercise, dosage: Dosage) -> str:
    """ "Glute bridge: 3 x 12, hold 2 s at the top": an exercise and how much, in brief."""
    dose = f"{dosage.sets} x {dosage.reps}"
    if exercise.alternating or exercise.each_side:
        dose += " each side"
    if dosage.hold_seconds:
        dose += f", hold {hold(dosage)}"
    return f"{exercise.name}: {dose}"


def red_flag_heading(group: RedFlags) -> str:
    """ "Emergency: Call your local emergency number ... and any of these:" """
    return f"{group.level.capitalize()}: {group.action}:"


def ways(catalog: Catalog, exercise: Exercise, kind: str) -> list[str]:
    """An exercise's easier (or harder) ways, in words: each variant by name with its id
    and what it is, then any ideas the content gives only in words."""
    found = [f"{v.name} ({v.id}): {v.summary}" for v in catalog.variants_of(exercise.id, kind)]
    return found + list(exercise.easier if kind == "easier" else exercise.harder)


def variant_of(catalog: Catalog, exercise: Exercise) -> str:
    """ "A harder variant of Glute bridge." for a variant; "" for an exercise."""
    if exercise.parent is None:
        return ""
    article = "An" if exercise.kind[:1] in "aeiou" else "A"
    return f"{article} {exercise.kind} variant of {catalog.exercise(exercise.parent).name}."
