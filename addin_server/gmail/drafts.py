"""Finds the draft being composed through the Gmail API and reads its text.

A compose trigger is not told which draft is open (at most its recipients, with
`draftAccess: METADATA`), so the add-on lists the user's drafts and picks the one whose
recipients match, most recently saved first. google-api-python-client does the calls with
the user's OAuth token from the event; its discovery document ships with the package
(`static_discovery=True`), so building the service touches no network.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import getaddresses
from typing import Any

import google.oauth2.credentials
import google_auth_httplib2
import httplib2
from googleapiclient import discovery
from googleapiclient.errors import HttpError

from .mime import DraftContent, draft_content, header



def gmail_service(user_oauth_token: str, http: Any | None = None, timeout: float = 10.0):
    """A Gmail v1 service acting as the user. The token cannot be refreshed, so a 401 from
    Gmail stays a 401 (refresh_status_codes=()) instead of a failed refresh."""
    credentials = google.oauth2.credentials.Credentials(user_oauth_token)
    authed = google_auth_httplib2.AuthorizedHttp(
        credentials, http=http if http is not None else httplib2.Http(timeout=timeout),
        refresh_status_codes=())
    return discovery.build("gmail", "v1", http=authed, static_discovery=True, cache_discovery=False)


@dataclass(frozen=True)
class Candidate:
    """A draft as drafts.get(format=metadata) describes it."""

    draft_id: str
    subject: str
    recipients: frozenset[str]
    saved_ms: int  # internalDate: when Gmail last saved the draft


@dataclass(frozen=True)
class DraftChoice:
    """The draft to coach and how sure the choice is."""

    draft_id: str
    content: DraftContent
    basis: str  # "requested" (the card asked for this id), "only", "recipients", "latest"
    others: tuple[Candidate, ...] = ()  # other drafts that could equally be the one open

    @property
    def ambiguous(self) -> bool:
        return bool(self.others)


@dataclass(frozen=True)
class NoDraft:
    """No saved draft matches; `candidates` are the user's recent drafts to offer instead."""

    recipients: frozenset[str] = frozenset()
    candidates: tuple[Candidate, ...] = field(default=())


def _addresses(value: str) -> set[str]:
    return {addr.strip().lower() for _, addr in getaddresses([value]) if addr.strip()}


def _candidate(draft: dict[str, Any]) -> Candidate:
    message = draft.get("message") or {}
    payload = message.get("payload") or {}
    recipients = set()
    for name in ("To", "Cc", "Bcc"):
        recipients |= _addresses(header(payload, name))
    try:
        saved = int(message.get("internalDate") or 0)
    except (TypeError, ValueError):
        saved = 0
    return Candidate(str(draft.get("id")), header(payload, "Subject"), frozenset(recipients), saved)


def read_draft(service, draft_id: str) -> DraftContent:
    draft = service.users().drafts().get(userId="me", id=draft_id, format="full").execute()
    return draft_content(draft.get("message") or {})


def choose(candidates: list[Candidate], recipients: frozenset[str]) -> tuple[Candidate, str, list[Candidate]] | None:
    """The most likely draft, why, and the others that tie with it; None if none fits.

    With recipients: exact matches first, else the drafts sharing the most addresses; a draft
    sharing none is not a match (the open one may not be saved yet). Without recipients: the
    most recently saved draft, and every other draft ties with it.
    """
    if not candidates:
        return None
    if recipients:
        exact = [c for c in candidates if c.recipients == recipients]
        if exact:
            pool, basis = exact, "recipients"
        else:
            best = max(len(c.recipients & recipients) for c in candidates)
            if best == 0:
                return None
            pool, basis = [c for c in candidates if len(c.recipients & recipients) == best], "recipients"
    else:
        pool, basis = candidates, "latest"
    pool = sorted(pool, key=lambda c: c.saved_ms, reverse=True)
    if len(candidates) == 1:
        basis = "only"
    return pool[0], basis, pool[1:]


def find_draft(service, *, draft_id: str | None = None, recipients: frozenset[str] = frozenset(),
               max_candidates: int = 10) -> DraftChoice | NoDraft:
    """The draft to coach. A requested id that is gone (sent, deleted) falls back to choosing."""
    if draft_id:
        try:
            return DraftChoice(draft_id, read_draft(service, draft_id), "requested")
        except HttpError as exc:
            if exc.resp.status != 404:
                raise
    listing = service.users().drafts().list(userId="me", maxResults=max_candidates).execute()
    drafts = [d for d in listing.get("drafts") or () if isinstance(d, dict) and d.get("id")]
    if not drafts:
        return NoDraft(recipients)
    if len(drafts) == 1 and not recipients:
        only = str(drafts[0]["id"])
        return DraftChoice(only, read_draft(service, only), "only")
    candidates = [
        _candidate(service.users().drafts().get(userId="me", id=d["id"], format="metadata").execute())
        for d in drafts
    ]
    picked = choose(candidates, recipients)
    if picked is None:
        recent = sorted(candidates, key=lambda c: c.saved_ms, reverse=True)
        return NoDraft(recipients, tuple(recent[:3]))
    chosen, basis, others = picked
    return DraftChoice(chosen.draft_id, read_draft(service, chosen.draft_id), basis, tuple(others))
