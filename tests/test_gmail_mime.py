"""Reading a draft's text from the Gmail API's format=full payload (addin_server.gmail.mime)."""
from __future__ import annotations

import base64

import pytest

from addin_server.gmail.mime import DraftTooLarge, decode_base64url, draft_content
from gmail_support import gmail_message


def test_multipart_alternative_prefers_plain_text_and_decodes_utf8():
    content = draft_content(gmail_message("alternative.eml"))
    assert content.subject == "Your refund"
    assert content.html is None
    assert "Per our policy we are unable to refund" in content.text
    assert "read the instructions" in content.text  # quoted-printable soft break joined
    assert "Café team" in content.text
    assert "HTML VERSION" not in content.text


def test_html_only_draft_goes_to_the_library_as_html_and_subject_is_decoded():
    content = draft_content(gmail_message("html_only.eml"))
    assert content.text is None
    assert content.html.startswith("<div>Hi Pat,</div>")
    assert content.subject == "Order n° 42"


def test_nested_multipart_latin1_and_attachments_skipped():
    content = draft_content(gmail_message("latin1_nested.eml"))
    assert content.text.strip() == "Bonjour Ana, votre facture est prête. Nous sommes désolés du retard."
    assert "ATTACHMENT" not in content.text


def test_empty_draft_is_empty_in_both_parts():
    content = draft_content(gmail_message("empty.eml"))
    assert content.empty
    assert not draft_content(gmail_message("alternative.eml")).empty


def test_unpadded_base64url_and_url_safe_alphabet():
    raw = b"\xfb\xff\xfe\x01"
    data = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    assert data == "-__-AQ"  # url-safe alphabet, padding stripped as Gmail may send it
    assert decode_base64url(data) == raw


def test_unknown_charset_falls_back_to_utf8_and_text_part_without_charset():
    data = base64.urlsafe_b64encode("naïve".encode()).decode()
    message = {"payload": {"mimeType": "text/plain",
                           "headers": [{"name": "Content-Type", "value": "text/plain; charset=x-unknown"}],
                           "body": {"data": data}}}
    assert draft_content(message).text == "naïve"
    bare = {"payload": {"mimeType": "text/plain", "body": {"data": data}}}
    assert draft_content(bare).text == "naïve"


def test_large_text_part_sent_as_attachment_is_reported():
    message = {"payload": {"mimeType": "text/plain", "body": {"size": 900000, "attachmentId": "ANGj"}}}
    with pytest.raises(DraftTooLarge):
        draft_content(message)


def test_missing_payload_is_an_empty_draft():
    assert draft_content({}).empty
