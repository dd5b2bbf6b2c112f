"""POST /api/v1/analyze and the other JSON routes, through Flask's test client."""
from __future__ import annotations

import json

import pytest

from addin_server import utf16

DRAFT = ("It's not our fault. Per our policy we are unable to refund. You must read the instructions. "
         "Sorry for any inconvenience.")


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's text.slice(start, end) gives."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def test_analyze_text_returns_the_report(client):
    r = client.post("/api/v1/analyze", json={"text": DRAFT, "subject": "Your refund"})
    assert r.status_code == 200
    body = r.get_json()
    assert set(body) == {"text", "scores", "metrics", "suggestions", "strengths", "explain"}
    assert body["text"] == DRAFT
    rules = {f["rule"] for f in body["suggestions"]}
    assert {"transparency.unexplained_policy", "transparency.non_apology"} <= rules
    assert all(0 <= body["scores"][k] <= 100 for k in ("readability", "vip", "transparency", "overall"))
    for f in body["suggestions"]:
        if f["start"] is not None:
            assert body["text"][f["start"]:f["end"]] == f["excerpt"]


def test_analyze_html_returns_the_extracted_text(client):
    r = client.post("/api/v1/analyze", json={"html": "<p>Per our policy we are <b>unable to</b> refund.</p>"})
    assert r.status_code == 200
    body = r.get_json()
    assert "<" not in body["text"] and "unable to" in body["text"]
    for f in body["suggestions"]:
        if f["start"] is not None:
            assert body["text"][f["start"]:f["end"]] == f["excerpt"]


@pytest.mark.parametrize("prefix", ["😀 ", "👋🏽 Hi! 🎉🎉 ", "𝒜𝒷𝒸 "])
def test_spans_are_utf16_code_units(client, prefix):
    plain = client.post("/api/v1/analyze", json={"text": DRAFT}).get_json()
    emoji = client.post("/api/v1/analyze", json={"text": prefix + DRAFT}).get_json()
    assert emoji["suggestions"], "the draft should have findings"
    shift = utf16.length(prefix)
    assert shift > len(prefix)  # the prefix really has characters above U+FFFF
    located = [f for f in emoji["suggestions"] + emoji["strengths"] if f["start"] is not None]
    assert located
    for f in located:
        assert utf16_slice(emoji["text"], f["start"], f["end"]) == f["excerpt"]
    before = {(f["rule"], f["start"], f["end"]) for f in plain["suggestions"] if f["start"] is not None}
    after = {(f["rule"], f["start"] - shift, f["end"] - shift) for f in emoji["suggestions"]
             if f["start"] is not None and f["start"] >= shift}
    assert before <= after


def test_utf16_offsets_helper():
    text = "a😀b𝒜c"
    offsets = utf16.Offsets(text)
    assert [offsets(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert offsets(None) is None
    assert utf16.length(text) == len(text.encode("utf-16-le")) // 2


def test_config_overrides_apply(client):
    r = client.post("/api/v1/analyze", json={"text": DRAFT, "config": {
        "rules": {"disable": ["transparency.non_apology"]}}})
    assert r.status_code == 200
    assert "transparency.non_apology" not in {f["rule"] for f in r.get_json()["suggestions"]}


@pytest.mark.parametrize("config, key", [
    ({"nope": 1}, "nope"),
    ({"rules": {"disable": ["no.such_rule"]}}, "no.such_rule"),
    ({"thresholds": {"target_grade": "high"}}, "thresholds.target_grade"),
    ({"thresholds": {"length_target": -1}}, "thresholds.length_target"),
])
def test_bad_config_is_400_naming_the_key(client, config, key):
    r = client.post("/api/v1/analyze", json={"text": DRAFT, "config": config})
    assert r.status_code == 400
    assert key in r.get_json()["error"]["message"]


@pytest.mark.parametrize("body, fragment", [
    ({}, "exactly one of 'text' or 'html'"),
    ({"text": "a", "html": "<p>a</p>"}, "exactly one of 'text' or 'html'"),
    ({"text": 5}, "'text' must be a string"),
    ({"html": None}, "'html' must be a string"),
    ({"text": "a", "subject": ["x"]}, "'subject' must be a string or null"),
    ({"text": "a", "config": "x"}, "'config' must be an object"),
    ({"text": "a", "colour": "blue"}, "unknown field 'colour'"),
    (["text"], "JSON object"),
    ("text", "JSON object"),
])
def test_bad_fields_are_400_naming_the_field(client, body, fragment):
    r = client.post("/api/v1/analyze", json=body)
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == "bad_request"
    assert fragment in error["message"]


@pytest.mark.parametrize("raw", [b"{", b"", b'{"text": NaN}', b"\xff\xfe", b"[" * 100_000,
                                 b'{"text": "\\ud800"}', b'{"text": 1' + b"0" * 5000 + b"}",
                                 b'{"text": "a\xed\xa0\x80b"}',  # a raw surrogate: not UTF-8
                                 '{"text": "hi"}'.encode("utf-16")])  # JSON on the wire is UTF-8
def test_malformed_json_is_400(client, raw):
    r = client.post("/api/v1/analyze", data=raw, content_type="application/json")
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(client, content_type):
    r = client.post("/api/v1/analyze", data=json.dumps({"text": "hi"}), content_type=content_type)
    assert r.status_code == 415
    assert r.get_json()["error"]["code"] == "unsupported_media_type"


def test_body_over_the_limit_is_413(client):
    body = json.dumps({"text": "word " * 60_000}).encode()
    assert len(body) > 256 * 1024
    r = client.post("/api/v1/analyze", data=body, content_type="application/json")
    assert r.status_code == 413
    assert r.get_json()["error"]["code"] == "payload_too_large"


def test_body_limit_is_configurable(make_app):
    small = make_app(MAX_BODY_BYTES=100).test_client()
    assert small.post("/api/v1/analyze", json={"text": "x" * 200}).status_code == 413
    assert small.post("/api/v1/analyze", json={"text": "Thanks!"}).status_code == 200


def test_unknown_route_is_404_json(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("method, path", [("GET", "/api/v1/analyze"), ("PUT", "/api/v1/analyze"),
                                          ("GET", "/v2/check"), ("POST", "/healthz"), ("DELETE", "/v2/languages")])
def test_wrong_method_is_405_json(client, method, path):
    r = client.open(path, method=method)
    assert r.status_code == 405
    assert r.get_json()["error"]["code"] == "method_not_allowed"
    assert r.headers["Allow"]


def test_healthz_and_rules(client):
    assert client.get("/healthz").get_json()["status"] == "ok"
    rules = client.get("/api/v1/rules").get_json()["rules"]
    assert "transparency.deflection" in {r["id"] for r in rules}


def test_an_unexpected_error_is_a_json_500_without_details(make_app, caplog):
    app = make_app()
    secret = "SECRET-DRAFT-TEXT-1234"

    @app.get("/boom")
    def boom():
        raise RuntimeError(secret)

    r = app.test_client().get("/boom")
    assert r.status_code == 500
    assert r.get_json() == {"error": {"code": "internal_error",
                                      "message": "internal error; the request was not processed"}}
    assert secret not in r.get_data(as_text=True)
    assert "RuntimeError" in caplog.text and secret not in caplog.text


def test_server_config_file_applies_to_every_request(make_app, tmp_path):
    path = tmp_path / "mailcoach.toml"
    path.write_text('[rules]\ndisable = ["transparency.non_apology"]\n')
    client = make_app(CONFIG_FILE=str(path)).test_client()
    rules = {f["rule"] for f in client.post("/api/v1/analyze", json={"text": DRAFT}).get_json()["suggestions"]}
    assert "transparency.non_apology" not in rules and rules


def test_openapi_describes_every_api_route(app, client):
    doc = client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/api/v1/analyze", "/api/v1/rules", "/v2/", "/healthz")):
            methods = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
            assert methods <= set(doc["paths"][rule.rule]), rule.rule
