"""Pushing responsibility onto others or onto circumstances."""
from ... import phrases
from .. import Rule, phrase_matches, sentence_span, user_phrase_findings
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


def check(doc, config):
    owned: dict[tuple[int, int], bool] = {}  # by sentence: a sentence may deflect more than once

    def _owned(doc, m) -> bool:
        """Naming the courier while owning the choice of it ("we picked the courier, so this is on us")."""
        span = sentence_span(doc, m.start())
        found = owned.get(span)
        if found is None:
            found = owned[span] = ownership.owns(doc, *span)
        return found

    found = RULE.findings(doc, phrase_matches(doc, PATTERN, skip=_owned))
    return found + user_phrase_findings(doc, RULE, config) if config.phrases else found
