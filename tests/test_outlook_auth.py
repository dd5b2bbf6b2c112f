"""Microsoft sign-in for the Outlook add-in: Entra access tokens and the Graph greeting.

Tokens are signed with test RSA keys and checked by the production path (addin_server.auth
through auth_microsoft), which fetches the key set from a loopback HTTP server. The on-behalf-of
exchange runs msal's own code with only its http_client replaced.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

from outlook_support import (CLIENT_ID, ISSUER, OTHER_TENANT, TENANT_ID, FakeMicrosoft, JwksServer, TestKey,
                             claims, ms_settings)

DRAFT = {"text": "Hi Sam, thanks for your patience. I have refunded you today. Best, Alex"}


@pytest.fixture
def key() -> TestKey:
    return TestKey()


@pytest.fixture
def jwks(key):
    server = JwksServer([key])
    yield server
    server.close()


@pytest.fixture
def ms_app(make_app, jwks):
    return make_app(**ms_settings(jwks))


def analyze(app, token: str | None, **headers):
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return app.test_client().post("/api/v1/analyze", json=DRAFT, headers=headers)


def assert_rejected(response, fragment: str, error: str = "invalid_token"):
    assert response.status_code == 401, response.get_data(as_text=True)
    challenge = response.headers.get("WWW-Authenticate", "")
    assert challenge.startswith("Bearer ") and f'error="{error}"' in challenge, challenge
    body = response.get_json()
    assert fragment in body["error"]["message"], body


# --- tokens ----------------------------------------------------------------------------------

def test_a_valid_token_is_accepted(ms_app, key):
    response = analyze(ms_app, key.sign(claims()))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "scores" in response.get_json()


def test_a_v1_token_for_the_app_id_uri_is_accepted(ms_app, key):
    token = key.sign(claims(aud=f"api://localhost/{CLIENT_ID}", iss=f"https://sts.windows.net/{TENANT_ID}/", ver="1.0"))
    assert analyze(ms_app, token).status_code == 200


def test_without_a_token_the_api_asks_for_one(ms_app):
    response = analyze(ms_app, None)
    assert response.status_code == 401
    assert "Bearer" in response.headers["WWW-Authenticate"]
    # pages stay open: the pane must load before it can sign in
    assert ms_app.test_client().get("/outlook/taskpane.html").status_code == 200


def test_an_expired_token_is_rejected(ms_app, key):
    past = int(time.time()) - 7200
    assert_rejected(analyze(ms_app, key.sign(claims(iat=past - 3600, nbf=past - 3600, exp=past))), "expired")


def test_a_token_for_another_audience_is_rejected(ms_app, key):
    assert_rejected(analyze(ms_app, key.sign(claims(aud="00000003-0000-0000-c000-000000000000"))), "audience")


def test_a_token_from_another_issuer_is_rejected(ms_app, key):
    assert_rejected(analyze(ms_app, key.sign(claims(iss="https://evil.example.com/v2.0"))), "issuer")


def test_an_issuer_for_another_tenant_than_the_tid_is_rejected(ms_app, key):
    token = key.sign(claims(iss=f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0"))
    assert_rejected(analyze(ms_app, token), "issuer")


def test_a_token_signed_by_another_key_with_the_same_kid_is_rejected(ms_app, key):
    impostor = TestKey(kid=key.kid)
    assert_rejected(analyze(ms_app, impostor.sign(claims())), "signature")


def test_alg_none_is_rejected(ms_app, key):
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT", "kid": key.kid}).encode()).rstrip(b"=")
    body = base64.urlsafe_b64encode(json.dumps(claims()).encode()).rstrip(b"=")
    token = f"{header.decode()}.{body.decode()}."
    assert_rejected(analyze(ms_app, token), "RS256")


def test_hs256_with_the_public_key_as_secret_is_rejected(ms_app, key):
    """The classic algorithm confusion: an HMAC 'signed' with the published key."""
    from cryptography.hazmat.primitives import serialization

    secret = key.private.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    part = lambda data: base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=")  # noqa: E731
    signing_input = part({"alg": "HS256", "typ": "JWT", "kid": key.kid}) + b"." + part(claims())
    signature = base64.urlsafe_b64encode(hmac.new(secret, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    token = (signing_input + b"." + signature).decode()
    assert_rejected(analyze(ms_app, token), "RS256")


def test_a_token_without_access_as_user_is_rejected(ms_app, key):
    assert_rejected(analyze(ms_app, key.sign(claims(scp="User.Read Mail.Read"))), "access_as_user",
                    error="insufficient_scope")
    assert_rejected(analyze(ms_app, key.sign(claims(scp=None, roles=["Analyze.All"]))), "access_as_user",
                    error="insufficient_scope")


def test_a_token_without_a_required_claim_is_rejected(ms_app, key):
    assert_rejected(analyze(ms_app, key.sign(claims(nbf=None))), "nbf")


def test_a_tenant_outside_the_configured_one_is_rejected(ms_app, key):
    token = key.sign(claims(tid=OTHER_TENANT, iss=f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0"))
    assert_rejected(analyze(ms_app, token), "organisation")


def test_multi_tenant_with_an_allow_list(make_app, jwks, key):
    app = make_app(**ms_settings(jwks, MS_TENANT_ID="organizations", MS_ALLOWED_TENANTS=TENANT_ID))
    assert analyze(app, key.sign(claims())).status_code == 200
    other = key.sign(claims(tid=OTHER_TENANT, iss=f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0"))
    assert_rejected(analyze(app, other), "organisation")


def test_garbage_that_looks_like_a_jwt_is_a_401_not_a_500(ms_app, key):
    for token in ("a.b.c", "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln", key.sign(claims())[:-8] + "AAAAAAAA"):
        response = analyze(ms_app, token)
        assert response.status_code == 401, (token, response.get_data(as_text=True))
        assert "WWW-Authenticate" in response.headers


def test_an_unknown_kid_refetches_the_keys_but_not_too_often(make_app, key):
    """Entra rolls keys: a token with a new kid makes the server fetch the key set again, once;
    more unknown kids within MS_JWKS_MIN_REFETCH do not make it fetch again."""
    jwks = JwksServer([key])
    try:
        app = make_app(**ms_settings(jwks, MS_JWKS_MIN_REFETCH=300))
        assert analyze(app, key.sign(claims())).status_code == 200
        assert jwks.requests == 1
        assert analyze(app, key.sign(claims())).status_code == 200
        assert jwks.requests == 1  # cached

        rolled = TestKey()
        jwks.keys = [key, rolled]
        response = analyze(app, rolled.sign(claims()))
        assert response.status_code == 401  # fetched at start-up less than 300 s ago: not again yet
        assert jwks.requests == 1

        app = make_app(**ms_settings(jwks, MS_JWKS_MIN_REFETCH=0))  # another key-set cache
        assert analyze(app, key.sign(claims())).status_code == 200
        before = jwks.requests
        newer = TestKey()
        jwks.keys = [key, rolled, newer]
        assert analyze(app, newer.sign(claims())).status_code == 200
        assert jwks.requests == before + 1
        for _ in range(3):  # a made-up kid costs at most one fetch each (0 s limit here)
            assert_rejected(analyze(app, TestKey().sign(claims())), "unknown key")
        assert jwks.requests == before + 4
    finally:
        jwks.close()


def test_unknown_kids_are_rate_limited(make_app, key):
    jwks = JwksServer([key])
    try:
        app = make_app(**ms_settings(jwks, MS_JWKS_MIN_REFETCH=300))
        for _ in range(5):
            assert_rejected(analyze(app, TestKey().sign(claims())), "unknown key")
        assert jwks.requests == 1
    finally:
        jwks.close()


def test_unreachable_key_endpoint_is_a_401_not_a_500(make_app, key):
    jwks = JwksServer([key])
    jwks.fail = True
    try:
        app = make_app(**ms_settings(jwks))
        assert_rejected(analyze(app, key.sign(claims())), "signing keys are unavailable")
    finally:
        jwks.close()


def test_api_keys_still_work_beside_microsoft_tokens(make_app, jwks, key):
    app = make_app(**ms_settings(jwks), API_KEYS="k-123")
    assert analyze(app, None, **{"X-API-Key": "k-123"}).status_code == 200
    assert analyze(app, key.sign(claims())).status_code == 200


def test_the_send_check_is_told_sign_in_is_needed(ms_app, make_app):
    script = ms_app.test_client().get("/outlook/launchevent.js").get_data(as_text=True)
    config = json.loads(script.split("var MAILCOACH_SEND_CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["signIn"] == "microsoft" and config["authRequired"] is True
    page = ms_app.test_client().get("/outlook/taskpane.html").get_data(as_text=True)
    assert 'data-sign-in="microsoft"' in page
    assert 'data-sign-in=""' in make_app().test_client().get("/outlook/taskpane.html").get_data(as_text=True)


# --- on-behalf-of and the Graph greeting ------------------------------------------------------

GRAPH_TOKEN = "graph-token-for-ada"


def me(app, token):
    return app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_on_behalf_of_success_greets_the_user(ms_app, key):
    fake = FakeMicrosoft((200, {"token_type": "Bearer", "access_token": GRAPH_TOKEN, "expires_in": 3600,
                                "scope": "https://graph.microsoft.com/User.Read"}))
    ms_app.extensions["mailcoach_ms_http"] = fake
    user_token = key.sign(claims())
    response = me(ms_app, user_token)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == {"displayName": "Ada Lovelace"}
    assert GRAPH_TOKEN not in response.get_data(as_text=True)  # the Graph token stays on the server

    posts = fake.token_posts()
    assert len(posts) == 1
    assert posts[0]["url"] == f"https://login.microsoftonline.com/{TENANT_ID}/oauth2/v2.0/token"
    form = posts[0]["data"]
    assert form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer"
    assert form["requested_token_use"] == "on_behalf_of"
    assert form["assertion"] == user_token
    assert "https://graph.microsoft.com/User.Read" in form["scope"].split()
    assert form["client_id"] == CLIENT_ID and form["client_secret"] == "test-secret"
    graph_calls = [c for c in fake.calls if c["url"].startswith("https://graph.microsoft.com/")]
    assert graph_calls[0]["headers"]["Authorization"] == f"Bearer {GRAPH_TOKEN}"

    assert me(ms_app, user_token).status_code == 200
    assert len(fake.token_posts()) == 1  # the Graph token was cached for this user token


def test_consent_required_reaches_the_pane_as_a_prompt(ms_app, key):
    ms_app.extensions["mailcoach_ms_http"] = FakeMicrosoft((400, {
        "error": "invalid_grant",
        "error_description": "AADSTS65001: The user or administrator has not consented to use the application.",
        "error_codes": [65001], "suberror": "consent_required"}))
    response = me(ms_app, key.sign(claims()))
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "consent_required" and "permission" in error["message"]


def test_mfa_claims_reach_the_pane_for_a_new_sign_in(ms_app, key):
    challenge = json.dumps({"access_token": {"capolids": {"essential": True, "values": ["c1"]}}})
    ms_app.extensions["mailcoach_ms_http"] = FakeMicrosoft((400, {
        "error": "interaction_required",
        "error_description": "AADSTS50076: you must use multi-factor authentication to access this resource.",
        "error_codes": [50076], "claims": challenge}))
    response = me(ms_app, key.sign(claims()))
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "interaction_required" and error["claims"] == challenge


def test_entra_unreachable_is_a_502(ms_app, key):
    ms_app.extensions["mailcoach_ms_http"] = FakeMicrosoft((200, {}), unreachable=True)
    response = me(ms_app, key.sign(claims()))
    assert response.status_code == 502
    assert response.get_json()["error"]["code"] == "graph_unavailable"


def test_me_without_microsoft_sign_in_is_a_clear_404(make_app):
    response = make_app().test_client().get("/api/v1/me")
    assert response.status_code == 404
    assert "Microsoft" in response.get_json()["error"]["message"]


def test_me_with_a_bad_token_is_a_401(ms_app, key):
    response = me(ms_app, TestKey(kid=key.kid).sign(claims()))
    assert response.status_code == 401 and "WWW-Authenticate" in response.headers


def test_issuer_constant_matches_the_claims():
    assert claims()["iss"] == ISSUER
