"""What keeps a glance fast, checked by structure rather than by timing."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backpain_cli import folders
from backpain_cli.content import cache, yamlread
from backpain_cli.content import load as loader
from backpain_cli.errors import ContentError

from .conftest import CONTENT, Invoke

#: Each test starts as on a first run, with no content cache: the cache is what it is about.
pytestmark = pytest.mark.usefixtures("cold_cache")


def modules_after(*args: str) -> set[str]:
    """The top-level modules a fresh interpreter imports to run ``backpain ARGS``."""
    return {name.split(".")[0] for name in modules_after_full(*args)}


def modules_after_full(*args: str) -> set[str]:
    """Every module a fresh interpreter imports to run ``backpain ARGS``."""
    code = (
        "import sys\n"
        "from backpain_cli.cli import main\n"
        f"try:\n    main.main({list(args)!r}, prog_name='backpain')\n"
        "except SystemExit as done:\n    code = done.code\n"
        "sys.stderr.write(f'exit={code} ')\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=os.environ
    )
    words = done.stderr.split()
    # The command itself must have run and succeeded, or an empty answer would pass.
    assert words[:1] == ["exit=0"], done.stderr
    assert "backpain_cli" in words
    return set(words[1:])


def test_importing_the_cli_imports_neither_rich_nor_yaml() -> None:
    loaded = modules_after("--version")
    assert "click" in loaded
    assert not loaded & {"rich", "yaml", "platformdirs"}


def test_help_needs_click_only() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "backpain_cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    imported = {name.split(".")[0] for name in modules}
    assert "click" in imported
    assert not imported & {"rich", "yaml", "sqlite3", "platformdirs", "json"}
    assert "backpain_cli.models" not in modules  # the commands' help needs none of the data
    assert "importlib.metadata" not in done.stderr


@pytest.mark.parametrize(
    ("command", "unneeded"),
    [
        (["list"], {"json", "yaml"}),
        (["show", "dead-bug"], {"json", "yaml"}),
        (["session", "--band", "green"], {"json", "yaml"}),
        (["list", "--json"], {"rich", "yaml"}),
    ],
)
def test_a_glance_reads_the_cache_in_the_users_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: list[str], unneeded: set[str]
) -> None:
    for name in ("BACKPAIN_CACHE_DIR", "BACKPAIN_DATA_DIR"):  # as on a new machine
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # macOS and Windows have their own
    first = modules_after(*command)
    assert "yaml" in first  # the first run parses the files
    if sys.platform == "linux":
        assert list((tmp_path / "cache" / "backpain").glob("content-*"))
    assert modules_after(*command) & unneeded == set()


@pytest.mark.parametrize(
    ("command", "unneeded"),
    [
        (["list"], {"backpain_cli.records", "backpain_cli.planner"}),
        (["show", "dead-bug"], {"backpain_cli.records", "backpain_cli.planner"}),
        (["session", "--band", "green"], {"backpain_cli.records"}),
        (["today", "--json"], {"backpain_cli.records"}),
    ],
)
def test_a_glance_leaves_out_what_it_does_not_use(command: list[str], unneeded: set[str]) -> None:
    assert not modules_after_full(*command) & unneeded


def test_a_command_runs_without_the_cycle_collector() -> None:
    code = (
        "import gc\n"
        "from backpain_cli import cli\n"
        "class Probe:\n"
        "    def main(self):\n"
        "        print('collecting' if gc.isenabled() else 'not collecting')\n"
        "        raise SystemExit(0)\n"
        "cli.main = Probe()\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "not collecting\n"


def test_a_guided_session_collects_cycles_again() -> None:
    import gc

    from backpain_cli.cli import coach
    from backpain_cli.cli.app import App
    from backpain_cli.today import Check

    app = App(None, "flag", False)
    catalog = app.catalog()
    stopped = app.today(catalog, Check(pain=10))  # no session: it says why and ends
    assert stopped.session is None
    gc.disable()
    try:
        coach.run(app, catalog, stopped, None, True, None, None, False, True)
        assert gc.isenabled()
    finally:
        gc.enable()


#: The core: content -> models -> planner, and coach -> journal -> progress. Never a terminal.
CORE = [
    "backpain_cli.models",
    "backpain_cli.records",
    "backpain_cli.planner",
    "backpain_cli.coach",
    "backpain_cli.progress",
    "backpain_cli.history",
    "backpain_cli.today",
    "backpain_cli.outcomes",
    "backpain_cli.charts",
    "backpain_cli.report",
    "backpain_cli.errors",
    "backpain_cli.textsafe",
    "backpain_cli.folders",
    "backpain_cli.files",
    *(f"backpain_cli.content.{name}" for name in
      ("locate", "files", "yamlread", "document", "schemas", "check", "load", "cache",
       "questionnaires")),
    *(f"backpain_cli.journal.{name}" for name in ("open", "store", "migrations", "rows")),
]  # fmt: skip


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_neither_click_nor_rich(module: str) -> None:
    code = (
        f"import sys, {module}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "backpain_cli" in loaded
    assert not loaded & {"click", "rich"}


def test_the_journal_commands_are_not_imported_to_show_an_exercise() -> None:
    loaded = modules_after_full("show", "dead-bug", "--json")
    assert "backpain_cli.cli.guide" in loaded
    assert not loaded & {"backpain_cli.cli.journal", "backpain_cli.journal", "sqlite3"}


def test_json_with_a_warm_cache_needs_neither_rich_nor_yaml() -> None:
    modules_after("list", "--json")  # warms the cache
    loaded = modules_after("session", "--band", "green", "--json")
    assert not loaded & {"rich", "yaml"}
    assert "rich" in modules_after("list")


def test_a_warm_cache_skips_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    first = loader.load(CONTENT)

    def no_parsing(*_args: object) -> None:
        raise AssertionError("parsed although the cache was warm")

    monkeypatch.setattr(yamlread, "parse", no_parsing)
    assert loader.load(CONTENT) == first


def test_an_edited_file_is_seen_at_once(invoke: Invoke, content_copy: Path) -> None:
    assert "Dead bug" in invoke("--content-dir", str(content_copy), "list").stdout
    path = content_copy / "exercises" / "dead-bug.yaml"
    path.write_text(path.read_text().replace("name: Dead bug", "name: Dead beetle"))
    out = invoke("--content-dir", str(content_copy), "list").stdout
    assert "Dead beetle" in out
    path.write_text(path.read_text().replace("steps:", "stpes:"))
    assert invoke("--content-dir", str(content_copy), "list").exit_code == 1


def test_a_removed_exercise_file_is_gone_from_the_cache_too(
    invoke: Invoke, content_copy: Path
) -> None:
    invoke("--content-dir", str(content_copy), "list")
    (content_copy / "exercises" / "dead-bug.yaml").unlink()
    result = invoke("--content-dir", str(content_copy), "list")
    assert result.exit_code == 1
    assert "unknown exercise 'dead-bug'" in result.stderr


GARBAGE = [
    b"",
    b"{not json",
    b"[1, 2]",
    b'{"format": 1, "files": 7}',
    cache.MAGIC + b"\0\0\0\0" + marshal.dumps({"format": cache.FORMAT}),  # a wrong CRC
    cache.MAGIC + b"\1\2\3\4" + b"\xfb\x00",  # not marshal data
    cache.encode({"format": cache.FORMAT, "files": 7}),  # whole, but not what it should hold
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_a_corrupt_cache_still_gives_correct_output(invoke: Invoke, garbage: bytes) -> None:
    expected = invoke("list", "--json").stdout
    (stored,) = Path(folders.cache()).glob("content-*")
    stored.write_bytes(garbage)
    assert invoke("list", "--json").stdout == expected
    assert cache.decode(stored.read_bytes())["files"]  # rewritten


def test_a_damaged_byte_in_the_cache_is_caught_before_it_is_read(invoke: Invoke) -> None:
    expected = invoke("list", "--json").stdout
    (stored,) = Path(folders.cache()).glob("content-*")
    raw = bytearray(stored.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    with pytest.raises(ValueError, match="damaged"):
        cache.decode(bytes(raw))
    stored.write_bytes(bytes(raw))
    assert invoke("list", "--json").stdout == expected


def test_a_forged_cache_entry_for_an_edited_file_is_not_trusted(
    invoke: Invoke, content_copy: Path
) -> None:
    invoke("--content-dir", str(content_copy), "list")
    (stored,) = Path(folders.cache()).glob("content-*")
    data = cache.decode(stored.read_bytes())
    data["files"]["exercises/dead-bug.yaml"]["data"]["name"] = "Stale name"
    stored.write_bytes(cache.encode(data))
    path = content_copy / "exercises" / "dead-bug.yaml"
    path.write_text(path.read_text() + "\n")
    assert "Stale name" not in invoke("--content-dir", str(content_copy), "list").stdout


def test_an_unwritable_cache_folder_is_skipped_silently(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BACKPAIN_CACHE_DIR", str(blocker / "cache"))
    result = invoke("list")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Dead bug" in result.stdout


def test_problems_are_never_cached(content_copy: Path) -> None:
    path = content_copy / "bands.yaml"
    path.write_text(path.read_text().replace("choosing:", "chosing:"))
    for _ in range(2):
        with pytest.raises(ContentError):
            loader.load(content_copy)
