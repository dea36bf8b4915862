"""Web grounding: a few search results about the topic for the outline prompt."""

from ddgs import DDGS

from lectra.runtime.errors import ProviderError

MAX_SNIPPET = 300


def web_sources(topic: str, count: int, timeout_s: float) -> list[str]:
    """Title, snippet and address of up to count web results; ProviderError when none come."""
    try:
        results = DDGS(timeout=max(1, round(timeout_s))).text(topic, max_results=count)
    except Exception as exc:  # ddgs raises its own errors and its HTTP client's
        raise ProviderError(f"web search unavailable ({type(exc).__name__})") from None
    sources = []
    for result in results[:count]:
        title, body, href = (str(result.get(k, "")).strip() for k in ("title", "body", "href"))
        if body or title:
            sources.append(f"{title}: {body[:MAX_SNIPPET]} ({href})")
    if not sources:
        raise ProviderError("web search found nothing about the topic")
    return sources
