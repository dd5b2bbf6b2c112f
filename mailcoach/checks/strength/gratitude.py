"""The writer thanks or appreciates the reader."""
from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="strength.gratitude",
    dimension="vip",
    description="The writer thanks or appreciates the reader.",
    message="You thank the customer.",
    explanation="Gratitude tells customers they are valued, not processed. It is the simplest way to treat "
                "someone as a VIP.",
    severity="info",
    weight=8.0,
)

PATTERN = phrases.compile_patterns(phrases.section("gratitude")["patterns"])


def _refused(doc, m) -> bool:
    """'no thanks' declines something; it thanks nobody."""
    return doc.lower[max(0, m.start() - 3):m.start()] == "no "


check = phrase_check(RULE, PATTERN, skip=_refused)
