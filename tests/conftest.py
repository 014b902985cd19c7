from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from backpain_cli.cli import main

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


#: Modules whose tests mostly wait for real time (a guided session in a pseudo-terminal
#: counts real seconds): handed out first, so that a run never ends waiting on one.
WAITING = (
    "test_voice.py", "test_guided.py", "test_per_exercise.py", "test_session_kept.py",
    "test_speech_safety.py", "test_outcomes.py",
)  # fmt: skip


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots", action="store_true", help="Rewrite the rendered-screen snapshots."
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.path.name not in WAITING)  # stable: in order otherwise


@pytest.fixture(scope="session")
def _warm_cache(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The cache files a first run leaves for the built-in content (its files and its
    questionnaires), made once: a test starts from a copy, as after a first run."""
    from backpain_cli.content.load import load
    from backpain_cli.content.questionnaires import load_questionnaires

    folder = tmp_path_factory.mktemp("warm-cache")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BACKPAIN_CACHE_DIR", str(folder))
        load(CONTENT)
        load_questionnaires(CONTENT)
    return sorted(folder.iterdir())


@pytest.fixture(autouse=True)
def _plain_terminal(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    _warm_cache: list[Path],
) -> None:
    """Every test sees the same terminal (80 columns, no colour), and a cache and a data
    folder (not yet created) of its own; the cache already holds the built-in content,
    so that not every test parses it again (see cold_cache)."""
    cache = tmp_path_factory.mktemp("cache")
    for stored in _warm_cache:
        shutil.copy(stored, cache)  # with its owner-only mode, or it would not be trusted
    monkeypatch.setenv("BACKPAIN_CACHE_DIR", str(cache))
    monkeypatch.setenv("BACKPAIN_DATA_DIR", str(tmp_path_factory.mktemp("home") / "data"))
    monkeypatch.setenv("BACKPAIN_CONFIG", str(tmp_path_factory.mktemp("config") / "config.toml"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("BACKPAIN_CONTENT_DIR", "BACKPAIN_SPEECH_COMMAND", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cold_cache(_plain_terminal: None) -> None:
    """This test's cache folder empty, as before a first run: for tests of the cache."""
    for stored in Path(os.environ["BACKPAIN_CACHE_DIR"]).iterdir():
        stored.unlink()


Invoke = Callable[..., Result]


def another_exercise(content: Path, exercise_id: str, name: str) -> None:
    """Add an exercise to ``content``, a copy of the dead bug under another id and name,
    without the dead bug's aliases and variants (their ids would be taken twice)."""
    text = (content / "exercises" / "dead-bug.yaml").read_text(encoding="utf-8")
    text = text[: text.index("\nvariants:") + 1]  # the last field
    text = text.replace("aliases: [deadbug, dead bugs, deadbugs]", "aliases: []")
    text = text.replace("id: dead-bug", f"id: {exercise_id}").replace("name: Dead bug", name)
    (content / "exercises" / f"{exercise_id}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def invoke() -> Invoke:
    """Run the CLI with stdout and stderr kept apart."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return CliRunner().invoke(main, list(args), env=env, input=input, catch_exceptions=False)

    return run


@pytest.fixture
def data_dir() -> Path:
    """This test's data folder (BACKPAIN_DATA_DIR), which does not exist until a log."""
    return Path(os.environ["BACKPAIN_DATA_DIR"])


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in content, for breaking on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def snapshot(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/snapshots/NAME (rewritten with --update-snapshots)."""
    update = request.config.getoption("--update-snapshots")

    def check(name: str, text: str) -> None:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
        path = SNAPSHOTS / name
        if update or not path.exists():
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"snapshot {name} was missing and has been written; run again")
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} changed; if on purpose, run pytest --update-snapshots"
        )

    return check
