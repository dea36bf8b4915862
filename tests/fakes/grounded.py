"""A loopback model that writes slides from the source text it is given, the way a good model
does: `**Term**:` lead-ins, a narration paragraph a bullet, in a fenced JSON block; and, once, a
number the source does not state, as models do."""

import json
import re
from typing import Any

from tests.fakes.llm import FakeOllama

_SOURCE = re.compile(r"<source>\n(.*?)\n</source>", re.DOTALL)
_PAGE = re.compile(r"^\[p\. \d+\]\s*", re.MULTILINE)
INVENTED = "about 99,000 euros"
STRAYED = ["Savings in time, money or effort", "Better results and fewer mistakes"]  # copied


def grounded_answer(messages: list[dict[str, str]], invent: bool, stray: bool = False) -> str:
    """A script answer built from the prompt's source text."""
    ask = next(m["content"] for m in messages if m["role"] == "user")
    found = _SOURCE.search(ask)
    if not found:
        return json.dumps({"bullets": [], "notes": "Welcome to this talk on the report."})
    text = _PAGE.sub("", found.group(1))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 2][:4]
    bullets, narration = [], []
    for sentence in sentences:
        words = sentence.rstrip(".").split()
        term = " ".join(words[1:3]).strip(",").capitalize()
        bullets.append(f"- **{term}**: {' '.join(words)}")
        narration.append(f"{sentence} The report returns to this point later on.")
    if invent:
        narration[-1] += f" A full system costs {INVENTED} in some towns."
    if stray:  # bullets in words the source does not use, as a small model copies a prompt's
        bullets = [f"- {b}" for b in STRAYED]
        narration = narration[: len(bullets)]
    answer = {
        "bullets": bullets,
        "opening": "Here is what the report found.",
        "narration": narration,
        "image_query": "heat pump house",
    }
    return "```json\n" + json.dumps(answer, ensure_ascii=False, indent=1) + "\n```"


class GroundedOllama(FakeOllama):
    """Ollama whose model writes from the source text; its first script answer invents a
    number, and its first about the refrigerant strays from the source's words (the checks
    ask again, and the second answer keeps to the source)."""

    def __init__(self) -> None:
        super().__init__()
        self.invented = 0
        self.strayed = 0

    def next_answer(self, body: dict[str, Any], schema: dict[str, Any]) -> str:
        self.chats.append(body)
        messages = body.get("messages", [])
        invent = self.invented == 0 and any("<source>" in m["content"] for m in messages)
        self.invented += invent
        stray = self.strayed == 0 and any("refrigerant" in m["content"] for m in messages)
        self.strayed += stray
        return grounded_answer(messages, invent, stray)
