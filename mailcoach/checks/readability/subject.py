"""A subject line that is missing or too long to take in at a glance."""
from .. import Rule

RULE = Rule(
    id="readability.subject",
    dimension="readability",
    description="The subject line is empty or too long to take in at a glance (checked only when a subject is passed).",
    message="Add a short subject that says what the email is about.",
    explanation="The subject is what the customer sees in a crowded inbox, often cut off on a phone. A short, "
                "specific subject tells them why to open it and helps them find it again later.",
    weight=4.0,
)


def check(doc, config):
    subject = doc.subject
    if subject is None:
        return
    t = config.thresholds
    words = len(subject.split())
    if not subject.strip():
        yield RULE.finding(doc, None, None, message="The subject is empty; add a few words that say what this is about.",
                           severity="warning")
    elif words > t.subject_max_words or len(subject) > t.subject_max_chars:
        yield RULE.finding(doc, None, None,
                           message=f"The subject is long ({words} words, {len(subject)} characters); "
                                   f"keep it under {t.subject_max_words} words so it shows in full on a phone.")
