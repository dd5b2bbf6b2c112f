"""addin_server: serves the mailcoach library over HTTP to the Outlook and Gmail add-ins.

`create_app(config=None)` is a Flask application factory; each feature is a blueprint in a
module of its own (api, languagetool, playground, outlook, gmail).
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Settings come from `MAILCOACH_*` environment variables, then `config`."""
    from . import api, gmail, languagetool, outlook, playground, settings

    app = Flask(__name__)
    settings.load(app, config)
    for module in (api, languagetool, playground, outlook, gmail):
        module.init_app(app)
    return app
