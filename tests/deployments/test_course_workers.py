"""A course across two workers on a Prefect server backed by PostgreSQL, both started here.

The decks speak through a speech server on loopback (the service the 'tts' limit protects):
it counts the calls it serves at once, across both workers' runs.
"""

import json
import sys
from pathlib import Path

import pytest

from deployments.local import BIN, postgres, prefect_server, run, start_workers, stop
from tests.fakes.loopback import serve
from tests.fakes.speech import FakeSpeechServer

COURSE = """\
title: Earth Systems
defaults: {slides: 3, video: false}
decks:
  - topic: Ocean Currents
  - topic: Glaciers
  - topic: Volcanoes
"""


def test_a_course_spreads_over_two_workers_within_the_limits(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    home = tmp_path_factory.mktemp("prefect-course")
    course_file = tmp_path / "course.yaml"
    course_file.write_text(COURSE)
    with (
        serve(FakeSpeechServer(delay_s=0.4)) as speech,
        postgres() as database,
        prefect_server(home, database) as env,
    ):
        env = env | {"LECTRA_VOICE_ENGINE": "openai", "LECTRA_SPEECH_BASE_URL": f"{speech.url}/v1"}
        run([sys.executable, "-m", "deployments.setup"], env)
        run([str(BIN / "prefect"), "--no-prompt", "deploy", "--name", "on-demand"], env)
        workers = start_workers(env, ["worker-a", "worker-b"], tmp_path)
        try:
            out = run(
                [sys.executable, "-m", "flows.course", str(course_file), "--decks-at-once", "3"],
                env,
                timeout=600,
            )
        finally:
            for worker in workers:
                stop(worker)
    index = json.loads((home / "outputs" / "earth-systems" / "course.json").read_text())
    decks = index["decks"]
    assert [d["status"] for d in decks] == ["complete"] * 3, out
    assert {d["worker"] for d in decks} == {"worker-a", "worker-b"}
    # both workers' decks ran at once, yet the service never had more than 3 calls
    assert 1 <= speech.peak <= 3 and speech.peak <= index["peaks"]["tts"] <= 3
    for d in decks:
        pptx = home / "outputs" / "earth-systems" / d["pptx"]
        assert pptx.is_file() and d["duration_s"] > 5
    page = (home / "outputs" / "earth-systems" / "index.html").read_text()
    assert all(d["pptx"] in page for d in decks)
