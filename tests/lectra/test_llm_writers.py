"""The Ollama and OpenAI-compatible writers against loopback servers that speak the protocols."""

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from lectra.providers.base import Writer
from lectra.providers.options import WriterOptions
from lectra.providers.writers import make_writer
from lectra.runtime.errors import WriterError
from tests.bounds import ends_before
from tests.conftest import make_cfg
from tests.fakes.llm import FakeOllama, FakeOpenAI
from tests.fakes.loopback import Reply, serve
from tests.lectra import steps

GOOD_SCRIPT = '{"bullets": ["a", "b"], "notes": "Spoken notes.", "image_query": "solar"}'


def ollama_writer(server: FakeOllama, **opts: Any) -> Writer:
    return make_writer(WriterOptions(name="ollama", url=server.url, model="llama3.1", **opts))


def test_ollama_writes_outline_and_script_with_schema_and_no_stream(ollama: FakeOllama) -> None:
    writer = ollama_writer(ollama, temperature=0.2, num_ctx=4096)
    outline = writer.outline("Solar Power", 5, "hi")
    assert outline.slide_titles[0] == outline.title == "Solar Power: A Model's View"
    assert outline.slide_titles[1:] == [f"Model Section {i}" for i in range(1, 5)]
    script = writer.script("Solar Power", outline, 2, "en")
    assert script.title == "Model Section 2" and len(script.bullets) == 3
    assert script.image_query == "Model Section 2 photo"
    first, second = ollama.chats[0], ollama.chats[1]
    assert first["stream"] is False and first["model"] == "llama3.1"
    slides = first["format"]["properties"]["slides"]
    assert (slides["type"], slides["minItems"], slides["maxItems"]) == ("array", 4, 4)
    assert set(first["format"]["required"]) == {"title", "subtitle", "slides"}
    assert set(second["format"]["required"]) == {"bullets", "opening", "narration", "image_query"}
    # every answer is capped: a runaway stops at the cap instead of holding the server
    assert first["options"] == {"temperature": 0.2, "num_ctx": 4096, "num_predict": 320}
    assert second["options"]["num_predict"] == 1200
    for turn in (first["messages"][0], first["messages"][-1]):  # the system and the user turn
        assert "Hindi" in turn["content"]  # some chat templates drop the system turn


def test_ndjson_streamed_anyway_is_joined(ollama: FakeOllama) -> None:
    lines = [
        {"message": {"content": part}, "done": False}
        for part in ('{"bullets": [], ', '"notes": "Hi."}')
    ]
    ollama.script.append(
        Reply(body="\n".join(json.dumps(x) for x in lines), content_type="application/x-ndjson")
    )
    outline = make_writer(WriterOptions()).outline("T", 3, "en")
    assert ollama_writer(ollama).script("T", outline, 1, "en").notes == "Hi."


def test_fenced_answers_with_trailing_commas_and_extra_keys_are_read(ollama: FakeOllama) -> None:
    ollama.script.append(
        'Here you go:\n```json\n{"bullets": ["x",], "notes": "N.", "why": 1,}\n```'
    )
    outline = make_writer(WriterOptions()).outline("T", 3, "en")
    assert ollama_writer(ollama).script("T", outline, 1, "en").bullets == ["x"]


def test_an_invalid_answer_is_sent_back_with_the_problem(ollama: FakeOllama) -> None:
    ollama.script.extend(['{"bullets": ["x"]}', GOOD_SCRIPT])
    outline = make_writer(WriterOptions()).outline("T", 3, "en")
    assert ollama_writer(ollama).script("T", outline, 1, "en").notes == "Spoken notes."
    repair = ollama.chats[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"bullets": ["x"]}'}
    assert "nothing to say" in repair[-1]["content"]


def test_too_few_titles_are_asked_for_again(ollama: FakeOllama) -> None:
    ollama.script.append('{"title": "T", "slides": ["only one"]}')
    outline = ollama_writer(ollama).outline("Wind", 4, "en")
    assert len(outline.slide_titles) == 4 and len(ollama.chats) == 2
    assert "1 titles; 3 needed" in ollama.chats[1]["messages"][-1]["content"]


def test_outline_schema_asks_for_exactly_the_titles_needed(ollama: FakeOllama) -> None:
    ollama_writer(ollama).outline("Wind", 6, "en")
    slides = ollama.chats[0]["format"]["properties"]["slides"]
    assert (slides["minItems"], slides["maxItems"]) == (5, 5)


def test_a_model_that_stays_one_title_short_still_gives_a_deck(
    ollama: FakeOllama, tmp_path: Path
) -> None:
    short = '{"title": "Wind", "slides": ["One", "Two"]}'
    ollama.script.extend([short] * 3)
    cfg = make_cfg(tmp_path, slides=4, writer="ollama", ollama_url=ollama.url)
    head = steps.write_outline(cfg)
    offline = make_writer(WriterOptions()).outline("Renewable Energy", 4, "en").slide_titles
    assert head.outline.slide_titles == ["Wind", "One", "Two", offline[1]]
    assert len(ollama.chats) == 3  # asked again twice, each time a little warmer
    assert [c["options"]["temperature"] for c in ollama.chats] == [0.4, 0.65, 0.9]
    said = "2 slide titles for 3 asked; 1 more are the offline writer's"
    assert any(said in w for w in head.warnings)


def test_extra_titles_are_trimmed_and_long_ones_shortened_with_a_warning(
    ollama: FakeOllama, tmp_path: Path
) -> None:
    long = "A title that a model wrote at great length " * 4
    ollama.script.append(json.dumps({"title": "**Wind**", "slides": [long, "B", "C", "D"]}))
    cfg = make_cfg(tmp_path, slides=3, writer="ollama", ollama_url=ollama.url)
    head = steps.write_outline(cfg)
    titles = head.outline.slide_titles
    assert titles[0] == "Wind" and len(titles) == 3 and len(ollama.chats) == 1
    # cut at a word, never with an ellipsis: the slide shortens it further at a clause if needed
    assert "…" not in titles[1] and len(titles[1]) <= 120 and long.startswith(titles[1])
    assert any("slide 1: title shortened" in w for w in head.warnings)


def test_too_many_or_too_long_bullets_are_kept_short_not_refused(
    ollama: FakeOllama, tmp_path: Path
) -> None:
    bullets = [f"Bullet {i} " + "with many words " * (30 if i == 0 else 1) for i in range(10)]
    ollama.script.append(json.dumps({"bullets": bullets, "notes": "Said. " * 20}))
    cfg = make_cfg(tmp_path, slides=3, writer="ollama", ollama_url=ollama.url)
    outline = make_writer(WriterOptions()).outline("T", 3, "en")
    plan = steps.write_script(cfg, outline, 1)
    assert len(plan.script.bullets) == 8 and len(ollama.chats) == 1
    assert plan.script.bullets[0].endswith("…") and len(plan.script.bullets[0]) <= 220
    assert any("10 bullets; kept the first 8" in w for w in plan.warnings)
    assert any("1 bullet(s) shortened" in w for w in plan.warnings)


def test_narration_by_bullet_is_kept_by_bullet(ollama: FakeOllama) -> None:
    answer = {
        "bullets": ["Sun", "Wind"],
        "opening": "Two sources.",
        "narration": ["The sun shines.", "The wind blows."],
    }
    ollama.script.append(json.dumps(answer))
    outline = make_writer(WriterOptions()).outline("T", 3, "en")
    script = ollama_writer(ollama).script("T", outline, 1, "en")
    assert script.notes == "Two sources. The sun shines. The wind blows."
    assert script.bullet_notes == ["The sun shines.", "The wind blows."]
    assert script.opening == "Two sources."


def test_a_model_that_keeps_failing_gives_up_after_the_repairs(ollama: FakeOllama) -> None:
    ollama.script.extend(["no json here"] * 5)
    with pytest.raises(WriterError, match=r"llama3.1 at .* gave no valid answer in 3 tries") as err:
        ollama_writer(ollama, repairs=2).outline("T", 3, "en")
    assert not err.value.transient and len(ollama.chats) == 3


def test_server_errors_are_transient(ollama: FakeOllama) -> None:
    ollama.script.append(Reply(500, {"error": "CUDA out of memory"}))
    with pytest.raises(WriterError, match=r"HTTP 500 \(CUDA out of memory") as err:
        ollama_writer(ollama).outline("T", 3, "en")
    assert err.value.transient


def test_a_model_that_is_not_pulled_says_how_to_pull_it(ollama: FakeOllama) -> None:
    writer = make_writer(WriterOptions(name="ollama", url=ollama.url, model="mistral"))
    with pytest.raises(WriterError, match="not pulled; run: ollama pull mistral") as err:
        writer.outline("T", 3, "en")
    assert not err.value.transient


def test_a_slow_answer_times_out_and_is_not_asked_again_into_the_queue(
    ollama: FakeOllama,
) -> None:
    """A retry would wait behind the abandoned request the server is still writing."""
    ollama.script.append(Reply(body={"message": {"content": GOOD_SCRIPT}}, delay_s=30))
    with (
        ends_before(30),
        pytest.raises(WriterError, match=r"no answer within 0\.5 s \(not asked again") as err,
    ):
        ollama_writer(ollama, timeout_s=0.5).outline("T", 3, "en")
    assert not err.value.transient


def test_an_unreachable_server_is_transient_and_named() -> None:
    writer = make_writer(WriterOptions(name="ollama", url="http://127.0.0.1:9", model="m"))
    with pytest.raises(
        WriterError, match=r"ollama model m at http://127.0.0.1:9: cannot connect"
    ) as err:
        writer.outline("T", 3, "en")
    assert err.value.transient


@pytest.mark.hostile
def test_openai_sends_the_key_only_in_the_header() -> None:
    key = "sk-test-not-a-real-key-0123456789"
    with serve(FakeOpenAI(key=key)) as server:
        opts = WriterOptions(
            name="openai", url=f"{server.url}/v1", model="m", api_key=SecretStr(key)
        )
        outline = make_writer(opts).outline("Tides", 3, "fr")
        assert len(outline.slide_titles) == 3
        assert server.requests[0].headers["Authorization"] == f"Bearer {key}"
        assert "French" in server.chats[0]["messages"][0]["content"]
        assert key not in repr(opts) and key not in opts.model_dump_json()
        bad = opts.model_copy(update={"api_key": None})
        with pytest.raises(WriterError, match="API key was refused") as err:
            make_writer(bad).outline("Tides", 3, "fr")
        assert key not in str(err.value)


def test_openai_throttling_is_transient() -> None:
    with serve(FakeOpenAI()) as server:
        server.script.append(Reply(429, {"error": {"message": "Rate limit reached"}}))
        writer = make_writer(WriterOptions(name="openai", url=f"{server.url}/v1", model="m"))
        with pytest.raises(WriterError, match=r"HTTP 429 \(Rate limit reached") as err:
            writer.outline("T", 3, "en")
        assert err.value.transient


def test_a_repair_says_what_was_wrong_and_the_keys_in_one_line(ollama: FakeOllama) -> None:
    """A small model drowns in the whole schema quoted back; it gets the keys in one line."""
    ollama.script.extend(['{"bullets": ["type", "minLength"], "notes": "text"}'])
    outline = make_writer(WriterOptions()).outline("Tides", 3, "es")
    ollama_writer(ollama).script("Tides", outline, 1, "en")
    repair = ollama.chats[1]["messages"][-1]["content"]
    assert "'type' repeats the instructions" in repair
    assert '"bullets" (a list of at least 2), "opening" (text)' in repair
    assert "properties" not in repair and "in English" in repair
