"""Quoted replies and signatures in plain-text drafts are found, and nothing the writer wrote is."""
from __future__ import annotations

import pytest

import mailcoach
from mailcoach.quotes import excluded_ranges

OFFENDING = "It's not our fault. Per our policy we are unable to help."


def excluded_text(text: str) -> str:
    return "".join(text[s:e] for s, e in excluded_ranges(text))


def kept_text(text: str) -> str:
    """The text with the excluded ranges cut out."""
    out, pos = [], 0
    for s, e in excluded_ranges(text):
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return "".join(out)


def test_gt_quoted_lines_are_excluded():
    text = "Thanks, we shipped it.\n\n> Where is my order?\n> It is late.\n"
    assert excluded_text(text) == "> Where is my order?\n> It is late."
    assert "we shipped it" in kept_text(text)


def test_interleaved_quoting_keeps_the_answers():
    text = (
        "Hi Sam,\n\n"
        "On Mon, 3 Mar 2025 at 10:00, Sam <sam@example.com> wrote:\n"
        "> Can you refund me?\n"
        "Yes, the refund left today.\n"
        ">   And the fee?\n"
        "We waived the fee as well.\n"
    )
    kept = kept_text(text)
    assert "Yes, the refund left today." in kept
    assert "We waived the fee as well." in kept
    assert "Can you refund me" not in kept and "And the fee" not in kept
    assert "wrote:" not in kept


def test_attribution_above_an_unprefixed_quote_excludes_the_rest():
    text = "Your parcel is on its way.\n\nOn Mon, Mar 3, 2025 at 9:14 AM Sam Lee <sam@example.com> wrote:\nWhere is it?\nSam\n"
    kept = kept_text(text)
    assert kept.strip() == "Your parcel is on its way."


def test_attribution_wrapped_onto_two_lines():
    text = ("Done, see the link.\n\nOn Tue, 4 Mar 2025 at 11:02, Priya Raman <\n"
            "priya.raman@example.com> wrote:\nPlease send the invoice.\n")
    assert kept_text(text).strip() == "Done, see the link."


def test_on_without_wrote_is_prose():
    text = "On Monday we wrote to the courier.\nOn Tuesday they replied: it left.\n"
    assert excluded_ranges(text) == []


def test_outlook_header_block_and_everything_after():
    text = (
        "We have credited your account.\n\n"
        "From: Sam Lee <sam@example.com>\n"
        "Sent: Monday, March 3, 2025 10:00 AM\n"
        "To: Support <support@example.com>\n"
        "Subject: Refund\n\n"
        "It's not our fault is what you said last time.\n"
    )
    assert kept_text(text).strip() == "We have credited your account."
    assert excluded_text(text).startswith("From: Sam Lee")


def test_from_line_alone_is_prose():
    text = "From: the desk of our manager, a note.\nWe will call you on Tuesday.\n"
    assert excluded_ranges(text) == []


def test_underscore_separator_followed_by_from():
    text = "Thanks for waiting.\n\n________________________________\nFrom: Sam <sam@example.com>\nI need help.\n"
    assert kept_text(text).strip() == "Thanks for waiting."
    assert excluded_text(text).startswith("____")


@pytest.mark.parametrize("banner", [
    "-----Original Message-----",
    "----- Original Message -----",
    "---------- Forwarded message ---------",
    "Begin forwarded message:",
])
def test_original_message_banners(banner):
    text = f"See below.\n\n{banner}\nFrom: Sam\nPlease help.\n"
    assert kept_text(text).strip() == "See below."


@pytest.mark.parametrize("delimiter", ["-- ", "--", "-- \r"])
def test_signature_after_delimiter(delimiter):
    text = f"Your refund left today.\n{delimiter}\nAlex Smith\nSupport lead, you must call us\n"
    assert kept_text(text).strip() == "Your refund left today."


def test_dashes_inside_a_line_are_not_a_signature():
    text = "It left today -- sorry for the wait.\n--- \nMore text.\n"
    assert excluded_ranges(text) == []


def test_ranges_are_sorted_disjoint_and_in_bounds():
    text = "> a\nmine\n> b\n> c\nmine too\n-- \nsig"
    ranges = excluded_ranges(text)
    assert ranges == sorted(ranges)
    for (s1, e1), (s2, e2) in zip(ranges, ranges[1:]):
        assert e1 < s2
    assert all(0 <= s < e <= len(text) for s, e in ranges)
    assert text[ranges[-1][0]:ranges[-1][1]] == "-- \nsig"


def test_crlf_text():
    text = "Shipped today.\r\n\r\nOn Mon, 3 Mar 2025, Sam <s@example.com> wrote:\r\n> Where is it?\r\n"
    assert "Where is it" not in kept_text(text)
    assert "Shipped today." in kept_text(text)


def test_hostile_quote_input_is_handled():
    text = "> " + "> quoted line\n" * 7_000  # about 100 KB
    assert excluded_ranges(text) == [(0, len(text) - 1)]


# --- the analysis leaves quoted parts out of every finding ------------------------------------
def findings_in(report, start: int, end: int):
    return [f for f in report.findings if f.start is not None and f.start < end and f.end > start]


def test_analyze_reports_nothing_inside_a_gt_quote_but_does_above_it():
    text = f"Hi Sam,\n\n{OFFENDING}\n\nOn Mon, 3 Mar 2025, Sam <sam@example.com> wrote:\n> {OFFENDING}\n"
    report = mailcoach.analyze(text)
    quote_at = text.index("On Mon")
    assert findings_in(report, quote_at, len(text)) == []
    rules_above = {f.rule for f in findings_in(report, 0, quote_at)}
    assert "transparency.deflection" in rules_above
    assert "transparency.unexplained_policy" in rules_above


def test_analyze_ignores_an_outlook_quote_and_a_signature():
    quoted = (f"Thanks for the quick answer.\n\nFrom: Sam Lee <sam@example.com>\nSent: Monday, March 3, 2025\n"
              f"To: Support\nSubject: Help\n\n{OFFENDING}\n")
    signed = f"Thanks for the quick answer.\n-- \nAlex\n{OFFENDING}\n"
    for text in (quoted, signed):
        report = mailcoach.analyze(text)
        assert report.suggestions == () or all(f.start is None for f in report.suggestions), report.suggestions


def test_quoted_text_does_not_move_the_scores():
    mine = "Hi Sam,\n\nYour refund left today and should reach you by Friday. Thank you for your patience.\n"
    alone = mailcoach.analyze(mine)
    quoted = mailcoach.analyze(mine + f"\nOn Mon, 3 Mar 2025, Sam <sam@example.com> wrote:\n> {OFFENDING}\n> {OFFENDING}\n")
    assert quoted.scores == alone.scores
