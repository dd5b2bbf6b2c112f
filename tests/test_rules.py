"""Each rule on drafts that must fire it and drafts that must not.

Worded unlike the labelled drafts in ../shared/eval on purpose: these are the kinds of sentences
support, sales and account teams write every day.
"""
import pytest

import mailcoach

FIRES = {
    "readability.hard_sentence": [
        "We have reviewed the documentation that accompanied your submission and, after consulting with the "
        "regional compliance team as well as the product specialists responsible for your account, we concluded "
        "that further information will be necessary before we proceed.",
    ],
    "readability.complex_word": [
        "We will utilize the new portal for all invoices.",
        "Please call us prior to the visit.",
        "In order to reset the password, open settings.",
        "At this point in time the warehouse is closed.",
    ],
    "readability.long_paragraph": [
        " ".join(["The new dashboard groups your invoices by month and shows the total at the top."] * 6),
    ],
    "vip.self_focus": [
        "We are proud of our team. Our engineers built our platform and we think our tools are the best. "
        "I believe we have made our service better and our roadmap shows what we plan for our company.",
    ],
    "vip.blames_customer": [
        "You failed to attach the receipt.",
        "As I already told you, the form is on page two.",
        "You should have read the terms before ordering.",
        "This was clearly stated in the contract you signed.",
        "You're wrong about the renewal date.",
        "Why didn't you check the tracking page?",
    ],
    "vip.greeting_with_offer": [
        "Happy anniversary, Joan! Celebrate with 15% off your next order.",
        "Congratulations on the new office! Upgrade to Premium to get more seats.",
    ],
    "vip.pushy_sales": [
        "This price is for a limited time only.",
        "Act now to lock in the rate.",
        "Only 3 left at this price, so hurry.",
    ],
    "vip.demanding": [
        "You must return the device within a week.",
        "Send the documents immediately.",
        "Failure to respond will close the ticket.",
        "PLEASE READ THIS CAREFULLY before you call.",
        "We need the form back!!!",
    ],
    "transparency.deflection": [
        "The delay is outside our control.",
        "That is not our fault; the carrier delayed the van.",
        "Our supplier messed up the order, not us.",
        "Other banks charge much more for this, so our fee is fair.",
    ],
    "transparency.non_apology": [
        "We apologize for any inconvenience caused.",
        "I'm sorry if you feel let down by the update.",
        "Sorry for the inconvenience.",
    ],
    "transparency.hidden_agency": [
        "Your subscription was cancelled last night.",
        "Errors were made in the billing run.",
        "The payment has been declined.",
        "It was decided to close the branch.",
    ],
    "transparency.vague_commitment": [
        "We'll look into it.",
        "An engineer will contact you shortly.",
        "The fix will ship in due course.",
    ],
    "transparency.hedging": [
        "The update might possibly be sort of delayed.",
        "Perhaps the fee could arguably be lower.",
    ],
    "transparency.unexplained_policy": [
        "Per our policy, refunds are not available.",
        "We are unable to change the delivery address.",
        "No exceptions.",
    ],
    "transparency.fine_print": [
        "The discount is yours. Restrictions apply.",
        "Installation is free; additional fees may apply.",
        "Prices are subject to change.",
    ],
    "strength.gratitude": ["Thanks for flagging this.", "I really appreciate your patience with us."],
    "strength.apology": ["I'm sorry we shipped the wrong size.", "We apologize for charging you twice."],
    "strength.ownership": ["That was our mistake.", "You're right, we got the date wrong.", "We dropped the ball here."],
    "strength.empathy": ["I can see why that was confusing.", "I understand how stressful a late payroll is."],
    "strength.next_step": ["I will call you on Thursday at 10 am.", "We'll send the new card by Friday."],
    "strength.question": ["Would you prefer a call or an email?", "Does Tuesday morning work for you?"],
}

QUIET = {
    "vip.blames_customer": [
        "You're right, we got it wrong.",
        "You were right to ask about this.",
        "Thanks for spotting the typo in our invoice.",
    ],
    "vip.greeting_with_offer": [
        "Happy birthday, Ana! Everyone here hopes you have a lovely day.",
        "Congratulations on the launch; we enjoyed working on it with you.",
    ],
    "vip.demanding": ["We will send it immediately.", "Our FAQ has more on this."],
    "transparency.deflection": [
        "We chose the courier, so the late parcel is on us.",
        "The courier delivered it this morning.",
    ],
    "transparency.hidden_agency": [
        "Your parcel was delivered on Monday.",
        "Your refund was processed this morning.",
        "Your account was updated as you asked.",
        "Your card was blocked by our fraud team after three failed attempts.",
    ],
    "transparency.vague_commitment": ["I will call you tomorrow at 9 am, as soon as the lab opens."],
    "transparency.unexplained_policy": [
        "We can't refund opened software because the licence key is used once it is shown.",
        "Per our policy, refunds take five days, since the bank needs to clear the payment.",
    ],
    "transparency.hedging": ["The parcel may arrive early.", "Could you send the invoice number?"],
    "transparency.non_apology": ["I'm sorry we shipped the wrong size."],
    "strength.ownership": ["It's not our fault.", "This is not our mistake."],
    "strength.gratitude": ["No thanks are needed."],
    "strength.question": ["Why didn't you read the manual?"],
    "vip.no_question": ["Hi Jo, your order shipped today. It should arrive on Friday. Thanks, Kim"],
}


def rules_of(text, **kw):
    report = mailcoach.analyze(text, **kw)
    return {f.rule for f in report.suggestions + report.strengths}


@pytest.mark.parametrize("rule,text", [(r, t) for r, ts in FIRES.items() for t in ts])
def test_rule_fires(rule, text):
    assert rule in rules_of(text), f"{rule} did not fire on: {text}"


@pytest.mark.parametrize("rule,text", [(r, t) for r, ts in QUIET.items() for t in ts])
def test_rule_stays_quiet(rule, text):
    assert rule not in rules_of(text), f"{rule} fired on: {text}"


def test_too_long_is_whole_draft():
    text = "Your order is on its way and will arrive soon with the rest of the items. " * 30
    report = mailcoach.analyze(text)
    found = [f for f in report.suggestions if f.rule == "readability.too_long"]
    assert found and found[0].start is None and found[0].end is None


def test_too_long_respects_config():
    text = "Your order is on its way with the rest of the items. " * 8
    assert "readability.too_long" not in rules_of(text)
    config = mailcoach.Config.from_dict({"thresholds": {"length_target": 40}})
    assert "readability.too_long" in rules_of(text, config=config)


@pytest.mark.parametrize("subject,fires", [
    ("", True), ("   ", True), ("Your refund", False),
    ("Important information regarding the status of your recent enquiry about billing", True),
])
def test_subject(subject, fires):
    assert ("readability.subject" in rules_of("Thanks for writing.", subject=subject)) is fires


def test_subject_not_checked_without_one():
    assert "readability.subject" not in rules_of("Thanks for writing.")


def test_no_question_on_long_draft_without_one():
    text = ("Hi Ria,\n\nYour new router shipped from our depot this morning. It comes with a power cable, a "
            "network cable and a quick guide. Plug it in where the old one was and the lights will turn green "
            "within two minutes. Your settings carry over on their own. The old router can go in the box the "
            "new one came in, with the prepaid label on top.\n\nBest,\nOmar")
    assert "vip.no_question" in rules_of(text)
    assert "vip.no_question" not in rules_of(text.replace("Best,", "Let me know if the lights stay red.\n\nBest,"))


def test_findings_carry_messages_explanations_and_replacements():
    report = mailcoach.analyze("We will utilize the portal.")
    f = next(f for f in report.suggestions if f.rule == "readability.complex_word")
    assert f.excerpt == "utilize" == report.text[f.start:f.end]
    assert f.replacements == ("use",)
    assert f.message and f.explanation and f.dimension == "readability"
    assert f.severity in ("suggestion", "warning", "error")


def test_replacement_keeps_capital():
    f = next(f for f in mailcoach.analyze("Prior to the call, read this.").suggestions
             if f.rule == "readability.complex_word")
    assert f.replacements == ("Before",)


def test_strengths_are_info():
    report = mailcoach.analyze("Thank you for your patience.")
    assert report.strengths and all(f.severity == "info" for f in report.strengths)


def test_every_rule_in_rules_md_is_implemented():
    ids = {r["id"] for r in mailcoach.rules()}
    from mailcoach.rules import RULE_IDS
    assert ids == set(RULE_IDS)
    assert len(ids) == 24


def test_each_check_module_is_named_for_its_rule():
    from mailcoach.rules import CHECKS
    for module in CHECKS:
        assert module.__name__ == f"mailcoach.checks.{module.RULE.id}"
