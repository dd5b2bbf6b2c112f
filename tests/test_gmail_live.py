"""The Gmail endpoints in a real `mailcoach-server` (gunicorn) process, configured only through
MAILCOACH_* environment variables, with Google's certificates on a loopback server."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

from gmail_support import BASE, SERVICE_ACCOUNT, CertServer, event, token_for


def _post(url: str, body: dict, token: str | None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_gunicorn_serves_the_add_on_behind_a_configured_public_url(server_factory):
    with CertServer() as certs:
        server = server_factory(env={"MAILCOACH_PUBLIC_BASE_URL": BASE,
                                     "MAILCOACH_GMAIL_SERVICE_ACCOUNT": SERVICE_ACCOUNT,
                                     "MAILCOACH_GOOGLE_CERTS_URL": certs.url})
        # The process listens on http://127.0.0.1:PORT; Google's token names the public URL.
        status, answer = _post(server.url + "/gmail/home", event("homepage"), token_for("/gmail/home"))
        assert status == 200
        assert answer["action"]["navigations"][0]["pushCard"]["header"]["title"] == "mailcoach"

        status, answer = _post(server.url + "/gmail/coach", event("paste_action"), token_for("/gmail/coach"))
        assert status == 200
        assert "updateCard" in answer["renderActions"]["action"]["navigations"][0]

        status, answer = _post(server.url + "/gmail/home", event("homepage"), None)
        assert status == 401 and answer["error"] == "missing_token"
        status, _ = _post(server.url + "/gmail/home", event("homepage"), token_for("/gmail/compose"))
        assert status == 401
        server.stop()
        assert "not our fault" not in server.log()  # the pasted draft text is never logged
        assert certs.hits == 1  # one worker, certificates fetched once and cached
