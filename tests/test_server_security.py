"""Security headers, CORS, the rate limit and API keys, through Flask's test client."""
from __future__ import annotations

import pytest

from addin_server import security

DRAFT = "Per our policy we are unable to refund. Sorry for any inconvenience."


@pytest.mark.parametrize("method, path", [("GET", "/healthz"), ("POST", "/api/v1/analyze"),
                                          ("GET", "/nothing"), ("GET", "/openapi.json"), ("GET", "/")])
def test_security_headers_on_every_response(client, method, path):
    r = client.open(path, method=method, json={"text": "Thanks!"} if method == "POST" else None)
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"


def test_api_answers_are_not_cached(client):
    assert client.post("/api/v1/analyze", json={"text": DRAFT}).headers["Cache-Control"] == "no-store"


def test_csp_can_be_extended_per_blueprint_and_per_view(make_app):
    policy = security.content_security_policy("outlook")
    assert "https://appsforoffice.microsoft.com" in policy
    assert "frame-ancestors 'none'" not in policy and "https://outlook.office.com" in policy
    app = make_app()

    @app.get("/framed")
    def framed():
        from flask import g

        g.csp_extra = {"frame-ancestors": ["https://example.com"]}
        return "ok"

    r = app.test_client().get("/framed")
    assert "frame-ancestors https://example.com" in r.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in r.headers


# --- CORS -------------------------------------------------------------------------------------

ORIGIN = "https://addin.example.com"


@pytest.fixture
def cors_client(make_app):
    return make_app(CORS_ORIGINS=f"{ORIGIN}, https://other.example.com/").test_client()


@pytest.mark.parametrize("sent", [ORIGIN, ORIGIN + "/", "https://other.example.com"])
def test_cors_echoes_a_configured_origin_exactly(cors_client, sent):
    r = cors_client.post("/api/v1/analyze", json={"text": DRAFT}, headers={"Origin": sent})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == sent
    assert "Origin" in r.headers["Vary"]


@pytest.mark.parametrize("sent", ["https://evil.example.com", "https://addin.example.com.evil.com", "null"])
def test_cors_ignores_other_origins(cors_client, sent):
    r = cors_client.post("/api/v1/analyze", json={"text": DRAFT}, headers={"Origin": sent})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_no_cors_when_nothing_is_configured(client):
    r = client.post("/api/v1/analyze", json={"text": DRAFT}, headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in r.headers


@pytest.mark.parametrize("sent", [ORIGIN, ORIGIN + "/"])
def test_preflight_allows_configured_origin(cors_client, sent):
    r = cors_client.options("/api/v1/analyze", headers={
        "Origin": sent, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == sent
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    allowed = r.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed


def test_preflight_from_unknown_origin_gets_no_grant(cors_client):
    r = cors_client.options("/api/v1/analyze", headers={
        "Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in r.headers
    assert "Access-Control-Allow-Methods" not in r.headers


def test_preflight_needs_no_credential_even_when_auth_is_on(make_app):
    c = make_app(CORS_ORIGINS=ORIGIN, API_KEYS="k").test_client()
    r = c.options("/api/v1/analyze", headers={"Origin": ORIGIN + "/", "Access-Control-Request-Method": "POST"})
    assert r.status_code == 204 and r.headers["Access-Control-Allow-Origin"] == ORIGIN + "/"


# --- rate limit --------------------------------------------------------------------------------

def test_rate_limit_answers_429_with_retry_after(make_app):
    c = make_app(RATELIMIT="3/minute").test_client()
    answers = [c.post("/api/v1/analyze", json={"text": DRAFT}) for _ in range(3)]
    assert [r.status_code for r in answers] == [200, 200, 200]
    assert not any("Retry-After" in r.headers for r in answers)  # only a 429 says when to retry
    r = c.post("/v2/check", data={"text": DRAFT, "language": "en-US"})  # one budget for /api and /v2
    assert r.status_code == 429
    assert r.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(r.headers["Retry-After"]) <= 60
    assert c.get("/healthz").status_code == 200  # health checks and pages are not limited


def test_rate_limit_is_per_client(make_app):
    c = make_app(RATELIMIT="1/minute").test_client()
    a = {"REMOTE_ADDR": "10.0.0.1"}
    b = {"REMOTE_ADDR": "10.0.0.2"}
    assert c.post("/api/v1/analyze", json={"text": DRAFT}, environ_base=a).status_code == 200
    assert c.post("/api/v1/analyze", json={"text": DRAFT}, environ_base=a).status_code == 429
    assert c.post("/api/v1/analyze", json={"text": DRAFT}, environ_base=b).status_code == 200


def test_rate_limit_can_be_switched_off(make_app):
    c = make_app(RATELIMIT="off").test_client()
    assert all(c.get("/api/v1/rules").status_code == 200 for _ in range(5))


def test_bad_rate_limit_setting_fails_at_startup(make_app):
    with pytest.raises(ValueError, match="MAILCOACH_RATELIMIT"):
        make_app(RATELIMIT="lots")


# --- API keys ----------------------------------------------------------------------------------

@pytest.fixture
def keyed(make_app):
    return make_app(API_KEYS="alpha-key-1, beta-key-2").test_client()


def test_access_is_open_by_default(client):
    assert client.post("/api/v1/analyze", json={"text": DRAFT}).status_code == 200


@pytest.mark.parametrize("path, kwargs", [("/api/v1/analyze", {"json": {"text": DRAFT}}),
                                          ("/v2/check", {"data": {"text": DRAFT, "language": "en-US"}})])
def test_without_a_key_the_api_is_401(keyed, path, kwargs):
    r = keyed.post(path, **kwargs)
    assert r.status_code == 401
    assert r.get_json()["error"]["code"] == "unauthorized"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("headers", [{"Authorization": "Bearer alpha-key-1"}, {"X-API-Key": "beta-key-2"},
                                     {"Authorization": "bearer beta-key-2"}])
def test_a_valid_key_is_accepted(keyed, headers):
    assert keyed.post("/api/v1/analyze", json={"text": DRAFT}, headers=headers).status_code == 200


@pytest.mark.parametrize("headers", [{"Authorization": "Bearer alpha-key-"}, {"X-API-Key": "alpha-key-1x"},
                                     {"Authorization": "Basic YWxwaGEta2V5LTE="}, {"X-API-Key": ""}])
def test_a_wrong_key_is_401(keyed, headers):
    r = keyed.post("/api/v1/analyze", json={"text": DRAFT}, headers=headers)
    assert r.status_code == 401
    assert "alpha" not in r.get_data(as_text=True)


def test_pages_and_health_stay_open_with_keys(keyed):
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/openapi.json").status_code == 200


def test_require_auth_without_keys_refuses_everyone(make_app):
    c = make_app(REQUIRE_AUTH=True).test_client()
    assert c.post("/api/v1/analyze", json={"text": DRAFT}).status_code == 401
    assert c.post("/api/v1/analyze", json={"text": DRAFT}, headers={"X-API-Key": "x"}).status_code == 401


def test_settings_come_from_the_environment(monkeypatch, clean_env):
    from addin_server import create_app

    monkeypatch.setenv("MAILCOACH_API_KEYS", "1e5")  # stays a string, not the float 100000.0
    monkeypatch.setenv("MAILCOACH_MAX_BODY_BYTES", "1000")
    app = create_app({"TESTING": True})
    c = app.test_client()
    assert c.post("/api/v1/analyze", json={"text": DRAFT}, headers={"X-API-Key": "1e5"}).status_code == 200
    assert c.post("/api/v1/analyze", json={"text": "x" * 2000}, headers={"X-API-Key": "1e5"}).status_code == 413


@pytest.mark.parametrize("origin", ["https://coach.example.com/", "https://coach.example.com"])
def test_the_servers_own_public_origin_is_always_allowed(make_app, origin):
    """Outlook's event runtime on classic Windows sends the add-in's own origin, slash and all."""
    client = make_app(PUBLIC_BASE_URL="https://coach.example.com").test_client()
    r = client.post("/api/v1/analyze", json={"text": "Thanks!"}, headers={"Origin": origin})
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == origin
    r = client.post("/api/v1/analyze", json={"text": "Thanks!"}, headers={"Origin": "https://evil.example/"})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_without_a_public_url_the_request_host_is_the_own_origin(client):
    r = client.post("/api/v1/analyze", json={"text": "Thanks!"}, headers={"Origin": "http://localhost/"})
    assert r.headers["Access-Control-Allow-Origin"] == "http://localhost/"


def test_vary_origin_joins_a_vary_the_view_set(make_app):
    app = make_app()

    @app.get("/varies")
    def varies():
        return "ok", 200, {"Vary": "Accept-Encoding"}

    @app.get("/varies-by-origin")
    def varies_by_origin():
        return "ok", 200, {"Vary": "origin"}

    client = app.test_client()
    assert client.get("/varies").headers.get_all("Vary") == ["Accept-Encoding, Origin"]
    assert client.get("/varies-by-origin").headers.get_all("Vary") == ["origin"]
    assert client.get("/healthz").headers.get_all("Vary") == ["Origin"]


def test_a_header_the_view_set_is_kept(make_app):
    app = make_app()

    @app.get("/own-policy")
    def own_policy():
        return "ok", 200, {"Content-Security-Policy": "default-src 'none'", "Referrer-Policy": "same-origin"}

    r = app.test_client().get("/own-policy")
    assert r.headers.get_all("Content-Security-Policy") == ["default-src 'none'"]
    assert r.headers.get_all("Referrer-Policy") == ["same-origin"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
