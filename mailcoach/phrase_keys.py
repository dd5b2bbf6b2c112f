"""Which words a phrase pattern can start with, read from the regex itself.

The phrase matcher tries a pattern only where the draft has a word (or a pair of words) the
pattern can begin with. These keys are worked out once per pattern by walking the parse tree
that the standard library's own regex parser builds, so they agree exactly with what `re` will
match. Each key is a superset promise: any match starts at a word that has one of its keys.

A "stem" is the run of letters and digits where a match starts, up to any apostrophe, hyphen or
space ("you're" -> "you"). Keys come in four kinds:

- words: the stem there is exactly this ("sorry");
- contractions: the stem is exactly this and an apostrophe (' or ’) follows it ("i" of "i'm"),
  so a common word such as "i" or "it" tries these only where the draft has one;
- pairs: the stem is exactly the first word, whitespace follows, then exactly the second stem
  ("you must"), which is far more selective for common first words;
- prefixes: the stem starts with this (a pattern such as \\d+ leaves the rest open).
"""
from __future__ import annotations

from dataclasses import dataclass
from re import _constants as c, _parser as sre  # the stdlib's own parser, for its exact view

_MAX_KEYS = 2048  # beyond this many partial keys a pattern is scanned in full instead
# still growing / complete here / only a prefix is known / a stem complete, an apostrophe next
OPEN, EXACT, PREFIX, APOSTROPHE = 0, 1, 2, 3
APOSTROPHES = "'’"


@dataclass(frozen=True)
class Keys:
    words: frozenset[str]
    contractions: frozenset[str]  # first words never in `words`
    pairs: frozenset[str]  # "first second"
    prefixes: frozenset[str]


def keys(pattern: str) -> Keys | None:
    """The keys of one phrase pattern, or None when a match could start with something else
    (a symbol, an unknown character class) or the keys grow too many."""
    try:
        found = _close(_walk(sre.parse(pattern), {("", OPEN)}), EXACT)
    except Exception:  # noqa: BLE001 - any surprise in the parser's shape: fall back to a full scan
        return None
    words, contractions, pairs, prefixes = set(), set(), set(), set()
    for s, state in found:
        first, space, second = s.partition(" ")
        if not first:
            return None  # a match could begin with something no stem holds
        if second and state == EXACT:
            pairs.add(s)
        elif state == PREFIX and not space:
            prefixes.add(first)
        elif state == APOSTROPHE:
            contractions.add(first)
        else:  # the first word is whole; what follows it is not known well enough to key on
            words.add(first)
    return Keys(frozenset(words), frozenset(contractions - words), frozenset(pairs), frozenset(prefixes))


def _close(results, how):
    return {(s, how if state == OPEN else state) for s, state in results}


def _add(results, chars: str):
    """Read one character (any of `chars`) after each partial key."""
    out = set()
    for s, state in results:
        if state != OPEN:
            out.add((s, state))
            continue
        for ch in chars:
            if ch.isalnum():
                out.add((s + ch, OPEN))
            elif ch.isspace() and not s.endswith(" ") and " " not in s:
                out.add((s + " ", OPEN))  # the first word ends; a second may follow
            elif ch.isspace() and s.endswith(" "):
                out.add((s, OPEN))  # more of the same gap
            elif ch in APOSTROPHES and " " not in s:
                out.add((s, APOSTROPHE))  # the stem ends at an apostrophe
            else:  # any other character ends the stem (or the second word)
                out.add((s, EXACT))
    return out


def _walk(items, results):
    for op, av in items:
        if all(state != OPEN for _, state in results):
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op is c.LITERAL:
            results = _add(results, chr(av))
        elif op is c.IN:
            chars = _class_chars(av)
            results = _add(results, chars) if chars is not None else _close(results, PREFIX)
        elif op is c.SUBPATTERN:
            results = _walk(av[3], results)
        elif op is c.BRANCH:
            results = set().union(*(_walk(branch, results) for branch in av[1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, item = av
            once = _walk(item, results)
            if high > 1 and not _is_space(item):  # more repetitions: what is still open is uncertain
                once = _close(once, PREFIX)
            results = once if low >= 1 else once | results
        else:
            results = _close(results, PREFIX)
        if len(results) > _MAX_KEYS:
            return {("", PREFIX)}
    return results


def _is_space(items) -> bool:
    """Whether a repeated item only ever matches whitespace (as \\s+ does)."""
    items = list(items)
    if len(items) != 1 or items[0][0] is not c.IN:
        return False
    chars = _class_chars(items[0][1])
    return bool(chars) and all(ch.isspace() for ch in chars)


def _class_chars(items) -> str | None:
    """The characters a small character class such as [sz], [a-c] or \\d stands for (\\s as one
    space: all that matters here is that it separates words), else None."""
    chars = ""
    for op, av in items:
        if op is c.LITERAL:
            chars += chr(av)
        elif op is c.RANGE and av[1] - av[0] < 10:
            chars += "".join(chr(v) for v in range(av[0], av[1] + 1))
        elif op is c.CATEGORY and av is c.CATEGORY_DIGIT:
            chars += "0123456789"
        elif op is c.CATEGORY and av is c.CATEGORY_SPACE:
            chars += " "
        else:
            return None
    return chars if len(chars) <= 12 else None
