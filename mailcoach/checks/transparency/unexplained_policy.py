"""Refusals and rules given with no reason."""
from ... import phrases
from .. import Rule, finds_within, may_match, phrase_check

RULE = Rule(
    id="transparency.unexplained_policy",
    dimension="transparency",
    description="A refusal or rule with no reason given (per our policy, we are unable to, no exceptions).",
    message="This refuses without saying why; give the reason.",
    explanation="A bare “it's our policy” feels like a wall. People accept a decision they understand: give "
                "the reason behind the rule, and, where you can, what they can do instead.",
    weight=9.0,
    takes_phrases=True,
)

_DATA = phrases.section("unexplained_policy")
PATTERN = phrases.compile_patterns(_DATA["patterns"])
REASON = phrases.compile_patterns(_DATA["reasons"])
REASON_BEFORE = phrases.compile_patterns(_DATA["reasons_before"])


def _explained(doc, m) -> bool:
    """A reason in the same sentence or the next one explains the rule, and so does one in the
    sentence before that points forward to it ("that is why")."""
    i = doc.sentence_index(m.start())
    if i is None:
        return False
    sentences = doc.sentences
    end = sentences[i + 1].end if i + 1 < len(sentences) else sentences[i].end
    if finds_within(doc, REASON, sentences[i].start, end):
        return True
    if i == 0:
        return False
    before = sentences[i - 1].start  # up to where the rule starts: never inside a word, as may_match needs
    return may_match(doc, REASON_BEFORE, before, m.start()) and bool(doc.find(REASON_BEFORE, before, m.start()))


check = phrase_check(RULE, PATTERN, skip=_explained)
