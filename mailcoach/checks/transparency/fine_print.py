"""Undisclosed conditions instead of the actual terms."""
from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="transparency.fine_print",
    dimension="transparency",
    description="Undisclosed conditions (restrictions apply, fees may apply, subject to change) instead of the actual terms.",
    message="This hints at conditions without stating them; spell out the terms.",
    explanation="“Restrictions apply” tells the customer there is a catch but not what it is. Stating the "
                "actual conditions up front avoids surprises later, and surprises are what break trust.",
    severity="warning",
    weight=9.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("fine_print")["patterns"])


check = phrase_check(RULE, PATTERN)
