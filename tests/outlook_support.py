"""Helpers shared by the tests/test_outlook_*.py files.

Nothing here fakes the code under test: access tokens are signed with test RSA keys and checked
by the production path, which fetches the key set from a loopback HTTP server; msal runs its own
on-behalf-of code with only its `http_client` replaced; Office.js is a test double
(tests/fixtures/office-double/office.js) standing in for Microsoft's CDN script.
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OFFICE_DOUBLE = FIXTURES / "office-double" / "office.js"
OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"

CLIENT_ID = "5f0c9a4e-3b1d-4c57-9f53-2a7e1c6d8b90"
TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47"
OTHER_TENANT = "11111111-2222-3333-4444-555555555555"
ISSUER = f"https://login.microsoftonline.com/{TENANT_ID}/v2.0"

BLAMING_DRAFT = ("Hi Sam,\n\nIt's not our fault. Per our policy we are unable to refund. You must read the "
                 "instructions. Sorry for any inconvenience.\n\nAlex")
GOOD_DRAFT = ("Hi Sam,\n\nThank you for telling us about the late parcel, and I am sorry it spoiled your "
              "weekend. I have refunded the delivery fee today, and the new parcel will reach you by Friday. "
              "Would a call tomorrow help?\n\nBest wishes,\nAlex")


# --- keys and tokens --------------------------------------------------------------------------

class TestKey:
    """An RSA key with a key id; `jwk` is its public half as Entra publishes it."""

    __test__ = False

    def __init__(self, kid: str | None = None):
        self.kid = kid or uuid.uuid4().hex
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    @property
    def jwk(self) -> dict[str, Any]:
        data = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private.public_key()))
        data.update(kid=self.kid, use="sig", alg="RS256")
        return data

    def sign(self, claims: dict[str, Any], *, kid: str | None = None, alg: str = "RS256") -> str:
        return jwt.encode(claims, self.private, algorithm=alg, headers={"kid": kid or self.kid})


def claims(**overrides: Any) -> dict[str, Any]:
    """The claims of a valid v2 access token for this app; overrides replace or (None) drop."""
    now = int(time.time())
    base = {
        "aud": CLIENT_ID, "iss": ISSUER, "tid": TENANT_ID, "iat": now - 10, "nbf": now - 10,
        "exp": now + 3600, "scp": "access_as_user", "oid": "0b7a8d6e-0000-4000-8000-00000000a11c",
        "sub": "subject-of-ada", "name": "Ada Lovelace", "ver": "2.0",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


class JwksServer:
    """The tenant's key endpoint on 127.0.0.1: serves `keys` (change it to rotate), counts
    requests, and can be told to fail."""

    def __init__(self, keys: list[TestKey]):
        self.keys = list(keys)
        self.requests = 0
        self.fail = False
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.requests += 1
                if outer.fail:
                    self.send_response(503)
                    self.end_headers()
                    return
                body = json.dumps({"keys": [k.jwk for k in outer.keys]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{TENANT_ID}/discovery/v2.0/keys"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def ms_settings(jwks: JwksServer, **more: Any) -> dict[str, Any]:
    """App config (names without MAILCOACH_) turning Microsoft sign-in on against `jwks`."""
    return {"MS_CLIENT_ID": CLIENT_ID, "MS_TENANT_ID": TENANT_ID, "MS_JWKS_URL": jwks.url,
            "MS_CLIENT_SECRET": "test-secret", **more}


# --- msal's transport -----------------------------------------------------------------------

class FakeResponse:
    def __init__(self, status_code: int, payload: Any, headers: dict[str, str] | None = None):
        self.status_code = status_code
        self.text = payload if isinstance(payload, str) else json.dumps(payload)
        self.headers = {"Content-Type": "application/json", **(headers or {})}

    def json(self) -> Any:
        return json.loads(self.text)

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}")


class FakeMicrosoft:
    """What msal (and the Graph call) send requests through: Entra's discovery document and
    token endpoint, and Graph's /me, answered from memory. `token_answer` is the token
    endpoint's (status, body); every request is recorded in `calls`."""

    def __init__(self, token_answer: tuple[int, dict[str, Any]], *, me: dict[str, Any] | None = None,
                 unreachable: bool = False):
        self.token_answer = token_answer
        self.me = me or {"displayName": "Ada Lovelace", "id": "ada"}
        self.unreachable = unreachable
        self.calls: list[dict[str, Any]] = []

    def _record(self, method: str, url: str, **kw: Any) -> None:
        data = kw.get("data")
        if isinstance(data, str):
            data = {k: v[0] for k, v in parse_qs(data).items()}
        self.calls.append({"method": method, "url": url, "data": data, "headers": kw.get("headers") or {},
                           "params": kw.get("params")})
        if self.unreachable:
            raise ConnectionError("network is unreachable")

    def get(self, url: str, params: Any = None, headers: Any = None, **kw: Any) -> FakeResponse:
        self._record("GET", url, params=params, headers=headers)
        if url.endswith("/v2.0/.well-known/openid-configuration"):
            tenant_base = url[: -len("/v2.0/.well-known/openid-configuration")]
            tid = tenant_base.rsplit("/", 1)[-1]
            return FakeResponse(200, {
                "token_endpoint": f"{tenant_base}/oauth2/v2.0/token",
                "authorization_endpoint": f"{tenant_base}/oauth2/v2.0/authorize",
                "device_authorization_endpoint": f"{tenant_base}/oauth2/v2.0/devicecode",
                "issuer": f"https://login.microsoftonline.com/{tid}/v2.0",
            })
        if url == "https://graph.microsoft.com/v1.0/me":
            return FakeResponse(200, self.me)
        return FakeResponse(404, {"error": "not_found"})

    def post(self, url: str, params: Any = None, data: Any = None, headers: Any = None, **kw: Any) -> FakeResponse:
        self._record("POST", url, data=data, headers=headers, params=params)
        if url.endswith("/oauth2/v2.0/token"):
            status, body = self.token_answer
            return FakeResponse(status, body)
        return FakeResponse(404, {"error": "not_found"})

    def token_posts(self) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["method"] == "POST" and c["url"].endswith("/oauth2/v2.0/token")]


# --- the browser ------------------------------------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def offline_page(context: Any, on_request: Callable[[Any], None] | None = None) -> Any:
    """A page that reaches only 127.0.0.1, with the Office.js double in place of Microsoft's CDN."""
    page = context.new_page()

    def only_loopback(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "blob:", "data:")):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_loopback)
    page.route(OFFICE_JS_URL, lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=OFFICE_DOUBLE.read_text(encoding="utf-8")))
    if on_request:
        page.on("request", on_request)
    return page
