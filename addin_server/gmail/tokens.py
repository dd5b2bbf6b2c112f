"""Checks the Google-signed ID token that comes with every add-on request.

Google calls the add-on's endpoints with `Authorization: Bearer <ID token>` for the add-on's
service account (the same token is in the event as `authorizationEventObject.systemIdToken`).
google-auth checks the signature, expiry and audience; this module adds the issuer, the
service account's email and `email_verified`, and keeps Google's certificates in a cache so a
request does not wait on a download.
"""
from __future__ import annotations

import base64
import json
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import google.auth.exceptions
import google.auth.transport
import google.auth.transport.requests
from google.oauth2 import id_token

ISSUERS = ("accounts.google.com", "https://accounts.google.com")
CLOCK_SKEW_SECONDS = 10  # tolerate small clock differences between Google and this host
MIN_CACHE_SECONDS = 60  # refetch no more often than this, whatever Cache-Control says


class TokenError(Exception):
    """The request's token is missing or not acceptable. The message never contains the token."""


@dataclass
class _Cached:
    status: int
    headers: Mapping[str, str]
    data: bytes
    fetched: float
    expires: float


class CachingRequest(google.auth.transport.Request):
    """A google-auth transport that keeps the certificate document for its Cache-Control max-age.

    google-auth's `verify_token` downloads the certificates on every call; this wrapper serves
    them from memory until they expire (bounded by `max_age`), and fetches again early when a
    token names a key the cached document does not have (Google rotates keys).
    """

    def __init__(self, max_age: float = 3600, inner: google.auth.transport.Request | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.max_age = max_age
        self.inner = inner or google.auth.transport.requests.Request()
        self.clock = clock
        self._cache: dict[str, _Cached] = {}
        self._lock = threading.Lock()

    def __call__(self, url, method="GET", body=None, headers=None, timeout=10, **kwargs):
        if method != "GET":
            return self.inner(url, method=method, body=body, headers=headers, timeout=timeout, **kwargs)
        with self._lock:
            hit = self._cache.get(url)
            if hit and hit.expires > self.clock():
                return hit
        response = self.inner(url, method="GET", headers=headers, timeout=timeout, **kwargs)
        if response.status == 200:
            now = self.clock()
            cached = _Cached(response.status, dict(response.headers), response.data,
                             now, now + self._lifetime(response.headers))
            with self._lock:
                self._cache[url] = cached
        return response

    def forget_unless_has(self, url: str, key_id: str | None) -> None:
        """Drop the cached document for `url` if it lacks `key_id` (a rotated key), at most
        once per MIN_CACHE_SECONDS so tokens naming made-up keys cannot force a fetch each time."""
        with self._lock:
            hit = self._cache.get(url)
            if hit is None or key_id is None or self.clock() - hit.fetched < MIN_CACHE_SECONDS:
                return
            try:
                keys = json.loads(hit.data)
            except ValueError:
                keys = {}
            if not isinstance(keys, dict) or key_id not in keys:
                del self._cache[url]

    def _lifetime(self, headers: Mapping[str, str]) -> float:
        control = {k.lower(): v for k, v in headers.items()}.get("cache-control", "")
        match = re.search(r"max-age=(\d+)", control)
        seconds = float(match.group(1)) if match else self.max_age
        return max(MIN_CACHE_SECONDS, min(seconds, self.max_age))


def _key_id(token: str) -> str | None:
    """The `kid` from the token's (unverified) header, used only to pick a certificate."""
    try:
        segment = token.split(".")[0]
        header = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
        return header.get("kid") if isinstance(header, dict) else None
    except (ValueError, IndexError):
        return None


def bearer_token(authorization: str | None) -> str | None:
    """The token from an `Authorization: Bearer ...` header, or None."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def verify_system_token(token: str | None, *, audience: str, service_account: str,
                        certs_url: str, request: CachingRequest) -> dict[str, Any]:
    """The token's claims if Google signed it for `audience` and `service_account`; else TokenError."""
    if not token:
        raise TokenError("no Google ID token: expected 'Authorization: Bearer <token>'")
    request.forget_unless_has(certs_url, _key_id(token))
    try:
        claims = id_token.verify_token(token, request, audience=audience, certs_url=certs_url,
                                       clock_skew_in_seconds=CLOCK_SKEW_SECONDS)
    except google.auth.exceptions.TransportError as exc:
        raise TokenError("could not fetch Google's signing certificates") from exc
    except (ValueError, google.auth.exceptions.GoogleAuthError) as exc:
        raise TokenError(_reason(exc)) from exc
    if claims.get("iss") not in ISSUERS:
        raise TokenError("the token was not issued by Google")
    if str(claims.get("email", "")).lower() != service_account.lower():
        raise TokenError("the token is not for this add-on's service account")
    if claims.get("email_verified") is not True:
        raise TokenError("the token's email is not verified")
    return dict(claims)


def _reason(exc: Exception) -> str:
    """A short, token-free reason for a google-auth failure."""
    text = str(exc)
    for needle, reason in (("expired", "the token has expired"),
                           ("audience", "the token is for another URL (audience)"),
                           ("Certificate for key id", "the token is signed by an unknown key"),
                           ("signature", "the token's signature is invalid"),
                           ("too early", "the token is not valid yet")):
        if needle.lower() in text.lower():
            return reason
    return "the token is not a valid Google ID token"
