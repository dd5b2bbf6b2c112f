"""The phrase matcher's shortcuts (trying only the phrases that can start at a word, and the
one-pass scanner over every list) find exactly what a full regular-expression scan finds."""
import json
import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from mailcoach import matching, phrase_keys, phrases
from mailcoach.document import Document

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
    assert sum(p.keyed for p in PATTERNS) >= len(PATTERNS) * 0.7


def test_windows_match_the_full_scan():
    text = "sorry for any inconvenience. we will look into it soon. thank you, per our policy."
    for pattern in PATTERNS:
        for start, end in [(0, 20), (10, 60), (30, len(text))]:
            fast = [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]
            full = [(m.start(), m.end()) for m in pattern.regex.finditer(text, start, end)]
            assert fast == full


def scanned_same(text):
    """Every built-in list, as a Document finds it (one pass), against the list's own regex."""
    doc = Document(text)
    for pattern in matching.scanner().patterns:
        fast = [(m.start(), m.end()) for m in doc.find_all(pattern)]
        full = [(m.start(), m.end()) for m in pattern.regex.finditer(doc.lower)]
        assert fast == full, pattern.pattern[:80]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["You", "We", "The", ".", ",", "\n", "\n\n", "!", "?", "’", "'", "-",
                                          "_", "12", "5pm", "30%", "İ", "don't", "you're", "  ", "I’m", "it’s",
                                          "we’ll", "That’s", "i'd", "May", "sept", "2024-01-05"]),
                max_size=60),
       st.lists(st.sampled_from([" ", " ", "\n", "\t", "  ", "\u00a0"]), min_size=60, max_size=60))
def test_one_pass_scan_matches_full_scan_on_phrase_soup(words, gaps):
    scanned_same("".join(w if w in {"’", "'", "-", "_"} else gap + w for w, gap in zip(words, gaps)))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_one_pass_scan_matches_full_scan_on_any_text(text):
    scanned_same(text)


FIXTURES = Path(__file__).parent / "fixtures"


def test_one_pass_scan_matches_full_scan_on_real_drafts():
    drafts = [json.loads(line) for f in ("heldout.jsonl", "heldout2.jsonl")
              for line in (FIXTURES / f).read_text().splitlines() if line.strip()]
    assert len(drafts) >= 100
    for d in drafts:
        scanned_same(d.get("text") or d.get("html"))
    scanned_same("You're wrong, you're right, we’ll fix it; we will call you at 5pm. Act now: 30% off!")


def test_every_built_in_list_is_in_the_one_pass_scanner():
    scanner = matching.scanner()
    assert all(p.slot is not None for p in PATTERNS if p.keyed)
    assert len(scanner.patterns) >= len(PATTERNS) * 0.7


def test_keys_read_from_the_regex():
    k = phrase_keys.keys(r"you\s+(must|have\s+to)")
    assert (k.words, k.pairs, k.prefixes) == (set(), {"you must", "you have"}, set())
    k = phrase_keys.keys(r"(i|we)(['’]ll|\s+will)")  # an apostrophe ends the stem: "i" of "i'll"
    assert (k.words, k.contractions, k.pairs) == (set(), {"i", "we"}, {"i will", "we will"})
    k = phrase_keys.keys(r"it(['’]s|\s+is|)")  # "it" may end the match: any follower will do
    assert (k.words, k.contractions, k.pairs) == ({"it"}, set(), {"it is"})
    assert phrase_keys.keys(r"it[’'-]s").words == {"it"}  # a hyphen may follow too
    assert phrase_keys.keys(r"\d+\s?%\s+off").prefixes == set("0123456789")
    assert phrase_keys.keys(r"please\s+\w+").words == {"please"}  # the second word is unknown
    assert phrase_keys.keys(r"apolog\w*").prefixes == {"apolog"}
    assert phrase_keys.keys(r"[^a]bc") is None  # could start with anything
    assert phrase_keys.keys(r"'tis") is None  # starts with a symbol


def test_matching_keeps_no_draft_words():
    """Caches are keyed by the phrase lists' own words, never by what a draft contains."""
    scanner = matching.scanner()
    marker = "zqxmarker"
    Document(f"Hi {marker}, you must {marker} now. 12345 {marker}'s order, per our {marker}.").find_all(PATTERNS[0])
    cached = [scanner._by_word, scanner._by_pair, scanner._by_prefix, scanner._compiled]
    cached += [p._at_word for p in scanner.patterns] + [p._matchers for p in scanner.patterns]
    assert marker not in repr([list(c) for c in cached])
    assert "12345" not in repr([list(c) for c in cached])


def test_lists_match_as_written_with_groups_made_non_capturing():
    """The matcher drops capturing groups (nothing reads them; the one-pass regexes run faster);
    the matches must be those of the phrase lists exactly as written."""
    drafts = [json.loads(line) for f in ("heldout.jsonl", "heldout2.jsonl")
              for line in (FIXTURES / f).read_text().splitlines() if line.strip()]
    texts = [Document(d.get("text") or d.get("html")).lower for d in drafts]
    for name, key in SECTIONS:
        written = [phrases._adapt(p) for p in phrases.section(name)[key]]
        as_written = re.compile(rf"{matching.START}(?:{'|'.join(f'(?:{p})' for p in written)}){matching.END}",
                                re.MULTILINE)
        compiled = phrases.compile_patterns(phrases.section(name)[key])
        assert compiled.regex.groups == 0 or not compiled.keyed
        for text in texts:
            assert [m.span() for m in compiled.regex.finditer(text)] == [m.span() for m in as_written.finditer(text)]


def test_word_pairs_across_any_whitespace():
    """A pair of words is a pair whatever whitespace lies between: one space, a line break, a
    tab, several (the phrase lists' spaces match any run of whitespace)."""
    for gap in (" ", "\n", "\t", "  ", " \n ", "\u00a0"):
        scanned_same(f"Hi,{gap}you{gap}must read this. As{gap}per{gap}our policy,{gap}we{gap}will call you.")


def scanned_same_raw(text):
    """The scanner over a WordIndex that scanned the text itself (stems only: no words after an
    apostrophe, unlike a Document's), against each list's own regex."""
    lower = text.lower()
    found = matching.scanner().scan(matching.WordIndex(lower))
    for pattern in matching.scanner().patterns:
        fast = [(m.start(), m.end()) for m in found[pattern.slot]]
        full = [(m.start(), m.end()) for m in pattern.regex.finditer(lower)]
        assert fast == full, pattern.pattern[:80]


APOSTROPHE_CASES = [
    "I’m sorry, I'm sure it’s fine and it's on us; we’ll look into it, we'll get back to you.",
    "The students’ books and the customers' orders: it’ s odd, i' m not, you’, we'",
    "That’s on the courier. that's against our policy. I’d love to hear, i'd feel the same.",
    "'I am sorry' and ‘we will call you’ and \"you must read\" it’’s and it'' and ’tis",
    "you’re wrong, you're right, you' re, you ’re, don’t, don't you’ll, we’ve booked, i’ve sent",
]


def test_contractions_with_either_apostrophe_and_trailing_ones():
    """A word's contractions (i'm, it’s) are tried only where an apostrophe follows its stem:
    straight or curly, inside a word or after it ("students’"), or before a space."""
    for text in APOSTROPHE_CASES:
        scanned_same(text)
        scanned_same(text.replace("’", "'"))
        scanned_same_raw(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS + ["i", "it", "we", "you", "that", "’", "'", " ", "\n", ",", "m", "s",
                                          "ll", "re", "d", "12", "may"]), max_size=60).map("".join))
def test_one_pass_scan_of_a_raw_index_matches_full_scan(text):
    scanned_same_raw(text)


def test_pairs_compiled_on_first_sight_match_the_full_scan():
    """A scanner that has not compiled its pairs' regexes (no prepare()) compiles each on first
    sight, and finds the same; where more than whitespace lies between a known pair's words, the
    pair's regex still finds only what the first word's own would."""
    fresh = matching.Scanner(matching.scanner().patterns)
    assert all(entry[0] is None for entry in fresh._by_pair.values())
    texts = ["Hi, you must read this. You,must not. you\tmust and you\u00a0must. As per our policy, we will.",
             "we will\n\nwe will, we-will; we’ will; it is, it’s, it is."]
    for text in texts:
        doc = Document(text)
        found = fresh.scan(doc.index)
        for pattern in fresh.patterns:
            assert [m.span() for m in found[pattern.slot]] == [m.span() for m in pattern.regex.finditer(doc.lower)]
    assert any(entry[0] is not None for entry in fresh._by_pair.values())


def test_words_only_a_prefix_covers_are_found_with_their_longest_prefix():
    finder = matching._lines_starting_with(["1", "1st", "2", "ab", "abc", "x-y"])
    lines = "\n" + "\n".join(["1", "1stx", "2a", "ab", "abcd", "x-yz", "3", "a", "b1"])
    assert finder.findall(lines) == [("1", "1"), ("1stx", "1st"), ("2a", "2"), ("ab", "ab"), ("abcd", "abc"),
                                     ("x-yz", "x-y")]
