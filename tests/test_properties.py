"""Properties that hold for any input: no exception, spans that point into the text, scores in
range, the same report for the same input, and nothing reported inside a quoted part."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mailcoach
from mailcoach.extract import html_to_text
from mailcoach.quotes import excluded_ranges

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real drafts, so the checks and the quote detector have something to find.
EMAIL_LINES = [
    "Hi Sam,", "Thanks for your patience.", "It's not our fault.", "Per our policy we are unable to help.",
    "You must read the instructions!!!", "Sorry for any inconvenience.", "We will look into it soon.",
    "I understand how frustrating this is.", "Your refund leaves on Tuesday by 5 pm.", "Act now, limited time!",
    "Mistakes were made.", "Could you tell me what you need?", "In order to utilize the portal, log in.",
    "> quoted line", ">> deeper quote", "On Mon, 3 Mar 2025, Sam <sam@example.com> wrote:", "On Tue, Sam <",
    "sam@example.com> wrote:", "From: Sam", "Sent: Monday", "To: Support", "Subject: Help", "-- ", "--",
    "-----Original Message-----", "________________________________", "", " ", "URGENT!!! PLEASE RESPOND",
    "Dr. Smith arrived at 3 p.m. today.", "e.g. this", "\u2019\u201c\u201d", "\t", "\r",
]
email_text = st.lists(st.one_of(st.sampled_from(EMAIL_LINES), st.text(max_size=30)), max_size=25).map("\n".join)

TAGS = [
    "<div>", "</div>", "<p>", "</p>", "<br>", "<br/>", "<blockquote>", "</blockquote>", "<li>", "<ul>", "</ul>",
    "<table><tr><td>", "</td><td>", "<b>", "</i>", '<div class="gmail_quote">', '<div id="divRplyFwdMsg">',
    '<div id="x_appendonsend">', "<hr>", '<div class="gmail_signature">', "<style>", "</style>", "<script>",
    "<head>", "<title>", "</head>", "<!--", "-->", "<![if !supportLists]>", "<![endif]>", "<!DOCTYPE html>",
    "&amp;", "&nbsp;", "&#8217;", "&#x1F600;", "&bogus;", "&", "<", ">", "<a ", '"', "'", "=", "<pre>", "</pre>",
    '<span style="display:none">', "</span>", "<o:p>", "</o:p>", "\n", " ", "<?xml?>", "<![CDATA[", "]]>",
]
tag_soup = st.lists(st.one_of(st.sampled_from(TAGS), st.sampled_from(EMAIL_LINES), st.text(max_size=12)),
                    max_size=40).map("".join)


def check_report(report: mailcoach.Report) -> None:
    text = report.text
    for f in report.suggestions + report.strengths:
        if f.start is None:
            assert f.end is None
            continue
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.excerpt == text[f.start:f.end], f
    for value in report.scores.to_dict().values():
        assert 0 <= value <= 100


def check_ranges(text: str, ranges: list[tuple[int, int]]) -> None:
    assert ranges == sorted(ranges)
    for start, end in ranges:
        assert 0 <= start < end <= len(text)
    for (_, e1), (s2, _) in zip(ranges, ranges[1:]):
        assert e1 <= s2


def check_nothing_found_inside(report: mailcoach.Report, ranges: list[tuple[int, int]]) -> None:
    """No finding lies wholly inside what the writer did not write."""
    for f in report.suggestions + report.strengths:
        if f.start is None or f.start == f.end:
            continue
        assert not any(s <= f.start and f.end <= e for s, e in ranges), (f, ranges)


@SETTINGS
@given(st.text())
def test_any_text(text):
    report = mailcoach.analyze(text)
    assert report.text == text
    check_report(report)
    assert mailcoach.analyze(text).to_dict() == report.to_dict()


@SETTINGS
@given(email_text, st.one_of(st.none(), st.text(max_size=80)))
def test_email_like_text(text, subject):
    report = mailcoach.analyze(text, subject=subject)
    check_report(report)
    ranges = excluded_ranges(text)
    check_ranges(text, ranges)
    check_nothing_found_inside(report, ranges)
    assert mailcoach.analyze(text, subject=subject).to_dict() == report.to_dict()


@SETTINGS
@given(st.one_of(tag_soup, st.text()))
def test_any_html(markup):
    text, ranges = html_to_text(markup)
    check_ranges(text, ranges)
    report = mailcoach.analyze(html=markup)
    assert report.text == text
    check_report(report)
    check_nothing_found_inside(report, ranges)
    assert mailcoach.analyze(html=markup).to_dict() == report.to_dict()


@SETTINGS
@given(st.text())
def test_quote_ranges_of_any_text(text):
    check_ranges(text, excluded_ranges(text))
