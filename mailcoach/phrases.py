"""Loads the phrase lists in `data/phrases.toml` and compiles them into `PhrasePattern`s.

Patterns are matched against `Document.lower` (the scored text in lower case, same offsets),
whole words only: lower-case text with lower-case patterns is several times faster than
re.IGNORECASE. A space in a pattern matches any run of whitespace (so a phrase may wrap across
lines) and an apostrophe matches both ' and ’. How the lists are matched fast, and exactly as
`re` would, is in `matching.py`.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

from .matching import PhrasePattern

_APOSTROPHE = "['’]"


@lru_cache(maxsize=1)
def data() -> dict:
    with resources.files("mailcoach").joinpath("data/phrases.toml").open("rb") as f:
        return tomllib.load(f)


def section(name: str) -> dict:
    return data()[name]


def _adapt(pattern: str) -> str:
    pattern = re.sub(r"\\.|[A-Z]", lambda m: m.group() if m.group().startswith("\\") else m.group().lower(), pattern)
    return re.sub("['’]", lambda _: _APOSTROPHE, pattern).replace(" ", r"\s+")


def literal(phrase: str) -> str:
    """A user's plain phrase as a pattern (no regular-expression syntax is honoured)."""
    return _adapt(" ".join(re.escape(w.lower()) for w in phrase.split()))


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...]) -> PhrasePattern:
    return PhrasePattern([f"(?:{_adapt(p)})" for p in patterns])


def compile_patterns(patterns: Iterable[str]) -> PhrasePattern:
    return _compile(tuple(patterns))


def compile_table(table: Mapping[str, Iterable[str]], *, literal_keys: bool) -> tuple[PhrasePattern, dict[str, tuple[str, ...]]]:
    """A {phrase: replacements} table as one pattern, plus a lookup from the matched phrase
    (lower case, single-spaced) to its replacements. Cached: a team's config table is compiled
    once, not on every draft."""
    return _compile_table(tuple((k, tuple(v)) for k, v in table.items()), literal_keys)


@lru_cache(maxsize=64)
def _compile_table(items: tuple[tuple[str, tuple[str, ...]], ...], literal_keys: bool):
    table = dict(items)
    keys = sorted(table, key=len, reverse=True)  # longest first: "in order to" before "order"
    pats = tuple(literal(k) if literal_keys else k for k in keys)
    lookup = {normalise(k): table[k] for k in keys}
    return PhrasePattern(pats), lookup


def normalise(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())
