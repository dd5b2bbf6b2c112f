"""The checks' shortcuts give what the slow way gives: a windowed search read off the whole
draft's matches (checks.matches_within, checks.may_match) must agree with searching the window."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailcoach.checks import finds_within, matches_within, may_match
from mailcoach.checks.strength import next_step, ownership
from mailcoach.checks.transparency import unexplained_policy
from mailcoach.checks.vip import demanding
from mailcoach.document import Document

# every list a check searches through these shortcuts
WINDOWED = {
    "ownership": ownership.PATTERN,
    "reason": unexplained_policy.REASON,
    "reason_before": unexplained_policy.REASON_BEFORE,
    "time": next_step.TIME,
}

# what would make a match in a window differ from one in the whole text: looking past its end
_LOOKS_AHEAD = re.compile(r"(?<!\\)(?:\\\\)*(?:\$|\\Z|\\B|\(\?[=!])")

FRAGMENTS = [
    "our fault", "not our fault", "that is on us", "it's on us", "we made a mistake", "you're right",
    "the courier lost it", "because", "since", "as the", "so that", "that is why", "which is why",
    "for this reason", "per our policy", "we are unable to", "by friday", "on monday", "at 5 pm",
    "at 5 p.m", "p.m", "5", "10:00", "within 2 days", "may", "May 5", "march 3rd", "today", "tomorrow",
    "this is", "it was", "we", "i", "my", "the", "that", "is", "on", "us", "why", "reason", "fault",
    "we should have checked", "Hi Sam", "thanks", "sorry", "it", "that's why", "don't", "x",
]
SEPARATORS = [" ", " ", " ", ". ", ".\n\n", "? ", "! ", ", ", "\n", "\n\n", " - ", "'", ".", ""]

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
drafts = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(f + s for f, s in parts))


def test_windowed_lists_do_not_look_past_a_match():
    for name, pattern in WINDOWED.items():
        for alternative in pattern.alternatives:
            assert not _LOOKS_AHEAD.search(alternative), (name, alternative)


def _reference(pattern, doc, start, end):
    return [m.span() for m in pattern.regex.finditer(doc.lower, start, end)]


def _sentence_windows(doc):
    """The windows checks search: a sentence, and a sentence with the next one."""
    sentences = doc.sentences
    for i, s in enumerate(sentences):
        yield s.start, s.end
        if i + 1 < len(sentences):
            yield s.start, sentences[i + 1].end
    yield 0, len(doc.scored)


@SETTINGS
@given(drafts)
def test_matches_within_a_sentence_are_the_windows_matches(text):
    doc = Document(text)
    for pattern in WINDOWED.values():
        for start, end in _sentence_windows(doc):
            expected = _reference(pattern, doc, start, end)
            found = matches_within(doc, pattern, start, end)
            if found is not None:
                assert [m.span() for m in found] == expected, (text, pattern.alternatives[0], start, end)
            if not may_match(doc, pattern, start, end):
                assert expected == []
            assert finds_within(doc, pattern, start, end) == (doc.find(pattern, start, end) is not None)


@SETTINGS
@given(drafts)
def test_may_match_before_a_match_rules_out_only_what_cannot_match(text):
    doc = Document(text)
    starts = [m.start() for m in doc.find_all(unexplained_policy.PATTERN)] + doc.index.starts
    for pattern in WINDOWED.values():
        for end in starts:  # windows that end where a word begins
            for start in {0, max(0, end - 40)}:
                if not may_match(doc, pattern, start, end):
                    assert _reference(pattern, doc, start, end) == [], (text, start, end)


def test_a_match_across_the_window_edge_sends_the_search_to_the_window():
    doc = Document("It is on us. Really.")
    whole = doc.find_all(ownership.PATTERN)
    assert [m.group() for m in whole] == ["it is on us"]
    assert matches_within(doc, ownership.PATTERN, 6, len(doc.scored)) is None


def test_every_shouted_word_starts_with_two_capitals():
    # demanding._may_shout looks for two capitals in a row to find them
    assert all(re.match(r"[A-Z]{2}", word) for word in demanding.SHOUTED_WORDS)


shouty = st.lists(st.sampled_from(["PLEASE", "READ", "I'", "I'm", "OK", "FAQ", "A", "É", "X'Y", "Do", "DON'T",
                                   " ", "  ", "\t", "\n", ".", "'", "a", "ß", "NOW!!"]), max_size=20).map("".join)


@SETTINGS
@given(shouty)
def test_may_shout_rules_out_only_drafts_without_shouting(text):
    shouting = [m.group() for m in demanding.CAPITALS.finditer(text) if demanding._shouting(m.group())]
    if not demanding._may_shout(text):
        assert shouting == [], text


_NEGATED_AS_WRITTEN = re.compile(r"(?:\bnot|n['’]t|\bno|\bnever)\s+(?:\w+\s+)?$", re.IGNORECASE)
before_ownership = st.lists(st.sampled_from(["not", "NOT", "no", "No", "never", "Never", "n't", "n’t", "don", "can",
                                             "snot", "nor", "know", "n", "t", "'", "our", "x", "_", "é", "1"]),
                            max_size=6).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "  ", "\n", "\t", "", ","]), min_size=len(words),
                           max_size=len(words)).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps))))


@SETTINGS
@given(before_ownership, st.integers(0, 5))
def test_negated_is_the_pattern_as_first_written(text, pos):
    assert bool(ownership._NEGATED.search(text, pos)) == bool(_NEGATED_AS_WRITTEN.search(text, pos)), text
