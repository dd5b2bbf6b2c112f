"""The report that `analyze()` returns: typed dataclasses, JSON-ready through `to_dict()`.

Spans are Python string indices into `Report.text`; the HTTP server converts them to UTF-16
code units for JavaScript clients.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["suggestion", "warning", "error", "info"]
DIMENSIONS = ("readability", "vip", "transparency")
SEVERITIES = ("suggestion", "warning", "error")


@dataclass(slots=True)
class Finding:
    """One suggestion or strength, in the spirit of a LanguageTool match. (Not frozen: a draft
    makes dozens, and a frozen dataclass takes three times as long to build.)"""

    rule: str
    dimension: str
    severity: Severity
    start: int | None
    end: int | None
    excerpt: str
    message: str
    explanation: str
    replacements: tuple[str, ...] = ()

    @property
    def is_strength(self) -> bool:
        return self.severity == "info"

    def to_dict(self) -> dict[str, Any]:
        # written out rather than dataclasses.asdict, which deep-copies and is several times slower
        return {
            "rule": self.rule, "dimension": self.dimension, "severity": self.severity,
            "start": self.start, "end": self.end, "excerpt": self.excerpt, "message": self.message,
            "explanation": self.explanation, "replacements": list(self.replacements),
        }


@dataclass(slots=True)
class Contribution:
    """One thing that moved a score: a finding or a metric, and by how many points."""

    label: str
    effect: float
    rule: str | None = None
    metric: str | None = None


@dataclass(frozen=True)
class ScoreExplanation:
    """Why a score is what it is: where it started and what raised or lowered it."""

    score: float
    base: float
    contributions: tuple[Contribution, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "base": self.base,
            "contributions": [{"label": c.label, "effect": c.effect, "rule": c.rule, "metric": c.metric}
                              for c in self.contributions],
        }


@dataclass(frozen=True)
class Scores:
    readability: float
    vip: float
    transparency: float
    overall: float

    def to_dict(self) -> dict[str, float]:
        return {"readability": self.readability, "vip": self.vip, "transparency": self.transparency,
                "overall": self.overall}


@dataclass(frozen=True)
class Report:
    text: str
    scores: Scores
    metrics: dict[str, Any]
    suggestions: tuple[Finding, ...]
    strengths: tuple[Finding, ...]
    explain: dict[str, ScoreExplanation] = field(default_factory=dict)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.suggestions + self.strengths

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "scores": self.scores.to_dict(),
            "metrics": dict(self.metrics),
            "suggestions": [f.to_dict() for f in self.suggestions],
            "strengths": [f.to_dict() for f in self.strengths],
            "explain": {k: v.to_dict() for k, v in self.explain.items()},
        }
