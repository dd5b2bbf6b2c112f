"""Apologies for nothing in particular, or for the reader's feelings."""
from ... import phrases
from .. import Rule, phrase_check

RULE = Rule(
    id="transparency.non_apology",
    dimension="transparency",
    description="An apology that apologises for nothing specific or for the reader's feelings "
                "(sorry for any inconvenience, sorry if you feel).",
    message="This apology names nothing; say what went wrong.",
    explanation="“Sorry for any inconvenience” could be pasted into any email, and customers know it. "
                "Apologising for how they feel shifts the problem onto them. Name what went wrong and that it "
                "was yours to fix: that is what makes an apology believable.",
    weight=8.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("non_apology")["patterns"])


check = phrase_check(RULE, PATTERN)
