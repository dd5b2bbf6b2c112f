"""Matching phrase lists against a draft, fast and exactly as `re` would.

A phrase list is one long regex alternation; `re` would try every alternative at every word of
the draft, for every list. Instead:

- `WordIndex` lists the draft's words once: where each begins, and its stem;
- `PhrasePattern` knows, from `phrase_keys`, which of its alternatives can start at which word
  or pair of words, and tries only those, as a smaller regex of them in their original order.
  The alternatives left out cannot match there, so the first that matches is the one the whole
  alternation would pick;
- `Scanner` matches every built-in list in one pass over the draft's words: for each word (or
  known pair of words), one regex with a lookahead per list that can start there. A word's
  contractions ("i'm", "it’s") are in it only where an apostrophe follows the word's stem.

Results are exactly those of `regex.finditer` over the whole text (non-overlapping, left to
right), which tests check on random text. Nothing here keeps a draft's words: caches are keyed by
phrase numbers and the patterns' own words, and the index is dropped with the draft.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import compress, islice
from typing import Callable, Iterator, Sequence

from .phrase_keys import APOSTROPHES, keys as phrase_keys

START = r"(?<![\w'’])"  # a match must not start inside a word
END = r"(?:(?<![\w])|(?![\w]))"  # nor stop inside one: it ends at a boundary or after a non-word
_MAX_CACHED = 512
_MAX_COMBINED = 4096  # one-pass regexes: at most one per known word and word pair
Matcher = Callable[..., "re.Match[str] | None"]


def whole_words(alternatives: Sequence[str]) -> re.Pattern[str]:
    """The alternatives as one regex of whole words (MULTILINE: ^ in a phrase is a line start)."""
    return re.compile(rf"{START}(?:{'|'.join(alternatives)}){END}", re.MULTILINE)


# where a phrase may begin: a run of letters and digits not after a word character or apostrophe
_STEM = re.compile(r"(?<![\w'’])[^\W_]+")


class WordIndex:
    """The words of one lower-case text: where each begins and its stem (the word up to any
    apostrophe: "you're" -> you). Every place a phrase can begin is among them."""

    def __init__(self, text: str, starts: Sequence[int] | None = None, words: Sequence[str] | None = None):
        """`starts` and `words` (lower case, ’ as ') when the caller has tokenised the text
        already, as a Document has; otherwise the text is scanned here."""
        self.text = text
        if starts is None or words is None:
            found = list(_STEM.finditer(text))
            starts, words = [m.start() for m in found], [m.group() for m in found]
        self.starts, self.words = starts, words
        self.stems = [w if "'" not in w else w.partition("'")[0] for w in words]

    def window(self, pos: int, endpos: int) -> range:
        """The numbers of the words that begin in text[pos:endpos]."""
        return range(bisect_left(self.starts, pos), bisect_left(self.starts, endpos))


def _non_capturing(pattern: str) -> str:
    """The pattern with every capturing group "(" made non-capturing "(?:" (unchanged if the
    result would not be a pattern without groups)."""
    out, escaped, class_start = [], False, None  # class_start: where the open [...] began
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif class_start is not None:
            # a "]" first in the class ("[]...]" or "[^]...]") is a literal, not its end
            if ch == "]" and i > class_start + 1 and pattern[class_start + 1:i] != "^":
                class_start = None
        elif ch == "[":
            class_start = i
        elif ch == "(" and not pattern.startswith("?", i + 1):
            ch = "(?:"
        out.append(ch)
    result = "".join(out)
    try:
        return result if re.compile(result).groups == 0 else pattern
    except re.error:
        return pattern


class PhrasePattern:
    """A phrase list: its alternatives, the whole regex, and what each can start with."""

    def __init__(self, alternatives: Sequence[str]):
        # groups only group here (nothing reads them), and the one-pass regexes run faster
        # without saving their spans
        self.alternatives = tuple(map(_non_capturing, alternatives))
        self.regex = whole_words(self.alternatives)
        self.pattern = self.regex.pattern
        self.slot: int | None = None  # its place in the one-pass Scanner, if it is in it
        self._matchers: dict[tuple[int, ...], Matcher] = {}
        self._at_word: dict[str, Matcher] = {}
        by_word, by_contraction = defaultdict(list), defaultdict(list)
        by_pair, by_prefix = defaultdict(list), defaultdict(list)
        self.keyed = True  # False: some alternative could start anywhere; scan everything
        for i, alternative in enumerate(self.alternatives):
            k = phrase_keys(alternative)
            if k is None:
                self.keyed = False
                break
            for w in k.words:
                by_word[w].append(i)
            for w in k.contractions:
                by_contraction[w].append(i)
            for pair in k.pairs:
                by_pair[pair].append(i)
            for prefix in k.prefixes:
                by_prefix[prefix].append(i)
        self.by_word, self.by_contraction = dict(by_word), dict(by_contraction)
        self.by_pair, self.by_prefix = dict(by_pair), dict(by_prefix)
        self.prefixes = tuple(sorted(by_prefix))
        # per first word, every alternative that can start there (its pairs and contractions
        # included): what the pattern tries at a word when it is not told what follows it
        self.first_words: dict[str, set[int]] = defaultdict(set)
        for w, alts in [*by_word.items(), *by_contraction.items()]:
            self.first_words[w].update(alts)
        for pair, alts in by_pair.items():
            self.first_words[pair.partition(" ")[0]].update(alts)
        if _SCANNER is None:  # lists compiled later (a team's own phrases) are matched alone
            _CREATED.append(self)

    def alternatives_at(self, stem: str) -> tuple[int, ...]:
        """The alternatives (by number, in order) that can match where `stem` begins, whatever
        word follows it."""
        return self._with_prefixes(stem, set(self.first_words.get(stem, ())))

    def alternatives_before(self, stem: str, pair: str | None, apostrophe: bool = False) -> tuple[int, ...]:
        """The same when what follows the stem is known. `pair` is "stem next" when the next
        word is known (its pairs are added; they match only where whitespace alone lies
        between), None when it is not (no pair can match); `apostrophe`: ' or ’ follows the
        stem, so contractions such as "i'm" can match."""
        chosen = set(self.by_word.get(stem, ()))
        if pair:
            chosen.update(self.by_pair.get(pair, ()))
        if apostrophe:
            chosen.update(self.by_contraction.get(stem, ()))
        return self._with_prefixes(stem, chosen)

    def _with_prefixes(self, stem: str, chosen: set[int]) -> tuple[int, ...]:
        if self.prefixes and stem.startswith(self.prefixes):
            chosen.update(i for p in self.prefixes if stem.startswith(p) for i in self.by_prefix[p])
        return tuple(sorted(chosen))

    def matcher_at(self, stem: str) -> Matcher:
        """`match` for every alternative that can start at `stem`, whatever follows it."""
        found = self._at_word.get(stem)
        if found is None:
            found = self.matcher(self.alternatives_at(stem))
            if stem in self.first_words:  # the pattern's own words only, never a draft's
                self._at_word[stem] = found
        return found

    def matcher(self, alternatives: tuple[int, ...]) -> Matcher:
        """`match` of the regex of just these alternatives, in their original order."""
        found = self._matchers.get(alternatives)
        if found is None:
            found = whole_words([self.alternatives[i] for i in alternatives]).match
            if len(self._matchers) < _MAX_CACHED:  # keyed by phrase numbers, never by draft text
                self._matchers[alternatives] = found
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, *,
                 index: WordIndex | None = None) -> Iterator[re.Match[str]]:
        """Matches in text[pos:endpos], as `self.regex.finditer` gives them. Pass the text's
        `WordIndex` when scanning it often (a Document keeps one)."""
        endpos = len(text) if endpos is None else endpos
        if not self.keyed:
            yield from self.regex.finditer(text, pos, endpos)
            return
        if index is None:
            index = WordIndex(text)
        starts, stems, known, prefixes = index.starts, index.stems, self.first_words, self.prefixes
        last_end = pos
        for i in index.window(pos, endpos):
            stem = stems[i]
            if stem in known or (prefixes and stem.startswith(prefixes)):
                p = starts[i]
                if p >= last_end:
                    m = self.matcher_at(stem)(text, p, endpos)
                    if m:
                        yield m
                        last_end = max(m.end(), p + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None, *,
               index: WordIndex | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos, index=index), None)


_CREATED: list[PhrasePattern] = []


def _lines_starting_with(prefixes: Sequence[str]) -> re.Pattern[str]:
    """A regex that finds, among lines that each follow a line break, those that start with one
    of the prefixes: (line, the longest such prefix). Grouped by first character, so the engine
    tests most lines with one comparison rather than one per prefix."""
    rests = defaultdict(set)
    for p in prefixes:
        rests[p[0]].add(p[1:])
    alone = "".join(re.escape(c) for c, r in sorted(rests.items()) if r == {""})
    grouped = [re.escape(c) + "(?:" + "|".join(map(re.escape, sorted(r, key=lambda x: (-len(x), x)))) + ")"
               for c, r in sorted(rests.items()) if r != {""}]  # longest first: the first that matches
    return re.compile(rf"\n(({'|'.join(([f'[{alone}]'] if alone else []) + grouped)})[^\n]*)")


class Scanner:
    """Every phrase list compiled so far (the built-in ones: rules compile theirs on import),
    matched together in one pass over a draft's words.

    For each word (or pair of words) that some list can start with there is one regex: a
    lookahead per list that can start there, each capturing its match if it has one, and
    failing at once if none does. So each word of the draft costs at most one regex call
    however many lists there are, and words no list starts with cost a dictionary lookup.
    """

    def __init__(self, patterns: Sequence[PhrasePattern]):
        # (lists whose regex still has groups of its own are matched alone, by finditer)
        self.patterns = [p for p in patterns if p.keyed and p.regex.groups == 0]
        for slot, p in enumerate(self.patterns):
            p.slot = slot
        self._prefixes = tuple(sorted({x for p in self.patterns for x in p.prefixes}))
        self._compiled: dict[tuple, tuple] = {}
        # words that only a prefix covers (numbers, month names): found by one regex over the
        # draft's stems, one a line, with the longest prefix each starts with
        self._prefixed = _lines_starting_with(self._prefixes)
        # keyed only by the patterns' own words, pairs and prefixes
        words = {w for p in self.patterns for w in p.first_words}
        self._by_word = {w: self._entry(w, None) for w in sorted(words)}  # ~0.06 s
        # (a stem's prefixes are all prefixes of the longest: its entry serves them all)
        self._by_prefix = {x: self._entry(x, None) for x in self._prefixes}
        # every known pair, its regex compiled on first sight; as (first, second) tuples, so that
        # a draft's word pairs are made by zip, in C
        self._by_pair = dict.fromkeys({tuple(pair.split(" ")) for p in self.patterns for pair in p.by_pair},
                                      _PENDING)
        # words with an apostrophe after them ("i'm", "it’s"): also the contractions they start
        self._by_contraction = {w: self._entry(w, None, apostrophe=True)
                                for w in sorted({w for p in self.patterns for w in p.by_contraction})}

    def prepare(self) -> None:
        """Compile the regex of every known word pair now (~0.5 s) rather than on first sight:
        a server does this once before it forks its workers, so no request pays for it."""
        for pair in self._by_pair:
            self._at_pair(pair)  # (replaces the value only: the dict keeps its size)

    def _entry(self, stem: str, pair: str | None, apostrophe: bool = False) -> tuple:
        """What the scanner runs at a word: (match, slot, None) when one list can start there
        (the match is that list's own), else (match, None, slots), the lists' matches in
        groups 1, 2 ... of one regex, in the order of `slots`."""
        parts = tuple((p.slot, alts) for p in self.patterns
                      if (alts := p.alternatives_before(stem, pair, apostrophe)))
        if not parts:
            return _NOTHING
        found = self._compiled.get(parts)
        if found is None and len(parts) == 1:  # one list: its own regex, no lookahead needed
            slot, alts = parts[0]
            found = (self.patterns[slot].matcher(alts), slot, None)
        if found is None:
            # each lookahead always succeeds, capturing the list's match if it has one ("|)"
            # rather than ")?)": the same, with no repeat for the engine to run)
            looks = "".join(
                f"(?=(?P<s{slot}>(?:{'|'.join(self.patterns[slot].alternatives[i] for i in alts)}){END})|)"
                for slot, alts in parts)
            any_matched = "".join(f"(?(s{slot})|" for slot, _ in parts) + "(?!)" + ")" * len(parts)
            regex = re.compile(START + looks + any_matched, re.MULTILINE)
            # the lists' groups are the regex's only groups, numbered 1, 2 ... in this order
            found = (regex.match, None, tuple(slot for slot, _ in parts))
            if len(self._compiled) < _MAX_COMBINED:
                self._compiled[parts] = found
        return found

    def _at_pair(self, pair: tuple[str, str]) -> tuple:
        if self._by_pair[pair] is _PENDING:
            self._by_pair[pair] = self._entry(pair[0], " ".join(pair))
        return self._by_pair[pair]

    def scan(self, index: WordIndex) -> list[list[Found | re.Match[str]]]:
        """For each list (by slot), its matches in the index's text, in order, non-overlapping.

        Written for speed: the per-word lookups run as `map` over whole lists, so the Python
        loop only visits the words that some list can start with."""
        text, starts, words, stems = index.text, index.starts, index.words, index.stems
        n = len(words)
        # each word's entry, or a known pair's (this word, the next stem) when it has one: that
        # holds the word's alternatives too, so it serves whatever lies between the two (the
        # pair's own match only where whitespace alone does)
        by_word = self._by_word
        entries = list(map(self._by_pair.get, zip(words, islice(stems, 1, None)), map(by_word.get, stems)))
        if n:  # (None: no list starts at the word)
            entries.append(by_word.get(stems[-1]))
        if self._prefixes:  # words only a prefix covers: numbers, month names
            i = -1
            for stem, prefix in self._prefixed.findall("\n" + "\n".join(stems)):  # few, in order
                i = stems.index(stem, i + 1)
                if stem not in by_word:
                    entries[i] = self._by_prefix[prefix]
        # a stem with an apostrophe after it ("i'm", "it’s", "students’") may start a contraction
        by_contraction = self._by_contraction
        for mark in APOSTROPHES:
            at = text.find(mark)
            while at >= 0:
                i = bisect_left(starts, at) - 1  # the last word before the apostrophe
                if i >= 0 and starts[i] + len(stems[i]) == at and stems[i] in by_contraction:
                    entries[i] = by_contraction[stems[i]]
                at = text.find(mark, at + 1)
        found: list[list[Found | re.Match[str]]] = [[] for _ in self.patterns]
        last_end = [0] * len(self.patterns)
        for i in compress(range(n), entries):
            match, slot, slots = entries[i]
            if match is None:  # a pair's, on first sight
                match, slot, slots = self._at_pair((stems[i], stems[i + 1]))
            start = starts[i]
            m = match(text, start)
            if m is None:
                continue
            # as in finditer, a list's next match may not start inside its last one
            if slots is None:  # one list's own match
                if start >= last_end[slot]:
                    found[slot].append(m)
                    end = m.end()
                    last_end[slot] = end if end > start else start + 1  # (max() costs more)
                continue
            for slot, (start, end) in zip(slots, m.regs[1:]):
                if start >= last_end[slot]:  # (a list that did not match gives -1)
                    found[slot].append(Found(text, start, end))
                    last_end[slot] = end if end > start else start + 1
        return found


class Found:
    """A phrase match as the one-pass scanner reports it when several lists are matched at once
    (else it reports the list's own `re.Match`): what checks read of an `re.Match` (start(),
    end(), group()), without matching the list again to build one."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self) -> str:
        return self.string[self._start:self._end]

    def __repr__(self) -> str:
        return f"<Found span=({self._start}, {self._end})>"


_NOTHING = ()  # no list starts at this word (without knowing what follows it): falsy
_PENDING = (None, None, None)  # a known pair's entry before its regex is compiled
_SCANNER: Scanner | None = None


def scanner() -> Scanner:
    """The one-pass scanner over every phrase list compiled by the time a draft is first coached."""
    global _SCANNER
    if _SCANNER is None:
        _SCANNER = Scanner(_CREATED)
    return _SCANNER
