"""Settings: defaults, then `MAILCOACH_*` environment variables, then the `config` mapping.

Each feature module declares its own defaults with `defaults(...)` at import time, so the
settings of a feature live beside it; `load` applies them all. Names are stored in
`app.config` without the prefix: `MAILCOACH_API_KEYS` becomes `app.config["API_KEYS"]`.
Environment values are parsed as JSON when they can be (`true`, `8`), else kept as strings;
a setting whose default is a string always keeps the raw string (an API key `1e5` stays `1e5`).
Every setting is listed in docs/server.md.
"""
from __future__ import annotations

import os
from typing import Any, Iterable, Mapping

from flask import Flask

PREFIX = "MAILCOACH"
_DEFAULTS: dict[str, Any] = {}


def defaults(**values: Any) -> None:
    """Declare settings (name without the MAILCOACH_ prefix) and their default values."""
    _DEFAULTS.update(values)


def declared() -> dict[str, Any]:
    """Every declared setting and its default (for docs and tests)."""
    return dict(_DEFAULTS)


def load(app: Flask, config: Mapping[str, Any] | None) -> None:
    app.config.update(_DEFAULTS)
    app.config.from_prefixed_env(PREFIX)
    for name, default in _DEFAULTS.items():
        raw = os.environ.get(f"{PREFIX}_{name}")
        if isinstance(default, str) and raw is not None:
            app.config[name] = raw
    if config:
        app.config.update(config)


def public_base_url(app: Flask, request=None) -> str:
    """This server's public URL: MAILCOACH_PUBLIC_BASE_URL when set (behind a proxy, and for the
    Gmail token audience), else the address the request came in on."""
    configured = str(app.config.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
    if configured or request is None:
        return configured
    return request.host_url.rstrip("/")


def as_bool(value: Any) -> bool:
    """A switch from the environment: true/1/yes/on are on; false/0/no/off/empty are off."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"1", "true", "yes", "on"}:
            return True
        if word in {"", "0", "false", "no", "off"}:
            return False
        raise ValueError(f"not a true/false setting: {value!r}")
    return bool(value)


def as_list(value: Any) -> list[str]:
    """A comma-separated setting (or a list) as a list of non-empty, stripped strings."""
    if value is None:
        return []
    items: Iterable[Any] = value.split(",") if isinstance(value, str) else value
    return [str(item).strip() for item in items if str(item).strip()]
