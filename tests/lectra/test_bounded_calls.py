"""Every service call is bounded in time and size, whatever the server does."""

import gzip
from collections.abc import Iterator

import pytest

from lectra.providers.http import probe, unreachable
from lectra.providers.options import VoiceOptions, WriterOptions
from lectra.providers.voices.speech_server import SpeechServerVoice
from lectra.providers.writers.llm import HttpChat
from lectra.runtime.errors import VoiceError, WriterError
from tests.bounds import ends_before
from tests.fakes.loopback import Reply, Server, answer, serve

pytestmark = pytest.mark.hostile

DRIP_S = 0.2  # between the hostile server's bytes
BODY = b'{"data": [], "x": "' + b"a" * 40 + b'"}'
BODY_HANG_S = len(BODY) * DRIP_S  # a body dripped whole: about 12 s
HEADER_HANG_S = 60.0  # headers dripped whole
BOMB = gzip.compress(b"{" + b" " * 60_000_000 + b"}")  # 60 KB on the wire, 60 MB decoded


@pytest.fixture(scope="module")
def hostile() -> Iterator[Server]:
    """A server that drips its answers a byte at a time, or sends a compression bomb."""
    server = Server()
    drip = Reply(body=BODY, drip_s=DRIP_S)
    for path in ("/v1/chat/completions", "/v1/models", "/v1/audio/speech"):
        server.route("POST" if "models" not in path else "GET", path, answer(drip))
    slow_head = Reply(body=b'{"data": []}', header_drip_s=DRIP_S)
    for path in ("/head/chat/completions", "/head/models", "/head/audio/speech", "/head/img"):
        server.route(
            "POST" if "models" not in path and "img" not in path else "GET", path, answer(slow_head)
        )
    bomb = Reply(body=BOMB, headers={"Content-Encoding": "gzip"})
    server.route("POST", "/bomb/chat/completions", lambda _: bomb)
    server.route("GET", "/big", lambda _: Reply(body=b"x" * 3_000_000, content_type="text/html"))
    with serve(server):
        yield server


def test_a_dripping_writer_is_cut_at_its_timeout(hostile: Server) -> None:
    chat = HttpChat(WriterOptions(name="openai", url=f"{hostile.url}/v1", timeout_s=1.0))
    with (
        ends_before(BODY_HANG_S),
        pytest.raises(WriterError, match="no answer within 1 s") as caught,
    ):
        chat.post("/chat/completions", {})
    assert not caught.value.transient  # not into its queue


def test_a_dripping_speech_server_is_cut_at_its_timeout(hostile: Server) -> None:
    opts = VoiceOptions(name="openai", speech_url=f"{hostile.url}/v1", timeout_s=1.0)
    with ends_before(BODY_HANG_S), pytest.raises(VoiceError, match="no answer within 1 s"):
        SpeechServerVoice(opts).speak("One sentence.", "en")


def test_a_reachability_check_keeps_its_one_second(hostile: Server) -> None:
    with ends_before(BODY_HANG_S):
        answer = probe(f"{hostile.url}/v1/models", 1.0, "probe")
    assert answer == "probe gave no answer within 1 s"


def test_a_compression_bomb_stops_at_the_cap(hostile: Server) -> None:
    chat = HttpChat(WriterOptions(name="openai", url=f"{hostile.url}/bomb", timeout_s=5.0))
    with pytest.raises(WriterError, match="answer over 50000000 bytes") as caught:
        chat.post("/chat/completions", {})
    assert not caught.value.transient


def test_a_long_page_still_counts_as_an_answer_to_a_reachability_check(hostile: Server) -> None:
    assert unreachable(f"{hostile.url}/big", 2.0) is None


def test_headers_sent_a_byte_at_a_time_count_against_the_deadline(hostile: Server) -> None:
    """The deadline runs from connect: headers dripped a byte every 0.2 s (about 60 s in all)
    are cut at the timeout by every kind of call."""
    from lectra.providers.images.download import download
    from lectra.runtime.errors import ImageError

    writer = HttpChat(WriterOptions(name="openai", url=f"{hostile.url}/head", timeout_s=1.0))
    voice = SpeechServerVoice(
        VoiceOptions(name="openai", speech_url=f"{hostile.url}/head", timeout_s=1.0)
    )
    calls = [
        (lambda: writer.post("/chat/completions", {}), WriterError),
        (lambda: voice.speak("One sentence.", "en"), VoiceError),
        (lambda: download(f"{hostile.url}/head/img", 1_000_000, 1.0), ImageError),
    ]
    from urllib.parse import urlsplit

    from lectra.providers import outbound

    where = urlsplit(hostile.url)
    with outbound.opened_for_tests(where.hostname or "", where.port or 80):
        for call, kind in calls:
            with ends_before(HEADER_HANG_S), pytest.raises(kind, match=r"within 1 s|took over 1 s"):
                call()
    with ends_before(HEADER_HANG_S):
        answer = probe(f"{hostile.url}/head/models", 1.0, "probe")
    assert "no answer within 1 s" in str(answer)


def test_a_bomb_is_never_inflated_past_the_cap_in_memory(hostile: Server) -> None:
    """60 MB of gzip-decoded spaces against a 50 MB cap: memory grows by about the cap."""
    import resource

    chat = HttpChat(WriterOptions(name="openai", url=f"{hostile.url}/bomb", timeout_s=10.0))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(WriterError, match="answer over 50000000 bytes"):
        chat.post("/chat/completions", {})
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 120
