"""Settings a team can change without touching code, loadable from a TOML file.

In the spirit of Vale's styles: rules can be switched off, thresholds moved, and an
organisation's own phrases added to a rule, each with its replacements::

    [rules]
    disable = ["vip.no_question"]

    [thresholds]
    target_grade = 7
    length_target = 150

    [phrases."readability.complex_word"]
    "leverage" = ["use"]
    [phrases."vip.pushy_sales"]
    "exclusive deal" = []
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the source and the key."""


@dataclass(frozen=True)
class Thresholds:
    """Numbers the rules and scores compare against. Defaults suit a customer email read on a phone."""

    target_grade: float = 8.0  # US school grade a customer email should not exceed
    length_target: int = 200  # words; longer drafts get readability.too_long
    hard_sentence_words: int = 30  # a sentence this long is hard whatever its words (shorter: by grade)
    hard_sentence_grade: float = 12.0  # grade level above which a sentence is hard
    paragraph_words: int = 70  # a phone screen holds about this many words
    paragraph_sentences: int = 4
    subject_max_words: int = 9
    subject_max_chars: int = 60
    self_focus_ratio: float = 2.0  # we-words per you-word that counts as self-focused
    self_focus_min_words: int = 8  # fewer we-words than this is never flagged
    no_question_min_words: int = 60  # drafts shorter than this need not ask anything


_THRESHOLD_TYPES = {f.name: f.type for f in fields(Thresholds)}


@dataclass(frozen=True)
class Config:
    """Which rules run, against which thresholds, with which extra phrases."""

    disabled_rules: frozenset[str] = frozenset()
    thresholds: Thresholds = field(default_factory=Thresholds)
    # rule id -> {phrase: replacements}; added to the rule's built-in phrase list
    phrases: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled_rules

    @classmethod
    def from_file(cls, path: str | Path) -> "Config":
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"{path}: cannot read config file: {e.strerror or e}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: config file is not UTF-8 text") from None
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{path}: not valid TOML: {e}") from None
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "config") -> "Config":
        """Build a Config from parsed TOML (or JSON overrides), checking every key."""
        from .rules import RULE_IDS, PHRASE_RULES  # late import: rules import config

        if not isinstance(data, Mapping):
            raise ConfigError(f"{source}: expected a table of settings")
        unknown = set(data) - {"rules", "thresholds", "phrases"}
        if unknown:
            raise ConfigError(f"{source}: unknown key {sorted(unknown)[0]!r} (expected rules, thresholds, phrases)")

        disabled: set[str] = set()
        rules = _table(data.get("rules", {}), f"{source}: rules")
        for key in rules:
            if key != "disable":
                raise ConfigError(f"{source}: unknown key 'rules.{key}' (expected rules.disable)")
        disable = rules.get("disable", [])
        if not isinstance(disable, list) or not all(isinstance(r, str) for r in disable):
            raise ConfigError(f"{source}: 'rules.disable' must be a list of rule ids")
        for rule_id in disable:
            if rule_id not in RULE_IDS:
                raise ConfigError(f"{source}: 'rules.disable' names unknown rule {rule_id!r}")
            disabled.add(rule_id)

        values: dict[str, Any] = {}
        for key, value in _table(data.get("thresholds", {}), f"{source}: thresholds").items():
            if key not in _THRESHOLD_TYPES:
                raise ConfigError(f"{source}: unknown key 'thresholds.{key}'")
            want_int = _THRESHOLD_TYPES[key] in (int, "int")
            ok = isinstance(value, int) if want_int else isinstance(value, (int, float))
            if isinstance(value, bool) or not ok:
                kind = "a whole number" if want_int else "a number"
                raise ConfigError(f"{source}: 'thresholds.{key}' must be {kind}")
            if value <= 0 or value > 10_000:
                raise ConfigError(f"{source}: 'thresholds.{key}' must be above 0 and at most 10000")
            values[key] = value

        phrases: dict[str, dict[str, tuple[str, ...]]] = {}
        for rule_id, table in _table(data.get("phrases", {}), f"{source}: phrases").items():
            if rule_id not in PHRASE_RULES:
                raise ConfigError(
                    f"{source}: 'phrases.{rule_id}' is not a rule that takes phrases "
                    f"(one of: {', '.join(sorted(PHRASE_RULES))})"
                )
            entries: dict[str, tuple[str, ...]] = {}
            for phrase, repl in _table(table, f"{source}: phrases.{rule_id}").items():
                if not phrase.strip() or len(phrase) > 200:
                    raise ConfigError(f"{source}: 'phrases.{rule_id}' has an empty or overlong phrase")
                if isinstance(repl, str):
                    repl = [repl]
                if not isinstance(repl, list) or not all(isinstance(r, str) for r in repl):
                    raise ConfigError(f"{source}: 'phrases.{rule_id}.{phrase}' must be a list of replacements")
                entries[phrase] = tuple(repl)
            phrases[rule_id] = entries
        return cls(frozenset(disabled), Thresholds(**values), phrases)

    def merged(self, other: "Config") -> "Config":
        """This config with another's settings laid over it (server-side overrides)."""
        phrases = {k: dict(v) for k, v in self.phrases.items()}
        for rule_id, table in other.phrases.items():
            phrases.setdefault(rule_id, {}).update(table)
        changed = {f.name: getattr(other.thresholds, f.name) for f in fields(Thresholds)
                   if getattr(other.thresholds, f.name) != getattr(Thresholds(), f.name)}
        return Config(self.disabled_rules | other.disabled_rules, replace(self.thresholds, **changed), phrases)


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table")
    return value


DEFAULT = Config()
