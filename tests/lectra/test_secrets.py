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
