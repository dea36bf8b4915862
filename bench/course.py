"""python -m bench.course --decks 6 --slides 6 --time-scale 0.5 --out course-bench.json

A course on a Prefect server backed by PostgreSQL (both started here), on the simulated
services: with 1 worker, then 2 (each runs one deck at a time), the course's wall time, the
speedup, and the most narration and image calls held at once across all decks.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.costs import Costs
from bench.services import llm_and_images
from deployments.local import BIN, postgres, prefect_server, run, start_workers, stop

DEPLOYMENT = "presentation/bench-deck"


def course_file(folder: Path, decks: int, slides: int) -> Path:
    """A course of decks on distinct topics, each slides long, without video."""
    topics = "".join(f"  - topic: Bench lecture {n}\n" for n in range(1, decks + 1))
    path = folder / "course.yaml"
    path.write_text(f"title: Bench course\ndefaults: {{slides: {slides}}}\ndecks:\n{topics}")
    return path


def run_course(env: dict[str, str], course: Path, workers: int, decks: int, work: Path) -> dict:
    """Start the workers, run the course once through them, and read its index."""
    procs = start_workers(env, [f"bench-{workers}-{n}" for n in range(workers)], work)
    out = work / f"out-{workers}"
    try:
        began = time.perf_counter()
        run(
            [
                sys.executable,
                "-m",
                "flows.course",
                str(course),
                "--output-dir",
                str(out),
                "--decks-at-once",
                str(decks),
                "--deployment",
                DEPLOYMENT,
            ],
            env,
            timeout=3600,
        )
        wall = time.perf_counter() - began
    finally:
        for proc in procs:
            stop(proc)
    index: dict[str, Any] = json.loads((out / "bench-course" / "course.json").read_text())
    return {
        "workers": workers,
        "wall_s": round(wall, 2),
        "course_s": index["seconds"],
        "peaks": index["peaks"],
        "decks_per_worker": {
            w: sum(d["worker"] == w for d in index["decks"])
            for w in sorted({d["worker"] for d in index["decks"]})
        },
        "deck_flow_s": statistics.median(d["flow_seconds"] for d in index["decks"]),
    }


def measure(decks: int, slides: int, time_scale: float, llm_at_once: int = 1) -> dict[str, Any]:
    """The course with 1 worker and with 2, on one fresh server each time."""
    results = []
    with tempfile.TemporaryDirectory(prefix="lectra-course-bench-") as tmp:
        work = Path(tmp)
        course = course_file(work, decks, slides)
        with llm_and_images(Costs(time_scale=time_scale), llm_at_once) as llm:
            for workers in (1, 2):
                home = work / f"prefect-{workers}"
                home.mkdir()
                with postgres() as database, prefect_server(home, database) as env:
                    env = env | {
                        "LECTRA_WRITER": "ollama",
                        "LECTRA_OLLAMA_URL": llm,
                        "LECTRA_OLLAMA_MODEL": "sim",
                        "LECTRA_VOICE_ENGINE": "edge",
                        "LECTRA_IMAGE_SOURCE": "ddg",
                        "LECTRA_CACHE_DIR": str(home / "cache"),
                        "LECTRA_BENCH_TIME_SCALE": str(time_scale),
                    }
                    run([sys.executable, "-m", "deployments.setup"], env)
                    run(
                        [
                            str(BIN / "prefect"),
                            "--no-prompt",
                            "deploy",
                            "bench/course_deck.py:presentation",
                            "--name",
                            "bench-deck",
                            "--pool",
                            "lectra",
                        ],
                        env,
                    )
                    results.append(run_course(env, course, workers, decks, work))
    one, two = results
    return {
        "decks": decks,
        "slides": slides,
        "time_scale": time_scale,
        "llm_at_once": llm_at_once,
        "runs": results,
        "speedup": round(one["wall_s"] / two["wall_s"], 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and write the JSON result."""
    p = argparse.ArgumentParser(prog="python -m bench.course", description=__doc__)
    p.add_argument("--decks", type=int, default=6, help="decks in the course (default 6)")
    p.add_argument("--slides", type=int, default=6, help="slides per deck (default 6)")
    p.add_argument("--time-scale", type=float, default=0.5, help="scale of service latencies")
    p.add_argument(
        "--llm-at-once",
        type=int,
        default=1,
        help="requests the simulated LLM serves at once (default 1, a single-GPU Ollama)",
    )
    p.add_argument("--out", type=Path, default=Path("course-bench.json"), help="JSON result")
    args = p.parse_args(argv)
    result = measure(args.decks, args.slides, args.time_scale, args.llm_at_once)
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
