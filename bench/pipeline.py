"""python -m bench.pipeline --slides 10 --time-scale 1.0 --out bench.json [--voice piper]

Times the sequential flow and the streaming DAG, each in a fresh process on the same simulated
services, and compares the DAG with the critical-path bound of the same costs and limits.
With --voice piper the narration is Piper's, for real, instead of the simulated edge-tts.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.chain import longest_chain
from bench.costs import Costs
from bench.critical_path import CLOSING, critical_path
from bench.services import llm_and_images

ROOT = Path(__file__).resolve().parents[1]


def run_flow(
    flow: str, slides: int, time_scale: float, llm: str, work: Path, voice: str = "edge"
) -> dict[str, Any]:
    """Run one flow in a child process; its report, peak RSS and process wall time."""
    result = work / f"{flow}.json"
    began = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.child",
            "--flow",
            flow,
            "--slides",
            str(slides),
            "--time-scale",
            str(time_scale),
            "--llm",
            llm,
            "--work",
            str(work / flow),
            "--result",
            str(result),
            "--voice",
            voice,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"bench: the {flow} run failed:\n{done.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(result.read_text())
    data["process_s"] = wall
    return data


def stage_spans(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Per stage: first start, last end, busy seconds and slot waits."""
    return {
        s["stage"]: {
            "start_s": round(
                min(t["start_s"] for t in report["tasks"] if t["stage"] == s["stage"]), 3
            ),
            "span_s": s["span_s"],
            "busy_s": s["busy_s"],
            "waited_s": s["waited_s"],
        }
        for s in report["stages"]
    }


def tail_s(report: dict[str, Any]) -> float:
    """Work after the last narration ended: until the last task ended."""
    tasks = report["tasks"]
    last_voice = max(t["start_s"] + t["seconds"] for t in tasks if t["stage"] == "narration")
    return max(t["start_s"] + t["seconds"] for t in tasks) - last_voice


def speech_by_slide(report: dict[str, Any], work: Path) -> dict[int, float]:
    """Seconds of speech per source slide, from slide_timings.json; the closing page's, which
    can be spoken only once every script is written, under CLOSING."""
    timings = json.loads(Path(report["outputs"]["slide_timings"]).read_text())
    script = json.loads(Path(report["outputs"]["script"]).read_text())
    closing = {
        (s["index"], page["part"])
        for s in script
        for page in s.get("pages", [])
        if page.get("kind") == "closing"
    }
    speech: dict[int, float] = {}
    for t in timings:
        slide = CLOSING if (t["source_slide"], t["part"]) in closing else t["source_slide"]
        speech[slide] = speech.get(slide, 0.0) + t["duration"]
    return speech


def measure(slides: int, time_scale: float, voice: str = "edge") -> dict[str, Any]:
    """Both flows on the same simulation, the bound, and the figures the README quotes."""
    costs = Costs(time_scale=time_scale, voice=voice)
    with tempfile.TemporaryDirectory(prefix="lectra-bench-") as tmp, llm_and_images(costs) as llm:
        work = Path(tmp)
        seq = run_flow("sequential", slides, time_scale, llm, work, voice)
        dag = run_flow("dag", slides, time_scale, llm, work, voice)
        report = dag["report"]
        bound = critical_path(costs, report["tasks"], speech_by_slide(report, work))
    dag_s, seq_s = report["flow_seconds"], seq["report"]["flow_seconds"]
    chain = longest_chain(report["tasks"])
    return {
        "slides": slides,
        "time_scale": time_scale,
        "voice": voice,
        "narration_on_longest_chain": any(c["task"].startswith("narrate-") for c in chain),
        "sequential_s": round(seq_s, 2),
        "dag_s": round(dag_s, 2),
        "critical_path_s": round(bound, 2),
        "speedup": round(seq_s / dag_s, 2),
        "efficiency": round(bound / dag_s, 3),
        "tail_s": round(tail_s(report), 2),
        "stages": stage_spans(report),
        "prefect_overhead_s": round(dag["process_s"] - dag_s, 2),
        "sequential_prefect_overhead_s": round(seq["process_s"] - seq_s, 2),
        "peak_rss_mb": round(dag["peak_rss_mb"], 1),
        "longest_chain": chain,
        "warnings": report["warnings"],
    }


def main(argv: list[str] | None = None) -> int:
    """Measure, print the summary and the longest chain, and write the JSON."""
    p = argparse.ArgumentParser(prog="python -m bench.pipeline", description=__doc__)
    p.add_argument("--slides", type=int, default=10, help="slides per deck (default 10)")
    p.add_argument("--time-scale", type=float, default=1.0, help="scale of service latencies")
    p.add_argument("--out", type=Path, default=Path("bench.json"), help="JSON result file")
    p.add_argument(
        "--voice", choices=["edge", "piper"], default="edge", help="simulated edge, or real Piper"
    )
    args = p.parse_args(argv)
    if not 1 <= args.slides <= 60 or not 0 < args.time_scale <= 10:
        print("bench: error: --slides must be 1-60 and --time-scale in (0, 10]", file=sys.stderr)
        return 2
    result = measure(args.slides, args.time_scale, args.voice)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{result['slides']} slides at time-scale {result['time_scale']}: sequential "
        f"{result['sequential_s']} s, DAG {result['dag_s']} s, bound {result['critical_path_s']} s"
        f" -> speedup {result['speedup']}, efficiency {result['efficiency']}; tail "
        f"{result['tail_s']} s; Prefect overhead {result['prefect_overhead_s']} s; "
        f"peak RSS {result['peak_rss_mb']} MB"
    )
    print(
        "longest chain: "
        + " -> ".join(
            f"{c['task']} ({c['seconds']:.2f} s, ends {c['end_s']:.2f})"
            for c in result["longest_chain"]
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
