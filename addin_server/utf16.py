"""Python indexes strings by code point; JavaScript (every client) by UTF-16 code unit.

A character above U+FFFF (most emoji) is one Python index but two JavaScript ones, so every
span the server sends is converted here. Text without such characters converts for free.
"""
from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # the characters that take two UTF-16 units


def length(text: str) -> int:
    """The length of `text` as JavaScript's `String.length` counts it."""
    if text.isascii():
        return len(text)
    return len(text) + len(_ASTRAL.findall(text))


class Offsets:
    """Converts code-point indices into one text to UTF-16 offsets."""

    def __init__(self, text: str):
        # Indices of the astral characters; each adds one UTF-16 unit after it.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    @property
    def identity(self) -> bool:
        """True when the text has no astral characters, so every index stays as it is."""
        return not self._astral

    def __call__(self, index: int | None) -> int | None:
        if index is None or not self._astral:
            return index
        return index + bisect_left(self._astral, index)


def convert_spans(findings: list[dict], offsets: Offsets) -> list[dict]:
    """Findings as `Finding.to_dict()` gives them, with `start`/`end` in UTF-16 units."""
    if offsets.identity:
        return findings
    for finding in findings:
        finding["start"] = offsets(finding.get("start"))
        finding["end"] = offsets(finding.get("end"))
    return findings
