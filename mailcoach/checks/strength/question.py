"""The writer asks the reader about their needs, preferences or feedback."""
from ... import phrases
from .. import Rule
from ..vip import blames_customer, no_question

RULE = Rule(
    id="strength.question",
    dimension="vip",
    description="The writer asks the reader about their needs, preferences or feedback.",
    message="You ask the customer what they need or think.",
    explanation="A genuine question invites the customer into the decision and tells you what matters to them.",
    severity="info",
    weight=6.0,
)

TO_READER = phrases.compile_patterns(phrases.section("question")["patterns"])


def check(doc, config):
    for s in doc.sentences:
        sentence = doc.lower[s.start:s.end]
        if sentence.rstrip("\"'”’) ").endswith("?"):
            if TO_READER.search(sentence) and not blames_customer.PATTERN.search(sentence):
                yield RULE.finding(doc, s.start, s.end)
        else:
            m = no_question.INVITATION.search(doc.lower, s.start, s.end)
            if m:
                yield RULE.finding(doc, s.start, s.end)
