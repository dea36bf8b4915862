"""python -m bench.rebuild --runs 3 [--slides 10] [--offline]

The edit loop, measured: a fresh deck's flow time, then the flow time of rebuilding it from its
script.md with one slide's notes changed (--script), medians of --runs fresh projects. By
default on the simulated services (an Ollama-like writer, edge-tts, image search: bench.costs),
each run a fresh process (bench.child); --offline: CLI runs with the offline writer and Piper
against a Prefect server started here.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.costs import Costs
from bench.services import llm_and_images
from deployments.local import ROOT, prefect_server


def edit_one(script: Path, slides: int, out: Path) -> Path:
    """A copy of script.md with a middle slide's notes begun by a new sentence."""
    text = script.read_text()
    part = text.split("\n## ")[slides // 2]
    notes = part.split("\n\n", 1)[1].strip()
    out.write_text(text.replace(notes, "This slide's narration was rewritten by hand. " + notes, 1))
    return out


def _run(args: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: a run failed:\n{done.stderr[-2000:]}")


def simulated(work: Path, slides: int, llm: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first build and the rebuild on the simulated services, each in its own process."""
    base = [sys.executable, "-m", "bench.child", "--flow", "dag", "--slides", str(slides)]
    base += ["--time-scale", "1.0", "--llm", llm, "--work", str(work)]
    _run([*base, "--result", str(work / "first.json")])
    edited = edit_one(work / "outputs" / "benchmark-dag" / "script.md", slides, work / "e.md")
    _run([*base, "--result", str(work / "again.json"), "--script", str(edited)])
    first = json.loads((work / "first.json").read_text())["report"]
    return first, json.loads((work / "again.json").read_text())["report"]


def offline(work: Path, slides: int, env: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first build and the rebuild with the offline writer and Piper, as CLI runs."""
    env = env | {"LECTRA_OUTPUT_DIR": str(work)}
    cli = [sys.executable, "-m", "flows.presentation"]
    _run([*cli, "Heat Pumps", "--slides", str(slides), "--project", "deck"], env)
    first = json.loads((work / "deck" / "run_report.json").read_text())
    edited = edit_one(work / "deck" / "script.md", slides, work / "e.md")
    _run([*cli, "--script", str(edited), "--project", "deck"], env)
    return first, json.loads((work / "deck" / "run_report.json").read_text())


def main(argv: list[str] | None = None) -> int:
    """Measure and print each pair and the medians."""
    p = argparse.ArgumentParser(prog="python -m bench.rebuild", description=__doc__)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--slides", type=int, default=10)
    p.add_argument("--offline", action="store_true")
    args = p.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="lectra-rebuild-"))
    pairs = []
    with prefect_server(home) as env, llm_and_images(Costs(time_scale=1.0)) as llm:
        env = {k: v for k, v in env.items() if k != "LECTRA_VOICE_ENGINE"}  # auto: Piper
        for n in range(args.runs):
            work = home / f"run-{n}"
            work.mkdir()
            first, again = (
                offline(work, args.slides, env)
                if args.offline
                else simulated(work, args.slides, llm)
            )
            ran = [t["task"] for t in again["tasks"] if not t["cached"]]
            pairs.append((first["flow_seconds"], again["flow_seconds"]))
            print(
                json.dumps(
                    {
                        "first_s": pairs[-1][0],
                        "rebuild_s": pairs[-1][1],
                        "ran": ran,
                        "rebuilt": [r["slide"] for r in again["rebuilt"]],
                    }
                ),
                flush=True,
            )
    first_s = statistics.median(a for a, _ in pairs)
    again_s = statistics.median(b for _, b in pairs)
    print(
        f"{args.slides} slides ({'offline' if args.offline else 'simulated services'}): first "
        f"build {first_s:.2f} s, rebuild after one edit {again_s:.2f} s (medians of "
        f"{args.runs}): ratio {again_s / first_s:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
