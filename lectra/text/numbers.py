"""Numbers in text, compared as values: 11,500 and 11.500 and 11 500 are one number."""

import re

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_GROUPED = re.compile(r"^\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+$")


def _value(token: str) -> str:
    """A number's digits as one form: thousands separators away, a decimal comma a point."""
    if _GROUPED.match(token):
        return re.sub(r"\D", "", token)
    return (
        token.replace(",", ".").rstrip("0").rstrip(".") if "." in token or "," in token else token
    )


def numbers_in(text: str) -> set[str]:
    """The numbers text states, each in one form (years, counts, decimals)."""
    return {_value(m.group(0)) for m in _NUMBER.finditer(text)}


def foreign_numbers(text: str, source: str) -> list[str]:
    """The numbers text states that source does not, in the order text states them."""
    known = numbers_in(source)
    out: list[str] = []
    for match in _NUMBER.finditer(text):
        value = _value(match.group(0))
        if value not in known and match.group(0) not in out:
            out.append(match.group(0))
    return out
