"""The simulated services' costs at time-scale 1.0, as the seeds measured them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Costs:
    """Seconds per call, scaled by time_scale; the caps are the flow's."""

    time_scale: float = 1.0
    outline_s: float = 7.0
    script_s: float = 2.0  # one request at a time, like a single-GPU Ollama
    image_s: float = 1.2  # search and download
    narration_per_speech_s: float = 0.54  # per second of speech
    images_cap: int = 5
    tts_cap: int = 3
    voice: str = "edge"  # "piper" speaks for real, on this machine's CPU

    def outline(self) -> float:
        """The outline's latency."""
        return self.outline_s * self.time_scale

    def script(self) -> float:
        """One script's latency."""
        return self.script_s * self.time_scale

    def image(self) -> float:
        """One image's latency."""
        return self.image_s * self.time_scale

    def narration(self, speech_s: float) -> float:
        """The latency of speaking speech_s seconds."""
        return self.narration_per_speech_s * speech_s * self.time_scale


WORDS_PER_SECOND = 2.75  # the simulated voice speaks 165 words a minute
NOTE_WORDS = 27  # about 10 s of speech per content slide, 5.4 s of narration at scale 1.0
