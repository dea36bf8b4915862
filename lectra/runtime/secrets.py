"""The run's configured secrets, so any text that leaves a provider can be scrubbed of them."""

import threading

from pydantic import SecretStr

MASK = "***"
MIN_SECRET_CHARS = 8  # shorter values are not keys, and masking them would garble text
_KNOWN: set[str] = set()
_LOCK = threading.Lock()


def remember(*secrets: SecretStr | str | None) -> None:
    """Keep secrets (API keys from the settings) for scrub, for the rest of the process."""
    with _LOCK:
        for secret in secrets:
            value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
            if value and len(value) >= MIN_SECRET_CHARS:
                _KNOWN.add(value)


def scrub(text: str) -> str:
    """text with every remembered secret replaced by MASK."""
    for secret in sorted(_KNOWN, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def masked(text: str, limit: int) -> str:
    """text scrubbed of every secret, then cut to limit characters: in that order, or a
    secret cut at the limit would show the part before it."""
    return scrub(text)[:limit]
