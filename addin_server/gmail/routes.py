"""The add-on's HTTP endpoints: Google POSTs an event object, the answer is card JSON.

    POST /gmail/home     homepage trigger: what mailcoach does and what it reads
    POST /gmail/compose  compose trigger ("Coach this draft"): coach the open draft
    POST /gmail/coach    button action: check again, coach another draft, pasted text, grant access
    POST /gmail/insert   button action: put a replacement into the draft at the cursor
    GET  /gmail/logo.png the deployment's logoUrl (public)

Every POST must carry Google's ID token for the add-on's service account, checked before the
body is used; without one the answer is 401 and nothing is read. Failures after that are
cards, never a 500: the add-on shows whatever card it is given.
"""
from __future__ import annotations

import functools
import socket
from typing import Callable

import httplib2
import mailcoach
from flask import Blueprint, Response, current_app, jsonify, request
from googleapiclient.errors import HttpError

from . import cards, logo, scopes
from .drafts import NoDraft, find_draft, gmail_service
from .events import AddonEvent, EventError
from .mime import DraftTooLarge
from .state import state
from .tokens import TokenError, bearer_token, verify_system_token

bp = Blueprint("gmail", __name__, url_prefix="/gmail")

Handler = Callable[[AddonEvent, cards.Endpoints], dict]


def _error(status: int, error: str, message: str, challenge: str | None = None) -> Response:
    response = jsonify({"error": error, "message": message})
    response.status_code = status
    if challenge is not None:
        response.headers["WWW-Authenticate"] = challenge
    return response


def _audience(base: str) -> str:
    """The URL Google called, rebuilt from the configured public base URL (never from the
    request's Host or scheme, which a proxy may have changed)."""
    query = request.query_string.decode("latin-1")
    return base + request.path + (f"?{query}" if query else "")


def addon_endpoint(view: Handler) -> Callable[[], Response]:
    """Authenticate, parse the event, run `view`, and turn any failure into a card."""

    @functools.wraps(view)
    def wrapper() -> Response:
        config = current_app.config
        base = str(config.get("PUBLIC_BASE_URL") or "").rstrip("/")
        account = str(config.get("GMAIL_SERVICE_ACCOUNT") or "")
        if not base or not account:
            return _error(503, "gmail_not_configured",
                          "the Gmail add-on is off: set MAILCOACH_PUBLIC_BASE_URL and "
                          "MAILCOACH_GMAIL_SERVICE_ACCOUNT")
        body = request.get_json(silent=True)
        token = bearer_token(request.headers.get("Authorization"))
        if token is None and isinstance(body, dict):
            auth = body.get("authorizationEventObject")
            token = auth.get("systemIdToken") if isinstance(auth, dict) else None
            token = token if isinstance(token, str) else None
        try:
            verify_system_token(token, audience=_audience(base), service_account=account,
                                certs_url=config["GOOGLE_CERTS_URL"], request=state().cert_request)
        except TokenError as exc:
            challenge = 'Bearer realm="mailcoach-gmail"' + (', error="invalid_token"' if token else "")
            return _error(401, "invalid_token" if token else "missing_token", str(exc), challenge)
        try:
            event = AddonEvent.parse(body)
        except EventError as exc:
            return _error(400, "bad_event", str(exc))
        return jsonify(view(event, cards.Endpoints(base)))

    return wrapper


@bp.post("/home")
@addon_endpoint
def home(event: AddonEvent, endpoints: cards.Endpoints) -> dict:
    return cards.push(cards.home_card(endpoints))


@bp.post("/compose")
@addon_endpoint
def compose(event: AddonEvent, endpoints: cards.Endpoints) -> dict:
    answer = coach_answer(event, endpoints, "compose")
    return answer if "requesting_google_scopes" in answer else cards.push(answer)


@bp.post("/coach")
@addon_endpoint
def coach(event: AddonEvent, endpoints: cards.Endpoints) -> dict:
    context = "home" if event.parameters.get("context") == "home" else "compose"
    answer = coach_answer(event, endpoints, context)
    return answer if "requesting_google_scopes" in answer else cards.update(answer)


@bp.post("/insert")
@addon_endpoint
def insert(event: AddonEvent, endpoints: cards.Endpoints) -> dict:
    text = event.parameters.get("text", "")
    if not text:
        return {"renderActions": {"action": {"notification": {"text": "Nothing to insert."}}}}
    return cards.insert_text(text)


@bp.get("/logo.png")
def logo_png() -> Response:
    response = Response(logo.png(), mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


def coach_answer(event: AddonEvent, endpoints: cards.Endpoints, context: str) -> dict:
    """A card (or a scope request) for the coach action, whatever happens along the way."""
    try:
        if event.parameters.get("source") == "paste":
            return _coach_pasted(event, endpoints, context)
        return _coach_draft(event, endpoints, context)
    except HttpError as exc:
        status = exc.resp.status
        current_app.logger.warning("gmail: the Gmail API answered %s", status)
        retry = {k: v for k, v in event.parameters.items() if k == "draftId"}
        content = (exc.content or b"").lower()
        if status == 403 and b"insufficient" in content:
            return cards.scope_card(endpoints, context=context)
        if status == 403 and b"ratelimitexceeded" in content:
            status = 429  # Gmail reports some rate limits as 403 userRateLimitExceeded
        kind = {401: "gmail_401", 403: "gmail_403", 404: "gmail_404", 429: "gmail_429"}.get(
            status, "gmail_5xx" if status >= 500 else "gmail_other")
        if kind == "gmail_404":
            retry = {}  # the draft it asked for is gone; choose again
        return cards.message_card(kind, endpoints, context=context, retry=retry, status=str(status))
    except DraftTooLarge:
        return cards.message_card("too_large", endpoints, context=context)
    except (httplib2.HttpLib2Error, socket.timeout, OSError) as exc:
        current_app.logger.warning("gmail: could not reach the Gmail API (%s)", type(exc).__name__)
        return cards.message_card("network", endpoints, context=context, retry={})
    except Exception as exc:  # a card, never a 500; the log names the type only, no draft text
        current_app.logger.error("gmail: coaching failed (%s)", type(exc).__name__)
        return cards.message_card("internal", endpoints, context=context, retry={})


def _coach_pasted(event: AddonEvent, endpoints: cards.Endpoints, context: str) -> dict:
    text = event.form_text(cards.PASTE_INPUT)
    if not text.strip():
        return cards.message_card("empty", endpoints, context=context)
    report = mailcoach.analyze(text=text)
    return cards.coach_card(report, endpoints, subject="Pasted text", context=context, pasted=text)


def _coach_draft(event: AddonEvent, endpoints: cards.Endpoints, context: str) -> dict:
    can_read = event.user_oauth_token and (
        event.authorized_scopes is None or set(event.authorized_scopes) & set(scopes.READ_DRAFTS))
    if not can_read:
        if event.parameters.get("grant") == "1":
            granted = set(event.authorized_scopes or ())
            return cards.request_scopes([s for s in scopes.DEPLOYMENT_SCOPES if s not in granted])
        return cards.scope_card(endpoints, context=context)
    config = current_app.config
    factory = state().http_factory
    service = gmail_service(event.user_oauth_token, http=factory() if factory else None,
                            timeout=float(config["GMAIL_API_TIMEOUT"]))
    found = find_draft(service, draft_id=event.parameters.get("draftId") or None,
                       recipients=event.recipients, max_candidates=int(config["GMAIL_DRAFT_CANDIDATES"]))
    if isinstance(found, NoDraft):
        return cards.no_draft_card(endpoints, context=context, recipients=found.recipients,
                                   candidates=found.candidates)
    content = found.content
    if content.empty:
        return cards.message_card("empty", endpoints, context=context, retry={"draftId": found.draft_id})
    if content.text is not None:
        report = mailcoach.analyze(text=content.text, subject=content.subject or None)
    else:
        report = mailcoach.analyze(html=content.html, subject=content.subject or None)
    return cards.coach_card(report, endpoints, subject=content.subject, context=context,
                            draft_id=found.draft_id, basis=found.basis, others=found.others)
