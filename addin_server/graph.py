"""Microsoft Graph on the signed-in user's behalf, for the Outlook task pane.

The pane sends its Office SSO token (checked by auth_microsoft); msal's on-behalf-of flow
swaps it for a Graph token (User.Read), which stays on the server, and `GET /api/v1/me`
answers the user's display name for the pane's greeting.

When Entra wants the user to do something first, the pane gets a 403 it can act on:
  {"error": {"code": "consent_required", "message": ...}}            grant User.Read first
  {"error": {"code": "interaction_required", "message": ..., "claims": "..."}}
      multi-factor or conditional access: call Office.auth.getAccessToken({authChallenge: claims})
Graph or Entra unreachable: 502 `graph_unavailable`.
"""
from __future__ import annotations

import hashlib
import threading
import time
from typing import Any

import msal
import requests
from flask import Blueprint, Flask, current_app, g, jsonify

from . import settings
from .auth import Principal
from .auth_microsoft import authority_host, client_id
from .errors import ApiError

settings.defaults(
    MS_GRAPH_URL="https://graph.microsoft.com/v1.0",
    MS_GRAPH_SCOPES="https://graph.microsoft.com/User.Read",
)

CONSENT_REQUIRED = 65001  # AADSTS65001: the user or admin has not consented to the app

bp = Blueprint("graph", __name__)


class GraphError(Exception):
    def __init__(self, status: int, code: str, message: str, claims: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.claims = status, code, message, claims

    def response(self):
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.claims:
            body["claims"] = self.claims
        out = jsonify({"error": body})
        out.status_code = self.status
        out.headers["Cache-Control"] = "no-store"
        return out


def http_client(app: Flask) -> Any:
    """What msal and the Graph call send requests with: requests by default; tests put an
    object with the same get/post shape in app.extensions["mailcoach_ms_http"]."""
    client = app.extensions.get("mailcoach_ms_http")
    if client is None:
        client = app.extensions["mailcoach_ms_http"] = requests.Session()
    return client


# --- on-behalf-of -------------------------------------------------------------------------

_LOCK = threading.Lock()
_MAX_CACHED = 1000


def _state(app: Flask) -> dict[str, dict]:
    """Per Flask app: msal apps by tenant, and Graph tokens by sha256(user token) -> (token,
    expiry), since msal's on-behalf-of asks Entra again on every call."""
    return app.extensions.setdefault("mailcoach_graph", {"apps": {}, "tokens": {}})


def _msal_app(app: Flask, tenant: str) -> msal.ConfidentialClientApplication:
    """One msal app per tenant (its authority), kept so the tenant's metadata is fetched once."""
    apps = _state(app)["apps"]
    with _LOCK:
        if tenant not in apps:
            apps[tenant] = msal.ConfidentialClientApplication(
                client_id(app),
                client_credential=str(app.config.get("MS_CLIENT_SECRET") or ""),
                authority=f"{authority_host(app)}/{tenant}",
                http_client=http_client(app),
                timeout=10,
            )
        return apps[tenant]


def _interpret(result: dict[str, Any]) -> GraphError:
    """An msal error result as what the pane should do about it."""
    codes = result.get("error_codes") or []
    if result.get("claims"):
        return GraphError(403, "interaction_required",
                          "Your organisation needs you to sign in again (for example with "
                          "multi-factor authentication) before the coach can read your profile.",
                          claims=str(result["claims"]))
    if CONSENT_REQUIRED in codes or result.get("suberror") == "consent_required" or \
            result.get("error") == "consent_required":
        return GraphError(403, "consent_required",
                          "The coach needs your permission (or your administrator's) to read "
                          "your basic profile. Sign in again and accept the request.")
    if result.get("error") == "interaction_required":
        return GraphError(403, "interaction_required",
                          "Microsoft needs you to sign in again before the coach can read your profile.")
    return GraphError(502, "graph_unavailable",
                      "Microsoft sign-in did not give the coach access to your profile; try again later.")


def graph_token(app: Flask, principal: Principal) -> str:
    """A Graph access token for the user behind `principal`, from the cache or msal's OBO."""
    if not principal.token:
        raise GraphError(401, "unauthorized", "sign in with Microsoft first")
    digest = hashlib.sha256(principal.token.encode()).hexdigest()
    now = time.time()
    tokens = _state(app)["tokens"]
    with _LOCK:
        cached = tokens.get(digest)
    if cached and cached[1] - 60 > now:
        return cached[0]
    tenant = str(principal.claims.get("tid") or app.config.get("MS_TENANT_ID") or "organizations")
    scopes = settings.as_list(app.config.get("MS_GRAPH_SCOPES"))
    try:
        result = _msal_app(app, tenant).acquire_token_on_behalf_of(principal.token, scopes)
    except Exception:  # Entra unreachable, a broken answer: msal raises rather than returns
        raise GraphError(502, "graph_unavailable", "Microsoft sign-in could not be reached; try again later.") from None
    if not isinstance(result, dict) or "access_token" not in result:
        raise _interpret(result or {})
    expires = now + float(result.get("expires_in") or 300)
    with _LOCK:
        if len(tokens) >= _MAX_CACHED:
            for k in [k for k, (_, exp) in tokens.items() if exp <= now] or list(tokens)[: _MAX_CACHED // 10]:
                tokens.pop(k, None)
        tokens[digest] = (result["access_token"], expires)
    return result["access_token"]


def me(app: Flask, principal: Principal) -> dict[str, Any]:
    """The user's profile from Graph `/me` (display name only is kept)."""
    token = graph_token(app, principal)
    url = str(app.config.get("MS_GRAPH_URL") or "https://graph.microsoft.com/v1.0").rstrip("/") + "/me"
    try:
        response = http_client(app).get(url, params={"$select": "displayName"},
                                        headers={"Authorization": f"Bearer {token}"}, timeout=10)
        status = response.status_code
        data = response.json() if status == 200 else None
    except Exception:
        raise GraphError(502, "graph_unavailable", "Microsoft Graph could not be reached; try again later.") from None
    if status != 200 or not isinstance(data, dict):
        raise GraphError(502, "graph_unavailable", f"Microsoft Graph answered {status}; try again later.")
    return {"displayName": data.get("displayName") or ""}


@bp.get("/api/v1/me")
def me_view():
    principal = g.get("principal")
    if principal is None or principal.kind != "microsoft":
        raise ApiError(404, "Microsoft sign-in is not in use on this request: the profile greeting "
                            "needs a Microsoft token (MAILCOACH_MS_CLIENT_ID set on the server)",
                       code="not_signed_in")
    if not current_app.config.get("MS_CLIENT_SECRET"):
        raise ApiError(404, "the server has no MAILCOACH_MS_CLIENT_SECRET, so it cannot call Microsoft Graph",
                       code="graph_not_configured")
    try:
        profile = me(current_app, principal)
    except GraphError as e:
        return e.response()
    response = jsonify(profile)
    response.headers["Cache-Control"] = "no-store"
    return response


def _describe() -> None:
    from . import openapi

    openapi.add_paths({"/api/v1/me": {"get": {
        "operationId": "me",
        "summary": "The signed-in Microsoft user's display name, for the Outlook task pane's greeting",
        "description": "Needs a Microsoft Entra ID access token (Outlook single sign-on); the server "
                       "exchanges it on behalf of the user for a Microsoft Graph token, which never "
                       "leaves the server.",
        "responses": {
            "200": {"description": "The profile", "content": {"application/json": {"schema": {
                "type": "object", "required": ["displayName"],
                "properties": {"displayName": {"type": "string"}}}}}},
            "401": openapi.ERRORS["401"],
            "403": openapi._error("Consent or a new sign-in (multi-factor claims) is needed; the pane asks"),
            "404": openapi._error("Microsoft sign-in or Graph access is not configured on this server"),
            "502": openapi._error("Microsoft Entra ID or Graph could not be reached"),
        },
    }}})


def init_app(app: Flask) -> None:
    _describe()
    app.register_blueprint(bp)
