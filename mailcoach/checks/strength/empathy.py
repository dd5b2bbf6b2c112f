"""The writer acknowledges the reader's situation or feelings."""
from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="strength.empathy",
    dimension="vip",
    description="The writer acknowledges the reader's situation or feelings (I understand, I can see why).",
    message="You acknowledge how this affects the customer.",
    explanation="Showing that you see the situation from their side tells the customer they were heard "
                "before you move on to solutions.",
    severity="info",
    weight=5.0,
)

PATTERN = phrases.compile_patterns(phrases.section("empathy")["patterns"])


check = phrase_check(RULE, PATTERN)
