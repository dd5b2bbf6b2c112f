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


def phrase_matches(doc, pattern, *, skip=None) -> list[tuple[int, int]]:
    """(start, end) of every match of `pattern` in the scored text, minus those `skip` rejects."""
    return [(m.start(), m.start() + len(m.group().rstrip())) for m in doc.find_all(pattern)
            if skip is None or not skip(doc, m)]


def phrase_check(rule: Rule, pattern, *, skip=None):
    """The check of a rule that is a phrase list: each match (minus those `skip` rejects), then
    the phrases an organisation added to the rule in its config (if the rule takes them)."""

    def check(doc, config) -> list[Finding]:
        found = [rule.finding(doc, start, end) for start, end in phrase_matches(doc, pattern, skip=skip)]
        if rule.takes_phrases:
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
    index = doc.sentence_index
    for m in doc.find_all(pattern):
        i = index(m.start())
        if i is not None:
            group = out.get(i)
            if group is None:
                out[i] = [m]
            else:
                group.append(m)
    return out


def sentence_span(doc, offset: int) -> tuple[int, int]:
    """The sentence holding `offset` (or the whole text if none does)."""
    s = doc.sentence_at(offset)
    return (s.start, s.end) if s else (0, len(doc.scored))
