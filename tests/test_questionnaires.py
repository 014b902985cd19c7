"""Questionnaires as content: each file checked like the rest, with its licence and the
source of every change it judges by, and every problem reported with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_cli.content.questionnaires import load_questionnaires
from backpain_cli.errors import ContentError

from .conftest import CONTENT, Invoke
from .test_loader_errors import edit


def psfs(root: Path) -> Path:
    return root / "questionnaires" / "psfs.yaml"


def line_of(path: Path, text: str) -> int:
    """The line (from 1) of the first line of ``path`` that starts with ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(text))


def validate(invoke: Invoke, root: Path) -> list[str]:
    done = invoke("content", "validate", str(root))
    assert done.exit_code == 1, done.stdout
    return done.stdout.splitlines()


def test_the_built_in_questionnaires_are_the_psfs_and_the_weekly_usual_pain() -> None:
    found = {q.id: q for q in load_questionnaires(CONTENT)}
    assert list(found) == ["psfs", "usual-pain"]
    psfs_, pain = found["psfs"], found["usual-pain"]
    assert psfs_.named is not None
    assert (psfs_.named.fewest, psfs_.named.most) == (3, 5)
    assert (psfs_.scale.low, psfs_.scale.high, psfs_.scoring) == (0, 10, "mean")
    assert pain.recall == "over the past 7 days"
    assert (pain.judged_by().points, pain.judged_by().percent) == (2, 30)  # type: ignore[union-attr]
    for questionnaire in found.values():
        assert questionnaire.every_days == 7
        assert questionnaire.licence.terms
        for threshold in questionnaire.thresholds:
            assert threshold.source  # every number names where it comes from


def test_every_threshold_in_content_is_one_its_sources_give() -> None:
    given = {
        ("psfs", "score"): {2, 1.4, 1.3, 2.3, 2.7},
        ("psfs", "item"): {3},
        ("usual-pain", "score"): {2, 2.2, 1.5},
    }
    for questionnaire in load_questionnaires(CONTENT):
        for threshold in questionnaire.thresholds:
            assert threshold.points in given[questionnaire.id, threshold.of]


def test_validate_counts_them(invoke: Invoke) -> None:
    done = invoke("content", "validate")
    assert done.exit_code == 0
    assert "2 questionnaires" in done.stderr


def test_a_questionnaire_without_a_licence_is_reported_with_its_line(
    invoke: Invoke, content_copy: Path
) -> None:
    path = psfs(content_copy)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("licence:"), text.index("sources:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    first = line_of(path, "id:")
    assert validate(invoke, content_copy) == [
        f"{content_copy}/questionnaires/psfs.yaml:{first}: missing required field 'licence' "
        "(a mapping of fields); it says required: a questionnaire whose text needs a licence "
        "may be added only under one its holder has given. `backpain content copy DEST` gives "
        "a complete example"
    ]


def test_an_mcid_outside_the_scores_range_is_reported_with_its_line(
    invoke: Invoke, content_copy: Path
) -> None:
    path = psfs(content_copy)
    edit(path, "    points: 1.4", "    points: 14")
    at = line_of(path, "points: 14")
    (found,) = validate(invoke, content_copy)
    assert found.startswith(f"{content_copy}/questionnaires/psfs.yaml:{at}: mcid[2].points: 14 ")
    assert "at most 10" in found


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("    points: 1.4\n", "    points: 0\n", "more than 0"),
        ("    points: 1.4\n", "    points: -1\n", "expected a value of 0 or more, found -1"),
        (
            "    source: Maughan and Lewis 2010, Eur Spine J\n",
            "",
            "missing required field 'source'",
        ),
        ("    points: 1.4\n", "", "give points:, percent: or both"),
    ],
)
def test_every_threshold_has_a_size_in_range_and_a_source(
    invoke: Invoke, content_copy: Path, old: str, new: str, said: str
) -> None:
    edit(psfs(content_copy), old, new)
    (found,) = validate(invoke, content_copy)
    assert found.startswith(f"{content_copy}/questionnaires/psfs.yaml:")
    assert said in found


def test_fixed_and_named_items_are_one_or_the_other(content_copy: Path) -> None:
    edit(psfs(content_copy), "scoring: mean", "items:\n  - id: walk\n    question: Walk?\n"
         "scoring: mean")  # fmt: skip
    with pytest.raises(ContentError) as caught:
        load_questionnaires(content_copy)
    assert any("exactly one of them" in str(p) for p in caught.value.problems)


def test_the_id_must_match_the_file_name(content_copy: Path) -> None:
    edit(psfs(content_copy), "id: psfs", "id: activities")
    with pytest.raises(ContentError) as caught:
        load_questionnaires(content_copy)
    assert [str(p) for p in caught.value.problems] == [
        f"questionnaires/psfs.yaml:{line_of(psfs(content_copy), 'id:')}: id: the id "
        "'activities' must match the file name (psfs)"
    ]


def test_a_folder_without_questionnaires_is_fine(content_copy: Path, invoke: Invoke) -> None:
    for path in (content_copy / "questionnaires").iterdir():
        path.unlink()
    assert load_questionnaires(content_copy) == ()
    assert invoke("content", "validate", str(content_copy)).exit_code == 0


def test_a_clinic_can_add_its_own_under_its_licence(content_copy: Path) -> None:
    text = psfs(content_copy).read_text(encoding="utf-8")
    own = text.replace("id: psfs", "id: clinic-scale").replace(
        "holder: the scale's authors (Stratford et al. 1995)", "holder: Our Clinic Ltd"
    )
    (content_copy / "questionnaires" / "clinic-scale.yaml").write_text(own, encoding="utf-8")
    found = [q.id for q in load_questionnaires(content_copy)]
    assert found == ["clinic-scale", "psfs", "usual-pain"]


def test_a_percent_score_is_shown_on_its_own_range_not_the_answers(
    content_copy: Path, invoke: Invoke
) -> None:
    pain = content_copy / "questionnaires" / "usual-pain.yaml"
    text = pain.read_text(encoding="utf-8")
    text = text.replace("id: usual-pain\n", "id: clinic-pain\n").replace(
        "scoring: mean", "scoring: percent"
    )
    text = text.replace("    points: 2.2\n", "    points: 22\n").replace(
        "    points: 1.5\n", "    points: 15\n"
    )
    text = text.replace("    points: 2\n", "    points: 20\n")
    (content_copy / "questionnaires" / "clinic-pain.yaml").write_text(text, encoding="utf-8")
    done = invoke("--content-dir", str(content_copy), "check-in", "--answer", "clinic-pain=7",
                  "--answer", "usual-pain=4")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "Your usual pain this week: 70.0 on" in flat
    assert "(from 0% to 100%; lower is better)" in flat
    assert "(0 no pain, 10 the worst pain you can imagine)" in flat  # the mean, as it was
