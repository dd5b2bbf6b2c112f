"""The playground: GET / serves a page where a newcomer tries the coach with no account.

The page is static HTML; its script (static/playground/playground.js) calls POST /api/v1/analyze
and draws the report with the shared front-end in static/coach/, which the Outlook task pane
also uses. See docs/playground.md.
"""
from __future__ import annotations

from flask import Blueprint, Flask, render_template

bp = Blueprint("playground", __name__)

# ES modules the page imports, preloaded so the browser fetches them in parallel.
COACH_MODULES = (
    "coach/api.js", "coach/checker.js", "coach/dom.js", "coach/highlight.js",
    "coach/labels.js", "coach/render.js", "coach/spans.js", "playground/samples.js",
)


@bp.get("/")
def index():
    return render_template("playground.html", coach_modules=COACH_MODULES)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
