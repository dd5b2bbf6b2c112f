"""Passive voice that hides who caused a problem."""
import re

from ... import phrases
from ...matching import PhrasePattern
from .. import Rule

RULE = Rule(
    id="transparency.hidden_agency",
    dimension="transparency",
    description="Passive voice hides who caused a problem (mistakes were made, your account was suspended) — "
                "not benign passives (your parcel was delivered).",
    message="Say who did this: the passive hides who is responsible.",
    explanation="“Your account was suspended” leaves the customer wondering who did it and why. Saying "
                "“we suspended your account because…” is more honest and gives them someone to talk to.",
    weight=7.0,
)

_DATA = phrases.section("hidden_agency")
_VERBS = "|".join(phrases._adapt(v) for v in _DATA["problem_verbs"])
# a form of "be" or "get", an optional adverb, then a problem verb in the passive
# (a phrase list, so the one-pass matcher tries it only at those forms of "be" and "get")
PASSIVE = PhrasePattern([
    rf"(?:was|were|has been|have been|had been|is being|are being|got|gets|is|are)\s+"
    rf"(?:(?:accidentally|mistakenly|incorrectly|wrongly|unfortunately|already|also|just|then)\s+)?"
    rf"(?:{_VERBS})",
])
IMPERSONAL = phrases.compile_patterns(_DATA["patterns"])
# "... by our team" names the agent; "by mistake" or "by accident" does not
_AGENT = re.compile(r"\s+by\s+(?!mistake|accident|error|default)(?:\w+\s+){0,2}?(?:us|me|our|my|we|the|your|a|an)\b")
# a passive describing the reader's own choice or something the writer is doing for them
_BENIGN_BEFORE = re.compile(r"(?:\bas\s+you\s+(?:asked|requested)|\bat\s+your\s+request)[^.!?\n]{0,40}$")


def check(doc, config):
    text = doc.lower  # every pattern here is lower case
    for m in doc.find_all(PASSIVE):
        if _AGENT.match(text, m.end()):
            continue
        line_start = text.rfind("\n", max(0, m.start() - 80), m.start()) + 1
        if _BENIGN_BEFORE.search(text, max(line_start, m.start() - 80), m.start()):
            continue
        yield RULE.finding(doc, m.start(), m.end())
    for m in doc.find_all(IMPERSONAL):
        yield RULE.finding(doc, m.start(), m.end())
