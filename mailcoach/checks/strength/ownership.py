"""The writer owns a mistake or decision."""
import re

from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="strength.ownership",
    dimension="transparency",
    description="The writer owns a mistake or decision (that's on us, our mistake, you're right).",
    message="You own the mistake.",
    explanation="Customers forgive mistakes far more readily than excuses. Owning one openly is what earns "
                "their trust back.",
    severity="info",
    weight=10.0,
)

PATTERN = phrases.compile_patterns(phrases.section("ownership")["patterns"])


_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bno|\bnever)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _negated(doc, m) -> bool:
    """'not our fault' disowns; it is the opposite of ownership."""
    return bool(_NEGATED.search(doc.scored, max(0, m.start() - 20), m.start()))


def owns(doc, start: int, end: int) -> bool:
    """Whether the writer owns something between start and end."""
    return any(not _negated(doc, m) for m in PATTERN.finditer(doc.lower, start, end, index=doc.index))


check = phrase_check(RULE, PATTERN, skip=_negated)
