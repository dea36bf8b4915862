"""The offline voice: espeak-ng, one process per chunk, encoded to mp3."""

import subprocess
from pathlib import Path

from lectra.errors import VoiceError
from lectra.languages import get_language
from lectra.media import encode_mp3, require_tool
from lectra.providers.base import Speech


class EspeakVoice:
    """Speaks with the espeak-ng executable found on PATH."""

    name = "espeak"

    def __init__(self, speed_wpm: int = 165) -> None:
        self.speed_wpm = speed_wpm

    def speak(self, text: str, lang: str, path: Path) -> Speech:
        """Speak text to an mp3 chunk; return its duration."""
        voice = get_language(lang).espeak_voice
        cmd = [require_tool("espeak-ng"), "-v", voice, "-s", str(self.speed_wpm), "--stdout"]
        # text goes in on stdin so that notes starting with '-' are never read as options
        proc = subprocess.run(cmd, input=text.encode(), capture_output=True, check=False)
        if proc.returncode != 0 or not proc.stdout:
            detail = proc.stderr.decode(errors="replace").strip().splitlines()
            raise VoiceError(f"espeak-ng failed: {detail[-1] if detail else 'no audio'}")
        return Speech(encode_mp3(proc.stdout, path))
