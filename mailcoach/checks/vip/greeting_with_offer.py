"""A personal greeting spoiled by a sales offer."""
from ... import phrases
from .. import Rule

RULE = Rule(
    id="vip.greeting_with_offer",
    dimension="vip",
    description="A personal greeting (birthday, anniversary, holiday, congratulations, welcome) is mixed with a sales offer.",
    message="A personal greeting is paired with a sales offer; send the wishes on their own.",
    explanation="A birthday or anniversary note is a gift; attaching a discount turns it into an advert and "
                "tells the customer the wishes were a pretext. Keep greetings pure and make offers another day.",
    severity="warning",
    weight=12.0,
)

_DATA = phrases.section("greeting_with_offer")
GREETING = phrases.compile_patterns(_DATA["greetings"])
OFFER = phrases.compile_patterns(_DATA["offers"])


def check(doc, config):
    subject = (doc.subject or "").lower()
    if not (doc.find(GREETING) or GREETING.regex.search(subject)):
        return
    for m in doc.find_all(OFFER):
        yield RULE.finding(doc, m.start(), m.end())
