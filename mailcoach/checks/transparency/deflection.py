"""Pushing responsibility onto others or onto circumstances."""
from ... import phrases
from .. import Rule, phrase_check, sentence_span
from ..strength import ownership

RULE = Rule(
    id="transparency.deflection",
    dimension="transparency",
    description="Responsibility is pushed onto others or circumstances (not our fault, outside our control, "
                "the courier, other providers are worse).",
    message="This pushes the responsibility elsewhere.",
    explanation="To the customer, you are the company they chose; who else was involved is your business, not "
                "theirs. Pointing at a courier, a system or a competitor sounds like an excuse. Own the problem "
                "and say what you are doing about it.",
    severity="warning",
    weight=14.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("deflection")["patterns"])


def _owned(doc, m) -> bool:
    """Naming the courier while owning the choice of it ("we picked the courier, so this is on us")."""
    return ownership.owns(doc, *sentence_span(doc, m.start()))


check = phrase_check(RULE, PATTERN, skip=_owned)
