"""The built-in content: it loads, and it says what the article and FACTS say."""

from __future__ import annotations

from backpain_cli.content import load as loader
from backpain_cli.models import Catalog
from backpain_cli.planner import plan_session

from .conftest import CONTENT


def catalog() -> Catalog:
    return loader.load(CONTENT)


def test_the_built_in_content_loads_cleanly() -> None:
    cat = catalog()
    assert [e.id for e in cat.exercises] == ["glute-bridge", "clam-shell", "dead-bug"]
    assert [b.id for b in cat.bands.levels] == ["yellow", "green", "blue"]


def _positions(steps: tuple[str, ...], phrases: list[str]) -> list[int]:
    joined = [s.lower() for s in steps]
    return [next(i for i, s in enumerate(joined) if phrase in s) for phrase in phrases]


def test_dead_bug_steps_follow_the_article_in_order() -> None:
    steps = catalog().exercise("dead-bug").steps
    order = _positions(
        steps,
        ["flat on your back", "feet off the floor", "head, hands and elbows", "extend one leg"],
    )
    assert order == sorted(order)
    assert "90 degrees" in " ".join(steps)


def test_glute_bridge_steps_follow_the_article_in_order() -> None:
    steps = catalog().exercise("glute-bridge").steps
    order = _positions(steps, ["below your knees", "flat on your back", "hip-width", "squeeze"])
    assert order == sorted(order)


def test_clam_shell_steps_follow_the_article() -> None:
    steps = catalog().exercise("clam-shell").steps
    order = _positions(steps, ["on your side", "straight line", "above your knees", "top knee"])
    assert order == sorted(order)
    assert "90 degrees" in steps[0]


def test_band_placement_and_sides() -> None:
    cat = catalog()
    bridge, clam, bug = (cat.exercise(i) for i in ("glute-bridge", "clam-shell", "dead-bug"))
    assert bridge.equipment.band
    assert bridge.equipment.placement == "just below the knees"
    assert clam.equipment.band
    assert clam.equipment.placement == "just above the knees"
    assert not bug.equipment.band
    assert (bridge.each_side, clam.each_side, bug.each_side) == (False, True, True)
    # The article: "extend one leg ... then extend the other leg", so the sides take turns.
    assert (bridge.alternating, clam.alternating, bug.alternating) == (False, False, True)


def test_sessions_get_harder_from_yellow_to_blue() -> None:
    cat = catalog()
    volumes = [
        sum(i.dosage.sets * i.dosage.reps * i.sides for i in plan_session(cat, band).items)
        for band in ("yellow", "green", "blue")
    ]
    assert volumes[0] < volumes[1] < volumes[2]
    doses = {
        band: [(d.sets, d.reps) for d in cat.sessions.for_band(band)]
        for band in ("yellow", "green", "blue")
    }
    assert len({tuple(v) for v in doses.values()}) == 3


def test_dosage_stays_inside_the_published_ranges() -> None:
    """FACTS: 1-3 x 8-12 (ACSM) and 2-4 x 4-12 (South Tees); 2-3 sessions a week."""
    cat = catalog()
    assert 2 <= cat.sessions.sessions_per_week <= 3
    for _band, dosages in cat.sessions.dosages:
        for d in dosages:
            assert 1 <= d.sets <= 4
            assert 4 <= d.reps <= 12
    clam = [d for _b, ds in cat.sessions.dosages for d in ds if d.exercise == "clam-shell"]
    assert all(d.hold_seconds == 2 for d in clam)  # "pause about 2 seconds at the top"


def test_the_written_basis_says_which_doses_sit_outside_the_acsm_range() -> None:
    """A dose below or above ACSM's 8 to 12 is named in the basis as the exception it is,
    and the basis never claims every dose sits inside 8 to 12."""
    cat = catalog()
    basis = " ".join(cat.sessions.basis)
    outside = {
        cat.exercise(d.exercise).name.lower()
        for _band, dosages in cat.sessions.dosages
        for d in dosages
        if not 8 <= d.reps <= 12
    }
    assert outside == {"dead bug"}  # the yellow dead bug, 2 x 6 each side
    for name in outside:
        assert f"the {name} does from Green up, and starts below it at Yellow" in basis
    assert "ranges for beginners: 1 to 3 sets of 8 to 12" not in basis


def test_the_progress_basis_says_what_the_rule_really_checks() -> None:
    basis = " ".join(catalog().sessions.progress.basis)
    assert "The journal cannot see form or spare repetitions" in basis
    assert "every set done in full" in basis
    assert "at least 48 hours between sessions" in basis  # the rest day, with its source
    assert "this guide's own choice, not taken from a source" in basis  # band and volume


def test_easier_variants_are_easier_than_the_dose() -> None:
    cat = catalog()
    for exercise in cat.exercises:
        holds = any(d.hold_seconds for _band, d in cat.dosage_by_band(exercise.id))
        for variant in exercise.easier:
            if holds:  # the dose already holds at the top: holding is not easier
                assert "hold" not in variant.lower(), (exercise.id, variant)


def test_red_flags_read_as_sentences_after_their_action() -> None:
    for group in catalog().safety.red_flags:
        assert group.action.endswith("if you have back pain and any of these")
        for sign in group.signs:
            assert "back pain" not in sign  # "back pain and any of these: back pain ..."


def test_safety_content_matches_the_sources() -> None:
    safety = catalog().safety
    assert "physiotherapist" in safety.disclaimer
    assert "osteopath" in safety.disclaimer
    assert "severe or chronic pain" in safety.disclaimer
    assert [(p.colour, p.low, p.high) for p in safety.pain_guide] == [
        ("green", 0, 3),
        ("amber", 4, 5),
        ("red", 6, 10),
    ]
    signs = " ".join(s for group in safety.red_flags for s in group.signs)
    for sign in ("both legs", "bladder or bowel", "chest pain", "fever", "worse at night"):
        assert sign in signs
    assert safety.pain_level(3).colour == "green"
    assert safety.pain_level(6).colour == "red"


def test_bands_carry_the_caution_and_the_shop_link() -> None:
    guide = catalog().bands
    assert "differs between makers" in guide.colour_caution
    assert "nicks or tears" in guide.safety_check
    assert (
        guide.where_to_buy.url == "https://www.ironedge.com.au/power-bands/micro-bands-agility.html"
    )


def test_lookup_by_id_name_alias_and_suggestion() -> None:
    cat = catalog()
    for query in ("dead-bug", "Dead Bug", "DEADBUG", "dead_bug", "  dead bug "):
        found = cat.find(query)
        assert found is not None
        assert found.id == "dead-bug"
    assert cat.find("bridge").id == "glute-bridge"  # type: ignore[union-attr]
    assert cat.find("ded-bug") is None
    assert cat.suggest("ded-bug") == "dead-bug"
    assert cat.suggest("zzzzzz") is None


def test_plan_timing_adds_up() -> None:
    plan = plan_session(catalog(), "green")
    bridge = plan.items[0]
    # 3 sets x 10 reps x (2 s lift + 2 s hold + 2 s lower), one side
    assert bridge.work_seconds == 3 * 10 * 6
    # a rest after every set but the last: 3 exercises x 3 sets - 1
    assert plan.rest_seconds == 8 * 60
    assert plan.total_seconds == sum(i.work_seconds for i in plan.items) + plan.rest_seconds
