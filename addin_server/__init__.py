"""addin_server: serves the mailcoach library over HTTP to the Outlook and Gmail add-ins.

`create_app(config=None)` is a Flask application factory; each feature is a blueprint in a
module of its own (api, languagetool, openapi, playground, outlook, gmail), and each module
has `init_app(app)`. The cross-cutting parts come first: JSON errors, then security headers,
CORS and the rate limit, then access control, so they apply to every blueprint.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask

from . import settings
from .json_provider import OrjsonProvider

settings.defaults(
    LOG_LEVEL="INFO",  # DEBUG, INFO, WARNING, ERROR; drafts are never logged at any level
    # https://host[/prefix] where clients reach this server (the Gmail add-on needs it; Outlook's
    # scripts, the Entra audience and the server's own CORS origin use it when set)
    PUBLIC_BASE_URL=None,
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Settings come from `MAILCOACH_*` environment variables, then `config`."""
    from . import api, auth, errors, gmail, languagetool, openapi, outlook, playground, security

    app = Flask(__name__)
    app.json = OrjsonProvider(app)
    settings.load(app, config)
    _configure_logging(str(app.config.get("LOG_LEVEL") or "INFO").upper())
    for module in (errors, security, auth, api, languagetool, openapi, playground, outlook, gmail):
        module.init_app(app)
    return app


def _configure_logging(level: str) -> None:
    """Log to stderr beside gunicorn's own lines, unless the host program set logging up."""
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError(f"MAILCOACH_LOG_LEVEL={level!r} is not one of DEBUG, INFO, WARNING, ERROR")
    logging.basicConfig(level=level, format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")
    logging.getLogger("addin_server").setLevel(level)

