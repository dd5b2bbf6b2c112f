"""POST /v2/check and GET /v2/languages: LanguageTool's HTTP API shape, through the test client."""
from __future__ import annotations

import json

import pytest

from addin_server.languagetool import Annotated

DRAFT = ("It's not our fault. Per our policy we are unable to refund. You must read the instructions. "
         "Sorry for any inconvenience.")


def check(client, **form):
    form.setdefault("language", "en-US")
    return client.post("/v2/check", data=form)


def utf16_slice(text: str, start: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * start:2 * (start + length)].decode("utf-16-le")


def test_check_answers_languagetool_shape(client):
    r = check(client, text=DRAFT)
    assert r.status_code == 200
    body = r.get_json()
    assert body["software"]["name"] == "mailcoach" and body["software"]["apiVersion"] == 1
    assert body["language"]["code"] == "en-US"
    assert body["matches"]
    for m in body["matches"]:
        assert set(m) >= {"message", "shortMessage", "offset", "length", "replacements", "context",
                          "sentence", "rule"}
        assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
        assert set(m["rule"]["category"]) == {"id", "name"}
        assert all(set(rep) == {"value"} for rep in m["replacements"])
        ctx = m["context"]
        assert ctx["text"][ctx["offset"]:ctx["offset"] + ctx["length"]] == DRAFT[m["offset"]:m["offset"] + m["length"]]
        assert DRAFT[m["offset"]:m["offset"] + m["length"]] in m["sentence"]
    offsets = [m["offset"] for m in body["matches"]]
    assert offsets == sorted(offsets)
    assert {"transparency.unexplained_policy", "transparency.non_apology"} <= {m["rule"]["id"] for m in body["matches"]}
    assert set(body["mailcoach"]["scores"]) == {"readability", "vip", "transparency", "overall"}


def test_check_offsets_are_utf16(client):
    text = "🙂🙂 " + DRAFT
    body = check(client, text=text).get_json()
    assert body["matches"]
    for m in body["matches"]:
        found = utf16_slice(text, m["offset"], m["length"])
        assert found and found == DRAFT[m["offset"] - 5:m["offset"] - 5 + m["length"]]  # the prefix is 5 UTF-16 units


def test_data_annotation_ignores_markup_and_maps_offsets_back(client):
    annotation = [
        {"markup": "<p>"}, {"text": "It's not our fault. "}, {"markup": "<b>"}, {"text": "Per our policy"},
        {"markup": "</b>"}, {"text": " we are unable to refund."}, {"markup": "</p><p>", "interpretAs": "\n\n"},
        {"text": "Sorry for any inconvenience."}, {"markup": "</p>"},
    ]
    original = "".join(a.get("text", a.get("markup")) for a in annotation)
    body = check(client, data=json.dumps({"annotation": annotation})).get_json()
    excerpts = {m["rule"]["id"]: original[m["offset"]:m["offset"] + m["length"]] for m in body["matches"]}
    assert excerpts["transparency.non_apology"] == "Sorry for any inconvenience"
    assert "Per our policy" in [original[m["offset"]:m["offset"] + m["length"]] for m in body["matches"]]
    for m in body["matches"]:
        assert "<" not in original[m["offset"]:m["offset"] + m["length"]]


def test_annotated_offsets_interpret_as():
    doc = Annotated.from_data(json.dumps({"annotation": [
        {"text": "ab"}, {"markup": "<br/>", "interpretAs": "\n"}, {"text": "cd"}]}))
    assert doc.plain == "ab\ncd" and doc.original == "ab<br/>cd"
    assert [doc.to_original(i) for i in range(6)] == [0, 1, 2, 7, 8, 9]
    assert doc.to_original(3, end=True) == 7  # an end just after the line break: after the markup
    assert doc.to_original(2, end=True) == 2


def test_disabled_rules_and_enabled_only(client):
    off = check(client, text=DRAFT, disabledRules="transparency.non_apology,SOME_LT_RULE").get_json()
    assert "transparency.non_apology" not in {m["rule"]["id"] for m in off["matches"]}
    only = check(client, text=DRAFT, enabledRules="vip.demanding", enabledOnly="true").get_json()
    assert {m["rule"]["id"] for m in only["matches"]} == {"vip.demanding"}
    cats = check(client, text=DRAFT, disabledCategories="MAILCOACH_TRANSPARENCY").get_json()
    assert not any(m["rule"]["id"].startswith("transparency.") for m in cats["matches"])


def test_languages_lists_name_code_long_code(client):
    langs = client.get("/v2/languages").get_json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in langs
    assert all(set(lang) == {"name", "code", "longCode"} for lang in langs)


@pytest.mark.parametrize("form, fragment", [
    ({}, "exactly one of 'text' or 'data'"),
    ({"text": "a", "data": "{}"}, "exactly one of 'text' or 'data'"),
    ({"data": "{"}, "'data' is not valid JSON"),
    ({"data": "[]"}, "'annotation' list"),
    ({"data": '{"annotation": [{"text": 1}]}'}, "must be strings"),
    ({"data": '{"annotation": [{"text": "a", "markup": "b"}]}'}, "exactly one of 'text' or 'markup'"),
    ({"text": "hola", "language": "es"}, "not supported"),
])
def test_bad_check_requests_are_400(client, form, fragment):
    form.setdefault("language", "en-US")
    r = client.post("/v2/check", data=form)
    assert r.status_code == 400
    assert fragment in r.get_json()["error"]["message"]


def test_check_needs_a_form_body(client):
    r = client.post("/v2/check", json={"text": DRAFT})
    assert r.status_code == 415


def test_check_by_get_is_refused(client):
    # a GET would carry the draft in the URL, where logs and proxies keep it
    assert client.get("/v2/check", query_string={"text": DRAFT, "language": "en-US"}).status_code == 405
