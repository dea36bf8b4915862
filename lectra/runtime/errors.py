"""Lectra's exception hierarchy: one root, one subclass per kind of failure."""

from collections.abc import Callable

from pydantic import ValidationError

from lectra.runtime.secrets import scrub


class LectraError(Exception):
    """Root of every error Lectra raises on purpose."""


class InputError(LectraError):
    """The user's input (topic, project, slide count, language, settings) is invalid."""


class ProjectBusyError(InputError):
    """Another run is building the same project folder right now."""


class ToolMissingError(LectraError):
    """A required program or font is not installed."""


class ProviderError(LectraError):
    """An outside service (writer, voice, images) failed; transient if a retry may pass."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        # a service's own words can echo the key it was sent (a proxy repeating headers)
        super().__init__(scrub(message))
        self.transient = transient


class WriterError(ProviderError):
    """The writer could not produce an outline or a slide script."""


class UnusableAnswerError(WriterError):
    """The model answered every time, but never with an answer that could be used."""


class VoiceError(ProviderError):
    """The voice engine could not speak a slide's notes."""


class ImageError(ProviderError):
    """No image could be fetched or made for a slide."""


class RefusedAddressError(ImageError):
    """A download would have reached a loopback, private or otherwise non-public address."""


class MediaError(LectraError):
    """An ffmpeg step (probe, encode, concat) failed."""


class ToolTimeoutError(MediaError):
    """A program (ffmpeg, espeak-ng) ran past the time its input allows and was stopped."""


class DiskFullError(LectraError):
    """An output could not be written: the disk, or a file size limit, is full."""


def retryable(exc: BaseException) -> bool:
    """True for failures that can pass on their own: timeouts, lost connections, 429 and 5xx."""
    return isinstance(exc, ProviderError) and exc.transient


class CourseError(LectraError):
    """Decks of a course failed; the others are complete, and the course index names them."""


def first_error(exc: ValidationError, name: Callable[[str], str] = str) -> str:
    """Turn a pydantic ValidationError into one line naming the field and the problem."""
    err = exc.errors()[0]
    field = ".".join(str(part) for part in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{name(field)}: {msg}" if field else msg


class StorageError(LectraError):
    """Shared storage (s3://...) could not be read or written."""
