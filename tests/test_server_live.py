"""A real `mailcoach-server` process (gunicorn) on a free loopback port: start, serve, stop.

Also: TLS with a local certificate, the real language_tool_python client, and the privacy
check that a draft never reaches any log at DEBUG level.
"""
from __future__ import annotations

import json
import ssl
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from conftest import REPO, server_command, server_env

DRAFT = ("It's not our fault. Per our policy we are unable to refund. You must read the instructions. "
         "Sorry for any inconvenience.")


def post_json(url: str, body, headers=None, context=None):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST",
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30, context=context) as r:
            return r.status, dict(r.headers), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read())


def post_form(url: str, fields, query: str = ""):
    req = urllib.request.Request(url + query, data=urllib.parse.urlencode(fields).encode(), method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_server_starts_serves_and_stops_cleanly(server_factory):
    server = server_factory(args=["--workers", "2"])
    assert server.url.startswith("http://127.0.0.1:")
    status, headers, body = post_json(server.url + "/api/v1/analyze", {"text": DRAFT})
    assert status == 200 and body["suggestions"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(server.url + "/healthz", timeout=10) as r:
        assert json.loads(r.read())["status"] == "ok"
    assert server.stop() == 0
    log = server.log()
    assert log.count("Booting worker") == 2
    assert '"POST /api/v1/analyze HTTP/1.1" 200' in log
    with pytest.raises(OSError):
        urllib.request.urlopen(server.url + "/healthz", timeout=2)


def test_errors_are_json_on_the_live_server(shared_live_server):
    status, _, body = post_json(shared_live_server + "/api/v1/analyze", b"{not json")
    assert status == 400 and body["error"]["code"] == "bad_request"
    status, _, body = post_json(shared_live_server + "/api/v1/analyze", {"text": "x" * 300_000})
    assert status == 413 and body["error"]["code"] == "payload_too_large"


@pytest.mark.server_env(MAILCOACH_API_KEYS="live-key-123")
def test_api_key_on_the_live_server(live_server):
    status, headers, body = post_json(live_server + "/api/v1/analyze", {"text": DRAFT})
    assert status == 401 and "Bearer" in headers["WWW-Authenticate"]
    status, _, _ = post_json(live_server + "/api/v1/analyze", {"text": DRAFT},
                             headers={"Authorization": "Bearer live-key-123"})
    assert status == 200


@pytest.mark.server_env(MAILCOACH_RATELIMIT="2/minute")
def test_rate_limit_on_the_live_server(live_server):
    codes = [post_json(live_server + "/api/v1/analyze", {"text": DRAFT})[0] for _ in range(2)]
    status, headers, body = post_json(live_server + "/api/v1/analyze", {"text": DRAFT})
    assert codes == [200, 200] and status == 429
    assert int(headers["Retry-After"]) > 0 and body["error"]["code"] == "rate_limited"


def test_tls_with_a_local_certificate(server_factory, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server = server_factory(args=["--certfile", str(cert), "--keyfile", str(key)])
    assert server.url.startswith("https://127.0.0.1:")
    context = ssl.create_default_context(cafile=str(cert))
    status, headers, body = post_json(server.url + "/api/v1/analyze", {"text": DRAFT}, context=context)
    assert status == 200 and body["suggestions"]
    assert "Strict-Transport-Security" in headers
    with pytest.raises(OSError):  # plain HTTP is not served on the TLS port
        urllib.request.urlopen(server.url.replace("https", "http") + "/healthz", timeout=5)


def test_language_tool_python_client_against_the_server(shared_live_server, monkeypatch):
    language_tool_python = pytest.importorskip("language_tool_python")
    from language_tool_python import server as lt_server

    def no_download(*args, **kwargs):
        raise AssertionError("language_tool_python tried to download or start LanguageTool")

    monkeypatch.setattr(lt_server.LocalLanguageTool, "download", no_download)
    monkeypatch.setattr(lt_server.LanguageTool, "_start_local_server", no_download)

    text = "🙂 " + DRAFT
    with language_tool_python.LanguageTool("en-US", remote_server=shared_live_server) as tool:
        matches = tool.check(text)
        assert matches and all(isinstance(m, language_tool_python.Match) for m in matches)
        rule_ids = {m.rule_id for m in matches}
        assert {"transparency.unexplained_policy", "transparency.non_apology"} <= rule_ids
        plain = tool.check(DRAFT)
        for m in plain:
            assert DRAFT[m.offset:m.offset + m.error_length] == m.matched_text
            assert m.category.startswith("MAILCOACH_")
        # The client turns UTF-16 offsets back into Python indices: the emoji (2 units) shifts
        # every match by exactly 2 Python indices ("🙂 "), no more.
        assert sorted((m.rule_id, m.offset - 2, m.error_length) for m in matches) == \
            sorted((m.rule_id, m.offset, m.error_length) for m in plain)
        fixable = [m for m in matches if m.replacements]
        if fixable:
            corrected = language_tool_python.utils.correct(text, fixable)
            assert corrected != text and fixable[0].replacements[0] in corrected
        tool.disabled_rules = {"transparency.non_apology"}
        assert "transparency.non_apology" not in {m.rule_id for m in tool.check(text)}


def test_drafts_never_reach_the_logs(server_factory):
    marker = "MARKER" + uuid.uuid4().hex
    server = server_factory(env={"MAILCOACH_LOG_LEVEL": "DEBUG", "MAILCOACH_RATELIMIT": "1000/minute"},
                            args=["--log-level", "debug"])
    base = server.url
    text = f"Per our policy we are unable to refund {marker}. Sorry for any inconvenience."
    results = [
        post_json(base + "/api/v1/analyze", {"text": text, "subject": marker})[0],
        post_json(base + "/api/v1/analyze", {"html": f"<p>{text}</p>"})[0],
        post_json(base + f"/api/v1/analyze?text={marker}", {"text": text})[0],
        post_json(base + "/api/v1/analyze", {"text": text, "config": {"rules": {"disable": [marker]}}})[0],
        post_json(base + "/api/v1/analyze", {"text": text, marker: 1})[0],
        post_json(base + "/api/v1/analyze", f'{{"text": "{marker}'.encode())[0],
        post_json(base + "/api/v1/analyze", {"text": marker * 30_000})[0],
        post_form(base + "/v2/check", {"text": text, "language": "en-US"})[0],
        post_form(base + "/v2/check", {"data": json.dumps({"annotation": [{"text": text}]}), "language": "en-US"})[0],
        post_form(base + "/v2/check", {"text": text, "language": marker})[0],
        post_form(base + "/v2/check", {"text": text}, query=f"?text={marker}")[0],
    ]
    for method in ("GET", "PUT"):
        req = urllib.request.Request(base + "/v2/check?" + urllib.parse.urlencode({"text": text}), method=method)
        try:
            urllib.request.urlopen(req, timeout=10)
        except urllib.error.HTTPError as e:
            results.append(e.code)
    req = urllib.request.Request(base + "/api/v1/analyze", data=text.encode(), method="POST",
                                 headers={"Content-Type": "text/plain"})
    try:
        urllib.request.urlopen(req, timeout=10)
    except urllib.error.HTTPError as e:
        results.append(e.code)
    assert results == [200, 200, 200, 400, 400, 400, 413, 200, 200, 400, 200, 405, 405, 415]
    assert server.stop() == 0
    log = server.log()
    # logging was on and verbose: gunicorn's debug lines, the app's own, the access log
    assert "[DEBUG]" in log and "addin_server.api: analyzed" in log and '"POST /v2/check HTTP/1.1" 200' in log
    assert marker not in log
    assert "unable to refund" not in log


def test_bad_settings_stop_the_server_with_status_2(tmp_path):
    run = subprocess.run(server_command() + ["serve", "--port", "0"], capture_output=True, text=True,
                         env=server_env({"MAILCOACH_RATELIMIT": "lots"}), timeout=60, cwd=tmp_path)
    assert run.returncode == 2
    assert "MAILCOACH_RATELIMIT" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("args", [["--port", "http"], ["--workers", "0"], ["--certfile", "c.pem"],
                                  ["--certfile", "missing.pem", "--keyfile", "missing.key"], ["--bogus"]])
def test_usage_errors_exit_2(args, tmp_path):
    run = subprocess.run(server_command() + args, capture_output=True, text=True, env=server_env(),
                         timeout=60, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "usage:" in run.stderr


def test_module_entry_point_prints_help():
    run = subprocess.run([sys.executable, "-m", "addin_server.cli", "--help"], capture_output=True, text=True,
                         env=server_env(), timeout=60, cwd=REPO)
    assert run.returncode == 0 and "serve" in run.stdout and "manifests" in run.stdout
