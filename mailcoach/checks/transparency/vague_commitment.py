"""Promises with no concrete time or step."""
import re

from ... import phrases
from .. import Rule, finds_within, phrase_check, sentence_span
from ..strength import next_step

RULE = Rule(
    id="transparency.vague_commitment",
    dimension="transparency",
    description="A promise with no concrete time or step (soon, shortly, in due course, we'll look into it).",
    message="This promise has no time; say when, or what happens next.",
    explanation="“Soon” means tomorrow to the customer and next month to a busy team. A date or a concrete "
                "step sets an expectation you can meet, and spares them chasing you.",
    weight=6.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("vague_commitment")["patterns"])


# "hope to see you again soon" is a farewell, not a promise
FAREWELL = re.compile(r"\b(?:hope|look(?:ing)? forward|see you|speak|talk|hear from you|chat)\b")


def _has_time(doc, m) -> bool:
    start, end = sentence_span(doc, m.start())
    return finds_within(doc, next_step.TIME, start, end) or bool(FAREWELL.search(doc.lower, start, end))


check = phrase_check(RULE, PATTERN, skip=_has_time)
