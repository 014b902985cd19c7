"""Write docs/transcript-green.md: one whole Green session as the ear hears it, each phrase
at its time and how long it takes to say.

Where espeak-ng and sox are installed, each phrase's length is measured (the WAV that
espeak-ng makes, timed by sox), and the schedule is fitted to those lengths, as the
guided session fits it to its voice; elsewhere the estimate from the text is used.

    python docs/make_transcript.py
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from backpain_cli.coach import schedule
from backpain_cli.content.load import load
from backpain_cli.cues import COUNT, estimate, needs, script
from backpain_cli.planner import plan_session

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "transcript-green.md"


def main() -> None:
    catalog = load(ROOT / "content")
    plan = plan_session(catalog, "green")
    espeak, soxi = shutil.which("espeak-ng"), shutil.which("soxi")
    with tempfile.TemporaryDirectory() as folder:

        @cache
        def measured(text: str) -> float:
            assert espeak is not None
            assert soxi is not None
            wav = Path(folder) / "phrase.wav"
            subprocess.run([espeak, "-w", str(wav), "--", text], check=True, capture_output=True)
            done = subprocess.run([soxi, "-D", str(wav)], check=True, capture_output=True,
                                  text=True)  # fmt: skip
            return float(done.stdout)

        length = measured if espeak and soxi else estimate
        how = ("measured: espeak-ng at its own speed, timed by sox" if espeak and soxi
               else "estimated from the text")  # fmt: skip
        steps = schedule(plan, need=needs(plan, length))
        cues = script(plan, steps, length)
        lines = [
            "# A Green session, as the ear hears it",
            "",
            "What the guided session says (`backpain session --band green --guided --voice`),",
            f"each phrase at its time into the session and how long it takes to say ({how}).",
            "Counts are listed for the first set of each exercise only; the others repeat",
            "them. Made by `python docs/make_transcript.py`.",
            "",
            "| at | takes | kind | said |",
            "| ---: | ---: | --- | --- |",
        ]
        shown_counts: set[tuple[int, str]] = set()
        at_set = {0.0: (0, 1)}
        start = 0.0
        for step in steps:
            at_set[start] = (step.item, step.set)
            start += step.seconds
        for cue in cues:
            item_set = max((t for t in at_set if t <= cue.at), default=0.0)
            item, number = at_set[item_set]
            if cue.kind == COUNT and (number > 1 or (item, cue.say) in shown_counts):
                continue
            if cue.kind == COUNT:
                shown_counts.add((item, cue.say))
            minutes, seconds = divmod(cue.at, 60)
            said = cue.say.replace("|", "\\|")
            lines.append(f"| {int(minutes)}:{seconds:04.1f} | {length(cue.say):.1f} s | "
                         f"{cue.kind} | {said} |")  # fmt: skip
    lines += ["", f"The whole session: {start / 60:.0f} minutes.", ""]
    TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
