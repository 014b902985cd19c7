"""Speech never runs what the text says, and never leaves a process behind: the phrase
is one argument after the end of options (or on standard input), never read by a
shell; a speech process is stopped, killed after a short grace and waited for."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli import speech

from .terminal import Terminal, terminal_env
from .test_voice import one_rep  # noqa: F401  (a fixture)

#: Phrases that would do something if a shell or an option parser read them.
ATTACKS = [
    "-w pwned.wav hello",
    "--stdout hello",
    "-",
    "--",
    "$(touch pwned)",
    "`touch pwned`",
    "; touch pwned",
    "a && touch pwned",
    "| touch pwned",
    "'\"; touch pwned; echo \"'",
    "\x00touch pwned",
    "\x1b]0;owned\x07 lift",
    "\n-w pwned.wav",
]


def wait_for(check: object, seconds: float = 10.0) -> None:
    """Poll ``check`` (a callable) until it is true: another process is at work."""
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.01)


def running(pid: int) -> bool:
    """Whether ``pid`` is a process still running (a zombie is not: it has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


# How a phrase reaches the engine ----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        'sh -c "espeak-ng {text}"',
        "espeak-ng --text={text}",
        'say "{text}."',
        "bash -c 'say {text}'",
    ],
)
def test_text_inside_a_longer_word_of_the_speech_command_is_refused(command: str) -> None:
    with pytest.raises(speech.SpeechSetupError) as caught:
        speech.command_line(None, {speech.SPEECH_ENV: command})
    message = str(caught.value)
    assert "{text} must be a word of its own" in message
    assert speech.SPEECH_ENV in message
    with pytest.raises(speech.SpeechSetupError, match="speech_command in the settings file"):
        speech.command_line(command, {})


def test_a_message_about_the_speech_command_shows_its_control_characters() -> None:
    for command in ('say\x1b]0;owned\x07 "unclosed', "sh -c 'x {text}\x1b[2J'"):
        with pytest.raises(speech.SpeechSetupError) as caught:
            speech.command_line(None, {speech.SPEECH_ENV: command})
        assert "\x1b" not in str(caught.value)
        assert "␛" in str(caught.value)


WORDS = st.lists(st.sampled_from(["espeak-ng", "-v", "en", "-s", "150", "say", "--"]), min_size=1)


@settings(max_examples=300)
@given(words=WORDS, place=st.booleans(), text=st.one_of(st.sampled_from(ATTACKS), st.text()))
def test_the_phrase_is_always_exactly_one_argument_and_never_an_option(
    words: list[str], place: bool, text: str
) -> None:
    engine = speech.from_words([*words, "{text}"] if place else words)
    argv = speech.arguments(engine, text)
    assert len(argv) == len(engine.words)  # one argument for the phrase, however it reads
    phrase = argv[engine.words.index("{text}")]
    assert phrase == speech.speakable(text)
    assert not phrase.startswith("-")
    assert "\x00" not in phrase
    assert not any(0xD800 <= ord(c) < 0xE000 for c in phrase)
    if not place:
        assert argv[-2:] == ["--", phrase]  # after the end of options


def recorder_engine(log: Path) -> speech.Engine:
    """An engine that writes down, as it got it, the one argument it was given."""
    code = "import sys; open(sys.argv[1], 'a').write(repr(sys.argv[2:]) + chr(10))"
    return speech.from_words([sys.executable, "-c", code, str(log), "{text}"])


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.mark.parametrize("phrase", ATTACKS)
def test_an_engine_gets_the_phrase_as_written_and_no_shell_runs_it(
    tmp_path: Path, phrase: str
) -> None:
    log = tmp_path / "said.txt"
    with inside(tmp_path):
        process = speech.launch(recorder_engine(log), phrase)
        process.wait(10)
    assert log.read_text() == repr([speech.speakable(phrase)]) + "\n"
    assert not (tmp_path / "pwned").exists()
    assert not (tmp_path / "pwned.wav").exists()


def test_a_shell_given_the_phrase_as_an_argument_only_ever_prints_it(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    command = f"sh -c 'printf %s \"$1\" > {shlex.quote(str(out))}' sh {{text}}"
    engine = speech.command_line(None, {speech.SPEECH_ENV: command})
    assert engine is not None
    with inside(tmp_path):
        for phrase in ("$(touch pwned)", "`touch pwned`; touch pwned"):
            speech.launch(engine, phrase).wait(10)
            assert out.read_text() == phrase
    assert not (tmp_path / "pwned").exists()


def test_a_phrase_on_standard_input_arrives_whole(tmp_path: Path) -> None:
    log = tmp_path / "said.txt"
    code = "import sys; open(sys.argv[1], 'w').write(sys.stdin.read())"
    engine = speech.Engine((sys.executable, "-c", code, str(log)), stdin=True)
    assert speech.arguments(engine, "-w pwned") == list(engine.words)  # nothing added
    speech.launch(engine, "-w pwned.wav, then lift").wait(10)
    assert log.read_text() == "w pwned.wav, then lift"


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_espeak_ng_says_a_phrase_that_looks_like_its_options(tmp_path: Path) -> None:
    spoken = tmp_path / "spoken.wav"
    engine = speech.from_words(["espeak-ng", "-w", str(spoken)])
    with inside(tmp_path):
        for phrase in ("-w pwned.wav hello", "--stdout hello", "-f /etc/passwd"):
            speech.launch(engine, phrase).wait(20)
            assert spoken.stat().st_size > 1000  # it spoke: a sound, not an error
            spoken.unlink()
    assert not (tmp_path / "pwned.wav").exists()


def test_a_phrase_with_a_nul_is_spoken_not_a_crash(tmp_path: Path) -> None:
    log = tmp_path / "said.txt"
    speaker = speech.Speaker(recorder_engine(log))
    speaker.say("lift\x00now")
    speaker.wait(10)
    speaker.close()
    assert speaker.failed is None
    assert log.read_text() == repr(["lift now"]) + "\n"


def test_a_speech_command_that_cannot_start_is_reported_with_its_name_made_safe() -> None:
    speaker = speech.Speaker(speech.Engine(("/no/such\x1b]0;owned\x07speaker", "--", "{text}")))
    speaker.say("lift")
    speaker.wait(5)
    speaker.close()
    assert speaker.failed is not None
    assert "\x1b" not in speaker.failed
    assert "/no/such␛]0;owned␇speaker" in speaker.failed


# How an engine is stopped --------------------------------------------------------------------

#: An engine that writes its process id, then ignores SIGTERM and goes on "speaking".
STUBBORN = (
    "import os, signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "open(os.path.join(sys.argv[1], str(os.getpid())), 'w').close()\n"
    "time.sleep(60)\n"
)


def stubborn(folder: Path) -> speech.Engine:
    return speech.from_words([sys.executable, "-c", STUBBORN, str(folder), "{text}"])


def started(folder: Path) -> list[int]:
    return [int(p.name) for p in folder.iterdir()]


@needs_proc
def test_an_engine_that_ignores_sigterm_is_killed_and_waited_for(tmp_path: Path) -> None:
    speaker = speech.Speaker(stubborn(tmp_path), grace=0.05)
    speaker.say("lift")
    wait_for(lambda: started(tmp_path))
    (pid,) = started(tmp_path)
    assert running(pid)
    began = time.monotonic()
    speaker.close()
    assert time.monotonic() - began < 5
    assert not Path(f"/proc/{pid}").exists()  # ended and waited for: not even a zombie


@needs_proc
def test_phrases_cut_short_leave_no_process_behind(tmp_path: Path) -> None:
    speaker = speech.Speaker(stubborn(tmp_path), grace=0.05)
    for number in range(15):
        speaker.say(f"rep {number}")
        wait_for(lambda n=number: len(started(tmp_path)) > n)  # each one starts, then is cut
    speaker.close()
    pids = started(tmp_path)
    assert len(pids) == 15
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]


@needs_proc
def test_what_an_engine_started_is_stopped_with_it(tmp_path: Path) -> None:
    """A shell that starts the real engine: the shell and the engine are stopped together."""
    inner = shlex.join([sys.executable, "-c", STUBBORN, str(tmp_path)])
    engine = speech.from_words(["sh", "-c", f'{inner} "$1"; sleep 60', "sh", "{text}"])
    speaker = speech.Speaker(engine, grace=0.05)
    speaker.say("lift")
    wait_for(lambda: started(tmp_path))
    speaker.close()
    (pid,) = started(tmp_path)
    wait_for(lambda: not running(pid), 5)


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_guided_session_ended_by_a_signal_leaves_no_speech_process_running(
    one_rep: Path,  # noqa: F811
    data_dir: Path,
    tmp_path: Path,
    signum: int,
) -> None:
    folder = tmp_path / "pids"
    folder.mkdir()
    command = shlex.join([sys.executable, "-c", STUBBORN, str(folder), "{text}"])
    args = ["--content-dir", str(one_rep), "session", "--band", "yellow", "--guided", "--voice"]
    term = Terminal(args, {**terminal_env(data_dir), speech.SPEECH_ENV: command})
    term.expect("Do you have any of these signs now? [y/N]:")
    term.send("\r")
    term.expect("Pain right now")
    term.send("\r")
    wait_for(lambda: started(folder))  # the first instruction is being said, for ever
    os.kill(term.pid, signum)
    assert term.wait() == 128 + signum
    (pid,) = started(folder)
    wait_for(lambda: not running(pid), 5)


@needs_proc
def test_the_sound_of_a_session_closed_stops_every_phrase(tmp_path: Path) -> None:
    """What the guided session does whatever way it ends (cli.sound.Sound.close)."""
    import io

    from rich.console import Console

    from backpain_cli.cli.sound import Sound
    from backpain_cli.cues import Cue

    command = shlex.join([sys.executable, "-c", STUBBORN, str(tmp_path), "{text}"])
    sound = Sound(Console(file=io.StringIO()), True, False, command)
    assert sound.speaker is not None
    sound.speaker.grace = 0.05
    for number in range(5):
        sound.cue(Cue(0, f"{number}, lift"), time.monotonic())
        wait_for(lambda n=number: len(started(tmp_path)) > n)
    sound.close()
    sound.close()  # again: nothing to do
    pids = started(tmp_path)
    assert len(pids) == 5
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]
