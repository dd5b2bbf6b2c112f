"""Placeholder scoring; replaced by the real model."""
from __future__ import annotations

from .report import Scores, ScoreExplanation


def score(doc, metrics, findings, config):
    s = Scores(75.0, 75.0, 75.0, 75.0)
    return s, {k: ScoreExplanation(75.0, 75.0) for k in ("readability", "vip", "transparency", "overall")}
