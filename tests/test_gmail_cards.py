"""Card builders (addin_server.gmail.cards) with reports built by hand, to reach the limits."""
from __future__ import annotations

import mailcoach
from mailcoach import Finding, Report, Scores

from addin_server.gmail import cards
from addin_server.gmail.drafts import Candidate
from gmail_support import BASE, VALIDATOR, text_of, widgets_in

ENDPOINTS = cards.Endpoints(BASE)


def finding(i: int, dimension="vip", severity="warning", replacements=("kindly",), **kw) -> Finding:
    defaults = dict(rule=f"{dimension}.rule{i}", dimension=dimension, severity=severity, start=i * 10,
                    end=i * 10 + 4, excerpt=f"words {i}", message=f"Message {i}",
                    explanation=f"Because {i}.", replacements=tuple(replacements))
    defaults.update(kw)
    return Finding(**defaults)


def report(suggestions=(), strengths=(), scores=(90, 65, 40, 70)) -> Report:
    return Report(text="draft", scores=Scores(*scores), metrics={}, suggestions=tuple(suggestions),
                  strengths=tuple(strengths))


def build(rep, context="compose", **kw):
    card = cards.coach_card(rep, ENDPOINTS, subject=kw.pop("subject", "Subject"), context=context, **kw)
    VALIDATOR.validate(cards.push(card))
    return card


def section_named(card, prefix):
    return next(s for s in card["sections"] if s.get("header", "").startswith(prefix))


def test_scores_carry_a_colour_and_a_word_by_band():
    card = build(report(scores=(90, 65, 40, 80)))
    texts = {w["decoratedText"]["topLabel"]: w["decoratedText"]["text"] for w in card["sections"][0]["widgets"]}
    assert texts["Readability"].startswith("🟢") and "#188038" in texts["Readability"] and "good" in texts["Readability"]
    assert "🟡" in texts["VIP framing"] and "fair" in texts["VIP framing"]
    assert "🔴" in texts["Transparency"] and "needs work" in texts["Transparency"]
    assert "<b>80</b>" in texts["Overall"]


def test_findings_are_grouped_by_dimension_in_a_fixed_order():
    rep = report([finding(1, "transparency"), finding(2, "readability"), finding(3, "vip"), finding(4, "readability")])
    headers = [s.get("header") for s in build(rep)["sections"] if s.get("header")]
    assert headers[:4] == ["Scores", "Readability · 2 suggestions", "VIP framing · 1 suggestion",
                           "Transparency · 1 suggestion"]


def test_a_finding_shows_words_message_explanation_and_replacement_buttons():
    rep = report([finding(1, replacements=("one", "two", "three", "four"))])
    sec = section_named(build(rep), "VIP")
    decorated = sec["widgets"][0]["decoratedText"]
    assert decorated["topLabel"] == "🟠 Worth changing"
    assert decorated["text"] == "“<i>words 1</i>”<br><b>Message 1</b><br>Because 1."
    row = sec["widgets"][1]["buttonList"]["buttons"]
    assert [b["text"] for b in row] == ["→ one", "→ two", "→ three"]
    action = row[0]["onClick"]["action"]
    assert action["function"] == BASE + "/gmail/insert"
    assert action["parameters"] == [{"key": "text", "value": "one"}]


def test_outside_compose_replacements_are_text_not_buttons():
    sec = section_named(build(report([finding(1)]), context="home"), "VIP")
    assert "buttonList" not in str(sec)
    assert "Try: “kindly”" in sec["widgets"][1]["textParagraph"]["text"]


def test_many_findings_collapse_and_say_how_many_more():
    rep = report([finding(i, severity="suggestion", replacements=()) for i in range(12)])
    sec = section_named(build(rep), "VIP")
    assert sec["header"] == "VIP framing · 12 suggestions"
    assert sec["collapsible"] is True
    visible = sec["widgets"][: sec["uncollapsibleWidgetsCount"]]
    assert len(visible) == cards.VISIBLE_FINDINGS + 1
    assert f"{cards.MAX_FINDINGS - cards.VISIBLE_FINDINGS} more below" in visible[-1]["textParagraph"]["text"]
    assert "and 4 more" in sec["widgets"][-1]["textParagraph"]["text"]
    shown = [w for w in sec["widgets"] if "decoratedText" in w]
    assert len(shown) == cards.MAX_FINDINGS


def test_worst_findings_come_first():
    rep = report([finding(1, severity="suggestion"), finding(2, severity="error"), finding(3, severity="warning")])
    sec = section_named(build(rep), "VIP")
    order = [w["decoratedText"]["topLabel"] for w in sec["widgets"] if "decoratedText" in w]
    assert order[0].startswith("🔴") and order[1].startswith("🟠") and order[2].startswith("💡")


def test_draft_text_is_escaped_everywhere():
    evil = finding(1, excerpt="<script>x</script>", message="<b>bold</b> & co",
                   explanation="<img src=x>", replacements=("<i>r</i>",))
    strength = finding(2, severity="info", message="<u>nice</u>")
    card = build(report([evil], [strength]), subject="<font color=red>Hi</font>")
    text = text_of(card)
    assert "<script>" not in text and "<img" not in text and "<b>bold</b>" not in text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in text and "&lt;script&gt;" in text
    assert "&lt;u&gt;nice&lt;/u&gt;" in text
    assert card["header"]["subtitle"] == "<font color=red>Hi</font>"  # subtitles are plain text
    button = widgets_in(card, "buttonList")[0]["buttons"][0]
    assert button["onClick"]["action"]["parameters"][0]["value"] == "<i>r</i>"  # inserted as TEXT, verbatim


def test_whole_draft_findings_and_long_excerpts():
    long = "word " * 100
    card = build(report([finding(1, start=None, end=None, excerpt=""), finding(2, excerpt=long)]))
    texts = [w["decoratedText"]["text"] for w in section_named(card, "VIP")["widgets"] if "decoratedText" in w]
    assert texts[0].startswith("<i>The whole draft</i>")
    quoted = texts[1].split("<br>")[0]
    assert quoted.endswith("…</i>”") and len(quoted) <= cards.EXCERPT_CHARS + len("“<i></i>”")


def test_strengths_collapse_too():
    strengths = [finding(i, severity="info", replacements=()) for i in range(9)]
    sec = section_named(build(report([], strengths)), "What works")
    assert sec["uncollapsibleWidgetsCount"] == cards.VISIBLE_STRENGTHS + 1
    assert "and 3 more" in sec["widgets"][-1]["textParagraph"]["text"]


def test_no_suggestions_says_so():
    assert "No suggestions" in text_of(build(report()))


def test_alternative_drafts_are_offered_when_the_choice_was_a_guess():
    others = [Candidate("d-2", "Second", frozenset(), 1), Candidate("d-3", "", frozenset(), 0)]
    card = build(report(), draft_id="d-1", basis="latest", others=others)
    labels = [b["text"] for bl in widgets_in(card, "buttonList") for b in bl["buttons"]]
    assert labels == ["Coach “Second”", "Coach “(no subject)”"]
    assert card["fixedFooter"]["primaryButton"]["text"] == "Check again"


def test_a_real_report_fits_the_schema():
    rep = mailcoach.analyze("It's not our fault. Per our policy we are unable to refund. You must read "
                            "the instructions. Sorry for any inconvenience.")
    build(rep)
    build(rep, context="home", pasted=rep.text)


def test_response_wrappers():
    assert cards.request_scopes(["https://www.googleapis.com/auth/gmail.compose"]) == {
        "requesting_google_scopes": {"scopes": ["https://www.googleapis.com/auth/gmail.compose"]}}
    VALIDATOR.validate(cards.insert_text("x"))
    VALIDATOR.validate(cards.update(cards.home_card(ENDPOINTS)))
