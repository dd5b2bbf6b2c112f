"""Finds what the writer did not write in a plain-text draft: quoted replies and the signature.

Placeholder until the full detector lands; `excluded_ranges` is the contract.
"""
from __future__ import annotations


def excluded_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) ranges of `text` that are quoted replies or the signature."""
    return []
