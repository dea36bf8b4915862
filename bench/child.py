"""One benchmark flow run in its own process, on the simulated services; writes its report."""

import argparse
import json
import os
import resource
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bench.costs import Costs
from bench.services import install
from lectra.providers.outbound import opened_for_tests


def main() -> int:
    """Run the chosen flow once and save its report with the process's peak RSS."""
    p = argparse.ArgumentParser()
    p.add_argument("--flow", choices=["dag", "sequential"], required=True)
    p.add_argument("--slides", type=int, required=True)
    p.add_argument("--time-scale", type=float, required=True)
    p.add_argument("--llm", required=True)
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--result", type=Path, required=True)
    p.add_argument("--voice", choices=["edge", "piper"], default="edge")
    p.add_argument("--script", type=Path, help="build from this script (the dag flow only)")
    args = p.parse_args()
    os.environ.update(
        {
            "LECTRA_WRITER": "ollama",
            "LECTRA_OLLAMA_URL": args.llm,
            "LECTRA_OLLAMA_MODEL": "sim",
            "LECTRA_VOICE_ENGINE": args.voice,
            "LECTRA_IMAGE_SOURCE": "ddg",
            "LECTRA_OUTPUT_DIR": str(args.work / "outputs"),
            "LECTRA_CACHE_DIR": str(args.work / "cache"),
            "LECTRA_MAX_CONCURRENT_IMAGES": "5",
            "LECTRA_MAX_CONCURRENT_TTS": "3",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # offline: telemetry only logs errors
        }
    )
    install(Costs(time_scale=args.time_scale), args.llm)
    topic = f"Benchmark {args.flow}"
    # the simulated image host is on loopback, which downloads refuse unless opened for it
    host = urlsplit(args.llm)
    with opened_for_tests(host.hostname or "", host.port or 80):
        if args.flow == "dag":
            from flows.presentation import presentation

            if args.script:
                from lectra.pipeline.deckscript import read_script

                given = read_script(args.script)
                report = presentation(topic=topic, slides=args.slides, script=given)
            else:
                report = presentation(topic=topic, slides=args.slides)
        else:
            from flows.sequential import sequential

            report = sequential(topic=topic, slides=args.slides)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    args.result.write_text(json.dumps({"report": report.model_dump(), "peak_rss_mb": rss_mb}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
