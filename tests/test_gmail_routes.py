"""The Gmail add-on's endpoints end to end: event object in, card JSON out.

The Gmail API runs through google-api-python-client with HttpMockSequence as the transport;
every answer is validated against tests/schemas/gmail_card.schema.json and Google's limits.
"""
from __future__ import annotations

import html
import logging
import socket

import mailcoach
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from addin_server.gmail import scopes
from addin_server.gmail.mime import draft_content
from addin_server.gmail.state import state
from gmail_support import (BASE, USER_TOKEN, app, certs, check_answer, client, draft_full,  # noqa: F401
                           draft_list, draft_metadata, error, event, gmail, gmail_message, post,
                           text_of, token_for, widgets_in)

DRAFT_TEXT_SNIPPET = "Per our policy we are unable to refund"


def card_of(answer: dict) -> dict:
    if "action" in answer:
        return answer["action"]["navigations"][0]["pushCard"]
    return answer["renderActions"]["action"]["navigations"][0]["updateCard"]


def coach(client, app, name="compose_trigger", path="/gmail/compose", **parts):
    response = post(client, path, event(name, **parts))
    assert response.status_code == 200, response.get_data(as_text=True)
    return check_answer(response.json, app)


def buttons_named(answer: dict, text: str) -> list[dict]:
    found = [b for bl in widgets_in(answer, "buttonList") for b in bl["buttons"] if text in b["text"]]
    footer = [c.get("fixedFooter", {}).get("primaryButton") for c in _cards(answer)]
    return found + [b for b in footer if b and text in b["text"]]


def _cards(answer):
    try:
        return [card_of(answer)]
    except (KeyError, IndexError):
        return []


def params(button: dict) -> dict:
    return {p["key"]: p["value"] for p in button["onClick"]["action"].get("parameters", [])}


def gmail_uris(gmail) -> list[str]:
    return [uri for uri, *_ in gmail.requests]


# -- the draft ----------------------------------------------------------------------------

def test_compose_trigger_coaches_the_draft_to_the_event_recipients(client, app, gmail):
    gmail.answer(draft_list("d-sam", "d-other"),
                 draft_metadata("d-sam", to="Sam Customer <sam@example.com>", subject="Your refund", saved=2000),
                 draft_metadata("d-other", to="pat@example.com", subject="Other", saved=3000),
                 draft_full("d-sam", "alternative.eml"))
    answer = coach(client, app)
    card = card_of(answer)
    assert "action" in answer  # a trigger pushes its card
    assert card["header"]["subtitle"] == "Your refund"

    uris = gmail_uris(gmail)
    assert len(uris) == 4
    assert "/gmail/v1/users/me/drafts?" in uris[0] and "maxResults=10" in uris[0]
    assert "drafts/d-sam?" in uris[1] and "format=metadata" in uris[1]
    assert "drafts/d-sam?" in uris[3] and "format=full" in uris[3]
    for _, method, _, headers in gmail.requests:
        assert method == "GET"
        assert headers["authorization"] == f"Bearer {USER_TOKEN}"

    scores = [w for w in widgets_in(answer, "decoratedText") if w.get("topLabel") in
              {"Overall", "Readability", "VIP framing", "Transparency"}]
    assert len(scores) == 4
    assert all("<font color=" in w["text"] and "/ 100" in w["text"] for w in scores)
    again = buttons_named(answer, "Check again")
    assert params(again[0]) == {"context": "compose", "draftId": "d-sam"}
    assert again[0]["onClick"]["action"]["function"] == BASE + "/gmail/coach"
    assert "cannot see which draft" not in text_of(answer)  # one draft matched: no doubt to report


def test_findings_on_the_card_match_the_library_report(client, app, gmail):
    gmail.answer(draft_list("d-1"), draft_full("d-1", "alternative.eml"))
    answer = coach(client, app, gmail=None)  # no recipients: the only draft is the one
    content = draft_content(gmail_message("alternative.eml"))
    report = mailcoach.analyze(text=content.text, subject=content.subject)
    text = text_of(answer)
    for f in report.suggestions[:3]:
        assert html.escape(f.message, quote=False) in text
    inserts = [b for bl in widgets_in(answer, "buttonList") for b in bl["buttons"]
               if b["onClick"]["action"]["function"].endswith("/gmail/insert")]
    expected = {r for f in report.suggestions for r in f.replacements[:3] if r.strip()}
    assert {params(b)["text"] for b in inserts} <= expected
    if not report.suggestions:
        assert "No suggestions" in text
    assert f"{report.scores.overall:.0f}</b></font> / 100" in text


def test_check_again_reads_the_same_draft_directly(client, app, gmail):
    gmail.answer(draft_full("r-chosen", "latin1_nested.eml"))
    answer = coach(client, app, "check_again", "/gmail/coach")
    assert "renderActions" in answer  # an action updates the card in place
    assert card_of(answer)["header"]["subtitle"] == "Billing"
    uris = gmail_uris(gmail)
    assert len(uris) == 1 and "drafts/r-chosen?" in uris[0] and "format=full" in uris[0]


def test_check_again_on_a_sent_draft_chooses_again(client, app, gmail):
    gmail.answer(error(404, "Requested entity was not found.", "notFound"),
                 draft_list("d-new"), draft_metadata("d-new", to="sam@example.com"),
                 draft_full("d-new", "alternative.eml"))
    answer = coach(client, app, "check_again", "/gmail/coach")
    assert params(buttons_named(answer, "Check again")[0])["draftId"] == "d-new"
    assert len(gmail.requests) == 4


def test_several_drafts_to_the_same_recipients_say_so_and_offer_the_others(client, app, gmail):
    gmail.answer(draft_list("d-a", "d-b"),
                 draft_metadata("d-a", to="sam@example.com", subject="First", saved=1000),
                 draft_metadata("d-b", to="sam@example.com", subject="Second", saved=5000),
                 draft_full("d-b", "alternative.eml"))
    answer = coach(client, app)
    assert "Several drafts go to these recipients" in text_of(answer)
    pick = buttons_named(answer, "First")
    assert params(pick[0]) == {"context": "compose", "draftId": "d-a"}
    assert "drafts/d-b?" in gmail_uris(gmail)[-1]


def test_without_recipients_the_latest_draft_is_coached_and_the_card_says_so(client, app, gmail):
    gmail.answer(draft_list("d-a", "d-b", "d-c"),
                 draft_metadata("d-a", subject="Old", saved=1000),
                 draft_metadata("d-b", subject="Newest", saved=9000),
                 draft_metadata("d-c", subject="Middle", saved=5000),
                 draft_full("d-b", "alternative.eml"))
    answer = coach(client, app, gmail=None)
    assert "most recently saved draft" in text_of(answer)
    picks = [params(b)["draftId"] for b in buttons_named(answer, "Coach “")]
    assert picks == ["d-c", "d-a"]


def test_no_saved_draft(client, app, gmail):
    gmail.answer(draft_list())
    answer = coach(client, app)
    card = card_of(answer)
    assert card["sections"][0]["header"] == "No saved draft found"
    assert "sam@example.com" in text_of(answer)
    assert buttons_named(answer, "Try again")
    assert widgets_in(answer, "textInput")  # paste instead


def test_drafts_to_other_people_are_offered_not_guessed(client, app, gmail):
    gmail.answer(draft_list("d-x"), draft_metadata("d-x", to="pat@example.com", subject="For Pat"))
    answer = coach(client, app)
    assert card_of(answer)["sections"][0]["header"] == "No saved draft found"
    assert params(buttons_named(answer, "For Pat")[0])["draftId"] == "d-x"
    assert all("format=full" not in u for u in gmail_uris(gmail))


def test_empty_draft(client, app, gmail):
    gmail.answer(draft_list("d-e"), draft_full("d-e", "empty.eml"))
    answer = coach(client, app, gmail=None)
    assert card_of(answer)["sections"][0]["header"] == "This draft is empty"
    assert params(buttons_named(answer, "Try again")[0]) == {"context": "compose", "draftId": "d-e"}


def test_html_only_draft_is_coached_from_its_html(client, app, gmail, monkeypatch):
    seen = {}
    real = mailcoach.analyze

    def spy(text=None, **kwargs):
        seen.update(text=text, **kwargs)
        return real(text, **kwargs)

    monkeypatch.setattr(mailcoach, "analyze", spy)
    gmail.answer(draft_list("d-h"), draft_full("d-h", "html_only.eml"))
    answer = coach(client, app, gmail=None)
    assert seen["text"] is None and seen["html"].startswith("<div>Hi Pat")
    assert seen["subject"] == "Order n° 42"
    assert card_of(answer)["header"]["subtitle"] == "Order n° 42"


# -- Gmail API failures ---------------------------------------------------------------------

@pytest.mark.parametrize("status, title", [
    (401, "Gmail did not accept the sign-in"),
    (403, "Gmail refused to share the draft"),
    (404, "The draft is gone"),
    (429, "Gmail is busy"),
    (500, "Gmail is having trouble"),
    (503, "Gmail is having trouble"),
    (400, "Gmail could not share the draft"),
])
def test_gmail_api_errors_are_cards_with_a_retry_button(client, app, gmail, status, title):
    gmail.answer(error(status, "some message", "someReason"))
    _check_error_card(client, app, title)


def test_rate_limit_reported_as_403_is_a_busy_card(client, app, gmail):
    gmail.answer(error(403, "User-rate limit exceeded.", "userRateLimitExceeded"))
    _check_error_card(client, app, "Gmail is busy")


def _check_error_card(client, app, title):
    answer = coach(client, app)
    card = card_of(answer)
    assert card["sections"][0]["header"] == title
    retry = buttons_named(answer, "Try again")
    assert retry and retry[0]["onClick"]["action"]["function"] == BASE + "/gmail/coach"
    assert "Traceback" not in text_of(answer) and "some message" not in text_of(answer)


def test_gmail_error_after_listing_is_a_card_too(client, app, gmail):
    gmail.answer(draft_list("d-1"), error(500))
    assert card_of(coach(client, app, gmail=None))["sections"][0]["header"] == "Gmail is having trouble"


def test_insufficient_scope_from_gmail_asks_for_it(client, app, gmail):
    gmail.answer(error(403, "Request had insufficient authentication scopes.", "insufficientPermissions"))
    answer = coach(client, app)
    assert card_of(answer)["sections"][0]["header"] == "mailcoach needs permission to read drafts"
    assert params(buttons_named(answer, "Grant access")[0])["grant"] == "1"


def test_network_failure_is_a_card(client, app):
    class Unreachable:
        def request(self, *args, **kwargs):
            raise socket.timeout("timed out")

    state(app).http_factory = Unreachable
    answer = coach(client, app)
    assert card_of(answer)["sections"][0]["header"] == "Gmail could not be reached"


# -- scopes --------------------------------------------------------------------------------

def _without_read_scope():
    body = event("compose_trigger")
    body["authorizationEventObject"]["authorizedScopes"] = [scopes.EXECUTE, scopes.COMPOSE_ACTION]
    return body


def test_missing_read_scope_shows_why_then_asks_google(client, app, gmail):
    response = post(client, "/gmail/compose", _without_read_scope())
    answer = check_answer(response.json, app)
    assert "gmail.compose" in text_of(answer)
    grant = buttons_named(answer, "Grant access")[0]
    assert gmail.mocks == []

    body = _without_read_scope()
    body["commonEventObject"]["parameters"] = params(grant)
    answer = check_answer(post(client, "/gmail/coach", body).json, app)
    assert answer == {"requesting_google_scopes": {"scopes": [scopes.MESSAGE_METADATA, scopes.DRAFTS]}}
    assert gmail.mocks == []


def test_readonly_scope_is_accepted_too(client, app, gmail):
    body = event("compose_trigger")
    body["authorizationEventObject"]["authorizedScopes"] = [scopes.EXECUTE, scopes.PREFIX + "gmail.readonly"]
    gmail.answer(draft_list())
    post(client, "/gmail/compose", body)
    assert len(gmail.requests) == 1


def test_no_user_token_at_all(client, app, gmail):
    answer = coach(client, app, "minimal", "/gmail/coach")
    assert card_of(answer)["sections"][0]["header"] == "mailcoach needs permission to read drafts"
    assert gmail.mocks == []


# -- other endpoints -----------------------------------------------------------------------

def test_homepage_says_what_it_does_and_reads(client, app):
    answer = check_answer(post(client, "/gmail/home", event("homepage")).json, app)
    text = text_of(answer)
    assert "readability" in text and "never reads your inbox" in text
    box = widgets_in(answer, "textInput")[0]
    assert box["name"] == "draft_text" and box["type"] == "MULTIPLE_LINE"
    assert params(buttons_named(answer, "Coach pasted text")[0]) == {"context": "home", "source": "paste"}


def test_pasted_text_is_coached_from_form_inputs_without_gmail(client, app, gmail):
    answer = coach(client, app, "paste_action", "/gmail/coach")
    assert gmail.mocks == []
    report = mailcoach.analyze(text=event("paste_action")["commonEventObject"]["formInputs"]
                               ["draft_text"]["stringInputs"]["value"][0])
    assert f"{report.scores.overall:.0f}</b></font>" in text_of(answer)
    # on the homepage there is no draft to insert into
    assert not [b for bl in widgets_in(answer, "buttonList") for b in bl["buttons"]
                if b["onClick"]["action"]["function"].endswith("/gmail/insert")]
    assert widgets_in(answer, "textInput")[0]["value"].startswith("It's not our fault")


def test_pasting_nothing(client, app):
    body = event("paste_action")
    body["commonEventObject"].pop("formInputs")
    answer = coach(client, app, "paste_action", "/gmail/coach", commonEventObject=body["commonEventObject"])
    assert card_of(answer)["sections"][0]["header"] == "This draft is empty"


def test_insert_puts_the_replacement_at_the_cursor(client, app):
    answer = check_answer(post(client, "/gmail/insert", event("insert_action")).json, app)
    body = answer["renderActions"]["hostAppAction"]["gmailAction"]["updateDraftActionMarkup"]["updateBody"]
    assert body == {"type": "IN_PLACE_INSERT", "insertContents": [
        {"content": "We can't refund this order because it was opened", "contentType": "TEXT"}]}


def test_insert_without_text_is_a_notification(client, app):
    answer = check_answer(post(client, "/gmail/insert", event("minimal")).json, app)
    assert answer["renderActions"]["action"]["notification"]["text"]


@pytest.mark.parametrize("data, content_type", [
    ("not json", "application/json"), ("[1, 2]", "application/json"), ("", "text/plain")])
def test_a_body_that_is_not_an_event_is_a_400(client, data, content_type):
    response = client.post("/gmail/coach", data=data, content_type=content_type,
                           headers={"Authorization": f"Bearer {token_for('/gmail/coach')}"})
    assert response.status_code == 400
    assert response.json["error"] == "bad_event"


def test_an_unexpected_failure_is_a_card_and_the_log_holds_no_draft_text(client, app, gmail, monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError(DRAFT_TEXT_SNIPPET)

    monkeypatch.setattr(mailcoach, "analyze", boom)
    gmail.answer(draft_list("d-1"), draft_full("d-1", "alternative.eml"))
    with caplog.at_level(logging.DEBUG):
        answer = coach(client, app, gmail=None)
    assert card_of(answer)["sections"][0]["header"] == "mailcoach could not coach this draft"
    assert "RuntimeError" in caplog.text
    assert DRAFT_TEXT_SNIPPET not in caplog.text and DRAFT_TEXT_SNIPPET not in text_of(answer)


def test_logo_is_public_and_endpoints_are_post_only(client):
    logo = client.get("/gmail/logo.png")
    assert logo.status_code == 200 and logo.mimetype == "image/png"
    assert logo.data.startswith(b"\x89PNG\r\n\x1a\n")
    for path in ("/gmail/home", "/gmail/compose", "/gmail/coach", "/gmail/insert"):
        assert client.get(path).status_code == 405


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3),
                     max_leaves=12)
_parts = st.fixed_dictionaries({}, optional={
    "commonEventObject": st.fixed_dictionaries({}, optional={
        "parameters": st.dictionaries(st.sampled_from(["context", "draftId", "source", "grant", "text"]), _json, max_size=3),
        "formInputs": _json, "hostApp": _json, "platform": _json}),
    "authorizationEventObject": st.fixed_dictionaries({}, optional={
        "userOAuthToken": _json, "authorizedScopes": _json}),
    "gmail": st.fixed_dictionaries({}, optional={"toRecipients": _json, "ccRecipients": _json}),
})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_parts, path=st.sampled_from(["/gmail/home", "/gmail/compose", "/gmail/coach", "/gmail/insert"]))
def test_odd_events_never_cause_a_500(client, app, gmail, body, path):
    gmail.answer(draft_list())  # a Gmail call, if any, finds no drafts
    response = client.post(path, json=body, headers={"Authorization": f"Bearer {token_for(path)}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    check_answer(response.json, app)
