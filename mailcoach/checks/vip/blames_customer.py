"""Telling the customer they are wrong, lecturing them, or assuming carelessness."""
from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="vip.blames_customer",
    dimension="vip",
    description="It tells the customer they are wrong, lectures them, or assumes bad intent or carelessness.",
    message="This tells the customer they are at fault.",
    explanation="Even when a customer misread something, saying so puts them on the defensive and makes the "
                "exchange a contest. Assume good faith, explain what happened, and help them forward: they "
                "remember how you made them feel long after the issue is solved.",
    severity="warning",
    weight=14.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("blames_customer")["patterns"])


check = phrase_check(RULE, PATTERN)
