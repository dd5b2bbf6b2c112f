"""Access control for the API: one mechanism, several kinds of credential.

Each kind (API keys here; Microsoft Entra ID tokens from the Outlook add-in; Google tokens)
registers an `Authenticator`. When access control is on (`MAILCOACH_REQUIRE_AUTH`, or any
authenticator reports itself configured), a request to a protected view must be accepted by
one of them; otherwise it gets 401 with a `WWW-Authenticate` challenge for each kind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from flask import Flask, Request


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
