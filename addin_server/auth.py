"""Access control for the API: one mechanism, several kinds of credential.

Each kind (API keys here; Microsoft Entra ID tokens from the Outlook add-in; Google tokens)
registers an `Authenticator`. When access control is on (`MAILCOACH_REQUIRE_AUTH`, or any
authenticator reports itself configured), a request to a protected view must be accepted by
one of them; otherwise it gets 401 with a `WWW-Authenticate` challenge for each kind.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from flask import Flask, Request, current_app, g, request

from . import settings
from .errors import ApiError

settings.defaults(
    REQUIRE_AUTH=False,  # require a credential on the API even when no kind is configured
    API_KEYS="",  # comma-separated keys; setting any turns access control on
)

# Paths that need a credential when access control is on; pages and /healthz never do.
PROTECTED_PREFIXES = ["/api/", "/v2/"]


@dataclass(frozen=True)
class Principal:
    """Who made the request: the kind of credential and a non-secret identifier."""

    kind: str  # "api_key", "microsoft", "google"
    subject: str
    claims: dict[str, Any] = field(default_factory=dict)
    token: str | None = None  # the raw bearer token, for on-behalf-of exchanges


class AuthError(Exception):
    """A credential was presented but is not acceptable (expired, wrong audience, ...).

    The message is safe to show to the client; it never contains the credential."""

    def __init__(self, message: str, *, error: str = "invalid_token"):
        super().__init__(message)
        self.error = error


class Authenticator(Protocol):
    name: str

    def configured(self, app: Flask) -> bool:
        """True when settings for this kind exist (then access control is on)."""

    def authenticate(self, app: Flask, request: Request) -> Principal | None:
        """A Principal if the request carries a valid credential of this kind, None if it
        carries none of this kind; raise AuthError if it carries a bad one."""

    def challenge(self, app: Flask) -> str:
        """The WWW-Authenticate value for this kind, e.g. 'Bearer realm="mailcoach"'."""


_REGISTRY: list[Callable[[], Authenticator]] = []


def register(factory: Callable[[], Authenticator]) -> None:
    """Add a kind of credential; called at import time by the module that implements it."""
    if factory not in _REGISTRY:
        _REGISTRY.append(factory)


def authenticators() -> list[Authenticator]:
    return [f() for f in _REGISTRY]


# --- enforcement ----------------------------------------------------------------------------

def enabled(app: Flask) -> bool:
    """Whether the API wants a credential. Worked out on the first request and kept, like the
    rest of an app's settings, which are fixed once it serves (it is asked on every request)."""
    on = app.extensions.get("mailcoach_auth_enabled")
    if on is None:
        on = app.extensions["mailcoach_auth_enabled"] = (
            settings.as_bool(app.config.get("REQUIRE_AUTH")) or any(a.configured(app) for a in authenticators()))
    return on


def authenticate(app: Flask, req: Request) -> Principal:
    """The caller's Principal, or ApiError(401) with a challenge for every kind of credential."""
    kinds = authenticators()
    challenges = ", ".join(a.challenge(app) for a in kinds) or 'Bearer realm="mailcoach"'
    for kind in kinds:
        try:
            principal = kind.authenticate(app, req)
        except AuthError as e:
            raise ApiError(401, str(e), headers={
                "WWW-Authenticate": f'{kind.challenge(app)}, error="{e.error}"'}) from None
        if principal is not None:
            return principal
    raise ApiError(401, "this server requires a credential: an API key (Authorization: Bearer <key> "
                        "or X-API-Key) or a sign-in token", headers={"WWW-Authenticate": challenges})


def _check() -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not enabled(app):
        return
    req = request._get_current_object()  # type: ignore[attr-defined]
    if req.method != "OPTIONS" and req.path.startswith(tuple(PROTECTED_PREFIXES)):
        g.principal = authenticate(app, req)


def init_app(app: Flask) -> None:
    app.before_request(_check)


# --- API keys -------------------------------------------------------------------------------

def _looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


class ApiKeys:
    """Static keys from `MAILCOACH_API_KEYS`, sent as `X-API-Key: <key>` or `Authorization: Bearer <key>`."""

    name = "api_key"

    def configured(self, app: Flask) -> bool:
        return bool(settings.as_list(app.config.get("API_KEYS")))

    def authenticate(self, app: Flask, request: Request) -> Principal | None:
        presented = request.headers.get("X-API-Key")
        if presented is None:
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            token = token.strip()
            if scheme.lower() != "bearer" or not token or _looks_like_jwt(token):
                return None  # no key here; a JWT is for the token authenticators
            presented = token
        keys = settings.as_list(app.config.get("API_KEYS"))
        # Compare with every key, in constant time, so timing tells nothing about which matched.
        matched = None
        for key in keys:
            if hmac.compare_digest(presented.encode(), key.encode()):
                matched = key
        if matched is None:
            raise AuthError("the API key is not valid")
        return Principal("api_key", "key-" + hashlib.sha256(matched.encode()).hexdigest()[:12])

    def challenge(self, app: Flask) -> str:
        return 'Bearer realm="mailcoach"'


register(ApiKeys)  # Microsoft and Google tokens register the same way from their modules
