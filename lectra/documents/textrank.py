"""TextRank: the sentences most central to a passage, by PageRank over their word overlap.

The graph is a few dozen sentences, so PageRank is a numpy power iteration here: networkx's
pagerank needs scipy, which Lectra has no other use for.
"""

import math
import re

import numpy as np

from lectra.text.tokens import shared_keys

_CLAUSE = re.compile(r"(?<=\w)[,;:]\s+|\s+[\u2013\u2014]\s+|\s+\((?=\w)")
DAMPING = 0.85
MIN_BULLET_WORDS = 6
# a clause opening with these leans on the rest of its sentence: no bullet on its own
_LEANING = re.compile(
    r"^(?:because|although|though|while|when|whereas|if|as|since|after|before|across|in|on|"
    r"at|for|with|by|from|weil|obwohl|wenn|als|da|nachdem|bei|mit|parce|bien|quand|si|lorsque|"
    r"dans|avec|porque|aunque|cuando|si|en|con)\b",
    re.IGNORECASE,
)


def keys(text: str) -> set[str]:
    """What two sentences can share: word stems of four letters or more, or CJK pairs."""
    return shared_keys(text.lower(), 6)


def ranked(sentences: list[str]) -> list[float]:
    """Each sentence's centrality; sentences sharing more words with more others rank higher."""
    n = len(sentences)
    if n <= 1:
        return [1.0] * n
    sets = [keys(s) for s in sentences]
    weights = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            common = len(sets[i] & sets[j])
            if common:
                scale = math.log(len(sets[i]) + 1) + math.log(len(sets[j]) + 1)
                weights[i, j] = weights[j, i] = common / scale
    sums = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, sums, out=np.full((n, n), 1.0 / n), where=sums > 0)
    score = np.full(n, 1.0 / n)
    for _ in range(100):
        nxt = (1 - DAMPING) / n + DAMPING * transition.T @ score
        if np.abs(nxt - score).sum() < 1e-9:
            break
        score = nxt
    return [float(s) for s in score]


def central(sentences: list[str], count: int) -> list[int]:
    """The indexes of the count most central sentences, in their order in the text."""
    scores = ranked(sentences)
    best = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:count]
    return sorted(best)


def shortened(sentence: str, max_words: int = 16) -> str:
    """A sentence as a bullet: cut at its first clause boundary once long, the end mark away."""
    text = sentence.strip().rstrip(".!?。！？।")
    if len(text.split()) <= max_words:
        return text
    for match in _CLAUSE.finditer(text):
        head = text[: match.start()].strip()
        if _LEANING.match(head):
            break
        if MIN_BULLET_WORDS <= len(head.split()) <= max_words:
            return head
    return text  # no clause to end at: whole, as the layout wraps it
