"""`analyze()`: the one entry point. Prepare the draft once, run every enabled check, score."""
from __future__ import annotations

from .config import DEFAULT, Config
from .document import Document
from .extract import html_to_text
from .metrics import compute_metrics
from .report import Finding, Report
from .rules import CHECKS
from .scoring import score


def analyze(text: str | None = None, *, html: str | None = None, subject: str | None = None,
            config: Config | None = None) -> Report:
    """Coach one draft. Give exactly one of `text` (plain text) or `html` (an HTML body)."""
    if (text is None) == (html is None):
        raise ValueError("analyze() needs exactly one of text= or html=")
    body = text if text is not None else html
    if not isinstance(body, str):
        raise TypeError(f"{'text' if text is not None else 'html'} must be a str, not {type(body).__name__}")
    if subject is not None and not isinstance(subject, str):
        raise TypeError(f"subject must be a str or None, not {type(subject).__name__}")
    if config is None:
        config = DEFAULT
    elif not isinstance(config, Config):
        raise TypeError(f"config must be a mailcoach.Config, not {type(config).__name__}")

    excluded: list[tuple[int, int]] = []
    if html is not None:
        body, excluded = html_to_text(html)
    doc = Document(body, excluded, subject=subject)

    checks = CHECKS if not config.disabled_rules else [m for m in CHECKS if config.enabled(m.RULE.id)]
    found = []
    for module in checks:
        found.extend(module.check(doc, config))
    # one finding per rule and span (the last made, in the first one's place): a team's phrase
    # may repeat a built-in one
    unique = {(f.rule, f.start, f.end): f for f in found}
    findings = sorted(unique.values(), key=_reading_order)
    metrics = compute_metrics(doc, subject)
    scores, explain = score(doc, metrics, findings, config)
    suggestions, strengths = [], []
    for f in findings:
        (strengths if f.severity == "info" else suggestions).append(f)  # Finding.is_strength
    return Report(
        text=doc.text,
        scores=scores,
        metrics=metrics,
        suggestions=tuple(suggestions),
        strengths=tuple(strengths),
        explain=explain,
    )


def _reading_order(f: Finding) -> tuple:
    """Findings in the order they appear in the draft; whole-draft ones (no span) last."""
    return (f.start is None, f.start or 0, f.end or 0, f.rule)
