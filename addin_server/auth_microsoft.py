"""Microsoft Entra ID access tokens, as the Outlook task pane gets them with Office SSO.

Registered with `auth.register`, so once `MAILCOACH_MS_CLIENT_ID` is set the API wants a
credential, and a bearer JWT issued by Entra for this app is one. A token is accepted only if:
- it is signed with RS256 by a key from the tenant's published key set (`MS_JWKS_URL`),
- its issuer is Entra's for the token's own tenant (`tid`), limited to `MS_TENANT_ID` when
  that names one tenant, or to `MS_ALLOWED_TENANTS`,
- its audience is this app: the client id (v2 tokens) or the app id URI (v1 tokens),
- it has not expired (and `nbf`/`iat` are present), and
- its `scp` claim holds `access_as_user`.
Any failure raises AuthError, which the API answers with 401 and `WWW-Authenticate`.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit
from typing import Any, Callable

import jwt
import requests
from flask import Flask, Request

from . import settings
from .auth import AuthError, Principal, register

settings.defaults(
    MS_CLIENT_ID="",  # the Entra app's client id; setting it turns Microsoft sign-in on
    MS_CLIENT_SECRET="",  # for the on-behalf-of exchange (graph.py)
    MS_TENANT_ID="organizations",  # one tenant's GUID, or organizations/common for any tenant
    MS_ALLOWED_TENANTS="",  # comma-separated tenant GUIDs accepted when MS_TENANT_ID is not one
    MS_APP_ID_URI="",  # default api://<host of the request>/<client id>
    MS_AUTHORITY_HOST="https://login.microsoftonline.com",
    MS_JWKS_URL="",  # default <authority host>/<tenant>/discovery/v2.0/keys
    MS_JWKS_MAX_AGE=86400,  # seconds a fetched key set is trusted before a routine refresh
    MS_JWKS_MIN_REFETCH=60,  # seconds between fetches caused by tokens with unknown key ids
    MS_LEEWAY=120,  # seconds of clock skew tolerated on exp/nbf/iat
)

SCOPE = "access_as_user"
ALGORITHM = "RS256"
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_MULTI_TENANT = {"common", "organizations", "consumers"}


def client_id(app: Flask) -> str:
    return str(app.config.get("MS_CLIENT_ID") or "").strip()


def authority_host(app: Flask) -> str:
    return str(app.config.get("MS_AUTHORITY_HOST") or "https://login.microsoftonline.com").rstrip("/")


def jwks_url(app: Flask) -> str:
    tenant = str(app.config.get("MS_TENANT_ID") or "organizations").strip()
    return str(app.config.get("MS_JWKS_URL") or f"{authority_host(app)}/{tenant}/discovery/v2.0/keys")


# --- the key set ---------------------------------------------------------------------------

@dataclass
class _Fetched:
    keys: dict[str, dict[str, Any]]  # kid -> JWK
    at: float


class KeySet:
    """The published signing keys, fetched once and kept; fetched again when stale, or when a
    token names a key id not in the set (Entra rolls keys), at most once per `min_refetch`
    seconds so tokens with made-up key ids cannot make the server hammer the key endpoint."""

    def __init__(self, url: str, *, max_age: float, min_refetch: float,
                 get: Callable[..., Any] = requests.get, clock: Callable[[], float] = time.monotonic):
        self.url = url
        self.max_age = max_age
        self.min_refetch = min_refetch
        self._get = get
        self._clock = clock
        self._lock = threading.Lock()
        self._fetched: _Fetched | None = None
        self._last_attempt = float("-inf")
        self.fetches = 0  # how many times the endpoint was asked (for tests and logs)

    def key(self, kid: str) -> dict[str, Any]:
        with self._lock:
            now = self._clock()
            fresh = self._fetched is not None and now - self._fetched.at < self.max_age
            known = self._fetched is not None and kid in self._fetched.keys
            if not (fresh and known) and now - self._last_attempt >= self.min_refetch:
                self._refresh(now)
            if self._fetched is None:
                raise AuthError("the token cannot be checked now: the signing keys are unavailable")
            jwk = self._fetched.keys.get(kid)
            if jwk is None:
                raise AuthError("the token is signed with an unknown key")
            return jwk

    def _refresh(self, now: float) -> None:
        self._last_attempt = now
        self.fetches += 1
        try:
            response = self._get(self.url, timeout=10)
            response.raise_for_status()
            keys = response.json()["keys"]
            by_kid = {k["kid"]: k for k in keys if isinstance(k, dict) and k.get("kid")}
        except Exception:  # unreachable, not JSON, wrong shape: keep what we had
            return
        self._fetched = _Fetched(by_kid, now)


_KEYSETS: dict[tuple[str, float, float], KeySet] = {}
_KEYSETS_LOCK = threading.Lock()


def keyset(app: Flask) -> KeySet:
    """One KeySet per URL and settings, shared by all requests (and apps in one process)."""
    spec = (jwks_url(app), float(app.config.get("MS_JWKS_MAX_AGE") or 86400),
            float(app.config.get("MS_JWKS_MIN_REFETCH") or 0))
    with _KEYSETS_LOCK:
        if spec not in _KEYSETS:
            _KEYSETS[spec] = KeySet(spec[0], max_age=spec[1], min_refetch=spec[2])
        return _KEYSETS[spec]


# --- the checks ----------------------------------------------------------------------------

def audiences(app: Flask, request: Request | None) -> list[str]:
    cid = client_id(app)
    uri = str(app.config.get("MS_APP_ID_URI") or "").strip()
    if not uri and request is not None:
        uri = f"api://{urlsplit(settings.public_base_url(app, request)).netloc}/{cid}"
    return [a for a in (cid, uri) if a]


def _tenant_allowed(app: Flask, tid: str) -> bool:
    tenant = str(app.config.get("MS_TENANT_ID") or "organizations").strip().lower()
    if tenant not in _MULTI_TENANT:
        return tid.lower() == tenant
    allowed = {t.lower() for t in settings.as_list(app.config.get("MS_ALLOWED_TENANTS"))}
    return not allowed or tid.lower() in allowed


def expected_issuers(app: Flask, tid: str) -> set[str]:
    """v2 tokens name the tenant's v2.0 endpoint; v1 tokens (no requestedAccessTokenVersion) the STS."""
    return {f"{authority_host(app)}/{tid}/v2.0", f"https://sts.windows.net/{tid}/"}


def validate(app: Flask, token: str, request: Request | None = None) -> dict[str, Any]:
    """The token's claims if it passes every check; AuthError (safe to show) otherwise."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise AuthError("the token is not a well-formed JWT") from None
    if header.get("alg") != ALGORITHM:
        raise AuthError(f"the token must be signed with {ALGORITHM}")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise AuthError("the token names no signing key")
    jwk = keyset(app).key(kid)
    try:
        key = jwt.PyJWK(jwk, algorithm=ALGORITHM).key
        claims = jwt.decode(
            token, key, algorithms=[ALGORITHM], audience=audiences(app, request),
            leeway=float(app.config.get("MS_LEEWAY") or 0),
            options={"require": ["exp", "nbf", "iat", "iss", "aud", "tid"]},
        )
    except jwt.ExpiredSignatureError:
        raise AuthError("the token has expired") from None
    except jwt.InvalidAudienceError:
        raise AuthError("the token is not meant for this app (audience)") from None
    except jwt.ImmatureSignatureError:
        raise AuthError("the token is not valid yet") from None
    except jwt.MissingRequiredClaimError as e:
        raise AuthError(f"the token lacks the {e.claim!r} claim") from None
    except jwt.InvalidSignatureError:
        raise AuthError("the token's signature does not verify") from None
    except (jwt.PyJWTError, ValueError, TypeError):
        raise AuthError("the token is not valid") from None

    tid = str(claims["tid"])
    if not _GUID.match(tid):
        raise AuthError("the token's tenant id is malformed")
    if claims["iss"] not in expected_issuers(app, tid):
        raise AuthError("the token was not issued by Microsoft Entra ID for its tenant (issuer)")
    key_issuer = jwk.get("issuer")  # a key may be restricted to one issuer pattern
    if isinstance(key_issuer, str) and key_issuer.replace("{tenantid}", tid) != claims["iss"]:
        raise AuthError("the token's issuer may not use this signing key")
    if not _tenant_allowed(app, tid):
        raise AuthError("the token's organisation is not allowed on this server")
    scopes = str(claims.get("scp") or "").split()
    if SCOPE not in scopes:
        raise AuthError(f"the token lacks the {SCOPE} scope", error="insufficient_scope")
    return claims


# --- the authenticator ------------------------------------------------------------------------

def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token.count(".") == 2 else None


def _addressed_to_us(app: Flask, token: str, request: Request) -> bool:
    """Whether a JWT is meant for this authenticator, judged from its unverified claims, so
    tokens of another kind (Google's) are left to their own authenticator. Everything is
    verified afterwards; this only picks who verifies."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    aud = claims.get("aud")
    auds = aud if isinstance(aud, list) else [aud]
    iss = str(claims.get("iss") or "")
    return (any(a in audiences(app, request) for a in auds)
            or iss.startswith(authority_host(app) + "/") or iss.startswith("https://sts.windows.net/"))


class MicrosoftTokens:
    name = "microsoft"

    def configured(self, app: Flask) -> bool:
        return bool(client_id(app))

    def authenticate(self, app: Flask, request: Request) -> Principal | None:
        if not self.configured(app):
            return None
        token = _bearer(request)
        if token is None or not _addressed_to_us(app, token, request):
            return None
        claims = validate(app, token, request)
        subject = str(claims.get("oid") or claims.get("sub") or "")
        return Principal("microsoft", subject, claims=claims, token=token)

    def challenge(self, app: Flask) -> str:
        return f'Bearer realm="mailcoach", scope="{SCOPE}"'


register(MicrosoftTokens)
