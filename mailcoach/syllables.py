"""Syllables and difficult words, counted exactly as textstat 0.7.8 counts them, but cheaply and
without keeping any customer word in memory.

textstat's `syllable_count` and `is_difficult_word` clean each word with regular expressions and
keep every text they are given in lru caches, and the pyphen object it shares keeps every word it
hyphenates in an unbounded dict: a draft's names and order numbers would stay in the worker after
the response. Here the same data, loaded by textstat (the CMU pronouncing dictionary, pyphen's
en_US patterns, the Dale-Chall easy words), is read directly with textstat's rules:

* a word's syllables are the vowel phones (those marked with a stress digit) of its first CMU
  pronunciation, else pyphen's hyphenation points plus one; textstat first drops punctuation
  except the apostrophe of a contraction ("don't" stays, "dogs'" becomes "dogs");
* a difficult word is one word, not on the easy-word list, with two syllables or more.

tests/test_document_speed.py proves the counts equal textstat's over many words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Sequence

import pyphen
from textstat.backend.utils import constants, get_cmudict, get_lang_easy_words

TEXTSTAT_LANG = "en_US"  # textstat's default language; mailcoach never changes it
DIFFICULT_SYLLABLES = 2  # textstat.is_difficult_word's default syllable_threshold
LONGEST_WORD = 40  # longer "words" are codes, URLs or garbage: estimated, not hyphenated

# every number of one to three digits, leading zeros included ("00" in "10:00")
_SHORT_NUMBERS = [f"{n:0{width}}" for width in (1, 2, 3) for n in range(10 ** width)]

_NONCONTRACTION_APOSTROPHE = re.compile(constants.RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s\']")  # textstat's remove_punctuation, apostrophes kept


@dataclass(frozen=True)
class _Data:
    # the CMU dictionary's words that textstat reads as they stand (lower case, no punctuation
    # but a contraction's apostrophe), with their vowel phones: a word found here needs no cleaning
    cmu_syllables: dict[str, int]
    # the same words (and short numbers) with syllables() as it reports them (at least one), and
    # those of them that are difficult: public data, so a draft's words are counted with C-level
    # dict operations (never a cache of the draft's own words). A dict of strings, not a set: the
    # garbage collector does not walk it
    word_syllables: dict[str, int]
    difficult_words: dict[str, None]
    easy_words: frozenset[str]
    hyphenator: pyphen.Pyphen
    numbers_unhyphenated: bool  # no pattern holds a digit: pyphen finds no point in a number


class _Forgetful(dict):
    """pyphen's per-word cache, made to store nothing: hyphenating an unknown word is cheap,
    and a customer's names and numbers must not stay in memory."""

    def __setitem__(self, key, value) -> None:
        pass


@cache
def _data() -> _Data:
    """Loaded on first use (the CMU dictionary takes most of a second), then shared."""
    # textstat counts the phones of the first pronunciation that end in a stress digit; the
    # words its cleaning would change ("'bout", "a.m.") are left out, as it never looks them up
    cmu_syllables = {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
                     for word, prons in get_cmudict(TEXTSTAT_LANG).items()
                     if prons and len(word) <= LONGEST_WORD and _textstat_words(word) == [word]}
    # textstat's own Pyphen(lang) is shared and remembers words; this one has the same
    # patterns and margins (a separate copy, so textstat's is left as it is)
    hyphenator = pyphen.Pyphen(lang=TEXTSTAT_LANG, cache=False)
    hyphenator.hd.cache = _Forgetful()
    patterns = hyphenator.hd.patterns
    numbers_unhyphenated = "." not in patterns and not any(c.isdigit() for key in patterns for c in key)
    easy_words = frozenset(get_lang_easy_words(TEXTSTAT_LANG))
    word_syllables = {word: max(1, n) for word, n in cmu_syllables.items()}
    if numbers_unhyphenated:  # short numbers (times, days, amounts) as _count finds them: one syllable
        word_syllables.update({number: 1 for number in _SHORT_NUMBERS if number not in word_syllables})
    difficult_words = dict.fromkeys(word for word, n in cmu_syllables.items()
                                    if n >= DIFFICULT_SYLLABLES and word not in easy_words)
    return _Data(cmu_syllables, word_syllables, difficult_words, easy_words, hyphenator, numbers_unhyphenated)


def syllables(word: str) -> int:
    """Syllables in one word: textstat's count, at least one; very long tokens are estimated."""
    return _syllables(word, _data())


def syllable_counts(words: Sequence[str]) -> list[int]:
    """syllables() of each word."""
    return count_words(words)[0]


def count_difficult(words: Iterable[str]) -> int:
    """How many distinct words are difficult (is_difficult)."""
    return count_words(list(words))[1]


def count_words(words: Sequence[str]) -> tuple[list[int], int]:
    """syllable_counts(words) and count_difficult(words) in one pass. Most words are dictionary
    words that textstat reads as they stand: looked up all at once, with dict and set operations
    at C speed. The others (names, numbers, odd tokens) are counted once each for both answers,
    however often they occur; those counts are dropped on return (nothing of a draft is kept)."""
    data = _data()
    counts = list(map(data.word_syllables.get, words))
    difficult = len(data.difficult_words.keys() & words)  # distinct: & makes a set
    others: dict[str, int] = {}
    i = -1
    for _ in range(counts.count(None)):  # the places of the other words, found at C speed
        i = counts.index(None, i + 1)
        word = words[i]
        n = others.get(word)
        if n is None:
            n = others[word] = _syllables(word, data)
        counts[i] = n
    for word, n in others.items():
        if len(word) <= LONGEST_WORD and word == word.lower() and len(word.split()) == 1:
            # is_difficult's own test, with the count made above (n >= 2 exactly when _count's is)
            difficult += n >= DIFFICULT_SYLLABLES and word not in data.easy_words
        else:
            difficult += is_difficult(word)
    return counts, difficult


def is_difficult(word: str) -> bool:
    """textstat.is_difficult_word(word): not on the Dale-Chall list of familiar words and two
    syllables or more; very long tokens always are."""
    if len(word) > LONGEST_WORD:
        return True
    if len(word.split()) != 1:
        return False
    data = _data()
    word = word.lower()
    return word not in data.easy_words and _count(word, data) >= DIFFICULT_SYLLABLES


def _syllables(word: str, data: _Data) -> int:
    if len(word) > LONGEST_WORD:
        return len(word) // 3  # pyphen's cost grows with the square of a word's length
    return max(1, _count(word, data))


def _count(text: str, data: _Data) -> int:
    """textstat's count_syllables(text): over the words its list_words(lowercase=True) yields,
    the CMU dictionary's count, else pyphen's hyphenation points plus one."""
    n = data.cmu_syllables.get(text)
    if n is not None:  # a dictionary word textstat would read as it stands
        return n
    if text.isdigit() and data.numbers_unhyphenated:
        return 1  # what pyphen would say of a number, without its cost (order numbers are common)
    total = 0
    for word in _textstat_words(text):
        n = data.cmu_syllables.get(word)
        if n is None:
            if word.isdigit() and data.numbers_unhyphenated:
                n = 1  # what pyphen would say, without its cost (order numbers are common)
            else:
                n = len(data.hyphenator.positions(word)) + 1
        total += n
    return total


def _textstat_words(text: str) -> list[str]:
    """textstat's list_words(text, lowercase=True), skipping the regular expressions when they
    could not change anything (a word of letters and digits only: \\w covers str.isalnum())."""
    if "'" in text:
        text = _NONCONTRACTION_APOSTROPHE.sub("", text)
    if not text.isalnum():
        text = _PUNCTUATION.sub("", text)
    return text.lower().split()
