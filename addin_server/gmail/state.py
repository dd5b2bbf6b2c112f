"""Per-app objects of the Gmail add-on kept in `app.extensions`: the certificate cache, and
the HTTP object the Gmail API client uses (None: a real httplib2.Http; tests put an
HttpMockSequence factory here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from flask import Flask, current_app

from .tokens import CachingRequest

KEY = "mailcoach_gmail"


@dataclass
class GmailState:
    cert_request: CachingRequest = field(default_factory=CachingRequest)
    http_factory: Callable[[], Any] | None = None


def install(app: Flask) -> GmailState:
    app.extensions[KEY] = GmailState(CachingRequest(max_age=float(app.config["GOOGLE_CERTS_MAX_AGE"])))
    return app.extensions[KEY]


def state(app: Flask | None = None) -> GmailState:
    return (app or current_app).extensions[KEY]
