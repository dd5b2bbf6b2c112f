"""Pressure and upsell language."""
from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="vip.pushy_sales",
    dimension="vip",
    description="Pressure or upsell language (limited time, act now, don't miss out, upgrade today).",
    message="This pressures the customer to buy.",
    explanation="Urgency tactics make people feel sold to, and they trust you less for it. Explain the value "
                "and let them decide in their own time; a customer who chooses freely stays longer.",
    severity="warning",
    weight=8.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("pushy_sales")["patterns"])


check = phrase_check(RULE, PATTERN)
