"""Provider choice: the options each engine takes from the settings, and what 'auto' picks."""

import ipaddress
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from lectra.config.settings import LectraSettings
from lectra.providers.http import unreachable
from lectra.providers.options import ImageOptions, VoiceOptions, WriterOptions
from lectra.providers.outbound import refusal
from lectra.runtime.errors import InputError


def writer_options(settings: LectraSettings, name: str) -> WriterOptions:
    """The settings the writer called name uses."""
    common = {
        "name": name,
        "temperature": settings.temperature,
        "timeout_s": settings.writer_timeout_s,
        "repairs": settings.writer_repairs,
        "grounding": settings.grounding,
        "grounding_results": settings.grounding_results,
    }
    if name == "ollama":
        return WriterOptions(
            url=settings.ollama_url,
            model=settings.ollama_model,
            num_ctx=settings.ollama_num_ctx,
            parallel=settings.max_concurrent_writer or writer_slots(settings.ollama_url),
            **common,
        )
    if name == "openai":
        if not settings.openai_base_url:
            raise InputError("writer openai needs LECTRA_OPENAI_BASE_URL")
        return WriterOptions(
            url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            response_format=settings.openai_response_format,
            parallel=settings.max_concurrent_writer or writer_slots(settings.openai_base_url),
            **common,
        )
    return WriterOptions(**common)


HOSTED_WRITER_SLOTS = 4


def writer_slots(url: str) -> int:
    """Writer calls at once by default: 1 for a server on this machine or the local network
    (Ollama and llama.cpp answer one request at a time unless told otherwise, and queued
    requests time out), HOSTED_WRITER_SLOTS for a hosted API (a name or a public address)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith((".local", ".lan", ".internal")) or "." not in host:
        return 1
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return HOSTED_WRITER_SLOTS
    return 1 if refusal(address) else HOSTED_WRITER_SLOTS  # not public: this network's


def voice_options(settings: LectraSettings, name: str) -> VoiceOptions:
    """The settings the voice engine called name uses."""
    return VoiceOptions(
        name=name,
        voice=settings.voice,
        rate=settings.edge_rate,
        pitch=settings.edge_pitch,
        espeak_speed=settings.espeak_speed,
        piper_voice=settings.piper_voice,
        speech_url=settings.speech_base_url or "",
        speech_model=settings.speech_model,
        speech_voice=settings.speech_voice,
        speech_api_key=settings.speech_api_key,
        speech_max_chars=settings.speech_max_chars,
        parallel=settings.max_concurrent_tts,
        loudness_lufs=settings.loudness_lufs,
        slide_pause_s=settings.slide_pause_s,
    )


def image_options(settings: LectraSettings, name: str) -> ImageOptions:
    """The settings the image source called name uses."""
    return ImageOptions(
        name=name,
        timeout_s=settings.image_timeout_s,
        max_bytes=round(settings.image_max_mb * 1_000_000),
        candidates=settings.image_candidates,
    )


def _auto_writer(settings: LectraSettings) -> tuple[str, str]:
    """Ollama with the model, then the OpenAI-compatible server, each only once it has
    written a small structured answer (a server that lists a model may not do the job);
    else the offline writer."""
    from lectra.providers.writers.llm import smoke_test
    from lectra.providers.writers.ollama import OllamaChat, ollama_unready
    from lectra.providers.writers.openai_compat import OpenAIChat, openai_unready

    wait = settings.check_timeout_s
    ollama = writer_options(settings, "ollama")
    why_not = ollama_unready(ollama, wait) or smoke_test(OllamaChat, ollama)
    if why_not is None:
        return (
            "ollama",
            f"auto: ollama at {settings.ollama_url} has {settings.ollama_model} and answers",
        )
    if not settings.openai_base_url:
        return "offline", f"auto: {why_not}; openai not configured"
    openai = writer_options(settings, "openai")
    openai_why_not = openai_unready(openai, wait) or smoke_test(OpenAIChat, openai)
    if openai_why_not is None:
        return "openai", f"auto: {why_not}; openai at {settings.openai_base_url} answers"
    return "offline", f"auto: {why_not}; {openai_why_not}"


def _auto_reachable(url: str, wait: float, online: str, offline: str) -> tuple[str, str]:
    why_not = unreachable(url, wait)
    if why_not is None:
        return online, f"auto: {url} answers"
    return offline, f"auto: {why_not}"


def _auto_voice(settings: LectraSettings) -> tuple[str, str]:
    """A configured speech server, then edge-tts, then Piper if it speaks the deck's language,
    then espeak-ng; the server and edge are checked at once."""
    from lectra.providers.voices.espeak import speaks_well
    from lectra.providers.voices.piper import speaks
    from lectra.providers.voices.speech_server import speech_unready

    wait = settings.check_timeout_s
    server = settings.speech_base_url
    with ThreadPoolExecutor(max_workers=2) as pool:
        server_check = pool.submit(
            lambda: speech_unready(voice_options(settings, "openai"), wait) if server else ""
        )
        edge_check = pool.submit(unreachable, settings.edge_check_url, wait)
    server_why, edge_why = server_check.result(), edge_check.result()
    if server and server_why is None:
        return "openai", f"auto: speech server at {server} answers"
    why = [w for w in (server_why, edge_why) if w]
    if edge_why is None:
        return "edge", "; ".join([f"auto: {settings.edge_check_url} answers", *why])
    if speaks(settings.piper_voice, settings.lang):
        return "piper", "auto: " + "; ".join([*why, f"Piper speaks {settings.lang}"])
    why.append(f"no Piper voice for {settings.lang}")
    if not speaks_well(settings.lang):
        return "reading", "auto: " + "; ".join([*why, "espeak-ng is unintelligible in it"])
    return "espeak", "auto: " + "; ".join(why)


def choose(settings: LectraSettings) -> tuple[dict[str, str], dict[str, str]]:
    """Resolve 'auto' for each stage with checks of at most check_timeout_s, run at once."""
    asked = {
        "writer": settings.writer,
        "voice": settings.voice_engine,
        "images": settings.image_source,
    }
    wait = settings.check_timeout_s
    checks = {
        "writer": lambda: _auto_writer(settings),
        "voice": lambda: _auto_voice(settings),
        "images": lambda: _auto_reachable(settings.ddg_check_url, wait, "ddg", "generated"),
    }
    todo = [stage for stage, name in asked.items() if name == "auto"]
    with ThreadPoolExecutor(max_workers=3) as pool:
        found = dict(zip(todo, pool.map(lambda stage: checks[stage](), todo), strict=True))
    chosen = {stage: found[stage][0] if stage in found else name for stage, name in asked.items()}
    reasons = {stage: found[stage][1] if stage in found else "set explicitly" for stage in asked}
    return chosen, reasons
