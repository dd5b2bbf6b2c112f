"""The text of a draft from the Gmail API's `format=full` message payload.

The payload is a tree of parts (`mimeType`, `headers`, `body.data`, `parts`); bodies are
base64url, often without padding, in the part's charset. A customer email's text/plain part
is preferred (Gmail writes one beside the HTML); otherwise the text/html part goes to the
library, which reads HTML itself. Attachments are skipped.
"""
from __future__ import annotations

import base64
import binascii
import codecs
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from typing import Any, Iterator


class DraftTooLarge(Exception):
    """The text part is stored as an attachment (too large to arrive inline)."""


@dataclass(frozen=True)
class DraftContent:
    subject: str
    text: str | None = None  # exactly one of text/html is set when the draft has a body
    html: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.text or "").strip() and not _html_has_text(self.html)


def header(payload: dict[str, Any], name: str) -> str:
    """A header's value with RFC 2047 encoded words (=?utf-8?q?...?=) decoded."""
    for h in payload.get("headers") or ():
        if isinstance(h, dict) and str(h.get("name", "")).lower() == name.lower():
            value = str(h.get("value", ""))
            try:
                return str(make_header(decode_header(value)))
            except (HeaderParseError, LookupError, UnicodeDecodeError, ValueError):
                return value
    return ""


def decode_base64url(data: str) -> bytes:
    """Gmail's base64url, with or without padding."""
    data = data.strip()
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        return b""


def _content_type(part: dict[str, Any]) -> Message:
    """The part's Content-Type header parsed by the stdlib (for the charset and disposition)."""
    msg = Message()
    msg["Content-Type"] = header(part, "Content-Type") or str(part.get("mimeType") or "text/plain")
    disposition = header(part, "Content-Disposition")
    if disposition:
        msg["Content-Disposition"] = disposition
    return msg


def _is_attachment(part: dict[str, Any]) -> bool:
    return bool(part.get("filename")) or _content_type(part).get_content_disposition() == "attachment"


def _walk(part: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Depth-first, in document order, as a mail reader would show the parts."""
    yield part
    for child in part.get("parts") or ():
        if isinstance(child, dict):
            yield from _walk(child)


def part_text(part: dict[str, Any]) -> str:
    body = part.get("body") or {}
    data = body.get("data")
    if not data:
        if body.get("attachmentId"):
            raise DraftTooLarge()
        return ""
    raw = decode_base64url(str(data))
    charset = _content_type(part).get_content_charset() or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    return raw.decode(charset, errors="replace")


def draft_content(message: dict[str, Any]) -> DraftContent:
    """Subject and body of a Gmail API message resource (`drafts.get(format="full")["message"]`)."""
    payload = message.get("payload") or {}
    subject = header(payload, "Subject")
    plain = html = None
    for part in _walk(payload):
        mime = str(part.get("mimeType") or "").lower()
        if part.get("parts") or _is_attachment(part):
            continue
        if mime == "text/plain" and plain is None:
            plain = part
        elif mime == "text/html" and html is None:
            html = part
    if plain is not None:
        text = part_text(plain)
        if text.strip() or html is None:
            return DraftContent(subject, text=text)
    if html is not None:
        return DraftContent(subject, html=part_text(html))
    return DraftContent(subject, text="")


def _html_has_text(html: str | None) -> bool:
    if not html:
        return False
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        found = False

        def handle_data(self, data):
            if data.strip():
                self.found = True

    parser = _Text()
    parser.feed(html)
    return parser.found
