"""Words and phrases with a plainer equivalent."""
from functools import lru_cache

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
    text = doc.text
    for m in doc.find_all(PATTERN):
        start, end = m.start(), m.end()
        original = text[start:end]
        key = phrases.normalise(m.group())
        repl, shown = _suggested(key, original[:1].isupper()) if key in REPLACEMENTS else ((), "leaving it out")
        yield RULE.finding(doc, start, end, replacements=repl,
                           message=f"“{original}” has a plainer form: try {shown}.")
    yield from user_phrase_findings(doc, RULE, config)


@lru_cache(maxsize=None)  # keyed by the table's own phrases, never by a draft's words
def _suggested(key: str, capitalised: bool) -> tuple[tuple[str, ...], str]:
    """A phrase's replacements, capitalised as the draft's phrase is, and how the message lists them."""
    repl = tuple(_match_case(r, capitalised) for r in REPLACEMENTS[key])
    return repl, ", ".join(f"“{r}”" for r in repl if r) or "leaving it out"


def _match_case(replacement: str, capitalised: bool) -> str:
    if replacement and capitalised:
        return replacement[:1].upper() + replacement[1:]
    return replacement
