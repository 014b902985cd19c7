"""The coach you can follow by ear: the speech command, the bells and the settings file."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
import time
import wave
from pathlib import Path

import pytest

from backpain_cli import speech
from backpain_cli.config import ConfigError, Settings, read

from .conftest import Invoke
from .terminal import Terminal, terminal_env
from .test_guided import quick_session


@pytest.fixture
def one_rep(content_copy: Path) -> Path:
    """The yellow session cut to one glute bridge of one repetition (2 s)."""
    return quick_session(content_copy, "glute-bridge", 1)


#: A speech command that only writes down what it was asked to say, one phrase a line.
RECORDER = "import sys; open(sys.argv[1], 'a').write(sys.argv[2] + chr(10))"


def recorder(log: Path) -> str:
    return shlex.join([sys.executable, "-c", RECORDER, str(log), "{text}"])


# The speech command ----------------------------------------------------------------------


def test_the_speech_command_comes_from_the_environment_then_the_settings_then_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {speech.SPEECH_ENV: "espeak-ng -v en-gb {text}"}
    assert speech.command_line("say", env) == speech.Engine(("espeak-ng", "-v", "en-gb", "{text}"))
    assert speech.command_line("my-speaker --slow", {}) == speech.Engine(
        ("my-speaker", "--slow", "--", "{text}")
    )
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert speech.command_line(None, {}, "linux") == speech.Engine(
        ("/usr/bin/espeak-ng", "--", "{text}")
    )
    assert speech.command_line(None, {}, "darwin") == speech.Engine(("say", "-f", "-"), True)
    windows = speech.command_line(None, {}, "win32")
    assert windows is not None
    assert windows.words[0] == "powershell"
    assert windows.stdin  # the phrase is never more PowerShell to run
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert speech.command_line(None, {}, "linux") is None
    assert "espeak-ng" in speech.install_hint("linux")
    with pytest.raises(speech.SpeechSetupError, match="cannot be read"):
        speech.command_line(None, {speech.SPEECH_ENV: 'say "unclosed'})


def test_the_phrase_goes_where_text_stands_or_last_after_the_end_of_options() -> None:
    engine = speech.from_words(["espeak-ng", "-v", "en", "{text}", "-s", "150"])
    assert speech.arguments(engine, "lift") == ["espeak-ng", "-v", "en", "lift", "-s", "150"]
    engine = speech.from_words(["say"])
    assert speech.arguments(engine, "rest, 60 seconds") == ["say", "--", "rest, 60 seconds"]


def test_a_phrase_still_being_said_is_cut_short_never_queued(tmp_path: Path) -> None:
    log = tmp_path / "said.txt"
    slow = f"import sys, time; open({str(log)!r}, 'a').write(sys.argv[1] + chr(10)); time.sleep(30)"
    speaker = speech.Speaker(speech.from_words([sys.executable, "-c", slow, "{text}"]))
    began = time.monotonic()
    speaker.say("one")
    speaker.say("two")  # at once: "one" may never start, and never holds "two" up
    deadline = time.monotonic() + 10
    while "two" not in (log.read_text() if log.exists() else "") and time.monotonic() < deadline:
        time.sleep(0.02)
    speaker.say("three")  # "two" is cut short: it would take 30 s
    while "three" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.02)
    speaker.close()
    assert time.monotonic() - began < 10
    said = log.read_text().split()
    assert said[-2:] == ["two", "three"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_espeak_ng_really_speaks(tmp_path: Path) -> None:
    wav = tmp_path / "speech.wav"
    speaker = speech.Speaker(speech.from_words(["espeak-ng", "-w", str(wav)]))
    speaker.say("Clam shell, green band. Lie on your left side")
    speaker.wait(10)
    speaker.close()
    with wave.open(str(wav)) as sound:
        frames = sound.readframes(sound.getnframes())
        width = sound.getsampwidth()
        seconds = sound.getnframes() / sound.getframerate()
    assert width == 2
    samples = [
        int.from_bytes(frames[i : i + 2], "little", signed=True) for i in range(0, len(frames), 2)
    ]
    loud = sum(1 for s in samples if abs(s) > 1000)
    assert seconds > 1.0  # a sentence, not a click
    assert loud > len(samples) / 20  # not silence


# In a real terminal ------------------------------------------------------------------------


def spoken_session(
    content: Path, data_dir: Path, env: dict[str, str], *extra: str
) -> tuple[Terminal, str]:
    args = ["--content-dir", str(content), "session", "--band", "yellow", "--guided", *extra]
    term = Terminal(args, {**terminal_env(data_dir), **env})
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    screen = term.expect("Pain right now")
    term.send("\r")
    screen = term.expect("Pain now, 0-10 (Enter to skip):")
    term.send("\r")
    term.decline_checkin()
    assert term.wait() == 0
    return term, screen


def test_a_whole_session_is_spoken_in_order_with_distinct_bells(
    one_rep: Path, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "said.txt"
    settings = tmp_path / "config.toml"
    settings.write_text(f"speech_command = {json.dumps(recorder(log))}\nspeech_wpm = 400\n")
    bridge = one_rep / "exercises" / "glute-bridge.yaml"  # a short introduction, said quickly
    text = bridge.read_text()
    text = text.replace(
        "  position: Lie on your back, knees bent, feet flat near your bottom and hip-width apart.",
        "  position: On your back.",
    ).replace("  cue: Squeeze your glutes before you lift.", "  cue: Squeeze.", 1)
    bridge.write_text(text)
    term, screen = spoken_session(one_rep, data_dir, {"BACKPAIN_CONFIG": str(settings)}, "--voice")
    assert log.read_text().splitlines() == [
        "Glute bridge. Yellow band, just below the knees. On your back. Squeeze.",
        "1, lift",
        "lower",
        "Session done.",
        "How is your pain now, from 0 to 10?",
    ]
    assert term.raw.count("\x07") == 1 + 3  # once to go, three times when done
    assert "Glute bridge. Yellow band, just below the" in screen  # the screen says it too


def test_voice_from_the_settings_file_and_quiet_silencing_voice_and_bell(
    one_rep: Path, data_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "said.txt"
    settings = tmp_path / "config.toml"
    settings.write_text("voice = true\n", "utf-8")
    env = {"BACKPAIN_CONFIG": str(settings), speech.SPEECH_ENV: recorder(log)}
    term, _screen = spoken_session(one_rep, data_dir, env, "--quiet")
    assert not log.exists()  # voice on in the file, and --quiet wins
    assert "\x07" not in term.raw


def test_without_a_speech_engine_the_session_starts_and_says_what_to_install(
    one_rep: Path, data_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    _term, screen = spoken_session(one_rep, data_dir, {"PATH": str(empty)}, "--voice")
    assert screen.count("No voice: install espeak-ng") == 1
    assert "The session goes on without it." in screen
    assert "Session done in 0:02." in screen


def test_the_clam_shell_names_its_sides_on_screen(content_copy: Path, data_dir: Path) -> None:
    quick_session(content_copy, "clam-shell", 1, ready=1)
    args = ["--content-dir", str(content_copy), "session", "--band", "yellow", "--guided"]
    term = Terminal(args, terminal_env(data_dir))
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("\r")
    screen = term.expect("Start with your left side")
    screen = term.expect("SET 1 of 1   left side")
    assert "▀" in screen[screen.rindex("SET 1 of 1") :]  # the large counter
    term.send("\r")  # Enter: on to the switch, rather than wait for the repetition
    screen = term.expect("SWITCH TO YOUR RIGHT SIDE")
    screen = term.expect("SET 1 of 1   right side")
    term.send("\r")
    term.expect("Pain now")
    term.send("\r")
    term.decline_checkin()
    assert term.wait() == 0
    assert term.raw.count("\x07") == 1 + 2 + 1 + 3  # go, switch, go, done


# The settings file -----------------------------------------------------------------------


def test_no_settings_file_means_the_defaults(tmp_path: Path) -> None:
    assert read(tmp_path / "none.toml") == Settings()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("voice = true\nrest = [\n", "config.toml:2: "),
        ("voice = yes\n", "config.toml:1: "),
        ("quite = true\n", "config.toml:1: quite: unknown setting (did you mean 'quiet'?)"),
        ("voice = true\nrest = 'long'\n", "config.toml:2: rest: expected a whole number"),
        ("get_ready = 500\n", "config.toml:1: get_ready: expected 0 to 60 seconds, found 500"),
        ("voice = 1\n", "config.toml:1: voice: expected true or false, found 1"),
    ],
)
def test_a_broken_settings_file_names_its_line_and_is_left_alone(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as caught:
        read(path)
    assert message in str(caught.value)
    assert path.read_text("utf-8") == text


def test_config_path_and_show(invoke: Invoke, tmp_path: Path) -> None:
    path = Path(os.environ["BACKPAIN_CONFIG"])
    assert invoke("config", "path").stdout == f"{path}\n"
    shown = invoke("config", "show").stdout.splitlines()
    assert shown[0] == f"# {path} (not there yet: every setting as default)"
    assert "voice = false" in shown
    assert "rest = (not set: the content's rest)" in shown
    path.write_text('voice = true\nrest = 45\nspeech_command = "espeak-ng -v en-gb {text}"\n')
    shown = invoke("config", "show").stdout.splitlines()
    assert shown[1:] == [
        "voice = true",
        "quiet = false",
        "rest = 45",
        "get_ready = (not set: the content's get-ready)",
        'speech_command = "espeak-ng -v en-gb {text}"',
        "speech_wpm = (not set: 170 words a minute, a little slower than espeak-ng)",
    ]
    path.write_text("rest = 'long'\n")
    broken = invoke("config", "show")
    assert broken.exit_code == 1
    assert broken.stderr.startswith(f"Error: {path}:1: rest: expected a whole number")
    assert path.read_text() == "rest = 'long'\n"


def test_a_broken_settings_file_stops_a_guided_session_before_it_starts(
    one_rep: Path, data_dir: Path, tmp_path: Path
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text("rest = -5\n", "utf-8")
    args = ["--content-dir", str(one_rep), "session", "--band", "yellow", "--guided"]
    term = Terminal(args, {**terminal_env(data_dir), "BACKPAIN_CONFIG": str(settings)})
    screen = term.expect("expected 0 to 600 seconds")
    assert term.wait() == 1
    assert f"Error: {settings}:1: rest:" in screen
    assert "Pain right now" not in screen
