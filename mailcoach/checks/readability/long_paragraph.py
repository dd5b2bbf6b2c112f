"""Paragraphs too long to read comfortably on a phone."""
import re
from bisect import bisect_left
from itertools import accumulate
from operator import attrgetter

from .. import Rule

RULE = Rule(
    id="readability.long_paragraph",
    dimension="readability",
    description="A paragraph is too long to read comfortably on a phone.",
    message="This paragraph is long for a phone screen; break it up.",
    explanation="On a phone a long paragraph fills the screen as a wall of text, and readers skim or skip it. "
                "Short paragraphs, each about one thing, let the customer see the structure at a glance.",
    weight=4.0,
)


# a bulleted or numbered line: a list is easy to scan on a phone, however many words it holds
LIST_ITEM = re.compile(r"[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]+")

_START, _WORDS = attrgetter("start"), attrgetter("words")


def _is_list(doc, p) -> bool:
    lines = doc.scored[p.start:p.end].split("\n")
    return sum(1 for line in lines if LIST_ITEM.match(line)) * 2 > len(lines)


def check(doc, config):
    t = config.thresholds
    sentences = doc.sentences
    # a paragraph holds the sentences that begin in it; running totals of their words give each
    # paragraph's count without a sum per paragraph
    starts = list(map(_START, sentences))
    words_before = list(accumulate(map(_WORDS, sentences), initial=0))
    for p in doc.paragraphs:
        first, last = bisect_left(starts, p.start), bisect_left(starts, p.end)
        n_sentences, n_words = last - first, words_before[last] - words_before[first]
        too_long = n_words > t.paragraph_words or (
            n_sentences > t.paragraph_sentences and n_words > t.paragraph_words * 0.6)
        # most paragraphs are short: only a long one is worth reading line by line for a list
        if too_long and not _is_list(doc, p):
            yield RULE.finding(doc, p.start, p.end,
                               message=f"This paragraph is long for a phone screen ({n_words} words, "
                                       f"{n_sentences} sentences); break it up.")
