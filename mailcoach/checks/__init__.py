"""One check per module, its metadata beside it (as in proselint).

Each module defines `RULE` (a `Rule`) and `check(doc, config) -> Iterable[Finding]`.
`mailcoach.rules` collects them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..phrases import compile_table, normalise
from ..report import Finding


@dataclass(frozen=True)
class Rule:
    """A rule's public contract: its id (from RULES.md), what it is about and what it tells the writer."""

    id: str
    dimension: str  # readability, vip, transparency (strengths name the dimension they lift)
    description: str
    message: str  # one line shown beside the flagged words
    explanation: str  # why it matters to the customer
    severity: str = "suggestion"  # Vale's levels; strengths are "info"
    weight: float = 5.0  # points a finding moves its dimension's score (down, or up for a strength)
    takes_phrases: bool = False  # an organisation may add its own phrases in the config

    @property
    def is_strength(self) -> bool:
        return self.severity == "info"

    def finding(self, doc, start: int | None, end: int | None, *, message: str | None = None,
                severity: str | None = None, replacements: Iterable[str] = ()) -> Finding:
        # Finding's fields by position: a draft makes dozens, and keywords double the cost.
        excerpt = doc.text[start:end] if start is not None and end is not None else ""
        return Finding(self.id, self.dimension, severity or self.severity, start, end, excerpt,
                       message or self.message, self.explanation, tuple(replacements))

    def findings(self, doc, spans: Iterable[tuple[int, int]]) -> list[Finding]:
        """finding() of each (start, end), with the rule's own message and severity: the common
        case, built in one loop without finding()'s defaults to resolve for each."""
        text, rule_id, dimension, severity = doc.text, self.id, self.dimension, self.severity
        message, explanation = self.message, self.explanation
        return [Finding(rule_id, dimension, severity, start, end, text[start:end], message, explanation, ())
                for start, end in spans]


def phrase_matches(doc, pattern, *, skip=None) -> list[tuple[int, int]]:
    """(start, end) of every match of `pattern` in the scored text, minus those `skip` rejects."""
    found = doc.find_all(pattern)
    if not found:  # most lists match nowhere in a draft
        return []
    return [(m.start(), m.start() + len(m.group().rstrip())) for m in found
            if skip is None or not skip(doc, m)]


def phrase_check(rule: Rule, pattern, *, skip=None):
    """The check of a rule that is a phrase list: each match (minus those `skip` rejects), then
    the phrases an organisation added to the rule in its config (if the rule takes them)."""
    takes_phrases = rule.takes_phrases

    def check(doc, config) -> list[Finding]:
        spans = phrase_matches(doc, pattern, skip=skip)
        found = rule.findings(doc, spans) if spans else []
        if takes_phrases and config.phrases:
            found += user_phrase_findings(doc, rule, config)
        return found

    return check


def user_phrase_findings(doc, rule: Rule, config) -> list[Finding]:
    """Findings for the phrases an organisation added to this rule in its config."""
    table = config.phrases.get(rule.id)
    if not table:
        return []
    pattern, lookup = compile_table(table, literal_keys=True)
    return [rule.finding(doc, m.start(), m.end(), replacements=lookup.get(normalise(m.group()), ()))
            for m in doc.find_all(pattern)]


def by_sentence(doc, pattern) -> dict[int, list]:
    """Every match of `pattern` in the draft, grouped by the index of the sentence it starts in.
    One scan of the whole draft is far cheaper than one search per sentence."""
    out: dict[int, list] = {}
    found = doc.find_all(pattern)
    if not found:  # most lists match nowhere in a draft
        return out
    # matches and sentences both run in reading order: one walk along the two, not a binary
    # search per match (as doc.sentence_index would)
    sentences = doc.sentences
    i, n = 0, len(sentences)
    for m in found:
        start = m.start()
        while i < n and sentences[i].end <= start:
            i += 1
        if i == n:
            break
        if sentences[i].start <= start:  # (else it starts between sentences)
            group = out.get(i)
            if group is None:
                out[i] = [m]
            else:
                group.append(m)
    return out


# Windowed searches, read off the whole-draft matches. A check often asks whether a phrase list
# matches in one sentence or near a match; searching the stretch costs a regex call per candidate
# word, while the whole draft's matches of every built-in list are already found. The two agree
# when the stretch's end is not inside a word and the list has no `$`, `\B` or lookahead of its
# own (none of the built-in lists has; tests/test_checks_speedups.py checks both): a match that
# fits in the stretch is then a match of the whole text too, or lies inside one.


def may_match(doc, pattern, start: int, end: int) -> bool:
    """False when `pattern` cannot match within doc.lower[start:end]: no match of it in the whole
    draft touches that stretch (`end` not inside a word)."""
    return any(m.start() < end and m.end() > start for m in doc.find_all(pattern))


def matches_within(doc, pattern, start: int, end: int) -> list | None:
    """The matches of `pattern` within doc.lower[start:end], as doc.find and finditer give them,
    when the stretch ends where a sentence does (followed by space or the end of the text).
    None when a whole-draft match crosses either edge: then search the stretch itself."""
    out = []
    for m in doc.find_all(pattern):
        m_start, m_end = m.start(), m.end()
        if m_end <= start:
            continue
        if m_start >= end:
            break
        if m_start < start or m_end > end:
            return None
        out.append(m)
    return out


def finds_within(doc, pattern, start: int, end: int) -> bool:
    """Whether `pattern` matches within doc.lower[start:end], a stretch of whole sentences
    (as doc.find would tell, mostly without searching)."""
    found = matches_within(doc, pattern, start, end)
    return bool(found) if found is not None else doc.find(pattern, start, end) is not None


def sentence_span(doc, offset: int) -> tuple[int, int]:
    """The sentence holding `offset` (or the whole text if none does)."""
    s = doc.sentence_at(offset)
    return (s.start, s.end) if s else (0, len(doc.scored))
