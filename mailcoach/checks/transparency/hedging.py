"""Stacked hedges that make a message evasive."""
from ... import phrases
from .. import Rule, by_sentence

RULE = Rule(
    id="transparency.hedging",
    dimension="transparency",
    description="Stacked hedges that make the message evasive (might possibly, perhaps, sort of, arguably).",
    message="Several hedges in one sentence make it sound evasive; say it plainly.",
    explanation="One “might” is honest uncertainty. Several in a row sound like you are avoiding an answer, "
                "and the customer cannot tell what will actually happen. Say what you know and what you don't.",
    weight=5.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("hedging")["hedges"])
STACK = 2  # hedges in one sentence before it reads as evasive


def check(doc, config):
    user = config.phrases.get(RULE.id)
    pattern = phrases.compile_patterns(list(phrases.section("hedging")["hedges"]) + [phrases.literal(p) for p in user]) \
        if user else PATTERN
    for matches in by_sentence(doc, pattern).values():
        found = [m for m in matches if not _polite_request(doc, m)]
        if len(found) >= STACK:
            yield RULE.finding(doc, found[0].start(), found[-1].end(),
                               message=f"{len(found)} hedges in one sentence sound evasive; say it plainly.")


def _polite_request(doc, m) -> bool:
    """'may I', 'could you' and the month May are not hedges."""
    word = m.group().lower()
    after = doc.scored[m.end():m.end() + 4].lower()
    if word == "may" and (doc.scored[m.start()] == "M" and m.start() > 0 and doc.scored[m.start() - 1] not in ".!?\n"):
        return True
    return word in ("may", "could be") and after.startswith((" i ", " we "))
