"""Sentences kept by the voice: an edited page re-speaks only its new sentences."""

from pathlib import Path
from typing import Any

from lectra.config.run import RunConfig
from lectra.models import SlidePlan
from lectra.pipeline.narration import narrate
from lectra.providers.options import VoiceOptions
from tests.conftest import make_cfg
from tests.fakes.loopback import serve
from tests.fakes.speech import FakeSpeechServer
from tests.lectra import steps

NOTES = "Tides rise twice a day. The moon pulls the sea. Turbines catch the flow."


def _plan(cfg: RunConfig, notes: str) -> SlidePlan:
    plan = steps.write_script(cfg, steps.write_outline(cfg).outline, 1)
    page = plan.pages[0].model_copy(update={"notes": notes})
    return plan.model_copy(update={"pages": [page]})


def _voice(server: FakeSpeechServer, **extra: Any) -> VoiceOptions:
    fields = {"speech_model": "kokoro", "speech_voice": "af_heart", "timeout_s": 5, **extra}
    return VoiceOptions(name="openai", speech_url=f"{server.url}/v1", **fields)


def _spans(cfg: RunConfig, plan: SlidePlan, opts: VoiceOptions) -> dict[str, float]:
    marks = narrate(cfg, plan, opts).pages[0].sentences
    return {m.text: round(m.end_s - m.start_s, 3) for m in marks}


def test_an_edited_page_speaks_only_its_new_sentence(tmp_path: Path) -> None:
    cfg = make_cfg(tmp_path)
    with serve(FakeSpeechServer()) as server:
        opts = _voice(server)
        first = _spans(cfg, _plan(cfg, NOTES), opts)
        assert sorted(server.inputs) == sorted(first)
        server.inputs.clear()
        edited = _spans(cfg, _plan(cfg, "Here is a new first sentence. " + NOTES), opts)
    assert server.inputs == ["Here is a new first sentence."]
    assert list(edited) == ["Here is a new first sentence.", *first]
    assert {t: edited[t] for t in first} == first  # the kept audio, whole


def test_another_voice_a_refresh_or_a_broken_file_speaks_again(tmp_path: Path) -> None:
    cfg = make_cfg(tmp_path)
    plan = _plan(cfg, NOTES)
    with serve(FakeSpeechServer()) as server:
        narrate(cfg, plan, _voice(server))
        server.inputs.clear()
        narrate(cfg, plan, _voice(server, speech_voice="bf_emma"))
        assert len(server.inputs) == 3
        server.inputs.clear()
        narrate(make_cfg(tmp_path, refresh=True), plan, _voice(server))
        assert len(server.inputs) == 3
        server.inputs.clear()
        kept = sorted((cfg.cache_dir / "sentences").rglob("*.wav"))
        assert len(kept) == 6  # two voices' three sentences
        for path in kept:
            path.write_bytes(b"RIFF-not-really")
        narrate(cfg, plan, _voice(server))
        assert len(server.inputs) == 3
        server.inputs.clear()
        narrate(cfg, plan, _voice(server, timeout_s=9, parallel=1))  # nothing heard changed
    assert server.inputs == []
