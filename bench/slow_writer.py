"""python -m bench.slow_writer --slides 10 --script-s 30 --out slow.json

A deck against a local model server at laptop speed: one request at a time, script_s seconds a
slide (an 8B model on a CPU), the other services simulated as in bench.pipeline. Reports when
the deck ended after its last narration, and any slide that fell back (a timeout).
"""

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.costs import Costs
from bench.pipeline import run_flow, tail_s
from bench.services import llm_and_images


def measure(slides: int, script_s: float) -> dict[str, Any]:
    """One streaming run; its time, its tail after the last narration, its fallbacks."""
    costs = replace(Costs(), script_s=script_s)
    with tempfile.TemporaryDirectory(prefix="lectra-slow-") as tmp, llm_and_images(costs) as llm:
        report = run_flow("dag", slides, 1.0, llm, Path(tmp))["report"]
    scripts = [t for t in report["tasks"] if t["stage"] == "script"]
    return {
        "slides": slides,
        "script_s": script_s,
        "flow_s": round(report["flow_seconds"], 2),
        "tail_s": round(tail_s(report), 2),
        # this code's fallback, and the one before it (a slide reduced to its title)
        "fell_back": sum(
            "offline writer's slide" in w or "script replaced by its title" in w
            for w in report["warnings"]
        ),
        "timeouts": sum("no answer within" in w for w in report["warnings"]),
        "retries": report["retries"],
        "script_wait_s": round(sum(t["waited_s"] for t in scripts), 1),
        "warnings": report["warnings"],
    }


def main(argv: list[str] | None = None) -> int:
    """Measure, print the summary and write the JSON."""
    p = argparse.ArgumentParser(prog="python -m bench.slow_writer", description=__doc__)
    p.add_argument("--slides", type=int, default=10)
    p.add_argument("--script-s", type=float, default=30.0, help="seconds the model takes a slide")
    p.add_argument("--out", type=Path, default=Path("slow.json"))
    args = p.parse_args(argv)
    result = measure(args.slides, args.script_s)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{result['slides']} slides at {result['script_s']} s a script: flow {result['flow_s']} s,"
        f" ended {result['tail_s']} s after the last narration; {result['fell_back']} slides fell"
        f" back ({result['timeouts']} timeouts), {result['retries']} retries"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
