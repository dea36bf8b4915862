"""A real small model's answers, replayed: SmolLM2-135M-Instruct (the instruction-tuned model
the package registry carries) on llama-cpp-python's server, recorded by bench.model_replay with
its prose, copies and misfires, and served as it served them: one request at a time, at its
recorded pace (scaled), HTTP 500 to OpenAI's json_schema form included."""

import json
from pathlib import Path

import pytest

from bench.model_replay import Recordings, replay_server
from flows.presentation import presentation
from lectra.text.languages import LangCode

RECORDED = Path(__file__).parents[1] / "data" / "smollm2_answers.json"
PACE = 0.1  # a tenth of the model's own time: about 8 s of a deck's 80


@pytest.mark.parametrize("lang", ["en", "es", "de"])
def test_a_real_small_model_gives_a_whole_deck_every_time(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: LangCode
) -> None:
    """Before: no deck in 6 of 6 runs (prose for the outline, runaways held the server, six
    scripts queued at once timed out). Now: 6 slides, the model's where valid, the offline
    writer's where not, each said; no request ever waited in the server's queue."""
    with replay_server(RECORDED, pace=PACE) as model:
        monkeypatch.setenv("LECTRA_OPENAI_BASE_URL", model.url)
        monkeypatch.setenv("LECTRA_OPENAI_MODEL", "smollm2")
        report = presentation(
            topic="How Solar Panels Work",
            project=f"solar-{lang}",
            slides=6,
            lang=lang,
            video=False,
            output_dir=str(tmp_path),
        )
    assert report.providers["writer"] == "openai"  # auto: it wrote {"ok": true} when asked
    assert model.queue_peak == 0 and report.retries == 0
    scripts = json.loads((tmp_path / f"solar-{lang}" / "script.json").read_text())
    assert len(scripts) == 6 and all(s["title"] and len(s["notes"]) > 40 for s in scripts)
    assert all(len(s["bullets"]) >= 2 for s in scripts[1:])
    by = {t.task: t.provider for t in report.tasks if t.stage == "script"}
    fell_back = sorted(int(t.split("-")[1]) for t, who in by.items() if who == "offline")
    said = sorted(
        int(w.split()[1].rstrip(":")) for w in report.warnings if "offline writer's slide" in w
    )
    assert len(by) == 6 and fell_back == said  # every fallback is said, and only those


def test_the_recording_holds_what_the_model_did() -> None:
    """The recording is the real model's: the server refused json_schema, the model copied
    the example and wrote markup, and a few answers were usable."""
    answers = Recordings(RECORDED).answers
    refused = [a for a in answers if a["form"] == "json_schema"]
    assert refused and all(a["status"] == 500 for a in refused)
    assert {a["lang"] for a in answers} == {"en", "es", "de"}
    assert sum(a["kind"] == "script" for a in answers) >= 15
