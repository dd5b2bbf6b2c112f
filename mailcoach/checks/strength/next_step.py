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
    times, actors = by_sentence(doc, TIME), by_sentence(doc, ACTOR)
    # "pay by Friday or we will suspend you" and "renew before Friday to lock in the rate" are no plan
    pressure = by_sentence(doc, demanding.PATTERN).keys() | by_sentence(doc, pushy_sales.PATTERN).keys()
    for i in sorted((times.keys() & actors.keys()) - pressure):
        s = doc.sentences[i]
        yield RULE.finding(doc, s.start, s.end)
