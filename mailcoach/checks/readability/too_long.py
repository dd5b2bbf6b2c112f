"""Drafts longer than the length target."""
from .. import Rule

RULE = Rule(
    id="readability.too_long",
    dimension="readability",
    description="The draft is longer than the length target for its audience (whole draft).",
    message="This email is long; say what matters most in fewer words.",
    explanation="Busy customers read the first lines and skim the rest. A shorter email gets read in full, "
                "and shows you respect their time.",
    weight=6.0,
)


def check(doc, config):
    words = len(doc.word_texts)
    target = config.thresholds.length_target
    if words > target:
        yield RULE.finding(doc, None, None,
                           message=f"This email has {words} words; aim for {target} or fewer.",
                           severity="warning" if words > 2 * target else "suggestion")
