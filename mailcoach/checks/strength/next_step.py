"""A concrete next step with a time or date."""
from ... import phrases
from .. import Rule, by_sentence
from ..vip import demanding, pushy_sales

RULE = Rule(
    id="strength.next_step",
    dimension="transparency",
    description="A concrete next step with a time or date (by 5 pm, on Tuesday, March 11).",
    message="You give a concrete next step with a time.",
    explanation="A date or time turns a promise into a plan the customer can count on, and they need not "
                "chase you for news.",
    severity="info",
    weight=8.0,
)

_DATA = phrases.section("next_step")
TIME = phrases.compile_patterns(_DATA["times"])
ACTOR = phrases.compile_patterns(_DATA["actors"])


def check(doc, config):
    planned = set(by_sentence(doc, TIME))
    if planned:  # (most drafts name no time: then nothing else need be looked for)
        planned &= by_sentence(doc, ACTOR).keys()
    if planned:
        # "pay by Friday or we will suspend you" and "renew before Friday to lock in the rate" are no plan
        planned -= by_sentence(doc, demanding.PATTERN).keys() | by_sentence(doc, pushy_sales.PATTERN).keys()
    sentences = doc.sentences
    return RULE.findings(doc, [(sentences[i].start, sentences[i].end) for i in sorted(planned)])
