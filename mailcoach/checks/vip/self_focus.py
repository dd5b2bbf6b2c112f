"""Drafts that talk about us far more than about the reader."""
from ...document import WE_WORDS, YOU_WORDS
from .. import Rule

RULE = Rule(
    id="vip.self_focus",
    dimension="vip",
    description="The draft talks about us (I, we, our) far more than about the reader (you, your) (whole draft).",
    message="This email is mostly about us; turn it towards the reader.",
    explanation="Customers care about what changes for them. Sentences built around “you” and “your” keep "
                "the focus on their needs and make them feel attended to rather than told about our company.",
    weight=7.0,
)


def check(doc, config):
    t = config.thresholds
    we, you = doc.count(WE_WORDS), doc.count(YOU_WORDS)
    if we >= t.self_focus_min_words and we > t.self_focus_ratio * max(you, 1):
        yield RULE.finding(doc, None, None,
                           message=f"This email says I/we/our {we} times and you/your {you} times; "
                                   f"turn more sentences towards the reader.")
