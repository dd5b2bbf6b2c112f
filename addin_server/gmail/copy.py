"""What the cards say: every user-facing sentence of the Gmail add-on, apart from the logic."""
from __future__ import annotations

ADDON_NAME = "mailcoach"

DIMENSION_TITLES = {
    "readability": "Readability",
    "vip": "VIP framing",
    "transparency": "Transparency",
}
SCORE_LABELS = (("overall", "Overall"), ("readability", "Readability"), ("vip", "VIP framing"),
                ("transparency", "Transparency"))

# (lowest score, colour, emoji, word) checked top-down; the colours are Google's own palette.
SCORE_BANDS = (
    (80, "#188038", "🟢", "good"),
    (60, "#E37400", "🟡", "fair"),
    (0, "#D93025", "🔴", "needs work"),
)
SEVERITY_MARKS = {"error": "🔴", "warning": "🟠", "suggestion": "💡"}
SEVERITY_LABELS = {"error": "Fix this", "warning": "Worth changing", "suggestion": "Suggestion"}
WHOLE_DRAFT = "<i>The whole draft</i>"

HOME_WHAT = ("mailcoach coaches emails to customers on three things: <b>readability</b> (short, "
             "plain sentences), <b>VIP framing</b> (the customer treated as a VIP) and "
             "<b>transparency</b> (say what happened and why, without deflecting).")
HOME_READS = ("While you write, open mailcoach from the compose window and press <b>Coach this "
              "draft</b>. It reads that one draft (recipients, subject and text) through the Gmail "
              "API with your permission, scores it and forgets it: nothing is stored or logged, "
              "and it never reads your inbox.")
PASTE_LABEL = "Or paste text to coach"
PASTE_BUTTON = "Coach pasted text"

INSERT_TIP = "Select the flagged words in your draft, then press a suggestion to put it in their place."
NO_SUGGESTIONS = "No suggestions: this draft reads well."
MORE_HIDDEN = "<i>{n} more below (Show more)</i>"
MORE_DROPPED = "<i>…and {n} more. Fix these first, then press Check again.</i>"
CHECK_AGAIN = "Check again"
TRY_AGAIN = "Try again"
STRENGTHS_TITLE = "What works"
SCORES_TITLE = "Scores"

BASIS_NOTES = {
    "latest": ("<i>mailcoach cannot see which draft is open, so it coached your most recently "
               "saved draft. If that is not this one, pick it below.</i>"),
    "recipients": ("<i>Several drafts go to these recipients; this is the most recently saved "
                   "one. If that is not this one, pick it below.</i>"),
}
AUTOSAVE_NOTE = "Gmail saves a draft a few seconds after you type; if a change is missing, wait and press Check again."
PICK_DRAFT = "Coach “{subject}”"
NO_SUBJECT = "(no subject)"

ERRORS = {
    "no_draft": ("No saved draft found",
                 "mailcoach reads the draft Gmail has saved, and there is none yet{to}. Type a "
                 "little, wait a few seconds for Gmail to save it, then try again."),
    "empty": ("This draft is empty", "Write something first, then try again."),
    "too_large": ("This draft is too long to read", "Gmail sends drafts this long as attachments, "
                  "which mailcoach does not read. Paste the part to coach below."),
    "scope": ("mailcoach needs permission to read drafts",
              "To coach the draft you are writing, mailcoach reads it through the Gmail API, which "
              "needs the permission “Manage drafts” (gmail.compose). mailcoach uses it only to read "
              "the open draft when you ask; it never sends, changes or stores mail. Grant it below, "
              "or paste the text to coach instead."),
    "gmail_401": ("Gmail did not accept the sign-in", "The permission Gmail gave mailcoach has "
                  "expired. Try again; if it keeps failing, reopen the add-on."),
    "gmail_403": ("Gmail refused to share the draft", "Your account or organisation does not let "
                  "mailcoach read drafts. Paste the text to coach instead."),
    "gmail_404": ("The draft is gone", "It may have been sent or deleted. Try again to coach the "
                  "draft you have open now."),
    "gmail_429": ("Gmail is busy", "Gmail asked mailcoach to slow down. Wait a moment, then try again."),
    "gmail_5xx": ("Gmail is having trouble", "Gmail could not answer just now. Try again in a moment."),
    "gmail_other": ("Gmail could not share the draft", "Gmail answered with an error ({status}). Try again."),
    "network": ("Gmail could not be reached", "mailcoach could not reach Gmail in time. Try again."),
    "internal": ("mailcoach could not coach this draft", "Something went wrong on the server. Try again."),
}
GRANT_BUTTON = "Grant access"
