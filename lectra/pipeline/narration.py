"""A slide's narration: each page's notes spoken into a leveled chunk, with its timings."""

import hashlib
import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

from lectra.config.run import RunConfig
from lectra.media.ffmpeg import MP3_DELAY_S, encode_narration, silence_mp3
from lectra.models import Page, PageAudio, SlideNarration, SlidePlan, WordMark
from lectra.pipeline.fallback import offline_instead
from lectra.providers.base import Slot, free_slot
from lectra.providers.options import VoiceOptions
from lectra.providers.voices import VOICES, make_voice
from lectra.providers.voices.espeak import speaks_well
from lectra.providers.voices.memory import SentenceMemory
from lectra.providers.voices.piper import speaks, voice_file
from lectra.runtime.files import write_json
from lectra.runtime.sources import sources_version
from lectra.text.cleantext import speakable
from lectra.text.sentences import MIN_PAGE_S, spoken_seconds

M = TypeVar("M", bound=WordMark)
ENGINE_NAMES = {"espeak": "espeak-ng", "piper": "Piper", "reading": "no voice (reading time)"}


def chunk_path(cfg: RunConfig, index: int, part: int) -> Path:
    """A page's narration chunk: slide_003.mp3, then slide_003_1.mp3 for a continuation."""
    suffix = "" if part == 0 else f"_{part}"
    return cfg.path("audio_chunks", f"slide_{index:03d}{suffix}.mp3")


def _heard(marks: list[M]) -> list[M]:
    """Marks timed in the spoken audio, moved to when they are heard in the encoded chunk."""
    return [
        m.model_copy(
            update={
                "start_s": round(m.start_s + MP3_DELAY_S, 3),
                "end_s": round(m.end_s + MP3_DELAY_S, 3),
            }
        )
        for m in marks
    ]


def _timings_file(
    path: Path, kind: str, pages: list[tuple[PageAudio, Sequence[WordMark]]]
) -> Path | None:
    """Each page's chunk and its marks (kind: words or sentences) at path; None without marks."""
    if not any(marks for _, marks in pages):
        return None
    return write_json(
        path,
        [
            {"part": n, "chunk": page.path.name, kind: [m.model_dump() for m in marks]}
            for n, (page, marks) in enumerate(pages)
        ],
    )


def _pause(opts: VoiceOptions, plan: SlidePlan, page: Page) -> float:
    """The silence closing a page's chunk: the slide pause on the slide's last page."""
    return opts.slide_pause_s if page is plan.pages[-1] else 0.0


def said_before(cfg: RunConfig, opts: VoiceOptions) -> SentenceMemory:
    """The sentences opts' voice spoke before in the run's language, kept in the cache folder.

    They are kept under the engine's code, what is heard of its settings (a Piper voice by its
    file's size and time too) and the language; a refreshing run speaks every sentence anew.
    """
    voice: dict[str, object] = {"code": sources_version(frozenset({VOICES[opts.name]}))}
    voice |= {"voice": opts.heard(), "lang": cfg.lang}
    if opts.name == "piper":
        stat = voice_file(opts.piper_voice).stat()
        voice["file"] = [stat.st_size, stat.st_mtime_ns]
    key = hashlib.sha256(json.dumps(voice, sort_keys=True).encode()).hexdigest()
    return SentenceMemory(cfg.cache_dir / "sentences", key, recall=not cfg.refresh)


def narrate(
    cfg: RunConfig, plan: SlidePlan, opts: VoiceOptions | None = None, slot: Slot = free_slot
) -> SlideNarration:
    """Speak each page's notes into its chunk, leveled; a page with no notes gets a silence.

    Sentences the voice spoke before are not spoken again (said_before). The slide's last
    chunk ends with the slide pause. Sentence timings go to
    sentence_boundaries/slide_NNN.json, and word timings, when the voice has them, to
    word_boundaries/slide_NNN.json.
    """
    opts = opts or cfg.voice
    voice = make_voice(opts, slot, said_before(cfg, opts))

    def spoken(page: Page) -> PageAudio:
        path = chunk_path(cfg, plan.index, page.part)
        pause = _pause(opts, plan, page)
        text = speakable(page.notes, cfg.lang)
        if not text:
            seconds = silence_mp3(MIN_PAGE_S + pause, path)
            return PageAudio(path=path, duration_s=seconds, silent=True, pause_s=pause)
        said = voice.speak(text, cfg.lang)
        seconds = encode_narration(said.audio, path, opts.loudness_lufs, pause)
        return PageAudio(
            path=path,
            duration_s=seconds,
            silent=voice.name == "reading",
            words=_heard(said.words),
            sentences=_heard(said.sentences),
            pause_s=pause,
        )

    if opts.remote and len(plan.pages) > 1:  # each call holds its own slot: pages go at once
        with ThreadPoolExecutor(max_workers=len(plan.pages)) as pool:
            audio = list(pool.map(spoken, plan.pages))
    else:
        audio = [spoken(page) for page in plan.pages]
    name = f"slide_{plan.index:03d}.json"
    return SlideNarration(
        index=plan.index,
        pages=audio,
        provider=opts.name,
        words_path=_timings_file(
            cfg.path("word_boundaries", name), "words", [(a, a.words) for a in audio]
        ),
        sentences_path=_timings_file(
            cfg.path("sentence_boundaries", name), "sentences", [(a, a.sentences) for a in audio]
        ),
    )


def local_voices(cfg: RunConfig) -> list[str]:
    """The offline engines that can stand in for the run's voice, best first."""
    engines = ["espeak" if speaks_well(cfg.lang) else "reading"]
    if speaks(cfg.voice.piper_voice, cfg.lang):
        engines.insert(0, "piper")
    return engines[engines.index(cfg.voice.name) + 1 :] if cfg.voice.name in engines else engines


def fallback_narration(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideNarration:
    """The next offline engine for a narration the voice could not give; silence at the end."""
    engines = [(n, cfg.voice.model_copy(update={"name": n})) for n in local_voices(cfg)]
    return offline_instead(
        reason,
        [(ENGINE_NAMES[n], partial(narrate, cfg, plan, opts)) for n, opts in engines],
        lambda name: f"slide {plan.index}: spoken by {name} instead",
        lambda why: silent_narration(cfg, plan, why),
    )


def silent_narration(cfg: RunConfig, plan: SlidePlan, reason: str) -> SlideNarration:
    """Silence of each page's estimated speaking time, for a narration that failed."""
    audio = []
    for page in plan.pages:
        path = chunk_path(cfg, plan.index, page.part)
        pause = _pause(cfg.voice, plan, page)
        spoken = spoken_seconds(speakable(page.notes, cfg.lang), cfg.lang)
        seconds = silence_mp3(spoken + pause, path)
        audio.append(PageAudio(path=path, duration_s=seconds, silent=True, pause_s=pause))
    warning = f"slide {plan.index}: narration replaced by silence ({reason})"
    return SlideNarration(index=plan.index, pages=audio, provider="silence", warnings=[warning])
