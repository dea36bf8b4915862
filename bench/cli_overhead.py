"""python -m bench.cli_overhead --runs 3

Time spent outside the flow by a 10-slide offline CLI run (`python -m flows.presentation`):
process wall time minus the flow's own time (flow_seconds in run_report.json), with the server
`make server` keeps at http://127.0.0.1:4200 and with a temporary one, interleaved run by run.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from flows.server import LOCAL_API, answers

ROOT = Path(__file__).resolve().parents[1]


def one_run(topic: str, work: Path, server: bool) -> dict[str, float]:
    """One CLI run; its process wall time, flow time and the difference."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LECTRA_OUTPUT_DIR": str(work)}
    env.pop("PREFECT_API_URL", None)
    if not server:
        env["LECTRA_LOCAL_PREFECT_API"] = "http://127.0.0.1:9/api"  # nothing answers there
    args = [sys.executable, "-m", "flows.presentation", topic, "--slides", "10"]
    args += ["--writer", "offline", "--voice-engine", "espeak", "--image-source", "generated"]
    began = time.perf_counter()
    subprocess.run(args, cwd=work, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - began
    report = json.loads(next(work.glob("*/run_report.json")).read_text())
    return {
        "wall_s": wall,
        "flow_s": report["flow_seconds"],
        "outside_s": wall - report["flow_seconds"],
    }


def measure(runs: int) -> dict[str, Any]:
    """Medians of each measure, with the server and with a temporary one."""
    found: dict[str, list[dict[str, float]]] = {"server": [], "temporary": []}
    for n in range(runs):
        for mode in ("server", "temporary"):
            with tempfile.TemporaryDirectory(prefix="lectra-cli-") as tmp:
                found[mode].append(one_run(f"Overhead {mode} {n}", Path(tmp), mode == "server"))
    return {
        mode: {k: round(statistics.median(r[k] for r in rs), 2) for k in rs[0]}
        for mode, rs in found.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print one line per mode; exit 2 without the local server."""
    p = argparse.ArgumentParser(prog="python -m bench.cli_overhead", description=__doc__)
    p.add_argument("--runs", type=int, default=3, help="runs per mode (default 3)")
    args = p.parse_args(argv)
    if not answers(LOCAL_API, timeout_s=1):
        print(f"bench: error: no server at {LOCAL_API}; run `make server`", file=sys.stderr)
        return 2
    for mode, figures in measure(args.runs).items():
        print(
            f"{mode}: process {figures['wall_s']} s, flow {figures['flow_s']} s, "
            f"outside the flow {figures['outside_s']} s (medians of {args.runs})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
