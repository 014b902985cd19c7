"""The wheel carries the content and works on its own, installed in a fresh environment."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import CONTENT, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built once a run: pytest-xdist's workers of one run share the folder
    above their own temporary folders, and the first to need the wheel builds it there
    while the others wait for it."""
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent
    out = shared / "dist"
    with (shared / "dist.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not list(out.glob("backpain-*.whl")):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "wheel",
                    "--no-deps",
                    "--no-build-isolation",
                    "-q",
                    "-w",
                    str(out),
                    str(REPO),
                ],
                check=True,
                capture_output=True,
            )
    (found,) = out.glob("backpain-*.whl")
    return found


def test_the_wheel_contains_every_content_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"backpain_cli/content/builtin/{path.relative_to(CONTENT).as_posix()}"
        for path in CONTENT.rglob("*.yaml")
    }
    assert len(expected) == 9
    assert "backpain_cli/content/builtin/questionnaires/psfs.yaml" in expected
    assert expected <= names


def test_the_wheel_carries_the_pdf_fonts_and_their_licence(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"):
        assert f"backpain_cli/render/fonts/{font}" in names


def test_the_wheel_installs_and_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # this pip installs into it: no copy of pip to make
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "-q",
         "--no-compile", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("BACKPAIN_")}
    done = subprocess.run(
        [str(bin_dir / "backpain"), "list"],
        cwd=elsewhere,
        env={**clean_env, "NO_COLOR": "1", "BACKPAIN_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Dead bug" in done.stdout
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import backpain_cli; print(backpain_cli.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir)
