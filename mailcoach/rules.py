"""The registry of every rule: the check modules, in the order their findings are reported."""
from __future__ import annotations

import importlib
from types import ModuleType

_MODULES = (
    # readability
    "readability.hard_sentence",
    "readability.complex_word",
    "readability.long_paragraph",
    "readability.too_long",
    "readability.subject",
    # vip
    "vip.self_focus",
    "vip.blames_customer",
    "vip.greeting_with_offer",
    "vip.pushy_sales",
    "vip.demanding",
    "vip.no_question",
    # transparency
    "transparency.deflection",
    "transparency.non_apology",
    "transparency.hidden_agency",
    "transparency.vague_commitment",
    "transparency.hedging",
    "transparency.unexplained_policy",
    "transparency.fine_print",
    # strengths
    "strength.gratitude",
    "strength.apology",
    "strength.ownership",
    "strength.empathy",
    "strength.next_step",
    "strength.question",
)


def _load() -> list[ModuleType]:
    return [importlib.import_module(f"mailcoach.checks.{name}") for name in _MODULES]


CHECKS: list[ModuleType] = _load()
RULES = {m.RULE.id: m.RULE for m in CHECKS}
RULE_IDS = frozenset(RULES)
PHRASE_RULES = frozenset(r.id for r in RULES.values() if r.takes_phrases)


def rules() -> list[dict[str, str]]:
    """Every rule: id, dimension, description, default severity."""
    return [
        {"id": r.id, "dimension": r.dimension, "description": r.description,
         "severity": r.severity, "kind": "strength" if r.is_strength else "suggestion"}
        for r in RULES.values()
    ]
