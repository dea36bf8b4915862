"""Caching across runs: no service call on a rerun, outputs rebuilt, --refresh, per-stage keys."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from flows.presentation import presentation
from lectra.cache import code_version
from lectra.cache.code_version import SOURCE_ROOT
from lectra.models import slugify
from tests.fakes.edge import fake_edge
from tests.fakes.images import ImageWeb, fake_ddgs, results
from tests.fakes.llm import FakeOllama
from tests.flows.checks import assert_outputs_agree

OUTPUTS = ["presentation.pptx", "narration.mp3", "video.mp4", "slide_timings.json"]


def digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


@pytest.fixture
def online(
    monkeypatch: pytest.MonkeyPatch, ollama: FakeOllama, image_web: ImageWeb, tmp_path: Path
) -> dict[str, list]:
    """Every provider online and faked; returns the record of calls to each."""
    monkeypatch.setenv("LECTRA_WRITER", "ollama")
    monkeypatch.setenv("LECTRA_VOICE_ENGINE", "edge")
    monkeypatch.setenv("LECTRA_IMAGE_SOURCE", "ddg")
    monkeypatch.setenv("LECTRA_OLLAMA_URL", ollama.url)
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    edge = fake_edge(monkeypatch)
    searches = fake_ddgs(monkeypatch, results(image_web, "/jpeg", "/webp", "/png", "/cmyk"))
    return {"chats": ollama.chats, "speech": edge, "searches": searches}


def counts(calls: dict[str, list]) -> dict[str, int]:
    return {name: len(made) for name, made in calls.items()}


def heard(out: Path) -> set[str]:
    """Every sentence a project's narration says."""
    timings = [json.loads(p.read_text()) for p in (out / "sentence_boundaries").glob("*.json")]
    return {s["text"] for pages in timings for page in pages for s in page["sentences"]}


def test_a_rerun_is_all_cache_and_a_deleted_project_comes_back(
    prefect_server: None, tmp_path: Path, online: dict[str, list]
) -> None:
    first = presentation(topic="Wave Energy", slides=4)
    out = tmp_path / slugify("Wave Energy")
    made = counts(online)
    assert (made["chats"], made["searches"]) == (5, 4)  # +closing
    # one call a sentence; slides speaking the same sentence at once may each ask for it
    assert made["speech"] >= len(heard(out)) > 4
    assert first.cached_tasks == 0
    before = digests(out)

    again = presentation(topic="Wave Energy", slides=4)
    assert counts(online) == made  # no LLM, TTS or image call at all
    assert again.cached_tasks == len(again.tasks) - 1, [t.task for t in again.tasks if not t.cached]
    assert again.replayed  # the whole run's record answered: no step ran at all
    # publish alone runs: it checks that every file is in place
    assert {t.stage for t in again.tasks if not t.cached} == {"publish"}
    assert digests(out) == before

    for path in sorted(out.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    out.rmdir()
    rebuilt = presentation(topic="Wave Energy", slides=4)
    assert counts(online) == made
    assert digests(out) == before
    assert_outputs_agree(out)
    assert rebuilt.tasks and {t.task for t in rebuilt.tasks if not t.cached} == {"publish"}


def test_refresh_redoes_everything_and_a_voice_change_redoes_only_narration(
    prefect_server: None, tmp_path: Path, online: dict[str, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    def spoken(calls: list[dict]) -> set[tuple[str, str]]:
        # how many calls a sentence takes varies: slides speaking it at once may each ask
        return {(call["text"], call.get("rate", "")) for call in calls}

    speech = online["speech"]
    presentation(topic="Tidal Energy", slides=3, video=False)
    made, first = counts(online), len(speech)
    presentation(topic="Tidal Energy", slides=3, video=False, refresh=True)
    again = counts(online)
    assert {n: again[n] for n in ("chats", "searches")} == {
        n: 2 * made[n] for n in ("chats", "searches")
    }
    assert spoken(speech[first:]) == spoken(speech[:first])

    monkeypatch.setenv("LECTRA_EDGE_RATE", "+20%")
    report = presentation(topic="Tidal Energy", slides=3, video=False)
    after = counts(online)
    assert {text for text, rate in spoken(speech[again["speech"] :])} == {
        text for text, _ in spoken(speech[:first])
    }
    assert {rate for _, rate in spoken(speech[again["speech"] :])} == {"+20%"}
    assert after["chats"] == 2 * made["chats"] and after["searches"] == 2 * made["searches"]
    redone = {t.stage for t in report.tasks if not t.cached}
    # the fake speaks the same bytes at any rate, so what joins the narration stays cached
    assert "narration" in redone and redone <= {"narration", "deck", "audio", "publish"}
    assert not redone & {"outline", "script", "image", "frame"}


def test_the_same_topic_under_another_project_makes_no_service_call(
    prefect_server: None, tmp_path: Path, online: dict[str, list]
) -> None:
    presentation(topic="Ocean Currents", project="first", slides=3)
    made = counts(online)
    second = presentation(topic="Ocean Currents", project="second", slides=3)
    assert counts(online) == made  # the cache is shared by every project
    assert all(t.cached for t in second.tasks if t.task != "publish")
    out = tmp_path / "second"
    assert_outputs_agree(out)
    assert digests(out) == digests(tmp_path / "first")
    assert all(Path(p).is_relative_to(out) for p in second.outputs.values())


@pytest.mark.parametrize(
    "lost",
    [
        ["outputs"],
        ["media"],
        ["media", "outputs"],
        ["results"],
        ["half-media", "outputs"],
    ],
)
def test_whatever_part_of_the_cache_and_outputs_is_deleted_a_rerun_succeeds(
    prefect_server: None, tmp_path: Path, online: dict[str, list], lost: list[str]
) -> None:
    presentation(topic="Tide Mills", slides=3, video=False)
    out, cache = tmp_path / "tide-mills", tmp_path / ".cache"
    made, before = counts(online), digests_of(out)
    media = sorted(p for p in (cache / "media").rglob("*") if p.is_file())
    gone = {
        "outputs": [p for p in out.rglob("*") if p.is_file()],
        "media": media,
        "half-media": media[::2],
        "results": [p for p in (cache / "results").iterdir() if p.is_file()],
    }
    for part in lost:
        for path in gone[part]:
            path.unlink()
    report = presentation(topic="Tide Mills", slides=3, video=False)
    assert_outputs_agree(out, video=False)
    assert digests_of(out) == before  # the same narration, whatever had to be redone
    calls = counts(online)
    if lost == ["outputs"] or lost == ["media"]:  # one copy of every file is left
        assert calls == made and all(t.cached for t in report.tasks if t.task != "publish")
    else:  # redone: only steps whose files are gone, never a failure
        assert calls["chats"] <= 2 * made["chats"]


def digests_of(out: Path) -> dict[str, str]:
    """What a rebuilt deck must say again (a rebuilt PPTX differs only in its saved time)."""
    names = ["narration.mp3", "slide_timings.json", "script.json", "subtitles.srt"]
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in names}


def test_a_prompt_edit_redoes_the_writing_but_not_the_media_of_unchanged_text(
    prefect_server: None,
    tmp_path: Path,
    online: dict[str, list],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    presentation(topic="Salt Marshes", slides=3, video=False)
    made = counts(online)
    # an edited checkout: a copy of lectra/ whose prompts module has changed
    checkout = tmp_path / "checkout"
    shutil.copytree(SOURCE_ROOT / "lectra", checkout / "lectra")
    prompts = checkout / "lectra" / "providers" / "writers" / "prompts.py"
    prompts.write_text(prompts.read_text() + "\n# a reworded prompt\n")
    monkeypatch.setattr(code_version, "SOURCE_ROOT", checkout)
    code_version.reread_sources()
    try:
        report = presentation(topic="Salt Marshes", slides=3, video=False)
    finally:
        monkeypatch.undo()
        code_version.reread_sources()
    calls = counts(online)
    assert calls["chats"] == 2 * made["chats"]  # the outline and every script asked again
    assert calls["speech"] == made["speech"] and calls["searches"] == made["searches"]
    redone = {t.stage for t in report.tasks if not t.cached}
    assert redone == {"outline", "script", "publish"}, redone  # same text: all else cached


SLIDE_DRAWING = [
    "fonts",
    "textfit",
    "bodyfit",
    "layout",
    "render_frame",
    "render_pptx",
    "pptx_audio",
]


def test_a_slide_drawing_edit_asks_the_model_nothing_and_speaks_nothing_again(
    prefect_server: None,
    tmp_path: Path,
    online: dict[str, list],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    presentation(topic="Kelp Forests", slides=3)
    made = counts(online)
    # an edited checkout: every module that measures text, lays out or draws a slide changed
    checkout = tmp_path / "checkout"
    shutil.copytree(SOURCE_ROOT / "lectra", checkout / "lectra")
    for name in SLIDE_DRAWING:
        module = checkout / "lectra" / "slides" / f"{name}.py"
        module.write_text(module.read_text() + "\n# a new look\n")
    monkeypatch.setattr(code_version, "SOURCE_ROOT", checkout)
    code_version.reread_sources()
    try:
        report = presentation(topic="Kelp Forests", slides=3)
    finally:
        monkeypatch.undo()
        code_version.reread_sources()
    assert counts(online) == made  # no model, voice or image call
    redone = {t.stage for t in report.tasks if not t.cached}
    assert {"pages", "frame", "deck", "segment", "video"} <= redone
    assert not {"outline", "script", "narration", "image"} & redone, redone


@pytest.mark.hostile
def test_a_poisoned_cache_runs_no_code_and_the_rerun_still_makes_the_deck(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every record in the shared cache rewritten with a pickle payload: nothing runs."""
    import pickle

    from prefect._internal.result_records import ResultRecord, ResultRecordMetadata
    from prefect.serializers import PickleSerializer

    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    marker = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (exec, (f"open({str(marker)!r}, 'w').close()",))

    presentation(topic="Tidal Power", slides=2, video=False)
    records = sorted((tmp_path / ".cache" / "results").iterdir())
    assert len(records) >= 5
    meta = ResultRecordMetadata(serializer=PickleSerializer(), storage_key="x")
    as_prefect_writes_it = ResultRecord(metadata=meta, result=Payload()).serialize()
    for number, record in enumerate(records):
        record.write_bytes(as_prefect_writes_it if number % 2 else pickle.dumps(Payload()))

    again = presentation(topic="Tidal Power", slides=2, video=False)
    assert not marker.exists()
    assert not again.replayed and again.cached_tasks == 0  # every step ran again
    assert (tmp_path / "tidal-power" / "presentation.pptx").is_file()
    assert again.deck_slides >= 2 and not again.warnings


def kept_results(value: object) -> list[dict]:
    """Every encoded step result (a dict with kept files) anywhere in a record's value."""
    if isinstance(value, list):
        return [r for v in value for r in kept_results(v)]
    if not isinstance(value, dict):
        return []
    inner = [r for v in value.values() for r in kept_results(v)]
    return [value, *inner] if "files" in value else inner


def planted_victims(folder: Path) -> tuple[Path, list[Path]]:
    """A home folder outside the project with 44 files a planted record names."""
    home = folder / "home"
    home.mkdir()
    victims = [home / f"thesis-{i}.md" for i in range(44)]
    for victim in victims:
        victim.write_text(f"work of years: {victim.name}")
    return home, victims


def plant(record: Path, victims: list[Path], media: Path) -> int:
    """Rewrite a record's kept files to name victims: as digests (a path, '..' steps) and as
    output paths whose stored content is the attacker's; return how many names were planted."""
    outer = json.loads(record.read_bytes())
    result = json.loads(outer["result"])
    planted = 0
    for number, value in enumerate(kept_results(result)):
        victim = victims[number % len(victims)]
        forms = [str(victim), "../../../../" + str(victim).lstrip("/"), "/" + "a" * 63]
        # no ending on the output's name: the digest alone names the file
        files = {
            str(Path(path).with_suffix("")): forms[i % 3] for i, path in enumerate(value["files"])
        }
        evil = hashlib.sha256(b"attacker's bytes").hexdigest()
        (media / evil[:2]).mkdir(parents=True, exist_ok=True)
        (media / evil[:2] / f"{evil}.txt").write_bytes(b"attacker's bytes")
        value["files"] = files | {str(victim.with_suffix(".txt")): evil}
        planted += len(value["files"])
    outer["result"] = json.dumps(result)
    record.write_text(json.dumps(outer))
    return planted


@pytest.mark.hostile
def test_a_planted_record_deletes_and_writes_nothing_outside_the_project(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A record naming files outside its run (as digests or paths) is refused whole."""
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path / "out"))
    presentation(topic="Tidal Power", slides=2, video=False)
    home, victims = planted_victims(tmp_path)
    cache = tmp_path / "out" / ".cache"
    records = sorted((cache / "results").iterdir())
    planted = sum(plant(r, victims, cache / "media") for r in records)
    assert planted >= 44

    again = presentation(topic="Tidal Power", slides=2, video=False)
    kept = [v for v in victims if v.read_text() == f"work of years: {v.name}"]
    assert len(kept) == 44  # 0 of 44 deleted or rewritten
    assert sorted(home.iterdir()) == sorted(victims)  # and nothing written beside them
    assert again.cached_tasks == 0
    assert (tmp_path / "out" / "tidal-power" / "presentation.pptx").is_file()
    said = "\n".join(r.getMessage() for r in caplog.records)
    assert "is not a sha256 digest" in said and "is not a file a run writes" in said
    assert not [r for r in records if r.exists() and "thesis" in r.read_text()]
