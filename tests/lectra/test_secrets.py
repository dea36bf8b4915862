"""Secrets are scrubbed from what services say, at the source: errors and model answers."""

import pytest
from pydantic import SecretStr

from lectra.errors import VoiceError
from lectra.secrets import MASK, remember, scrub

pytestmark = pytest.mark.hostile


def test_remembered_keys_are_masked_in_any_text_and_in_provider_errors() -> None:
    remember(SecretStr("sk-scrub-test-0001"), "sk-scrub-test-0001-longer", None, "short")
    assert scrub("a sk-scrub-test-0001-longer b sk-scrub-test-0001") == f"a {MASK} b {MASK}"
    assert scrub("a short word") == "a short word"  # under 8 characters: not a key
    error = VoiceError("HTTP 400 (echo: Bearer sk-scrub-test-0001)", transient=True)
    assert str(error) == f"HTTP 400 (echo: Bearer {MASK})" and error.transient
