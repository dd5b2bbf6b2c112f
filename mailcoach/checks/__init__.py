"""One check per module, its metadata beside it (as in proselint).

Each module defines `RULE` (a `Rule`) and `check(doc, config) -> Iterable[Finding]`.
`mailcoach.rules` collects them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

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
        excerpt = doc.text[start:end] if start is not None and end is not None else ""
        return Finding(
            rule=self.id,
            dimension=self.dimension,
            severity=severity or self.severity,
            start=start,
            end=end,
            excerpt=excerpt,
            message=message or self.message,
            explanation=self.explanation,
            replacements=tuple(replacements),
        )
