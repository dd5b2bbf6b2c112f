"""Loads the phrase lists in `data/phrases.toml` and turns them into compiled patterns.

Patterns are matched against `Document.lower` (the scored text in lower case, same offsets),
whole words only: matching lower-case text with lower-case patterns is several times faster
than re.IGNORECASE, which matters because every check scans the whole draft. A space
in a pattern matches any run of whitespace (so a phrase may wrap across lines) and an
apostrophe matches both ' and ’.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, Mapping

_APOSTROPHE = "['’]"
# a match must not stop inside a word: it ends at a word boundary or just after whitespace
_END = r"(?:(?<![\w])|(?![\w]))"


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
def _compile(patterns: tuple[str, ...]) -> "PhrasePattern":
    body = "|".join(f"(?:{_adapt(p)})" for p in patterns)
    return PhrasePattern(re.compile(rf"(?<![\w'’])(?:{body}){_END}", re.MULTILINE))


def compile_patterns(patterns: Iterable[str]) -> "PhrasePattern":
    return _compile(tuple(patterns))


def compile_table(table: Mapping[str, Iterable[str]], *, literal_keys: bool) -> tuple["PhrasePattern", dict[str, tuple[str, ...]]]:
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
    return PhrasePattern(re.compile(rf"(?<![\w'’])(?:{'|'.join(pats)}){_END}")), lookup


def normalise(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())




class PhrasePattern:
    """A compiled phrase list that is tried only where one of its phrases could begin.

    A phrase list is a long alternation, and `re` tries every alternative at every word of the
    draft. Instead, the first one or two letters every match must start with are worked out from
    the pattern once, the draft's word starts are indexed by their first letters once, and the
    regex is only tried at those candidate positions. Matches are the same as `finditer` on the
    whole text (non-overlapping, left to right); it is several times faster.
    """

    def __init__(self, regex: re.Pattern[str]):
        self.regex = regex
        self.pattern = regex.pattern
        self.heads = _heads(regex.pattern)  # None: no usable prefix, scan everything

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        endpos = len(text) if endpos is None else endpos
        if self.heads is None:
            yield from self.regex.finditer(text, pos, endpos)
            return
        index = _index(text)
        lists = [index.positions(h) for h in self.heads]
        if pos == 0 and endpos == len(text):
            candidates = sorted(set().union(*lists))
        else:  # each list is sorted: take only the window asked for
            candidates = sorted(set().union(*(found[bisect_left(found, pos):bisect_left(found, endpos)]
                                              for found in lists)))
        match = self.regex.match
        last_end = pos
        for p in candidates:
            if p < last_end:
                continue
            m = match(text, p, endpos)
            if m:
                yield m
                last_end = max(m.end(), p + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def count(self, text: str) -> int:
        return sum(1 for _ in self.finditer(text))


_HEAD = 3  # characters of a match's start used to index candidate positions
# where a phrase may begin: a letter or digit not after a word character or apostrophe (every
# head begins with a letter or digit; _heads gives up on patterns that could begin otherwise)
_CANDIDATE = re.compile(r"(?<![\w'’])[^\W_]")
_ONE_SPACE = str.maketrans({c: " " for c in "\t\n\r\f\v\u00a0"})


class _Index:
    """The positions in one text where a phrase may begin, keyed by the first one, two and
    three characters there (each list ascending)."""

    def __init__(self, text: str):
        keyed: dict[str, list[int]] = defaultdict(list)
        text = text.translate(_ONE_SPACE)  # same length; any whitespace reads as " " in the keys
        for m in _CANDIDATE.finditer(text):
            p = m.start()
            keyed[text[p]].append(p)
            keyed[text[p:p + 2]].append(p)
            keyed[text[p:p + 3]].append(p)
        self.positions = lambda head: keyed.get(head, ())


@lru_cache(maxsize=8)
def _index(text: str) -> _Index:
    return _Index(text)


def _heads(pattern: str) -> frozenset[str] | None:
    """The one- or two-character strings that every match of `pattern` starts with, or None."""
    from re import _constants as c, _parser as sre  # the stdlib's own parser, for its exact view

    def walk(items, results):
        # results: set of (prefix, open); an open prefix may still grow, a closed one may not
        for op, av in items:
            if all(not o or len(s) >= _HEAD for s, o in results):
                break
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue  # zero width
            if op is c.LITERAL:
                results = {(s + chr(av), True) if o and len(s) < _HEAD else (s, o) for s, o in results}
            elif op is c.IN and (chars := _class_chars(av)) is not None:
                results = {(s + ch, True) if o and len(s) < _HEAD else (s, o) for s, o in results for ch in chars}
            elif op is c.SUBPATTERN:
                results = walk(av[3], results)
            elif op is c.BRANCH:
                results = set().union(*(walk(branch, results) for branch in av[1]))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1 and _is_space(av[2]):
                # a run of whitespace: its first character reads as " " in the index; more may follow
                results = {(s + " ", False) if o and len(s) < _HEAD else (s, False) for s, o in results}
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                # the first repetition starts the match; what follows it is uncertain
                results = {(s, False) for s, _ in walk(av[2], results)}
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                # optional: either skipped (the prefix goes on with the next item) or taken once or more
                results = {(s, False) for s, _ in walk(av[2], results)} | results
            else:
                results = {(s, False) for s, _ in results}
            if len(results) > 512:
                return {("", False)}
        return results

    try:
        found = {s for s, _ in walk(sre.parse(pattern), {("", True)})}
    except Exception:  # noqa: BLE001 - any surprise in the parser's shape: fall back to a full scan
        return None
    if not found or any(not s or not (s[0].isalnum() and s[0] != "_") for s in found):
        return None  # a match could begin with something the index does not hold
    return frozenset(found)


def _is_space(items) -> bool:
    """Whether a parsed item is exactly \\s (a whitespace class)."""
    from re import _constants as c

    items = list(items)
    return (len(items) == 1 and items[0][0] is c.IN
            and list(items[0][1]) == [(c.CATEGORY, c.CATEGORY_SPACE)])


def _class_chars(items) -> str | None:
    """The characters a small character class such as [sz], [a-c] or \\d stands for, else None."""
    from re import _constants as c

    chars = ""
    for op, av in items:
        if op is c.LITERAL:
            chars += chr(av)
        elif op is c.RANGE and av[1] - av[0] < 10:
            chars += "".join(chr(v) for v in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            chars += "0123456789"
        else:
            return None
    return chars if len(chars) <= 12 else None
