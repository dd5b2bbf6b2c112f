"""From findings and metrics to the three 0-100 scores, with the reasons for each.

- readability starts from the draft's grade level: the mean of Flesch-Kincaid (sentence and word
  length) and Dale-Chall (share of unfamiliar words), both from textstat's counts, mapped through
  a smooth curve centred past the target grade; each readability finding then takes points off.
- vip and transparency start at a neutral base; each problem finding takes points off and each
  strength adds points. VIP also moves with courtesy markers and with how much the draft talks
  about the reader rather than about us.
- repeats of one rule count less and less (half as much each time), so one habit repeated does not
  swamp everything else, yet every extra finding still moves the score the same way.
- overall is the mean of the three, pulled a fifth of the way towards the weakest, since one bad
  dimension spoils an email however good the others are.

Every effect is listed in `explain`, so a user can see why a score is what it is.
"""
from __future__ import annotations

import math
from functools import lru_cache
from operator import attrgetter

from . import phrases
from .report import DIMENSIONS, Contribution, Finding, Scores, ScoreExplanation
from .rules import RULES

SEVERITY_FACTOR = {"suggestion": 0.7, "warning": 1.0, "error": 1.5, "info": 1.0}
REPEAT_DECAY = 0.5  # the n-th finding of one rule counts REPEAT_DECAY**(n-1) of the first
NEUTRAL = {"vip": 70.0, "transparency": 72.0}
READABILITY_SPREAD = 2.2  # grades over which the readability curve falls from ~70% to ~30%
READABILITY_MARGIN = 3.0  # the curve's midpoint lies this many grades past the target
WEAKEST_PULL = 0.2
COURTESY_POINTS, COURTESY_CAP = 3.0, 9.0
FOCUS_POINTS = 8.0  # a draft with no you-words at all loses this much VIP

_COURTESY = phrases.compile_patterns(phrases.section("courtesy")["patterns"])
_NEGATION = phrases.compile_patterns(phrases.section("negation")["patterns"])
NEGATION_POINTS, NEGATION_CAP = 2.0, 8.0  # per negation per sentence, beyond one in four sentences
_EFFECT = attrgetter("effect")


def _clamp(x: float) -> float:
    return round(min(100.0, max(0.0, x)), 1)


def grade(metrics: dict) -> float:
    """The draft's reading grade: the mean of Flesch-Kincaid and Dale-Chall grade estimates."""
    return (metrics["grade_level"] + metrics["dale_chall_grade"]) / 2


def _rule_effects(findings: list[Finding]) -> dict[str, list[Contribution]]:
    """One Contribution per rule that fired, by dimension, in the order the rules first fired."""
    severities: dict[str, list[str]] = {}  # by rule, in the order the rules first fired
    for f in findings:
        group = severities.get(f.rule)
        if group is None:
            severities[f.rule] = [f.severity]
        else:
            group.append(f.severity)
    out: dict[str, list[Contribution]] = {d: [] for d in DIMENSIONS}
    for rule_id, group in severities.items():
        label, effect = _rule_effect(rule_id, tuple(group))
        out[RULES[rule_id].dimension].append(Contribution(label, effect, rule_id))
    return out


@lru_cache(maxsize=4096)
def _rule_effect(rule_id: str, severities: tuple[str, ...]) -> tuple[str, float]:
    """(label, points) of a rule that fired once per severity given. Cached: drafts repeat the
    same few combinations, and round() alone costs more than the arithmetic."""
    rule = RULES[rule_id]
    sign = 1 if rule.is_strength else -1
    weights = sorted((rule.weight * SEVERITY_FACTOR[s] for s in severities), reverse=True)
    effect = sum(w * REPEAT_DECAY ** i for i, w in enumerate(weights))
    label = rule.message if len(severities) == 1 else f"{rule.message} (×{len(severities)})"
    return label, round(sign * effect, 2)


def score(doc, metrics: dict, findings: list[Finding], config) -> tuple[Scores, dict[str, ScoreExplanation]]:
    per_dim = _rule_effects(findings)
    explain: dict[str, ScoreExplanation] = {}

    # readability: the grade curve, then the findings
    if metrics["words"]:
        g = grade(metrics)
        mid = config.thresholds.target_grade + READABILITY_MARGIN
        from_grade = 100.0 / (1.0 + math.exp(min(50.0, (g - mid) / READABILITY_SPREAD)))
        base_items = [Contribution(f"Reading grade {g:.1f} (target {config.thresholds.target_grade:g})",
                                   round(from_grade - 100.0, 2), metric="grade")]
    else:
        base_items = []
    explain["readability"] = _explained(100.0, base_items + per_dim["readability"])

    # vip: neutral base, courtesy and reader focus, then the findings
    vip_items = []
    courtesy = len(doc.find_all(_COURTESY))
    if courtesy:
        vip_items.append(Contribution(f"Courtesy (greeting, please, could you, praise): {courtesy}",
                                      min(COURTESY_CAP, COURTESY_POINTS * courtesy), metric="courtesy"))
    negations = len(doc.find_all(_NEGATION))
    sentences = max(1, metrics["sentences"])
    if negations / sentences > 0.25:
        effect = -min(NEGATION_CAP, NEGATION_POINTS * (negations / sentences - 0.25) * 4)
        vip_items.append(Contribution(f"Negative framing: {negations} not/no/can't in {sentences} sentences",
                                      round(effect, 2), metric="negation"))
    you, we = metrics["you_words"], metrics["we_words"]
    if you + we >= 3 and we > you:
        # only lowers: "you" is also the word of accusations, so it earns nothing by itself
        share = you / (you + we)
        vip_items.append(Contribution(f"Talks about the reader only {share:.0%} of the time (you vs I/we)",
                                      round(-FOCUS_POINTS * (0.5 - share) * 2, 2), metric="reader_focus"))
    explain["vip"] = _explained(NEUTRAL["vip"], vip_items + per_dim["vip"])

    explain["transparency"] = _explained(NEUTRAL["transparency"], per_dim["transparency"])

    dims = [explain[d].score for d in DIMENSIONS]
    mean = sum(dims) / len(dims)
    weakest = min(dims)
    overall = _clamp(mean - WEAKEST_PULL * (mean - weakest))
    explain["overall"] = ScoreExplanation(
        score=overall, base=round(mean, 2),
        contributions=(Contribution(f"Pulled towards the weakest score ({weakest:g})",
                                    round(overall - mean, 2), metric="weakest"),),
    )
    readability, vip, transparency = dims  # (in the order of DIMENSIONS)
    return Scores(readability, vip, transparency, overall), explain


def _explained(base: float, items: list[Contribution]) -> ScoreExplanation:
    """The score from `base` and `items` (a fresh list: sorted in place, largest loss first)."""
    total = base + sum([c.effect for c in items])
    items.sort(key=_EFFECT)
    return ScoreExplanation(_clamp(total), base, tuple(items))  # (score, base, contributions)
