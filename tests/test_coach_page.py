"""The coach page: one offline HTML file that guides today's session on a phone.

The page's data are checked against the core directly; the page itself runs in a real
browser (Chromium, driven by Playwright) with its clock faked and its speech replaced by
a recorder, so a whole session plays in a moment and every phrase can be compared with
the cue script the terminal coach speaks. Without Chromium those tests are skipped, with
the reason; CI installs it.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from backpain_cli.content.load import load as load_catalog
from backpain_cli.render import coach_page
from backpain_cli.today import Check, Past, decide, headline, stopped_during
from tests.conftest import CONTENT, Invoke

MOST_BYTES = 300_000  # the page for the built-in content; the benchmark prints it too


def _data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert found, "the page holds its data"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.fixture
def made(invoke: Invoke, tmp_path: Path) -> Path:
    target = tmp_path / "coach.html"
    result = invoke("coach-page", "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


# Without a browser: what the page holds -----------------------------------------------------


def test_page_is_one_small_file_that_fetches_nothing(made: Path) -> None:
    html = made.read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < MOST_BYTES
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy
    rules = unescape(policy.group(1))
    assert "default-src 'none'" in rules
    assert "connect-src 'none'" in rules
    # No address of any other place: no link, source or import to fetch.
    assert not re.search(r"(?:src|href)\s*=\s*[\"'](?!#|data:)", html)
    assert not re.search(r"https?://(?!www\.w3\.org/)", html)
    assert "@import" not in html
    assert "url(" not in html


def test_every_answer_gives_what_the_daily_decision_gives() -> None:
    catalog = load_catalog(CONTENT)
    day = datetime.date(2026, 12, 1)
    data = coach_page.make(catalog, Past(), None, day).data
    for score in range(11):
        answer = decide(catalog, Past(), None, day, Check(pain=score))
        outcome = data["outcomes"][data["by_pain"][str(score)]]
        assert outcome["headline"] == headline(catalog, answer)
        if answer.session is None:
            assert outcome["session"] is None, score
        else:
            session = data["sessions"][outcome["session"]]
            assert outcome["adjustment"] == answer.session.adjustment
            assert [i["id"] for i in session["items"]] == [
                i.exercise.id for i in answer.session.items
            ]
    severe = catalog.sessions.progress.severe_pain_before
    assert data["outcomes"][data["by_pain"][str(severe)]]["session"] is None
    assert data["outcomes"][data["red_flag"]]["session"] is None


def test_the_page_speaks_the_terminal_coachs_script() -> None:
    from backpain_cli.coach import schedule
    from backpain_cli.cues import as_data, estimate, needs, script

    catalog = load_catalog(CONTENT)
    day = datetime.date(2026, 12, 1)
    data = coach_page.make(catalog, Past(), None, day, band="green").data
    session = data["sessions"][data["outcomes"][data["by_pain"]["none"]]["session"]]
    plan = decide(catalog, Past(), None, day, band="green").session
    assert plan is not None
    steps = schedule(plan, need=needs(plan, estimate))
    assert session["cues"] == as_data(script(plan, steps, estimate))
    starts = list(itertools.accumulate((s.seconds for s in steps), initial=0.0))
    assert [s["start"] for s in session["steps"]] == [round(at, 2) for at in starts[:-1]]
    assert session["total"] == round(starts[-1], 2)


def test_what_a_person_wrote_is_text_in_the_page(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "coach.html"
    name = "</script><script>alert(1)</script>"
    result = invoke("coach-page", "--patient", name, "--clinician", "<b>Dr</b>", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "<b>Dr</b>" not in html
    assert _data(html)["patient"] == name


def test_no_page_while_paused(invoke: Invoke, tmp_path: Path) -> None:
    for days in (4, 2):  # two sessions with red pain after: paused until cleared
        day = (datetime.date.today() - datetime.timedelta(days=days)).isoformat()
        assert invoke("log", "--date", day, "--pain-after", "8").exit_code == 0
    result = invoke("coach-page", "-o", str(tmp_path / "coach.html"))
    assert result.exit_code != 0
    assert "professional" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "coach.html").exists()


def test_an_html_file_is_asked_for(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("coach-page", "-o", str(tmp_path / "coach.pdf"))
    assert result.exit_code != 0
    assert ".html" in result.stderr


# Importing the page's log ---------------------------------------------------------------------


def _log(*sessions: dict[str, Any]) -> str:
    return json.dumps({"format": "backpain-coach-log", "version": 1, "sessions": list(sessions)})


def _session(uid: str = "a1b2c3d4e5f6a1b2c3d4e5f6", **changes: Any) -> dict[str, Any]:
    found = {
        "uid": uid,
        "day": datetime.date.today().isoformat(),
        "band": "yellow",
        "exercises": [
            {
                "exercise": "glute-bridge",
                "sets_planned": 2,
                "sets_done": 2,
                "reps": 10,
                "sets_partial": 0,
                "feel": "hard",
                "pain": None,
            }
        ],
        "all_sets_done": True,
        "pain_before": 2,
        "pain_after": 3,
        "seconds": 700,
        "adjustment": "",
        "notes": "",
    }
    found.update(changes)
    return found


def test_a_log_imports_once_however_often(invoke: Invoke, tmp_path: Path) -> None:
    log = tmp_path / "backpain-log.json"
    log.write_text(_log(_session(), _session("ffffffffffffffffffffffff", pain_after=1)))
    first = invoke("log", "--import", str(log))
    assert first.exit_code == 0, first.output
    assert "Imported 2 sessions" in first.stderr
    again = invoke("log", "--import", str(log))
    assert again.exit_code == 0
    assert "Imported 0 sessions" in again.stderr
    assert "2 were in the journal already" in again.stderr
    history = json.loads(invoke("history", "--json").stdout)
    assert len(history["sessions"]) == 2
    assert {s["exercises"][0]["feel"] for s in history["sessions"]} == {"hard"}


def test_a_damaged_log_is_refused_whole(invoke: Invoke, tmp_path: Path) -> None:
    log = tmp_path / "backpain-log.json"
    log.write_text(_log(_session())[:-20])
    result = invoke("log", "--import", str(log))
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    assert "backpain-log.json" in result.stderr
    assert "line 1" in result.stderr
    assert invoke("history", "--json").exit_code == 0
    assert json.loads(invoke("history", "--json").stdout)["sessions"] == []


def test_a_file_from_another_program_is_named_so(invoke: Invoke, tmp_path: Path) -> None:
    other = tmp_path / "steps.json"
    other.write_text(json.dumps({"steps": 8000, "day": "2026-11-30"}))
    result = invoke("log", "--import", str(other))
    assert result.exit_code != 0
    assert "not a coach page's log" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_bad_session_imports_none_and_says_where(invoke: Invoke, tmp_path: Path) -> None:
    log = tmp_path / "backpain-log.json"
    bad = _session("bbbbbbbbbbbbbbbbbbbbbbbb", band="purple", pain_after=11)
    log.write_text(_log(_session(), bad))
    result = invoke("log", "--import", str(log))
    assert result.exit_code != 0
    assert "sessions[1].band" in result.stderr
    assert "sessions[1].pain_after" in result.stderr
    assert "nothing was imported" in result.stderr
    assert json.loads(invoke("history", "--json").stdout)["sessions"] == []


def test_import_goes_alone(invoke: Invoke, tmp_path: Path) -> None:
    log = tmp_path / "backpain-log.json"
    log.write_text(_log(_session()))
    result = invoke("log", "--import", str(log), "--pain-after", "2")
    assert result.exit_code == 2
    assert "--import cannot be combined with --pain-after" in result.stderr


# In a real browser ------------------------------------------------------------------------------


def _chromium() -> str | None:
    found = os.environ.get("BACKPAIN_TEST_CHROMIUM")
    if found:
        return found
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set BACKPAIN_TEST_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as driver:
        found = driver.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield found
        found.close()


#: Every address the pages asked for, in every test.
REQUESTS: list[str] = []

#: Replaces the browser's voice with a recorder: each phrase is kept, and ends a moment
#: later (on the page's faked clock), unless the test says the voice never ends.
RECORDER = """
window.__said = [];
window.__endless = false;
(function () {
  var synth = window.speechSynthesis;
  synth.speak = function (u) {
    window.__said.push(u.text);
    window.__last = u;
    if (!window.__endless) setTimeout(function () { if (u.onend) u.onend(); }, 50);
  };
  synth.cancel = function () {};
})();
"""


def _open(browser: Any, html: Path, *, width: int = 360, height: int = 740, **options: Any) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.on("request", lambda request: REQUESTS.append(request.url))
    page.add_init_script(RECORDER)
    page.clock.install(time=datetime.datetime.now())
    page.goto(html.as_uri())
    return page


def _begin(page: Any, pain: int | None = 2) -> None:
    page.click("#start-button")
    page.click("#flag-no")
    page.click(f"#before-{pain}" if pain is not None else "#before-skip")


def _session_data(html: Path, pain: str = "2") -> dict[str, Any]:
    data = _data(html.read_text(encoding="utf-8"))
    session: dict[str, Any] = data["sessions"][data["outcomes"][data["by_pain"][pain]]["session"]]
    return session


def _cues(html: Path, pain: str = "2") -> list[dict[str, Any]]:
    cues: list[dict[str, Any]] = _session_data(html, pain)["cues"]
    return cues


def test_a_whole_session_is_spoken_as_the_terminal_coach_speaks_it(
    browser: Any, made: Path, invoke: Invoke, tmp_path: Path
) -> None:
    page = _open(browser, made)
    _begin(page)
    assert page.locator("#coach").is_visible()
    cues = _cues(made)
    steps = _session_data(made)["steps"]
    asks = next(n for n, step in enumerate(steps) if step["asks"])  # after the first exercise
    at = steps[asks]["start"] + 1
    page.clock.run_for(int(at * 1000))
    page.click("#felt-hard")
    assert page.get_attribute("#felt-hard", "aria-pressed") == "true"
    page.clock.run_for(int((cues[-1]["at"] - at) * 1000) + 2000)
    assert page.locator("#end").is_visible()  # the end of the session
    page.clock.run_for(2000)
    said = page.evaluate("window.__said")
    data = _data(made.read_text(encoding="utf-8"))
    assert said == [
        "Do you have any of these signs now?",
        "Pain right now, 0 to 10?",
        *(c["say"] for c in cues),
        data["pain_question"],
    ]
    rows = page.locator("#end table tr").all_inner_texts()
    assert rows[1].startswith("Glute bridge")
    assert "hard" in rows[1], rows
    page.click("#after-3")
    assert "Pain after: 3 out of 10" in page.inner_text("#saved")
    with page.expect_download() as download:
        page.click("#download")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"backpain-log-{datetime.date.today().isoformat()}.json"
    assert all(url.startswith(("file:", "data:")) for url in REQUESTS), REQUESTS
    page.context.close()

    result = invoke("log", "--import", str(saved))
    assert result.exit_code == 0, result.output
    assert "Imported 1 session " in result.stderr
    history = json.loads(invoke("history", "--json").stdout)["sessions"]
    assert len(history) == 1
    assert history[0]["pain_before"] == 2
    assert history[0]["pain_after"] == 3
    assert history[0]["all_sets_done"] is True
    assert [e["feel"] for e in history[0]["exercises"]] == ["hard", None, None]
    assert [e["sets_done"] for e in history[0]["exercises"]] == [2, 2, 2]
    again = invoke("log", "--import", str(saved))
    assert "1 was in the journal already" in again.stderr
    assert len(json.loads(invoke("history", "--json").stdout)["sessions"]) == 1


def test_an_instruction_is_heard_whole_before_the_count(browser: Any, made: Path) -> None:
    page = _open(browser, made)
    page.evaluate("window.__endless = true")  # a voice slower than the schedule allows
    _begin(page)
    cues = _cues(made)
    first_count = next(c["at"] for c in cues if c["kind"] == "count")
    page.clock.run_for(int(first_count * 1000) + 5000)
    # The introduction is still being said: "Get ready." waits for it, and so does the count.
    assert page.text_content("#word") == "Get ready"
    assert page.evaluate("window.__said").pop() == cues[0]["say"]
    page.evaluate("window.__last.onend()")  # the introduction ends
    page.clock.run_for(500)
    assert page.evaluate("window.__said")[-1] == "Get ready.", page.evaluate("window.__said")
    assert page.text_content("#word") == "Get ready"  # heard whole too
    page.evaluate("window.__last.onend()")
    page.clock.run_for(500)
    assert page.inner_text("#big") == "1"
    assert page.evaluate("window.__said").pop() == cues[2]["say"]  # "1, lift"
    page.context.close()


def test_reduced_motion_keeps_the_picture_still(browser: Any, made: Path) -> None:
    def paused(reduced: str) -> bool:
        page = _open(browser, made, reduced_motion=reduced)
        _begin(page)
        cues = _cues(made)
        first_count = next(c["at"] for c in cues if c["kind"] == "count")
        page.clock.run_for(int(first_count * 1000) + 1500)  # into the first set
        assert page.locator("#set-done").is_visible()  # a set is running
        value: bool = page.evaluate("document.querySelector('#picture svg').animationsPaused()")
        if reduced == "reduce":  # still, at where the lift goes: the top
            at = page.evaluate("document.querySelector('#picture svg').getCurrentTime()")
            assert at == pytest.approx(_session_data(made)["tempo"]["lift"])
        page.context.close()
        return value

    assert paused("reduce") is True
    assert paused("no-preference") is False


def test_red_flags_and_severe_pain_give_no_session(browser: Any, made: Path) -> None:
    page = _open(browser, made)
    page.click("#start-button")
    page.click("#flag-yes")
    assert page.locator("#stop").is_visible()
    assert page.locator("#coach").count() == 0
    assert "medical help" in page.inner_text("#stop").lower()
    page.context.close()
    page = _open(browser, made)
    _begin(page, pain=9)
    text = page.inner_text("#stop")
    catalog = load_catalog(CONTENT)
    found = decide(catalog, Past(), None, datetime.date.today(), Check(pain=9))
    assert headline(catalog, found) in text
    page.context.close()


def test_red_pain_offers_the_easier_session(browser: Any, made: Path) -> None:
    page = _open(browser, made)
    _begin(page, pain=6)
    assert "Made easier" in page.inner_text("#easier")
    page.click("#easier-yes")
    assert page.locator("#coach").is_visible()
    page.context.close()


def test_usable_at_360_pixels(browser: Any, made: Path) -> None:
    page = _open(browser, made)

    def fits(stage: str) -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, stage
        boxes = page.evaluate(
            "Array.from(document.querySelectorAll('button')).filter(b => b.offsetParent)"
            ".map(b => b.getBoundingClientRect()).map(r => [r.width, r.height, r.right])"
        )
        assert boxes, stage
        assert min(min(width, height) for width, height, _ in boxes) >= 44, (stage, boxes)
        edge = page.evaluate(
            "(m => m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight))"
            "(document.getElementById('app'))"
        )
        assert max(right for _, _, right in boxes) <= edge + 0.5, (stage, edge, boxes)

    fits("start")
    _begin(page)
    page.clock.run_for(20_000)
    fits("coach")
    # The counter is big enough to read from the floor, and the figure is described.
    size = page.evaluate("parseFloat(getComputedStyle(document.getElementById('big')).fontSize)")
    assert size >= 64
    assert page.get_attribute("#picture", "aria-label")
    page.clock.run_for(int(_session_data(made)["total"] * 1000))
    assert page.locator("#end").is_visible()
    fits("end")
    page.context.close()


def test_an_exercise_that_hurts_severely_ends_the_session_as_the_terminal_does(
    browser: Any, made: Path
) -> None:
    page = _open(browser, made)
    _begin(page)
    steps = _session_data(made)["steps"]
    asks = next(n for n, step in enumerate(steps) if step["asks"])
    page.clock.run_for(int((steps[asks]["start"] + 1) * 1000))
    page.click("#felt-hurt")
    page.click("#hurt-9")
    catalog = load_catalog(CONTENT)
    bridge = catalog.find("glute-bridge")
    assert bridge is not None
    expected = stopped_during(catalog, bridge, 9)
    assert page.locator("#end").is_visible()
    text = page.inner_text("#end")
    assert expected.split(". ")[0] + "." in text
    assert "Stop and get medical help" in text
    rows = page.locator("#end table tr").all_inner_texts()
    assert "hurt 9/10" in rows[1]
    assert "0 of" in rows[2]  # the clam shell was not started
    page.clock.run_for(2000)
    assert page.evaluate("window.__said").pop() == (
        f"{expected.split('. ')[0]}. {catalog.sessions.pain_question}"
    )
    page.context.close()


def test_end_takes_a_second_tap(browser: Any, made: Path) -> None:
    page = _open(browser, made)
    _begin(page)
    page.clock.run_for(3000)
    page.click("#quit")
    assert page.locator("#coach").is_visible()
    assert page.text_content("#quit") == "End? Tap again"
    page.clock.run_for(5000)  # not tapped again: nothing ends
    assert page.text_content("#quit") == "End"
    page.click("#quit")
    page.click("#quit")
    assert page.locator("#end").is_visible()
    assert "Session ended" in page.inner_text("#end")
    page.context.close()


def test_skipping_a_rest_still_says_the_side_the_next_set_starts_on(
    browser: Any, made: Path
) -> None:
    page = _open(browser, made)
    _begin(page)
    steps = _session_data(made)["steps"]
    clam = next(s["item"] for s in steps if s["kind"] == "switch")  # done on each side
    rest = next(s for s in steps if s["kind"] == "rest" and s["item"] == clam and not s["asks"])
    page.clock.run_for(int((rest["start"] + 1) * 1000))
    before = len(page.evaluate("window.__said"))
    page.click("#skip")
    page.clock.run_for(300)
    said = page.evaluate("window.__said")[before:]
    assert said, "nothing said after the skip"
    assert "left side" in said[0], said
    page.context.close()
