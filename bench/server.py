"""PREFECT_API_URL=http://127.0.0.1:4200/api python -m bench.server --trials 3

What the 'images' and 'tts' limits cost on a Prefect server: 10-slide runs (--at-once of them
together), each in its own process on the simulated services, with the limits defined (5 and 3)
and with none, interleaved trial by trial. Prints the median flow time of each and the ratio.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from prefect.client.orchestration import get_client

from bench.costs import Costs
from bench.services import llm_and_images
from tasks.slots import define_limit, remove_limit, shared_server

ROOT = Path(__file__).resolve().parents[1]
LIMITS = {"images": 5, "tts": 3}


def define_limits(on: bool) -> None:
    """Create the limits, or delete them."""
    with get_client(sync_client=True) as client:
        for tag, size in LIMITS.items():
            if on:
                define_limit(client, tag, size)
            else:
                remove_limit(client, tag)


def runs_at_once(count: int, slides: int, time_scale: float, llm: str, work: Path) -> list[float]:
    """count runs started together; each one's flow time."""
    procs, results = [], []
    for n in range(count):
        result = work / f"run{n}.json"
        args = [sys.executable, "-m", "bench.child", "--flow", "dag", "--slides", str(slides)]
        args += ["--time-scale", str(time_scale), "--llm", llm, "--work", str(work / f"run{n}")]
        procs.append(subprocess.Popen([*args, "--result", str(result)], cwd=ROOT))
        results.append(result)
    for proc in procs:
        if proc.wait() != 0:
            raise SystemExit("bench: a run failed")
    return [json.loads(r.read_text())["report"]["flow_seconds"] for r in results]


def measure(trials: int, at_once: int, slides: int, time_scale: float) -> dict[str, Any]:
    """Flow times with and without limits, interleaved; medians and their ratio."""
    times: dict[str, list[float]] = {"limits": [], "none": []}
    costs = Costs(time_scale=time_scale)
    with llm_and_images(costs) as llm:
        for trial in range(trials):
            for mode in ("limits", "none") if trial % 2 == 0 else ("none", "limits"):
                define_limits(mode == "limits")
                with tempfile.TemporaryDirectory(prefix="lectra-bench-") as tmp:
                    times[mode] += runs_at_once(at_once, slides, time_scale, llm, Path(tmp))
    define_limits(True)
    medians = {mode: round(statistics.median(values), 2) for mode, values in times.items()}
    return {
        "runs": times,
        "median_s": medians,
        "ratio": round(medians["limits"] / medians["none"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print one line; exit 2 without a server."""
    p = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__)
    p.add_argument("--trials", type=int, default=3, help="pairs of runs per mode (default 3)")
    p.add_argument("--at-once", type=int, default=1, help="runs started together (default 1)")
    p.add_argument("--slides", type=int, default=10, help="slides per deck (default 10)")
    p.add_argument("--time-scale", type=float, default=0.25, help="scale of service latencies")
    args = p.parse_args(argv)
    if not shared_server():
        print("bench: error: set PREFECT_API_URL to the server to measure", file=sys.stderr)
        return 2
    result = measure(args.trials, args.at_once, args.slides, args.time_scale)
    print(
        f"{args.at_once} {args.slides}-slide run(s) at once, {args.trials} trials: "
        f"flow time median "
        f"{result['median_s']['limits']} s with limits, {result['median_s']['none']} s without "
        f"-> ratio {result['ratio']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
