"""Secrets are scrubbed from what services say, at the source: errors and model answers."""

import pytest
from pydantic import SecretStr

from lectra.runtime.errors import VoiceError
from lectra.runtime.secrets import MASK, remember, scrub

pytestmark = pytest.mark.hostile


def test_remembered_keys_are_masked_in_any_text_and_in_provider_errors() -> None:
    remember(SecretStr("sk-scrub-test-0001"), "sk-scrub-test-0001-longer", None, "short")
    assert scrub("a sk-scrub-test-0001-longer b sk-scrub-test-0001") == f"a {MASK} b {MASK}"
    assert scrub("a short word") == "a short word"  # under 8 characters: not a key
    error = VoiceError("HTTP 400 (echo: Bearer sk-scrub-test-0001)", transient=True)
    assert str(error) == f"HTTP 400 (echo: Bearer {MASK})" and error.transient


def test_a_key_echoed_at_the_end_of_a_long_error_is_masked_before_it_is_cut() -> None:
    """The service's error text is cut to 200 characters: a key straddling the cut used to
    leave 17 of its 18 characters in the report, the console and Prefect's database."""
    from tests.fakes.loopback import Reply, Server, serve
    from tests.lectra.test_speech_server import KEY, options

    remember(KEY)
    message = "x" * 177 + f" {KEY} is not valid"  # the cut falls inside the key
    server = Server()
    server.route("POST", "/v1/audio/speech", lambda _: Reply(400, {"error": {"message": message}}))
    with serve(server), pytest.raises(VoiceError) as caught:
        from lectra.providers.voices import make_voice

        make_voice(options(server)).speak("One sentence.", "en")  # type: ignore[arg-type]
    text = str(caught.value)
    assert KEY[:6] not in text and KEY[-6:] not in text and "HTTP 400" in text


def test_a_storage_error_is_masked_before_it_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """9 of a session token's 19 characters reached stderr when the cut came first."""
    from lectra.runtime.errors import StorageError
    from lectra.storage.location import Location

    token = "FwoGZXIvYXdzSESSION"
    monkeypatch.setenv("AWS_SESSION_TOKEN", token)

    def failing(*_: object) -> None:
        raise OSError("y" * 190 + f" token={token} was refused")

    with pytest.raises(StorageError) as caught:
        Location("s3://bucket/x")._call("reading", "a", failing)
    assert token[:5] not in str(caught.value) and "y" * 20 in str(caught.value)


def test_masked_scrubs_then_cuts() -> None:
    from lectra.runtime.secrets import masked

    remember("sk-masked-then-cut-0001")
    text = "z" * 30 + " sk-masked-then-cut-0001 tail"
    assert masked(text, 40) == "z" * 30 + f" {MASK} tail"[:10]
    assert "sk-m" not in masked(text, 35)
