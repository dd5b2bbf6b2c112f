"""A draft prepared once for every check: what the writer wrote, split into paragraphs,
sentences and words with their offsets, and counted once.

Quoted replies and signatures stay in `text` (spans index into it) but are blanked out of
`scored`, which has the same length, so every offset found in `scored` is valid in `text`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Generic, NamedTuple, TypeVar
from functools import partial
from itertools import accumulate, chain, compress, islice, repeat
from operator import add

from . import quotes
from .syllables import count_words
from .matching import PhrasePattern, WordIndex, scanner

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# WORD captured, for re.split; possessive quantifiers (the same matches: nothing after them can
# fail) spare the regex engine its backtracking bookkeeping
_WORD_SPLIT = re.compile(r"([^\W_]++(?:['’][^\W_]++)*+)")
# On ASCII text (most drafts) a word is a run of letters, digits and inner apostrophes: found
# with bytes.translate and str.split at C speed, where the regular expression costs ~40 ns a
# character. This table blanks every other ASCII character.
_ASCII_GAPS = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "'"))
_ASCII_BLANKED = bytes.maketrans(_ASCII_GAPS, b" " * len(_ASCII_GAPS))
# A sentence ends at . ! ? (and any closing quotes or brackets) followed by space, or at a line
# break that is not a hard-wrapped continuation. Bounded, non-nested quantifiers only. The
# lookahead in front changes no match; it lets the engine skip to the next candidate character.
# A run of end marks is tried from its first mark only, and possessively: tried again from each
# mark of a long run ("......"), the search took time quadratic in the run (the matches are the
# same: a later mark of the run ends the same way as the first).
_SENTENCE_END = re.compile(r"(?=[.!?…\n])(?:(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s|$)|\n(?:[ \t]*\n)*)")
# The same matches, found faster on ASCII text by two patterns that each start with one literal
# character (the engine then skips to it at C speed): line breaks in the text, and punctuation
# in a copy where each character stands for its class (. any end mark, ) any closer, space any
# white space, a anything else), tried from a run's first mark only, as above.
_LINE_BREAKS = re.compile(r"\n(?:[ \t]*\n)*")
_END_MARKS = re.compile(rb"\.(?<!\.\.)\.*+\)*+(?= |\Z)")
_CLASS_OF = bytes.maketrans(bytes(range(128)), "".join(
    "." if c in ".!?" else ")" if c in "\"')]" else " " if c.isspace() else "a" for c in map(chr, range(128))).encode())
# common non-ASCII punctuation, each with an ASCII character of the same kind for WORD and
# _SENTENCE_END (’ an apostrophe and a closer, ” a closer, … an end mark, no-break space a white
# space, the others no word character): a draft that has only these is read as ASCII
_ASCII_STAND_INS = {"’": "'", "”": '"', "…": ".", "\u00a0": " ", "‘": "-", "“": "-", "–": "-", "—": "-"}
_CLOSERS = "\"'”’)] "  # stripped from a sentence's end before looking for its question mark
# a paragraph starts at a visible character and runs over the following non-blank lines; it must
# start at \S, or a long run of spaces would be rescanned from every position (quadratic time)
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")
# never end a sentence (a name or number follows)
_TITLES = frozenset("mr mrs ms dr prof sr jr st vs approx dept fig no e.g i.e eg ie cf".split())
# end a sentence only when a capital letter follows ("at 5 p.m. Then ..." ends; "etc. and" does not)
_ABBREVIATIONS = frozenset("etc a.m p.m inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s".split())
YOU_WORDS = frozenset("you your yours yourself yourselves you're you've you'll you'd".split())
WE_WORDS = frozenset("i me my mine myself we us our ours ourselves i'm i've i'll i'd we're we've we'll we'd".split())
# vocabularies every draft is counted for (by the metrics and a check): disjoint, so one lookup
# per word tells which one it belongs to
_COUNTED = (YOU_WORDS, WE_WORDS)
_VOCABULARY_OF = {word: i for i, vocabulary in enumerate(_COUNTED) for word in vocabulary}


class Span(NamedTuple):
    """A stretch of the text (named tuples: a draft makes dozens, and they build several times
    faster than frozen dataclasses)."""

    start: int
    end: int


class Sentence(NamedTuple):
    start: int
    end: int
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade of this one sentence (textstat's formula)."""
        if not self.words:
            return 0.0
        return 0.39 * self.words + 11.8 * self.syllables / self.words - 15.59


_T = TypeVar("_T")


class _once(Generic[_T]):
    """functools.cached_property without its lock: Python 3.11 takes one on every first access,
    about a microsecond each, and a draft's Document is only ever used by one thread."""

    def __init__(self, func: Callable[[Any], _T]):
        self.func, self.__doc__ = func, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, doc: Any, owner: type | None = None) -> _T:
        if doc is None:
            return self
        value = doc.__dict__[self.name] = self.func(doc)
        return value


# build named tuples from plain ones at C speed (their own constructor is a Python function)
_as_span = partial(tuple.__new__, Span)
_as_sentence = partial(tuple.__new__, Sentence)
_span = re.Match.span


class Document:
    """The draft, split and counted once; checks read from it and never re-tokenise."""

    def __init__(self, text: str, excluded: list[tuple[int, int]] | None = None, subject: str | None = None):
        self.text = text
        self.subject = subject  # checked by readability.subject and the greeting rule; never scored as body
        excluded = list(excluded or [])
        # HTML quotes are already known; the plain-text scan must not cut the writer's text after them
        excluded += quotes.excluded_ranges(text, known=excluded)
        self.scored = _blank(text, excluded)
        self.lower = _lower(self.scored)
        self._found: dict[PhrasePattern, list[re.Match[str]]] = {}
        self._scanned: list[list[re.Match[str]]] | None = None

    @_once
    def _tokens(self) -> tuple[list[int], list[str]]:
        """Where each word of the scored text starts, and the word in lower case with ’ read as '
        (as textstat and the word lists read it): the one scan of the draft that all word lists
        come from."""
        # (_ascii_stand_ins puts ' for ’ whether or not the text then is ASCII)
        lower = self.lower if self.lower.isascii() else _ascii_stand_ins(self.lower)
        return _ascii_tokens(lower) if lower.isascii() else _regex_tokens(lower)

    @_once
    def word_texts(self) -> list[str]:
        """Each word in lower case, with ’ read as ' (as textstat and the word lists read it)."""
        return self._tokens[1]

    @_once
    def paragraphs(self) -> list[Span]:
        """Blocks of non-blank lines, separated by blank lines."""
        return [_as_span((m.start(), m.start() + len(m.group().rstrip()))) for m in _PARAGRAPH.finditer(self.scored)]

    @_once
    def sentences(self) -> list[Sentence]:
        """The sentences that hold a word, trimmed, with their word and syllable counts."""
        text = self.scored
        word_starts, syllables = self._word_starts, self.word_syllables
        out: list[Sentence] = []
        first = 0  # index of the first word of the stretch
        for start, end in _sentence_stretches(text):
            last = bisect_left(word_starts, end, first)
            if last > first:  # else punctuation or blank space only
                chunk = text[start:end]
                out.append(_as_sentence((start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip()),
                                         last - first, sum(syllables[first:last]))))
            # no word starts between `end` and the next stretch (punctuation or line breaks only)
            first = last
        return out

    @_once
    def _word_starts(self) -> list[int]:
        return self._tokens[0]

    @_once
    def _counted(self) -> tuple[list[int], int]:
        """Each word's syllables and the number of distinct difficult words, found together."""
        return count_words(self.word_texts)

    @_once
    def word_syllables(self) -> list[int]:
        return self._counted[0]

    @_once
    def syllable_count(self) -> int:
        return sum(self.word_syllables)

    @_once
    def difficult_words(self) -> int:
        """Distinct words that are difficult as textstat counts them (Dale-Chall)."""
        return self._counted[1]

    @_once
    def polysyllables(self) -> int:
        """Words of three syllables or more (every word has one at least: counted at C speed)."""
        counts = self.word_syllables
        return len(counts) - counts.count(1) - counts.count(2)

    def count(self, vocabulary: frozenset[str]) -> int:
        """How many of the draft's words are in `vocabulary` (map and sum run in C)."""
        n = self._vocabulary_counts.get(vocabulary)
        return sum(map(vocabulary.__contains__, self.word_texts)) if n is None else n

    @_once
    def _vocabulary_counts(self) -> dict[frozenset[str], int]:
        """count() of each of _COUNTED, all from one pass over the words."""
        kinds = list(map(_VOCABULARY_OF.get, self.word_texts))
        return {vocabulary: kinds.count(i) for i, vocabulary in enumerate(_COUNTED)}

    @_once
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int | None:
        """Index of the sentence holding `offset`, if any (binary search: drafts can be long)."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return i
        return None

    @_once
    def questions(self) -> list[bool]:
        """For each sentence, whether it is a question (read by a metric and a strength)."""
        text = self.scored
        # it ends with "?", closing quotes or brackets aside (looked past only when there is one)
        return [text[end - 1] == "?"
                or (text[end - 1] in _CLOSERS and text[start:end].rstrip(_CLOSERS).endswith("?"))
                for start, end, _, _ in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        i = self.sentence_index(offset)
        return None if i is None else self.sentences[i]

    def sentences_in(self, start: int, end: int) -> list[Sentence]:
        """The sentences that begin between start and end."""
        return self.sentences[bisect_left(self._sentence_starts, start):bisect_left(self._sentence_starts, end)]

    # --- phrase matching (every check reads phrase matches through these) ---

    @_once
    def index(self) -> WordIndex:
        """Where each word of the draft begins, so phrase lists are tried only there."""
        return WordIndex(self.lower, self._word_starts, self.word_texts)

    def find_all(self, pattern: PhrasePattern) -> list[re.Match[str]]:
        """Every match of a phrase list in the draft (lower case), found once per draft: several
        checks read the same list."""
        if self._scanned is None:
            self._scanned = scanner().scan(self.index)
        if pattern.slot is not None:
            return self._scanned[pattern.slot]
        found = self._found.get(pattern)
        if found is None:  # a list compiled after the scanner was built, such as a team's phrases
            found = self._found[pattern] = list(pattern.finditer(self.lower, index=self.index))
        return found

    def find(self, pattern: PhrasePattern, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first match of a phrase list within lower[start:end], or None."""
        if start == 0 and end is None:
            return next(iter(self.find_all(pattern)), None)
        return pattern.search(self.lower, start, end, index=self.index)


def _ascii_stand_ins(text: str) -> str:
    """The text with _ASCII_STAND_INS put in (the same length: offsets stay valid)."""
    for char, stand_in in _ASCII_STAND_INS.items():
        if char in text:
            text = text.replace(char, stand_in)
    return text


def _regex_tokens(text: str) -> tuple[list[int], list[str]]:
    """Where each word of the text starts, and the words. `split` with the word pattern
    captured gives gap, word, gap, word ...; the running total of the pieces' lengths gives
    each word's offset (no Match object per word)."""
    pieces = _WORD_SPLIT.split(text)
    return list(islice(accumulate(map(len, pieces)), 0, len(pieces) - 1, 2)), pieces[1::2]


def _ascii_tokens(text: str) -> tuple[list[int], list[str]]:
    """_regex_tokens(text) for ASCII text, without the regular expression: every character that is
    no word character becomes a space, and so does every apostrophe that does not stand between
    two word characters; what lies between the spaces are the words."""
    blanked = text.encode("ascii").translate(_ASCII_BLANKED).decode("ascii")
    if "'" in blanked:  # two in a row, or one next to a space or an end, is no part of a word
        blanked = f" {blanked} ".replace("''", "  ").replace(" '", "  ").replace("' ", "  ")[1:-1]
    pieces = blanked.split(" ")  # words, and an empty piece for each space after the first in a row
    # a piece starts one past the end of the one before (its space)
    starts = accumulate(map(add, map(len, pieces), repeat(1)), initial=0)
    return list(compress(starts, pieces)), list(filter(None, pieces))


def _lower(text: str) -> str:
    """Lower case with the same length, so offsets into it are offsets into the text
    (a few characters, such as 'İ', lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _blank(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with each range's characters replaced by spaces (line breaks kept)."""
    if not ranges:
        return text
    chars = list(text)
    for start, end in ranges:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _sentence_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of text between sentence ends, untrimmed: where sentences
    may be (a stretch of punctuation or space only is none)."""
    out = []
    start = 0
    for at, after in _sentence_ends(text):
        if text[at] == "\n":
            if after - at == 1 and _continues(text, start, at):
                continue
            out.append((start, at))
        elif _is_abbreviation(text, at):
            continue
        else:
            out.append((start, after))
        start = after
    out.append((start, len(text)))
    return out


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """The span of each match of _SENTENCE_END in the text, in order."""
    classes = text if text.isascii() else _ascii_stand_ins(text)
    if not classes.isascii():
        return list(map(_span, _SENTENCE_END.finditer(text)))
    marks = classes.encode("ascii").translate(_CLASS_OF)
    # neither kind of match can hold the other's characters: together, in order, they are all
    return sorted(chain(map(_span, _END_MARKS.finditer(marks)), map(_span, _LINE_BREAKS.finditer(text))))


def _continues(text: str, start: int, newline: int) -> bool:
    """A single line break inside a hard-wrapped sentence: the line before ends mid-sentence
    (a letter, digit or comma after some words) and the next line starts in lower case."""
    if not text[newline + 1:newline + 2].islower():
        return False
    # the last four words of text[start:newline] tell; they are looked for in growing windows
    # back from the line break, so a long hard-wrapped paragraph is not re-read at every break
    # (quadratic time)
    size = 64
    while True:
        words = text[max(start, newline - size):newline].split()
        if len(words) > 3 or newline - size <= start:
            break
        size *= 4
    return len(words) > 3 and (words[-1][-1].isalnum() or words[-1][-1] in ",;")


# the letters (and dots, as in "p.m") just before a period; searched in the 8 characters before it
_BEFORE_DOT = re.compile(r"([A-Za-z][A-Za-z.]{0,5})$")
_NEXT_VISIBLE = re.compile(r"\s*(\S)")
_ENDINGS = frozenset(word[-2:] for word in _TITLES | _ABBREVIATIONS)


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != "." or dot < 2:  # (one character before a period is no abbreviation)
        return False
    # most periods end a lower-case word that no abbreviation ends as: told from the two
    # characters before, without the search below
    if "a" <= text[dot - 1] <= "z" and text[dot - 2:dot].lower() not in _ENDINGS:
        return False
    m = _BEFORE_DOT.search(text, max(0, dot - 8), dot)
    if m is None:  # no letter just before the period
        return False
    before = m.group(1)
    word = before.lower().rstrip(".")
    if word in _TITLES:
        return True
    if word in _ABBREVIATIONS:
        nxt = _NEXT_VISIBLE.match(text, dot + 1, dot + 20)
        return not (nxt and nxt.group(1).isupper())
    # a decimal number or version such as 2.5 is not a sentence end (the lookahead already needs space)
    return len(before) == 1 and before.isupper() and dot >= 2 and text[dot - 2] in " ."
