"""The phrase matcher's shortcut (trying only where a phrase can begin) finds exactly what a
full regular-expression scan finds."""
import json
import random
from pathlib import Path

from hypothesis import given, settings, strategies as st

from mailcoach import phrases

SECTIONS = [(name, key) for name, table in phrases.data().items() for key, value in table.items()
            if isinstance(value, list) and key != "problem_verbs"]
PATTERNS = [phrases.compile_patterns(phrases.section(name)[key]) for name, key in SECTIONS]
TABLE, _ = phrases.compile_table(phrases.section("complex_word"), literal_keys=True)
PATTERNS.append(TABLE)

WORDS = sorted({w for p in PATTERNS for w in p.pattern.replace("\\s+", " ").split() if w.isalpha()})
text_strategy = st.lists(st.sampled_from(WORDS + ["you", "we", "the", ".", ",", "\n", "!", "?", "’", "'"]),
                         max_size=60).map(" ".join)


def same(pattern, text):
    fast = [(m.start(), m.end()) for m in pattern.finditer(text)]
    full = [(m.start(), m.end()) for m in pattern.regex.finditer(text)]
    assert fast == full, pattern.pattern[:80]


@settings(max_examples=200, deadline=None)
@given(text_strategy)
def test_shortcut_matches_full_scan_on_phrase_soup(text):
    for pattern in PATTERNS:
        same(pattern, text.lower())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_shortcut_matches_full_scan_on_any_text(text):
    for pattern in PATTERNS:
        same(pattern, text.lower())


def test_most_phrase_lists_get_the_shortcut():
    assert sum(p.heads is not None for p in PATTERNS) >= len(PATTERNS) * 0.7


def test_windows_match_the_full_scan():
    text = "sorry for any inconvenience. we will look into it soon. thank you, per our policy."
    for pattern in PATTERNS:
        for start, end in [(0, 20), (10, 60), (30, len(text))]:
            fast = [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]
            full = [(m.start(), m.end()) for m in pattern.regex.finditer(text, start, end)]
            assert fast == full
