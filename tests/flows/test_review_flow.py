"""The review pause: a run waits with its script in a form; resumed with edits, it builds them."""

import threading
import time
from pathlib import Path
from typing import Any, Literal, cast

import pytest

from flows.presentation import presentation
from lectra.pipeline.report import RunReport

pytestmark = pytest.mark.slow


def paused_run(timeout_s: float = 120) -> Any:
    """The flow run waiting in the Paused state, once there is one."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateName,
    )

    paused = FlowRunFilter(state=FlowRunFilterState(name=FlowRunFilterStateName(any_=["Paused"])))
    deadline = time.monotonic() + timeout_s
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            found = client.read_flow_runs(flow_run_filter=paused)
            if found:
                return found[0]
            time.sleep(0.5)
    raise AssertionError("no run paused")


def in_thread(**params: Any) -> tuple[threading.Thread, list[RunReport]]:
    out: list[RunReport] = []
    worker = threading.Thread(target=lambda: out.append(presentation(**params)))
    worker.start()
    return worker, out


def test_a_reviewed_script_is_the_one_built(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.flow_runs import resume_flow_run

    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("LECTRA_REVIEW_POLL_S", "1")
    worker, out = in_thread(topic="Sea Ice", slides=4, video=False, review=True)
    run = paused_run()
    assert not (tmp_path / "sea-ice" / "presentation.pptx").exists()  # nothing built yet
    form = {
        "title": "Sea Ice, Reviewed",
        "subtitle": "",
        "title_notes": "Welcome to a reviewed deck.",
        "slides": [
            {"title": "What sea ice is", "bullets": ["Frozen sea water"], "notes": "It floats."},
            {"title": "Why it matters", "bullets": ["It reflects sunlight"], "notes": "Albedo."},
        ],
    }
    resume_flow_run(run.id, run_input=form)
    worker.join(300)
    report = out[0]
    assert report.title == "Sea Ice, Reviewed"
    assert report.deck_slides == 4  # title, two slides (one deleted), the closing page
    script = (tmp_path / "sea-ice" / "script.md").read_text()
    assert "## What sea ice is" in script and "Albedo." in script


@pytest.mark.parametrize(
    ("review", "said"),
    [("scripts", "built as written"), ("outline", "the outline is used as written")],
)
def test_a_run_nobody_reviews_goes_on_as_written(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    review: Literal["scripts", "outline"],
    said: str,
) -> None:
    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("LECTRA_REVIEW_POLL_S", "1")
    monkeypatch.setenv("LECTRA_REVIEW_TIMEOUT_S", "5")
    report = presentation(topic="Glaciers", slides=3, video=False, review=review)
    assert report.deck_slides == 4
    assert any(f"nobody answered within 5 s; {said}" in w for w in report.warnings)


def offered(run: Any) -> dict[str, Any]:
    """What a paused run's form offers: its schema's initial values."""
    from prefect.input.actions import read_flow_run_input
    from prefect.input.run_input import keyset_from_paused_state

    key = keyset_from_paused_state(run.state)["schema"]
    schema = cast(dict[str, Any], read_flow_run_input(key, run.id))
    return {name: spec.get("default") for name, spec in schema["properties"].items()}


def test_both_pauses_the_slides_written_from_the_reviewed_outline(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.flow_runs import resume_flow_run

    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("LECTRA_REVIEW_POLL_S", "1")
    worker, out = in_thread(topic="Coral Reefs", slides=4, video=False, review="both")
    run = paused_run()
    outline = offered(run)
    assert set(outline) == {"title", "subtitle", "slides"} and len(outline["slides"]) == 3
    kept = outline["slides"][0]
    titles = [kept, "Why reefs bleach"]  # one kept, one new, two deleted
    resume_flow_run(run.id, run_input={"title": "Reefs", "subtitle": "", "slides": titles})
    run = paused_run()  # the second pause: the scripts written from that outline
    deck = offered(run)
    assert deck["title"] == "Reefs"
    assert [s["title"] for s in deck["slides"]] == titles
    assert all(s["notes"] for s in deck["slides"])  # the new slide written by the writer
    deck["slides"][1]["notes"] = "Warm water makes corals lose their algae."
    resume_flow_run(run.id, run_input=deck)
    worker.join(300)
    report = out[0]
    assert report.title == "Reefs" and report.deck_slides == 4  # title, two, closing
    script = (tmp_path / "coral-reefs" / "script.md").read_text()
    assert "## Why reefs bleach" in script and "lose their algae" in script


@pytest.mark.hostile
def test_an_answer_the_server_takes_but_the_deck_cannot_pauses_again_and_keeps_it(
    prefect_server: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """60 slides, then an empty title: each is named in the log, kept, and asked again."""
    import json

    from prefect.flow_runs import resume_flow_run

    monkeypatch.setenv("LECTRA_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("LECTRA_REVIEW_POLL_S", "1")
    worker, out = in_thread(topic="Tundra", slides=3, video=False, review="outline")
    run = paused_run()
    too_many = [f"Part {i}" for i in range(60)]
    resume_flow_run(run.id, run_input={"title": "Tundra", "subtitle": "", "slides": too_many})
    run = paused_run()
    kept = tmp_path / "tundra" / "review_outline.json"
    assert json.loads(kept.read_text())["slides"] == too_many  # nothing typed is lost
    assert offered(run)["slides"] == too_many  # shown again as answered, to correct
    resume_flow_run(run.id, run_input={"title": "", "subtitle": "", "slides": ["Permafrost"]})
    run = paused_run()
    resume_flow_run(run.id, run_input={"title": "Tundra", "subtitle": "", "slides": ["Permafrost"]})
    worker.join(300)
    report = out[0]
    assert report.deck_slides >= 2 and not report.warnings
    assert "## Permafrost" in (tmp_path / "tundra" / "script.md").read_text()
    said = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    assert "the outline as answered cannot be built (slides: List should have at most 59" in said
    assert "cannot be built (title: String should have at least 1 character" in said
    assert json.loads((tmp_path / "tundra" / "review_outline.json").read_text())["slides"] == [
        "Permafrost"
    ]
