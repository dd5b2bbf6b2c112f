"""A specific apology that names what went wrong."""
from ... import phrases
from .. import Rule, phrase_check
from ..transparency import non_apology

RULE = Rule(
    id="strength.apology",
    dimension="transparency",
    description="A specific apology that names what went wrong.",
    message="You apologise for something specific.",
    explanation="Naming what went wrong shows you understood the problem, not just that the customer is upset.",
    severity="info",
    weight=6.0,
)

PATTERN = phrases.compile_patterns(phrases.section("apology")["patterns"])


def _generic(doc, m) -> bool:
    line_end = doc.scored.find("\n", m.start())
    window_end = min(len(doc.scored), m.end() + 80) if line_end < 0 else min(line_end, m.end() + 80)
    return bool(doc.find(non_apology.PATTERN, m.start(), window_end))


check = phrase_check(RULE, PATTERN, skip=_generic)
