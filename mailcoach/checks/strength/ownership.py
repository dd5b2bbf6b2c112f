"""The writer owns a mistake or decision."""
import re

from ... import phrases
from .. import Rule, matches_within, phrase_check

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


# not, n't, no or never, then at most one word before the match. (Written to start with the
# letter n, so that `re` can skip to the next n at C speed: \bnot|n't|\bno|\bnever tries every
# alternative at every position, three times as slow.)
_NEGATED = re.compile(r"n(?:(?<=\bn)(?:ot|o|ever)|['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _negated(doc, m) -> bool:
    """'not our fault' disowns; it is the opposite of ownership."""
    return bool(_NEGATED.search(doc.scored, max(0, m.start() - 20), m.start()))


def owns(doc, start: int, end: int) -> bool:
    """Whether the writer owns something in the sentences between start and end."""
    found = matches_within(doc, PATTERN, start, end)
    if found is None:
        found = PATTERN.finditer(doc.lower, start, end, index=doc.index)
    return any(not _negated(doc, m) for m in found)


check = phrase_check(RULE, PATTERN, skip=_negated)
