"""auto: each stage's provider picked by a check of at most check_timeout_s, both ways."""

import threading

from lectra.config.providers import choose
from lectra.config.settings import load_settings
from tests.bounds import ends_before
from tests.fakes.llm import FakeOllama, FakeOpenAI
from tests.fakes.loopback import Reply, Server, serve

CLOSED = "http://127.0.0.1:9"


def answering() -> Server:
    server = Server()
    server.route("GET", "/", lambda _: Reply(403, b"forbidden", "text/plain"))
    return server


def test_nothing_reachable_means_the_offline_providers() -> None:
    chosen, reasons = choose(load_settings())
    # English has the bundled Piper voice
    assert chosen == {"writer": "offline", "voice": "piper", "images": "generated"}
    assert "ollama at http://127.0.0.1:9 unreachable" in reasons["writer"]
    assert "openai not configured" in reasons["writer"]
    assert "unreachable" in reasons["voice"] and "unreachable" in reasons["images"]
    assert reasons["voice"].endswith("Piper speaks en")
    chosen, reasons = choose(load_settings(lang="ko"))
    assert chosen["voice"] == "espeak" and reasons["voice"].endswith("no Piper voice for ko")
    for lang in ("ja", "zh"):  # espeak-ng would read them as noise: no voice at all
        chosen, reasons = choose(load_settings(lang=lang))
        assert chosen["voice"] == "reading", lang
        assert reasons["voice"].endswith(
            f"no Piper voice for {lang}; espeak-ng is unintelligible in it"
        )


def test_reachable_services_are_picked(ollama: FakeOllama) -> None:
    with serve(answering()) as edge, serve(answering()) as ddg:
        chosen, reasons = choose(
            load_settings(ollama_url=ollama.url, edge_check_url=edge.url, ddg_check_url=ddg.url)
        )
    assert chosen == {"writer": "ollama", "voice": "edge", "images": "ddg"}
    assert reasons["writer"] == f"auto: ollama at {ollama.url} has llama3.1 and answers"
    assert reasons["voice"] == f"auto: {edge.url} answers"  # any HTTP answer counts


def test_ollama_without_the_model_falls_to_openai_when_configured(ollama: FakeOllama) -> None:
    with serve(FakeOpenAI()) as openai:
        settings = load_settings(
            ollama_url=ollama.url, ollama_model="qwen2.5", openai_base_url=f"{openai.url}/v1"
        )
        chosen, reasons = choose(settings)
    assert chosen["writer"] == "openai"
    assert "has no model qwen2.5 (ollama pull qwen2.5)" in reasons["writer"]


def test_openai_refusing_the_key_falls_to_offline() -> None:
    with serve(FakeOpenAI(key="right")) as openai:
        settings = load_settings(openai_base_url=f"{openai.url}/v1", openai_api_key="wrong")
        chosen, reasons = choose(settings)
    assert chosen["writer"] == "offline" and "refused the API key" in reasons["writer"]
    assert "wrong" not in reasons["writer"]


def test_explicit_choices_are_not_checked() -> None:
    settings = load_settings(writer="offline", voice_engine="edge", image_source="ddg")
    chosen, reasons = choose(settings)
    assert chosen == {"writer": "offline", "voice": "edge", "images": "ddg"}
    assert set(reasons.values()) == {"set explicitly"}


def test_slow_services_cost_at_most_the_check_time_all_together() -> None:
    """The three checks are in flight at once (each request waits at a barrier for the other
    two), and each is cut at its 0.5 s rather than waiting out the server's 5 s."""
    together = threading.Barrier(3)

    def held(_: object) -> Reply:
        together.wait(timeout=10)  # broken (and the checks sequential) if any comes alone
        return Reply(200, {"models": []}, delay_s=5)

    slow = Server()
    slow.route("GET", "/", held)
    with serve(slow), ends_before(5):
        settings = load_settings(
            ollama_url=slow.url,
            edge_check_url=slow.url,
            ddg_check_url=slow.url,
            check_timeout_s=0.5,
        )
        chosen, reasons = choose(settings)
    assert chosen == {"writer": "offline", "voice": "piper", "images": "generated"}
    assert "within 0.5 s" in reasons["voice"]
    assert not together.broken and together.n_waiting == 0  # all three met at the barrier


def test_a_server_that_lists_the_model_but_cannot_answer_is_not_picked(
    ollama: FakeOllama,
) -> None:
    """/api/tags lists the model; the one-line structured test gets prose, then nothing."""
    ollama.script.append("Sure! Here is some information about JSON.")
    chosen, reasons = choose(load_settings(ollama_url=ollama.url))
    assert chosen["writer"] == "offline"
    assert (
        "failed a one-line structured test (the answer contains no JSON object)"
        in reasons["writer"]
    )
    asked = ollama.chats[0]
    assert asked["format"]["required"] == ["ok"] and asked["options"]["num_predict"] == 16


def test_auto_learns_the_structured_output_form_a_server_takes() -> None:
    """llama-cpp-python's server answers HTTP 500 to json_schema: json_object is sent next,
    and from then on first."""
    from lectra.config.providers import writer_options
    from lectra.providers.writers import make_writer

    with serve(FakeOpenAI(formats=("json_object",))) as openai:
        settings = load_settings(ollama_url=CLOSED, openai_base_url=f"{openai.url}/v1")
        chosen, _ = choose(settings)
        assert chosen["writer"] == "openai"
        sent = [r.json["response_format"]["type"] for r in openai.requests if r.json]
        assert sent == ["json_schema", "json_object"]
        make_writer(writer_options(settings, "openai")).outline("Tides", 3, "en")
        last = openai.requests[-1].json
    assert last["response_format"]["type"] == "json_object"
    assert last["response_format"]["schema"]["properties"]["slides"]["minItems"] == 2
    assert last["max_tokens"] == 240
