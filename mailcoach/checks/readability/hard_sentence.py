"""Sentences that are hard to read: very long, or written at a high grade level."""
from .. import Rule

RULE = Rule(
    id="readability.hard_sentence",
    dimension="readability",
    description="A sentence is hard to read (high grade level or very long); severity rises for very hard ones.",
    message="This sentence is hard to read; split it or use shorter words.",
    explanation="Customers often read on a phone, between other things. A long or dense sentence makes them "
                "work to find what you mean, and the key point can get lost. One idea per sentence reads fastest.",
    weight=5.0,
)

MIN_WORDS_FOR_GRADE = 10  # short sentences can score a high grade from one long word; ignore those


def check(doc, config):
    t = config.thresholds
    for s in doc.sentences:
        long = s.words >= t.hard_sentence_words
        dense = s.words >= MIN_WORDS_FOR_GRADE and s.grade > t.hard_sentence_grade
        if not (long or dense):
            continue
        very = s.words >= t.hard_sentence_words * 1.6 or s.grade > t.hard_sentence_grade + 5
        reason = f"{s.words} words" if long else f"grade {s.grade:.0f}"
        yield RULE.finding(
            doc, s.start, s.end,
            message=f"This sentence is hard to read ({reason}); split it or use shorter words.",
            severity="warning" if very else "suggestion",
        )
