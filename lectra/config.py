"""One run's resolved configuration: the request, the chosen providers and the knobs they use."""

from pathlib import Path

from pydantic import BaseModel

from lectra.models import DeckRequest
from lectra.providers import choose
from lectra.settings import LectraSettings


class RunConfig(BaseModel):
    """Everything a step needs to know about the run; passed to every task."""

    request: DeckRequest
    out_dir: Path
    writer: str
    voice: str
    images: str
    reasons: dict[str, str]
    espeak_speed: int
    max_concurrent_images: int
    max_concurrent_tts: int
    retries: int
    retry_delay_s: float

    @property
    def lang(self) -> str:
        """The deck's language."""
        return self.request.lang

    def path(self, *parts: str) -> Path:
        """A path inside the project's output folder."""
        return self.out_dir.joinpath(*parts)


def resolve(request: DeckRequest, settings: LectraSettings) -> RunConfig:
    """Pick providers and fix the output folder for a validated request."""
    chosen, reasons = choose(settings)
    return RunConfig(
        request=request,
        out_dir=(settings.output_dir / request.project).resolve(),
        writer=chosen["writer"],
        voice=chosen["voice"],
        images=chosen["images"],
        reasons=reasons,
        espeak_speed=settings.espeak_speed,
        max_concurrent_images=settings.max_concurrent_images,
        max_concurrent_tts=settings.max_concurrent_tts,
        retries=settings.retries,
        retry_delay_s=settings.retry_delay_s,
    )
