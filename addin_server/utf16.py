"""Python indexes strings by code point; JavaScript (every client) by UTF-16 code unit.

A character above U+FFFF (most emoji) is one Python index but two JavaScript ones, so every
span the server sends is converted here. Text without such characters converts for free.
"""
from __future__ import annotations

from bisect import bisect_left


def length(text: str) -> int:
    """The length of `text` as JavaScript's `String.length` counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Offsets:
    """Converts code-point indices into one text to UTF-16 offsets."""

    def __init__(self, text: str):
        # Indices of the astral characters; each adds one UTF-16 unit after it.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def __call__(self, index: int | None) -> int | None:
        if index is None or not self._astral:
            return index
        return index + bisect_left(self._astral, index)


def convert_spans(findings: list[dict], offsets: Offsets) -> list[dict]:
    """Findings as `Finding.to_dict()` gives them, with `start`/`end` in UTF-16 units."""
    for finding in findings:
        finding["start"] = offsets(finding.get("start"))
        finding["end"] = offsets(finding.get("end"))
    return findings
