"""Share a slide's notes between its pages so that each page speaks about its own bullets."""

from lectra.models import SlideScript
from lectra.text.cleantext import plain
from lectra.text.languages import get_language
from lectra.text.sentences import split_sentences
from lectra.text.tokens import shared_keys


def _keys(text: str) -> set[str]:
    """What a sentence and a bullet can share: word stems, or character pairs in CJK."""
    return shared_keys(plain(text).lower(), 5)


def _cut_by_overlap(sentences: list[str], groups: list[list[str]]) -> list[int]:
    """Where each group's run of sentences ends: the cuts that match most words, then balance."""
    n, g = len(sentences), len(groups)
    keys = [_keys(s) for s in sentences]
    bullet_keys = [set().union(*(_keys(b) for b in group)) for group in groups]
    sizes = [len(s) for s in sentences]
    weights = [sum(len(b) for b in group) or 1 for group in groups]
    total = sum(sizes) or 1
    targets = [total * sum(weights[: j + 1]) / sum(weights) for j in range(g)]
    prefix = [0]
    for size in sizes:
        prefix.append(prefix[-1] + size)
    # shared[j][s]: words sentences[:s] share with group j's bullets
    shared = [[0] * (n + 1) for _ in range(g)]
    for j in range(g):
        for s in range(n):
            shared[j][s + 1] = shared[j][s] + len(keys[s] & bullet_keys[j])
    # best[j][i]: (shared words, -distance from balanced cuts) for sentences[:i] in groups[:j+1]
    best: list[list[tuple[float, float] | None]] = [[None] * (n + 1) for _ in range(g)]
    back = [[0] * (n + 1) for _ in range(g)]
    for j in range(g):
        for i in range(j + 1, n - (g - 1 - j) + 1):
            for k in range(j, i):  # group j takes sentences[k:i]
                before = (0.0, 0.0) if j == 0 else best[j - 1][k]
                if before is None or (j == 0 and k != 0):
                    continue
                common = shared[j][i] - shared[j][k]
                value = (before[0] + common, before[1] - abs(prefix[i] - targets[j]))
                if best[j][i] is None or value > best[j][i]:  # type: ignore[operator]
                    best[j][i], back[j][i] = value, k
    cuts, i = [], n
    for j in range(g - 1, -1, -1):
        cuts.append(i)
        i = back[j][i]
    return cuts[::-1]


def notes_for_pages(script: SlideScript, groups: list[list[str]], lang: str) -> list[str]:
    """Each page's notes: the narration of its own bullets, the opening on the first page.

    Notes written one paragraph per bullet are shared by bullet; other notes are matched to
    the bullets sentence by sentence, in order.
    """
    sep = " " if get_language(lang).spaced else ""
    if len(groups) == 1:
        return [plain(script.notes)]
    if script.bullet_notes and len(script.bullet_notes) == len(script.bullets):
        out, start = [], 0
        for n, group in enumerate(groups):
            parts = script.bullet_notes[start : start + len(group)]
            if n == 0 and script.opening:
                parts = [script.opening, *parts]
            out.append(plain(sep.join(p.strip() for p in parts if p.strip())))
            start += len(group)
        return out
    sentences = split_sentences(plain(script.notes))
    if len(sentences) < len(groups):
        return [sep.join(sentences)] + [""] * (len(groups) - 1)
    cuts = _cut_by_overlap(sentences, groups)
    starts = [0, *cuts[:-1]]
    return [sep.join(sentences[a:b]) for a, b in zip(starts, cuts, strict=True)]
