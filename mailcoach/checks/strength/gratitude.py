"""The writer thanks or appreciates the reader."""
import re

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


SIGN_OFF = re.compile(r"[ \t]*(?:many |thanks? and |with )?(?:thanks|thank you|cheers)(?: again| and (?:kind |best )?regards)?[ \t]*[,!.]?[ \t]*$")


def _not_gratitude(doc, m) -> bool:
    """'no thanks' declines something, and a bare 'Thanks,' above the name is a sign-off formula:
    neither thanks the reader for anything."""
    if doc.lower[max(0, m.start() - 3):m.start()] == "no ":
        return True
    line_start = doc.lower.rfind("\n", 0, m.start()) + 1
    line_end = doc.lower.find("\n", m.end())
    line = doc.lower[line_start:len(doc.lower) if line_end < 0 else line_end]
    return bool(SIGN_OFF.fullmatch(line)) and not doc.lower[line_end:].strip("\n ").count("\n") > 3


check = phrase_check(RULE, PATTERN, skip=_not_gratitude)
