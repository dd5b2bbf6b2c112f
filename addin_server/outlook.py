"""The Outlook add-in's pages, as its manifests (manifests/outlook/) name them.

  /outlook/taskpane.html   the coaching pane beside a draft (static/outlook/taskpane.js)
  /outlook/commands.html   the event runtime page (web, Mac, new Outlook) running the Send check
  /outlook/launchevent.js  the Send check itself; classic Outlook on Windows loads it alone, in a
                           JavaScript-only runtime, so its settings and the server's absolute URL
                           are written into it here
  /outlook/icons/<n>.png   ribbon and listing icons, cacheable as Outlook requires
  /outlook/help.html       support, privacy and terms page the manifests link to
  /.well-known/microsoft-officeaddins-allowed.json   the event runtime's allow-list

Importing this module also turns on Microsoft sign-in (auth_microsoft) and the Graph
greeting (graph) for the pane.
"""
from __future__ import annotations

import json
from pathlib import Path

from flask import Blueprint, Flask, Response, current_app, render_template, request, send_from_directory
from werkzeug.exceptions import NotFound

from . import auth, auth_microsoft, graph, settings

settings.defaults(
    SEND_MIN_OVERALL=50,  # the Send check warns when the overall score is under this (0: never)
    SEND_BLOCKING_RULES="vip.blames_customer,transparency.deflection",  # rule ids that warn on Send
    SEND_TIMEOUT_MS=4000,  # the Send check gives up (and lets the mail go) after this long
    OUTLOOK_POLL_MS=2000,  # how often the pane looks for changes in the draft (at least 1500)
)

OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
STATIC = Path(__file__).resolve().parent / "static" / "outlook"
ICONS = {f"icon-{size}.png" for size in (16, 32, 64, 80, 128)}
ICON_MAX_AGE = 7 * 24 * 3600
MIN_POLL_MS = 1500

bp = Blueprint("outlook", __name__, url_prefix="/outlook")
well_known = Blueprint("outlook_well_known", __name__)


def base_url() -> str:
    """This server's public URL: MAILCOACH_PUBLIC_BASE_URL, else as the client reached it."""
    return settings.public_base_url(current_app, request)


def send_policy(app: Flask) -> dict:
    """When the Send check warns: a blocking finding, or an overall score under the minimum."""
    return {
        "minOverall": float(app.config["SEND_MIN_OVERALL"] or 0),
        "blockingRules": settings.as_list(app.config["SEND_BLOCKING_RULES"]),
        "timeoutMs": int(app.config["SEND_TIMEOUT_MS"]),
    }


def sign_in(app: Flask) -> str:
    """"microsoft" when the API wants Entra tokens, which Office SSO provides; else ""."""
    return "microsoft" if auth_microsoft.MicrosoftTokens().configured(app) else ""


@bp.get("/taskpane.html")
def taskpane():
    poll = max(MIN_POLL_MS, int(current_app.config["OUTLOOK_POLL_MS"]))
    return render_template("outlook/taskpane.html", office_js=OFFICE_JS, poll_ms=poll,
                           sign_in=sign_in(current_app._get_current_object()))


@bp.get("/commands.html")
def commands():
    return render_template("outlook/commands.html", office_js=OFFICE_JS)


@bp.get("/help.html")
def help_page():
    return render_template("outlook/help.html", policy=send_policy(current_app._get_current_object()))


@bp.get("/launchevent.js")
def launchevent():
    app = current_app._get_current_object()
    config = {"baseUrl": base_url(), "signIn": sign_in(app), "authRequired": auth.enabled(app),
              **send_policy(app)}
    prelude = ("// Written by the server for this deployment (addin_server/outlook.py).\n"
               f"var MAILCOACH_SEND_CONFIG = {json.dumps(config, ensure_ascii=True)};\n")
    body = prelude + (STATIC / "launchevent.js").read_text(encoding="utf-8")
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/icons/<name>")
def icon(name: str):
    if name not in ICONS:
        raise NotFound()
    return send_from_directory(STATIC, name, max_age=ICON_MAX_AGE, mimetype="image/png")


@well_known.get("/.well-known/microsoft-officeaddins-allowed.json")
def allowed():
    """The files allowed to make CORS and SSO calls from Outlook's event runtime."""
    base = base_url()
    return {"allowed": [f"{base}/outlook/launchevent.js", f"{base}/outlook/commands.html"]}


def init_app(app: Flask) -> None:
    try:
        send_policy(app)
        int(app.config["OUTLOOK_POLL_MS"])
    except (TypeError, ValueError):
        raise ValueError("MAILCOACH_SEND_MIN_OVERALL, MAILCOACH_SEND_TIMEOUT_MS and MAILCOACH_OUTLOOK_POLL_MS "
                         "must be numbers") from None
    app.register_blueprint(bp)
    app.register_blueprint(well_known)
    graph.init_app(app)
