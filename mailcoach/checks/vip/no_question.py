"""Drafts of some length that ask the reader nothing."""
from ... import phrases
from .. import Rule

RULE = Rule(
    id="vip.no_question",
    dimension="vip",
    description="A draft of some length asks the reader nothing: no invitation to share needs, goals or feedback (whole draft).",
    message="Ask the customer something: what they need, or how this worked for them.",
    explanation="A question turns a notice into a conversation. Asking about their needs or their view shows "
                "the customer that their opinion counts, and tells you what they actually want.",
    weight=5.0,
)

INVITATION = phrases.compile_patterns(phrases.section("no_question")["invitations"])


def check(doc, config):
    if len(doc.word_texts) < config.thresholds.no_question_min_words:
        return
    if "?" in doc.scored or doc.find(INVITATION):
        return
    yield RULE.finding(doc, None, None)
