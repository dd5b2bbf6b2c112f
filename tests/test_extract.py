"""HTML bodies: visible text laid out as a browser shows it, and the quoted parts found."""
from __future__ import annotations

import pytest

import mailcoach
from mailcoach.extract import html_to_text

OFFENDING = "It's not our fault. Per our policy we are unable to help."

GMAIL_REPLY = f"""<div dir="ltr">Hi Sam,<div><br></div><div>{OFFENDING}</div><div><br></div>
<div>Best,</div><div>Alex</div></div><br>
<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Mar 3, 2025 at 10:00 AM Sam Lee &lt;sam@example.com&gt; wrote:<br></div>
<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">
<div dir="ltr">{OFFENDING}<br><div>Sam</div></div></blockquote></div>"""

OUTLOOK_WEB_REPLY = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style type="text/css" style="display:none;"> P {{margin-top:0;margin-bottom:0;}} </style></head>
<body dir="ltr"><div class="elementToProof" style="font-family: Aptos; font-size: 12pt;">{OFFENDING}</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">
<b>From:</b> Sam Lee &lt;sam@example.com&gt;<br><b>Sent:</b> Monday, March 3, 2025 10:00 AM<br>
<b>To:</b> Support &lt;support@example.com&gt;<br><b>Subject:</b> Refund</font>
<div>&nbsp;</div></div>
<div><p>{OFFENDING}</p></div></body></html>"""

# Outlook desktop, as the Outlook add-in receives it: ids and classes prefixed with x_
OUTLOOK_DESKTOP_REPLY = f"""<div class="x_WordSection1"><p class="x_MsoNormal">Thanks for writing.<o:p></o:p></p>
<p class="x_MsoNormal"><o:p>&nbsp;</o:p></p>
<div id="x_divRplyFwdMsg"><p class="x_MsoNormal"><b>From:</b> Sam<br><b>Sent:</b> Monday<br><b>To:</b> Us<br>
<b>Subject:</b> Help</p></div><p class="x_MsoNormal">{OFFENDING}</p></div>"""


def quoted(text: str, ranges) -> str:
    return "".join(text[s:e] for s, e in ranges)


def kept(text: str, ranges) -> str:
    out, pos = [], 0
    for s, e in ranges:
        out.append(text[pos:s])
        pos = e
    return "".join(out) + text[pos:]


def test_gmail_reply():
    text, ranges = html_to_text(GMAIL_REPLY)
    assert text.startswith(f"Hi Sam,\n\n{OFFENDING}\n\nBest,\nAlex")
    assert "On Mon, Mar 3, 2025 at 10:00 AM Sam Lee <sam@example.com> wrote:" in text
    assert kept(text, ranges).strip() == f"Hi Sam,\n\n{OFFENDING}\n\nBest,\nAlex"
    assert quoted(text, ranges).count(OFFENDING) == 1


@pytest.mark.parametrize("markup", [OUTLOOK_WEB_REPLY, OUTLOOK_DESKTOP_REPLY], ids=["web", "desktop"])
def test_outlook_reply_header_and_everything_after(markup):
    text, ranges = html_to_text(markup)
    assert "From: Sam" in text and "Subject:" in text
    rest = kept(text, ranges)
    assert "From:" not in rest and "Sent:" not in rest
    assert rest.count(OFFENDING) == (1 if markup is OUTLOOK_WEB_REPLY else 0)
    assert ranges[-1][1] == len(text)


def test_hr_then_from_header_without_ids():
    markup = (f"<p>{OFFENDING}</p><hr><p><b>From:</b> Sam &lt;sam@example.com&gt;<br><b>Sent:</b> Monday</p>"
              "<p>Why is my order late?</p>")
    text, ranges = html_to_text(markup)
    assert kept(text, ranges).strip() == OFFENDING


def test_thunderbird_cite_and_original_message_banner():
    markup = ('<p>Sent it today.</p><div class="moz-cite-prefix">On 3/3/25 10:00, Sam wrote:<br></div>'
              '<blockquote type="cite">Where is it?</blockquote><p>Mine again.</p>'
              "<div>-----Original Message-----<br>From: Sam<br>Hello</div>")
    text, ranges = html_to_text(markup)
    assert kept(text, ranges).split() == "Sent it today. Mine again.".split()


def test_signature_classes_and_ids():
    markup = ('<div>Your refund left.</div><div class="gmail_signature" data-smartmail="gmail_signature">'
              "Alex | Support</div><div id=\"Signature\"><p>Sent from Outlook</p></div>")
    text, ranges = html_to_text(markup)
    assert kept(text, ranges).strip() == "Your refund left."


def test_entities_are_decoded():
    text, _ = html_to_text("<p>Tom &amp; Jerry&#8217;s caf&eacute; &lt;3&nbsp;you &#x263A; &copy;</p>")
    assert text == "Tom & Jerry’s café <3 you ☺ ©"


def test_head_style_script_title_comments_and_hidden_elements_are_dropped():
    markup = """<!DOCTYPE html><html><head><title>Secret title</title><style>p { color: red }</style>
    <script>var x = "<p>not text</p>";</script></head><body><!-- a comment -->
    <div style="display: none; max-height: 0">Preheader text</div><p>Visible.</p>
    <!--[if mso]><p>Only in Outlook</p><![endif]--><template><p>template</p></template></body></html>"""
    text, _ = html_to_text(markup)
    assert text == "Visible."


def test_head_without_end_tag_closes_when_the_body_starts():
    text, _ = html_to_text("<html><head><title>T</title><meta charset=utf-8><p>Body text</p>")
    assert text == "Body text"


def test_block_elements_become_line_breaks_and_paragraphs_survive():
    markup = ("<h1>Title</h1><p>First para\n  wrapped   in source.</p><p>Second para.</p>"
              "<div>Line one</div><div>Line two<br></div><div><br></div><div>After a blank line</div>"
              "<ul><li>one</li><li>two</li></ul><table><tr><td>cell a</td><td>cell b</td></tr>"
              "<tr><td>cell c</td></tr></table>tail<br>next line")
    text, _ = html_to_text(markup)
    assert text == (
        "Title\n\nFirst para wrapped in source.\n\nSecond para.\n\nLine one\nLine two\n\nAfter a blank line"
        "\n\n- one\n- two\n\ncell a cell b\ncell c\n\ntail\nnext line"
    )


def test_inline_elements_do_not_break_words_or_add_spaces():
    text, _ = html_to_text("<p>Un<b>believ</b>able <i>news</i>, <a href='x'>click</a>.</p>")
    assert text == "Unbelievable news, click."


def test_pre_keeps_its_whitespace():
    text, _ = html_to_text("<p>Code:</p><pre>line 1\n  line 2</pre><p>after</p>")
    assert text == "Code:\n\nline 1\n  line 2\n\nafter"


def test_word_conditional_sections_and_stray_brackets():
    text, _ = html_to_text("<p><![if !supportLists]>1.<![endif]> First &amp; a < b > c</p>")
    assert text == "1. First & a < b > c"


@pytest.mark.parametrize("markup", [
    "<p>unclosed <b>bold <i>italic<p>next<div>div",
    "</div></p></blockquote></b>text</li>",
    "<blockquote><blockquote>deep",
    "<div class=gmail_quote>open quote never closed <p>more",
    "<a href='x",
    "<p>text then a tag cut off <a hre",
    "<![CDATA[ x ]]> <![foo[ bar ]]> <!bogus> <?pi?> <!-- unclosed",
    "<div>" * 20_000,
    "<div><span>" * 9_000 + "</b>" * 25_000,
    "<a " * 33_000,
    "<!--x>" * 16_000,
    "<" * 100_000,
    "</" * 50_000,
    "&" * 100_000,
    "<p>" + "a" * 100_000,
    "<script>" + "<" * 100_000,
    "<ul>" + "<li>x" * 20_000,
])
def test_malformed_and_hostile_markup_does_not_raise(markup):
    text, ranges = html_to_text(markup)
    assert isinstance(text, str)
    assert all(0 <= s < e <= len(text) for s, e in ranges)
    assert ranges == sorted(ranges)


def test_text_cut_off_inside_a_tag_is_dropped_like_a_browser_does():
    assert html_to_text("<p>Hello</p><p>world <a hre")[0] == "Hello\n\nworld"
    assert html_to_text("Hi <!-- never closed <p>secret")[0] == "Hi"


def test_unclosed_quote_runs_to_the_end():
    text, ranges = html_to_text("<p>Mine.</p><blockquote><p>Theirs.<p>Still theirs.")
    assert kept(text, ranges).strip() == "Mine."


# --- the analysis leaves quoted parts out of every finding ------------------------------------
def test_analyze_html_reports_nothing_inside_the_gmail_quote_but_does_above_it():
    report = mailcoach.analyze(html=GMAIL_REPLY)
    quote_at = report.text.index("On Mon")
    inside = [f for f in report.findings if f.start is not None and f.end > quote_at]
    assert inside == []
    above = {f.rule for f in report.findings if f.start is not None and f.end <= quote_at}
    assert {"transparency.deflection", "transparency.unexplained_policy"} <= above
    for f in report.findings:
        if f.start is not None:
            assert report.text[f.start:f.end] == f.excerpt


def test_analyze_html_ignores_the_outlook_quoted_message():
    report = mailcoach.analyze(html=OUTLOOK_DESKTOP_REPLY)
    assert all(f.start is None for f in report.suggestions), report.suggestions


def test_marks_inside_a_quote_element_do_not_cut_what_follows_it():
    markup = ("<p>Top answer.</p><blockquote><p>-----Original Message-----<br>From: Sam<br>Sent: Monday<br>"
              "To: Us<br>Subject: x</p><p>Old text.</p></blockquote><p>My answer below the quote.</p>")
    text, ranges = html_to_text(markup)
    assert kept(text, ranges).split() == "Top answer. My answer below the quote.".split()
