"""Words and phrases with a plainer equivalent."""
from ... import phrases
from .. import Rule, user_phrase_findings

RULE = Rule(
    id="readability.complex_word",
    dimension="readability",
    description="A word or phrase has a plainer equivalent (utilize → use, in order to → to, at this point in time → now).",
    message="A word or phrase has a plainer form.",
    explanation="Plain words are read faster and sound like a person rather than a form letter. They also "
                "help customers who read English as a second language.",
    weight=2.0,
    takes_phrases=True,
)

PATTERN, REPLACEMENTS = phrases.compile_table(phrases.section("complex_word"), literal_keys=True)


def check(doc, config):
    for m in doc.find_all(PATTERN):
        original = doc.text[m.start():m.end()]
        repl = REPLACEMENTS.get(phrases.normalise(m.group()), ())
        repl = tuple(_match_case(r, original) for r in repl)
        shown = ", ".join(f"“{r}”" for r in repl if r) or "leaving it out"
        yield RULE.finding(doc, m.start(), m.end(), replacements=repl,
                           message=f"“{original}” has a plainer form: try {shown}.")
    yield from user_phrase_findings(doc, RULE, config)


def _match_case(replacement: str, original: str) -> str:
    if replacement and original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
