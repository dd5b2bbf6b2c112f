"""The Gmail add-on: a Google Workspace add-on on the HTTP runtime that coaches the open draft.

Modules, in the order a request meets them: `tokens` (Google's ID token), `events` (the event
object), `drafts` + `mime` (finding and reading the draft with the Gmail API), `cards` + `copy`
(the answer), `routes` (the endpoints). `scopes` lists the OAuth scopes; `logo` draws the logo.
Deploying: docs/gmail.md.
"""
from __future__ import annotations

from flask import Flask

from .. import settings

settings.defaults(
    GMAIL_SERVICE_ACCOUNT=None,  # the add-on's service account (gcloud workspace-add-ons get-authorization)
    GOOGLE_CERTS_URL="https://www.googleapis.com/oauth2/v1/certs",  # Google's ID-token certificates
    GOOGLE_CERTS_MAX_AGE=3600,  # seconds to keep the certificates at most
    GMAIL_API_TIMEOUT=10,  # seconds per Gmail API call
    GMAIL_DRAFT_CANDIDATES=10,  # recent drafts compared when choosing the open one
)

from .routes import bp  # noqa: E402
from .state import install  # noqa: E402


def init_app(app: Flask) -> None:
    install(app)
    app.register_blueprint(bp)
