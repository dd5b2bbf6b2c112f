"""Scores: range, monotonicity, explanations that add up, the report's JSON form."""
import json

import pytest

import mailcoach
from test_rules import FIRES

BASE = ("Hi Marta,\n\nThanks for your note about the invoice. I checked it this morning and the total is right: "
        "the extra line is the second licence you added in May. I have attached a copy with that line marked.\n\n"
        "Would a short call on Thursday help to go through it?\n\nBest wishes,\nIan")
INSERT_AT = BASE.index("I have attached")

# Readability rules are checked by rewording (below): a new sentence of any kind changes the
# draft's grade, so inserting one says nothing about the rule itself.
PROBLEMS = [(rule, text) for rule, texts in FIRES.items() if rule.split(".")[0] in ("vip", "transparency")
            for text in texts if rule != "vip.self_focus"]


@pytest.mark.parametrize("plain,flagged", [
    ("Please call us before the visit.", "Please call us prior to the visit."),
    ("We will use the new portal.", "We will utilize the new portal."),
    ("Now the warehouse is closed.", "At this point in time the warehouse is closed."),
    ("Your parcel left today. It will arrive on Friday.",
     "Your parcel left our depot today and, once the regional sorting centre has scanned it along with the "
     "rest of the evening's deliveries, it will be loaded onto a van that should reach you by Friday."),
])
def test_rewording_into_a_readability_problem_never_raises_the_score(plain, flagged):
    before, after = mailcoach.analyze(BASE + "\n\n" + plain), mailcoach.analyze(BASE + "\n\n" + flagged)
    assert {f.rule for f in after.suggestions} - {f.rule for f in before.suggestions}
    assert after.scores.readability < before.scores.readability
    assert after.scores.overall <= before.scores.overall


@pytest.mark.parametrize("rule,problem", PROBLEMS)
def test_adding_a_problem_never_raises_its_score(rule, problem):
    before = mailcoach.analyze(BASE)
    draft = BASE[:INSERT_AT] + problem + " " + BASE[INSERT_AT:]
    after = mailcoach.analyze(draft)
    assert rule in {f.rule for f in after.suggestions}
    dim = rule.split(".")[0]
    assert getattr(after.scores, dim) <= getattr(before.scores, dim)
    assert after.scores.overall <= before.scores.overall


def test_more_of_a_problem_never_raises_a_score():
    one = mailcoach.analyze("Per our policy we can't do that.")
    two = mailcoach.analyze("Per our policy we can't do that. No exceptions.")
    assert two.scores.transparency < one.scores.transparency


@pytest.mark.parametrize("strength", [
    "Thank you for your patience.", "That was our mistake.", "I will call you on Friday at 3 pm.",
])
def test_a_strength_never_lowers_its_score(strength):
    before = mailcoach.analyze(BASE)
    after = mailcoach.analyze(BASE[:INSERT_AT] + strength + " " + BASE[INSERT_AT:])
    rule = next(f for f in after.strengths if f.excerpt and f.excerpt in strength)
    dim = rule.dimension
    assert getattr(after.scores, dim) >= getattr(before.scores, dim)


def test_scores_are_within_range_and_explained():
    for text in ["", "ok", BASE, "You MUST pay NOW!!! " * 50]:
        report = mailcoach.analyze(text)
        for dim in ("readability", "vip", "transparency", "overall"):
            value = getattr(report.scores, dim)
            assert 0.0 <= value <= 100.0
            assert report.explain[dim].score == value
        for dim in ("readability", "vip", "transparency"):
            e = report.explain[dim]
            raw = e.base + sum(c.effect for c in e.contributions)
            assert e.score == pytest.approx(min(100.0, max(0.0, raw)), abs=0.06)


def test_explain_names_the_findings_that_moved_a_score():
    report = mailcoach.analyze("It's not our fault. Thanks for waiting.")
    rules = {c.rule for c in report.explain["transparency"].contributions}
    assert "transparency.deflection" in rules
    assert any(c.effect > 0 and c.rule == "strength.gratitude" for c in report.explain["vip"].contributions)


def test_to_dict_is_json_ready_and_complete():
    report = mailcoach.analyze(BASE, subject="Your invoice")
    d = json.loads(json.dumps(report.to_dict()))
    assert set(d) == {"text", "scores", "metrics", "suggestions", "strengths", "explain"}
    assert set(d["scores"]) == {"readability", "vip", "transparency", "overall"}
    for key in ("words", "sentences", "questions", "flesch_reading_ease", "grade_level", "you_words",
                "we_words", "reading_time_seconds", "subject_words"):
        assert key in d["metrics"]
    for f in d["suggestions"] + d["strengths"]:
        assert set(f) == {"rule", "dimension", "severity", "start", "end", "excerpt", "message",
                          "explanation", "replacements"}
        if f["start"] is not None:
            assert d["text"][f["start"]:f["end"]] == f["excerpt"]


def test_metrics_agree_with_textstat():
    import textstat
    text = "The cat sat on the mat. It was a sunny day and the garden smelled of roses."
    m = mailcoach.analyze(text).metrics
    assert m["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text), abs=1.0)
    assert m["grade_level"] == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.5)
    assert m["words"] == textstat.lexicon_count(text)


def test_same_input_same_report():
    assert mailcoach.analyze(BASE).to_dict() == mailcoach.analyze(BASE).to_dict()


@pytest.mark.parametrize("kwargs,error", [
    ({}, ValueError), ({"text": "a", "html": "<p>a</p>"}, ValueError), ({"text": 3}, TypeError),
    ({"html": b"<p>x</p>"}, TypeError), ({"text": "a", "subject": 5}, TypeError),
    ({"text": "a", "config": {"rules": {}}}, TypeError),
])
def test_bad_arguments_are_clear_errors(kwargs, error):
    with pytest.raises(error) as e:
        mailcoach.analyze(**kwargs)
    assert str(e.value)
