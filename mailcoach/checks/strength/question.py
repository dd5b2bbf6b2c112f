"""The writer asks the reader about their needs, preferences or feedback."""
from ... import phrases
from .. import Rule, by_sentence
from ..vip import blames_customer

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
INVITATION = phrases.compile_patterns(phrases.section("question")["invitations"])


def check(doc, config):
    to_reader, inviting = by_sentence(doc, TO_READER), by_sentence(doc, INVITATION)
    if not (to_reader or inviting):  # (most drafts: then no sentence need be looked at)
        return []
    blaming = by_sentence(doc, blames_customer.PATTERN)
    sentences, questions = doc.sentences, doc.questions
    asked = []
    for i in sorted(to_reader.keys() | inviting.keys()):
        if questions[i]:
            if i in to_reader and i not in blaming:
                asked.append(sentences[i])
        elif i in inviting:
            asked.append(sentences[i])
    return RULE.findings(doc, [(s.start, s.end) for s in asked])
