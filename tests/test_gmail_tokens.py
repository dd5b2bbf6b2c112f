"""Every Gmail endpoint needs Google's ID token for the add-on's service account.

Tokens are signed with test RSA keys and checked by the production path
(google.oauth2.id_token.verify_token + our checks), with the certificates served by a loopback
HTTP server at the configured MAILCOACH_GOOGLE_CERTS_URL.
"""
from __future__ import annotations

import time

import pytest

from addin_server.gmail.tokens import CachingRequest, TokenError, verify_system_token
from gmail_support import (BASE, SERVICE_ACCOUNT, CertServer, app, certs, claims_for, client,  # noqa: F401
                           event, gmail, post, sign, token_for)

PATH = "/gmail/home"


def _denied(response):
    assert response.status_code == 401
    assert response.is_json and response.json["error"] in {"invalid_token", "missing_token"}
    assert "navigations" not in response.get_data(as_text=True)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    return response.json["message"]


def test_valid_token_gets_a_card(client):
    response = post(client, PATH, event("homepage"))
    assert response.status_code == 200
    assert response.json["action"]["navigations"][0]["pushCard"]["header"]["title"] == "mailcoach"


@pytest.mark.parametrize("overrides, reason", [
    ({"exp": int(time.time()) - 120, "iat": int(time.time()) - 3720}, "expired"),
    ({"aud": BASE + "/gmail/compose"}, "audience"),
    ({"aud": "http://coach.example.com/gmail/home"}, "audience"),
    ({"email": "someone-else@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"}, "service account"),
    ({"email_verified": False}, "not verified"),
    ({"email_verified": None}, "not verified"),
    ({"iss": "https://evil.example.com"}, "issued"),
])
def test_bad_claims_are_refused(client, gmail, overrides, reason):
    token = sign(claims_for(PATH, **overrides))
    message = _denied(post(client, PATH, event("homepage"), token=token))
    assert reason in message
    assert token not in message
    assert gmail.mocks == []  # nothing was read


def test_no_token_is_refused_and_nothing_is_read(client, gmail):
    gmail.answer()  # any Gmail call would fail the test: there is no response to give
    body = event("compose_trigger")
    body["authorizationEventObject"]["systemIdToken"] = ""
    message = _denied(post(client, "/gmail/compose", body, token=None))
    assert "no Google ID token" in message
    assert gmail.mocks == []


def test_signature_by_an_unknown_key_is_refused(client):
    forged = sign(claims_for(PATH), key="attacker", key_id="kid-primary")
    assert "signature" in _denied(post(client, PATH, event("homepage"), token=forged))


def test_garbage_and_wrong_scheme_are_refused(client):
    _denied(post(client, PATH, event("homepage"), token="not.a.jwt"))
    response = client.post(PATH, json=event("homepage"), headers={"Authorization": "Basic abc"})
    _denied(response)


def test_audience_comes_from_the_configured_base_url_not_the_request(client):
    """A token minted for the Host the request claims is still refused."""
    token = sign(claims_for(PATH, aud="https://attacker.example/gmail/home"))
    response = client.post(PATH, json=event("homepage"), base_url="https://attacker.example",
                           headers={"Authorization": f"Bearer {token}"})
    _denied(response)
    # and a good token works even though Flask sees plain http on another host (a proxy)
    response = client.post(PATH, json=event("homepage"), base_url="http://10.0.0.7:8080",
                           headers={"Authorization": f"Bearer {token_for(PATH)}"})
    assert response.status_code == 200


def test_query_string_is_part_of_the_audience(client):
    assert _denied(post(client, PATH + "?x=1", event("homepage"), token=token_for(PATH)))
    assert post(client, PATH + "?x=1", event("homepage"), token=token_for(PATH + "?x=1")).status_code == 200


def test_token_in_the_event_body_is_accepted_without_the_header(client):
    body = event("homepage")
    body["authorizationEventObject"]["systemIdToken"] = token_for(PATH)
    assert client.post(PATH, json=body).status_code == 200
    body["authorizationEventObject"]["systemIdToken"] = token_for("/gmail/insert")
    _denied(client.post(PATH, json=body))


def test_certificates_are_fetched_once_and_cached(client, certs):
    for _ in range(3):
        assert post(client, PATH, event("homepage")).status_code == 200
    assert certs.hits == 1


def test_rotated_key_triggers_a_refetch():
    with CertServer(keys=("primary",)) as server:
        clock = [1000.0]
        cache = CachingRequest(max_age=3600, clock=lambda: clock[0])
        check = dict(audience=BASE + PATH, service_account=SERVICE_ACCOUNT, certs_url=server.url, request=cache)
        verify_system_token(token_for(PATH), **check)
        server.keys.append("rotated")
        rotated = sign(claims_for(PATH), key="rotated")
        with pytest.raises(TokenError):  # within a minute of a fetch the cache is trusted
            verify_system_token(rotated, **check)
        clock[0] += 61
        assert verify_system_token(rotated, **check)["email"] == SERVICE_ACCOUNT
        assert server.hits == 2
        verify_system_token(token_for(PATH), **check)
        assert server.hits == 2


def test_cache_honours_a_shorter_max_age():
    with CertServer(max_age=120) as server:
        clock = [0.0]
        cache = CachingRequest(max_age=3600, clock=lambda: clock[0])
        check = dict(audience=BASE + PATH, service_account=SERVICE_ACCOUNT, certs_url=server.url, request=cache)
        verify_system_token(token_for(PATH), **check)
        clock[0] += 119
        verify_system_token(token_for(PATH), **check)
        assert server.hits == 1
        clock[0] += 2
        verify_system_token(token_for(PATH), **check)
        assert server.hits == 2


def test_unreachable_certificate_url_is_a_401_not_a_500(make_app):
    app = make_app(PUBLIC_BASE_URL=BASE, GMAIL_SERVICE_ACCOUNT=SERVICE_ACCOUNT,
                   GOOGLE_CERTS_URL="http://127.0.0.1:9/certs")  # a closed port
    response = post(app.test_client(), PATH, event("homepage"))
    assert "certificates" in _denied(response)


@pytest.mark.parametrize("config", [
    {},
    {"PUBLIC_BASE_URL": BASE},
    {"GMAIL_SERVICE_ACCOUNT": SERVICE_ACCOUNT},
])
def test_unconfigured_add_on_refuses_every_endpoint(make_app, config):
    client = make_app(**config).test_client()
    for path in ("/gmail/home", "/gmail/compose", "/gmail/coach", "/gmail/insert"):
        response = post(client, path, event("homepage"))
        assert response.status_code == 503
        assert response.json["error"] == "gmail_not_configured"
        assert "MAILCOACH_GMAIL_SERVICE_ACCOUNT" in response.json["message"]
