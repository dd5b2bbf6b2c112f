"""Settings: defaults, then `MAILCOACH_*` environment variables, then the `config` mapping.

Each feature module declares its own defaults with `defaults(...)` at import time, so the
settings of a feature live beside it; `load` applies them all.
"""
from __future__ import annotations

import os
from typing import Any, Mapping

from flask import Flask

_DEFAULTS: dict[str, Any] = {}


def defaults(**values: Any) -> None:
    """Declare settings (name without the MAILCOACH_ prefix) and their default values."""
    _DEFAULTS.update(values)


def load(app: Flask, config: Mapping[str, Any] | None) -> None:
    app.config.update(_DEFAULTS)
    app.config.from_prefixed_env("MAILCOACH")
    if config:
        app.config.update(config)
