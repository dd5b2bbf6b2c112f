"""Commands, shouting and threats aimed at the reader."""
import re

from ... import phrases
from .. import Rule, phrase_matches, user_phrase_findings

RULE = Rule(
    id="vip.demanding",
    dimension="vip",
    description="Commands and pressure aimed at the reader: must/need to/immediately, shouting in capitals, "
                "stacked exclamation marks, threats.",
    message="This reads as an order to the customer.",
    explanation="Customers are not staff to be directed. Orders, capitals and threats feel like a reprimand; "
                "a request that explains what is needed and why gets a faster, friendlier answer.",
    weight=7.0,
    takes_phrases=True,
)

PATTERN = phrases.compile_patterns(phrases.section("demanding")["patterns"])
EXCLAMATIONS = re.compile(r"!{2,}")
# Capitals read as shouting when they carry ordinary words ("PLEASE READ THIS", "YOU MUST", "TODAY"),
# not when they spell a product or an acronym ("STUDIO PRO", "FAQ"): a run of capital words counts
# if it holds one of these words, or is four words long. Runs are found by one linear scan.
SHOUTED_WORDS = frozenset("PLEASE READ THIS THAT YOU YOUR MUST NOW NOT NEVER DO DON'T STOP TODAY IMMEDIATELY "
                          "URGENT IMPORTANT FINAL WARNING NEED NEEDS WILL ALL BEFORE ASAP ONLY ARE IS THE".split())
# (it starts with the capital, not with \\b, so that `re` can skip to capitals at C speed; the
# lookbehind is the \\b: no word character before the first capital)
CAPITALS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z']+(?:[ \t]+[A-Z][A-Z']+)*\b")


def _shouting(run: str) -> bool:
    words = run.split()
    return len(words) >= 4 or any(w in SHOUTED_WORDS for w in words)


# every capital letter as "A", every other byte as it is
_CAPITALS_AS_A = bytes.maketrans(bytes(range(ord("A"), ord("Z") + 1)), b"A" * 26)


def _may_shout(text: str) -> bool:
    """False when `text` cannot hold a shouting run of capitals. Every word of SHOUTED_WORDS
    starts with two capitals; a run of four words with no two capitals in a row needs four words
    that start with a capital and an apostrophe. Told at C speed from a byte copy (UTF-8 keeps
    ASCII neighbours together): the regex search costs several times as much, and most drafts
    shout nowhere."""
    marked = text.encode("utf-8", "replace").translate(_CAPITALS_AS_A)
    return b"AA" in marked or marked.count(b"A'") >= 4


# an asap/immediately that the writer promises is a vague commitment, not a demand on the reader
_WRITER_PROMISE = re.compile(r"\b(?:we|I)(?:['’](?:ll|m|re)|\s+will|\s+are|\s+am)\b[^.!?\n]{0,60}$", re.IGNORECASE)


def check(doc, config):
    for start, end in phrase_matches(doc, PATTERN, skip=_writer_promise):
        yield RULE.finding(doc, start, end)
    for m in EXCLAMATIONS.finditer(doc.scored) if "!!" in doc.scored else ():
        yield RULE.finding(doc, m.start(), m.end(), message="Stacked exclamation marks read as shouting.",
                           replacements=("!", "."))
    capitals = CAPITALS.finditer(doc.scored) if _may_shout(doc.scored) else ()
    for m in (m for m in capitals if _shouting(m.group())):
        yield RULE.finding(doc, m.start(), m.end(), message="Words in capitals read as shouting.",
                           replacements=(m.group().capitalize(),))
    yield from user_phrase_findings(doc, RULE, config)


_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|whether|in case|should)\s+$")


def _writer_promise(doc, m) -> bool:
    if _CONDITIONAL.search(doc.lower, max(0, m.start() - 16), m.start()):
        return True  # "reply if you need to change the time" asks nothing of the reader
    word = m.group().lower()
    if word not in ("immediately", "asap", "at once", "right now", "without delay", "without further delay"):
        return False
    window = max(0, m.start() - 80)  # the clause before it, never the whole (possibly huge) line
    line_start = doc.scored.rfind("\n", window, m.start()) + 1
    return bool(_WRITER_PROMISE.search(doc.scored, max(line_start, window), m.start()))
