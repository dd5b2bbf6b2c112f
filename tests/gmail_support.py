"""Helpers shared by the tests/test_gmail_*.py files.

Nothing here fakes the code under test: ID tokens are signed with a test RSA key and checked by
the production path, whose certificates come from a loopback HTTP server; Gmail API calls run
through google-api-python-client with only the transport replaced (HttpMockSequence); drafts
are real MIME files turned into the Gmail API's `format=full` shape.
"""
from __future__ import annotations

import base64
import copy
import datetime as dt
import email
import email.policy
import functools
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt
from googleapiclient.http import HttpMockSequence

from addin_server.gmail.state import state

BASE = "https://coach.example.com"
SERVICE_ACCOUNT = "service-123456789@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
USER_TOKEN = "ya29.test-user-token"
FIXTURES = Path(__file__).parent / "fixtures" / "gmail"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gmail_card.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
ALLOWED_TAGS = {"b", "i", "u", "br", "font"}


# -- keys and tokens -----------------------------------------------------------------------

@functools.cache
def test_key(name: str = "primary") -> tuple[bytes, str]:
    """(private key PEM, self-signed certificate PEM) for a named test key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"mailcoach-test-{name}")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return private, cert.public_bytes(serialization.Encoding.PEM).decode()


def kid(name: str = "primary") -> str:
    return f"kid-{name}"


def claims_for(path: str, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": "https://accounts.google.com", "aud": BASE + path, "azp": "1122334455",
              "sub": "1122334455", "email": SERVICE_ACCOUNT, "email_verified": True,
              "iat": now, "exp": now + 3600}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def sign(claims: dict[str, Any], key: str = "primary", key_id: str | None = None) -> str:
    signer = crypt.RSASigner.from_string(test_key(key)[0], key_id=key_id or kid(key))
    return jwt.encode(signer, claims).decode()


def token_for(path: str, **overrides: Any) -> str:
    return sign(claims_for(path, **overrides))


class CertServer:
    """Serves `{kid: certificate PEM}` like https://www.googleapis.com/oauth2/v1/certs, on
    127.0.0.1 with a free port, and counts the fetches."""

    def __init__(self, keys: tuple[str, ...] = ("primary",), max_age: int = 3600):
        self.keys = list(keys)
        self.max_age = max_age
        self.hits = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.hits += 1
                body = json.dumps({kid(k): test_key(k)[1] for k in server.keys}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", f"public, max-age={server.max_age}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/oauth2/v1/certs"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                       daemon=True)

    def __enter__(self) -> "CertServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


# -- the app -------------------------------------------------------------------------------

@pytest.fixture
def certs() -> Iterator[CertServer]:
    with CertServer() as server:
        yield server


@pytest.fixture
def app(certs, make_app):
    """A configured app (conftest's make_app: no MAILCOACH_* environment leaks in)."""
    return make_app(PUBLIC_BASE_URL=BASE, GMAIL_SERVICE_ACCOUNT=SERVICE_ACCOUNT, GOOGLE_CERTS_URL=certs.url)


@pytest.fixture
def client(app):
    return app.test_client()


class GmailMock:
    """Installs an HttpMockSequence as the Gmail API transport and remembers what was asked."""

    def __init__(self, app):
        self.app = app
        self.mocks: list[HttpMockSequence] = []
        state(app).http_factory = self._make
        self.responses: list[tuple[dict, str]] = []

    def _make(self) -> HttpMockSequence:
        mock = HttpMockSequence(list(self.responses))
        self.mocks.append(mock)
        return mock

    def answer(self, *responses: tuple[dict, str]) -> "GmailMock":
        self.responses = list(responses)
        return self

    @property
    def requests(self) -> list[tuple[str, str, Any, dict]]:
        return [r for m in self.mocks for r in m.request_sequence]


@pytest.fixture
def gmail(app) -> GmailMock:
    return GmailMock(app)


def post(client, path: str, body: dict | None, *, token: str | None | bool = True, **kwargs):
    """POST an event like Google does; `token=True` signs a valid one for `path`."""
    if token is True:
        token = token_for(path)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if body is not None and token and isinstance(body.get("authorizationEventObject"), dict):
        body["authorizationEventObject"]["systemIdToken"] = token
    return client.post(path, json=body, headers=headers, **kwargs)


# -- events and drafts ---------------------------------------------------------------------

def event(name: str, **parts: Any) -> dict[str, Any]:
    """A fixture event object; keyword arguments replace its top-level parts."""
    body = json.loads((FIXTURES / f"{name}.json").read_text())
    body = copy.deepcopy(body)
    for key, value in parts.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def _gmail_part(msg: email.message.Message, part_id: str) -> dict[str, Any]:
    """A MIME part as the Gmail API's format=full shows it: headers as sent, body decoded
    from its transfer encoding and base64url-encoded without padding."""
    part: dict[str, Any] = {"partId": part_id, "mimeType": msg.get_content_type(),
                            "filename": msg.get_filename() or "",
                            "headers": [{"name": k, "value": str(v)} for k, v in msg.items()]}
    if msg.is_multipart():
        part["body"] = {"size": 0}
        part["parts"] = [_gmail_part(p, f"{part_id}.{i}" if part_id else str(i))
                         for i, p in enumerate(msg.get_payload())]
    else:
        raw = msg.get_payload(decode=True) or b""
        part["body"] = {"size": len(raw), "data": base64.urlsafe_b64encode(raw).decode().rstrip("=")}
    return part


def gmail_message(eml: str, message_id: str = "m-1", internal_date: int = 1_700_000_000_000) -> dict:
    msg = email.message_from_bytes((FIXTURES / eml).read_bytes(), policy=email.policy.compat32)
    return {"id": message_id, "threadId": "t-" + message_id, "labelIds": ["DRAFT"],
            "internalDate": str(internal_date), "payload": _gmail_part(msg, "")}


def ok(body: dict) -> tuple[dict, str]:
    return {"status": "200", "content-type": "application/json"}, json.dumps(body)


def error(status: int, message: str = "error", reason: str = "failed") -> tuple[dict, str]:
    body = {"error": {"code": status, "message": message, "errors": [{"message": message, "reason": reason}]}}
    return {"status": str(status), "content-type": "application/json"}, json.dumps(body)


def draft_list(*ids: str) -> tuple[dict, str]:
    return ok({"drafts": [{"id": i, "message": {"id": "m-" + i, "threadId": "t-" + i}} for i in ids],
               "resultSizeEstimate": len(ids)})


def draft_full(draft_id: str, eml: str, internal_date: int = 1_700_000_000_000) -> tuple[dict, str]:
    return ok({"id": draft_id, "message": gmail_message(eml, "m-" + draft_id, internal_date)})


def draft_metadata(draft_id: str, *, to: str = "", cc: str = "", subject: str = "",
                   saved: int = 1_700_000_000_000) -> tuple[dict, str]:
    headers = [{"name": n, "value": v} for n, v in (("To", to), ("Cc", cc), ("Subject", subject)) if v]
    return ok({"id": draft_id, "message": {"id": "m-" + draft_id, "threadId": "t-" + draft_id,
                                           "internalDate": str(saved),
                                           "payload": {"mimeType": "multipart/alternative", "headers": headers}}})


# -- checking answers ----------------------------------------------------------------------

def _walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")


def cards_in(answer: dict) -> list[dict]:
    return [n for p, n in _walk(answer) if re.search(r"/(pushCard|updateCard)$", p)]


def widgets_in(answer: dict, kind: str) -> list[dict]:
    return [n[kind] for _, n in _walk(answer) if isinstance(n, dict) and kind in n and len(n) == 1]


def text_of(answer: dict) -> str:
    return "\n".join(n for _, n in _walk(answer) if isinstance(n, str))


def check_answer(answer: dict, app) -> dict:
    """Schema, Google's limits, and that every button calls a POST endpoint of this app."""
    VALIDATOR.validate(answer)
    adapter = app.url_map.bind("coach.example.com", url_scheme="https")
    for card in cards_in(answer):
        assert len(card["sections"]) <= 100
        for section in card["sections"]:
            assert len(section["widgets"]) <= 100
            if "uncollapsibleWidgetsCount" in section:
                assert section["collapsible"] is True
                assert 0 < section["uncollapsibleWidgetsCount"] < len(section["widgets"])
    for path, node in _walk(answer):
        if path.endswith("/onClick/action"):
            url = node["function"]
            assert url.startswith(BASE + "/gmail/"), url
            endpoint, _ = adapter.match(url[len(BASE):], method="POST")
            assert endpoint.startswith("gmail."), url
            keys = [p["key"] for p in node.get("parameters", [])]
            assert len(keys) == len(set(keys))
        if re.search(r"/(text|topLabel|bottomLabel|header|title|subtitle)$", path) and isinstance(node, str):
            for tag in re.findall(r"</?([a-zA-Z]+)", node):
                assert tag.lower() in ALLOWED_TAGS, (path, node)
    return answer
