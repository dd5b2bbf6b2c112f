"""Paragraphs too long to read comfortably on a phone."""
import re

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

def _is_list(doc, p) -> bool:
    lines = doc.scored[p.start:p.end].split("\n")
    return sum(1 for line in lines if LIST_ITEM.match(line)) * 2 > len(lines)


def check(doc, config):
    t = config.thresholds
    for p in doc.paragraphs:
        sentences = doc.sentences_in(p.start, p.end)
        n_words = sum(s.words for s in sentences)
        too_long = n_words > t.paragraph_words or (
            len(sentences) > t.paragraph_sentences and n_words > t.paragraph_words * 0.6)
        # most paragraphs are short: only a long one is worth reading line by line for a list
        if too_long and not _is_list(doc, p):
            yield RULE.finding(doc, p.start, p.end,
                               message=f"This paragraph is long for a phone screen ({n_words} words, "
                                       f"{len(sentences)} sentences); break it up.")
