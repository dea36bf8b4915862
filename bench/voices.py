"""python -m bench.voices --trials 3

Each offline voice's speed on this machine: seconds of audio per CPU second (this process and
its children, so espeak-ng's processes count), and, for Piper, one shared onnxruntime session
against one session per worker (each way with its loads), three workers speaking ten slides
at once. Medians of trials.
"""

import argparse
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lectra.media.pcm import read_wav
from lectra.providers.voices.espeak import EspeakVoice
from lectra.providers.voices.piper import PiperVoice, bundled_voice, loaded

NOTES = (
    "Solar panels turn sunlight into electricity without moving parts. Each cell is a thin "
    "slice of silicon, treated so that light knocks electrons loose. Wired together, the cells "
    "make a current; an inverter turns it into the alternating current a home uses. On a clear "
    "day a roof of panels can cover most of a family's needs."
)
SLIDES = 10
WORKERS = 3


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def speed(speak: Callable[[str], bytes]) -> dict[str, float]:
    """Audio seconds, wall and CPU seconds for SLIDES slides spoken one after another."""
    wall, cpu = time.perf_counter(), _cpu()
    audio = sum(read_wav(speak(NOTES)).seconds for _ in range(SLIDES))
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    return {"audio_s": audio, "wall_s": wall, "cpu_s": cpu, "audio_per_cpu_s": audio / cpu}


def piper_sessions(shared: bool) -> float:
    """Wall seconds for WORKERS threads to speak SLIDES slides, sessions shared or per worker."""
    from piper import PiperVoice as Piper

    local = threading.local()
    voice = PiperVoice()

    def one(_: int) -> bytes:
        if not shared and not hasattr(local, "model"):
            local.model = Piper.load(bundled_voice())
        model: Any = loaded(voice.model) if shared else local.model
        return b"".join(voice._sentence(model, s).data for s in NOTES.split(". "))

    began = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(one, range(SLIDES)))
    return time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    """Measure and print a markdown table."""
    p = argparse.ArgumentParser(prog="python -m bench.voices", description=__doc__)
    p.add_argument("--trials", type=int, default=3, help="trials per measure (default 3)")
    args = p.parse_args(argv)
    began = time.perf_counter()
    loaded(bundled_voice())
    load_s = time.perf_counter() - began
    piper, espeak = PiperVoice(), EspeakVoice()
    rows = {
        "espeak-ng": [speed(lambda t: espeak.speak(t, "en").audio) for _ in range(args.trials)],
        "piper (en_US joe medium)": [
            speed(lambda t: piper.speak(t, "en").audio) for _ in range(args.trials)
        ],
    }
    print("| voice | audio s | wall s | CPU s | audio s per CPU s |\n|---|---:|---:|---:|---:|")
    for name, runs in rows.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"| {name} | {med['audio_s']:.1f} | {med['wall_s']:.2f} | {med['cpu_s']:.2f} | "
            f"{med['audio_per_cpu_s']:.1f} |"
        )
    print(f"\nPiper model load: {load_s:.2f} s")
    # each way pays its loads: the shared session one, the workers one each
    shared = [piper_sessions(True) + load_s for _ in range(args.trials)]
    apart = [piper_sessions(False) for _ in range(args.trials)]
    print(
        f"{WORKERS} workers x {SLIDES} slides: one shared session "
        f"{statistics.median(shared):.2f} s ({min(shared):.2f}-{max(shared):.2f}), "
        f"one per worker {statistics.median(apart):.2f} s ({min(apart):.2f}-{max(apart):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
