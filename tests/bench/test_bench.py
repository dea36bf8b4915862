"""The benchmark's bound and chain on known schedules, and one small end-to-end run."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.chain import longest_chain
from bench.costs import Costs
from bench.critical_path import critical_path

ROOT = Path(__file__).resolve().parents[2]


def spans(**seconds: float) -> list[dict]:
    return [
        {"task": name.replace("_", "-"), "start_s": 0.0, "seconds": s}
        for name, s in seconds.items()
    ]


def test_the_bound_follows_the_serialized_model_and_the_caps() -> None:
    costs = Costs(time_scale=1.0)
    # 1 title + 6 content slides, 10 s of speech each, no local work
    speech = {0: 4.0} | {i: 10.0 for i in range(1, 7)}
    bound = critical_path(costs, [], speech)
    # outline 7, then 7 scripts of 2 s (the short title last), the last content narration ends
    # 2 s before the title's script: 7 + 6*2 + 5.4 = 24.4; the title's narration ends at
    # 7 + 14 + 2.16 = 23.16; 3 voices keep up with a script every 2 s
    assert bound == pytest.approx(24.4)
    one_voice = critical_path(Costs(tts_cap=1), [], speech)
    assert one_voice == pytest.approx(7 + 2 + 6 * 5.4 + 2.16)  # the voice is the bottleneck
    local = spans(video=0.5, join_narration=0.1, publish=0.05)
    assert critical_path(costs, local, speech) == pytest.approx(24.4 + 0.1 + 0.5 + 0.05)


def test_the_longest_chain_walks_back_through_the_latest_predecessor() -> None:
    tasks = [
        {"task": "outline", "start_s": 0.0, "seconds": 7.0},
        {"task": "script-1", "start_s": 7.0, "seconds": 2.0},
        {"task": "script-2", "start_s": 7.0, "seconds": 4.0},
        {"task": "pages-1", "start_s": 9.0, "seconds": 0.02},
        {"task": "pages-2", "start_s": 11.0, "seconds": 0.02},
        {"task": "narrate-1", "start_s": 9.02, "seconds": 5.0},
        {"task": "narrate-2", "start_s": 11.02, "seconds": 5.0},
        {"task": "image-2", "start_s": 11.0, "seconds": 1.0},
        {"task": "frame-2", "start_s": 12.0, "seconds": 0.5},
        {"task": "segment-2", "start_s": 16.02, "seconds": 0.2},
        {"task": "join-narration", "start_s": 16.02, "seconds": 0.1},
        {"task": "video", "start_s": 16.22, "seconds": 0.3},
    ]
    chain = [c["task"] for c in longest_chain(tasks)]
    assert chain == ["outline", "script-2", "pages-2", "narrate-2", "segment-2", "video"]


def test_a_small_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.pipeline",
            "--slides",
            "3",
            "--time-scale",
            "0.2",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["speedup"] == pytest.approx(result["sequential_s"] / result["dag_s"], abs=0.01)
    assert result["efficiency"] == pytest.approx(
        result["critical_path_s"] / result["dag_s"], abs=0.01
    )
    assert 0.3 < result["efficiency"] <= 1.02  # the bound is a bound
    assert result["prefect_overhead_s"] > 0 and result["peak_rss_mb"] > 50
    assert result["longest_chain"][0]["task"] == "outline"
    assert {"outline", "script", "narration", "image", "frame", "segment", "video"} <= set(
        result["stages"]
    )
    assert "longest chain: outline" in done.stdout
