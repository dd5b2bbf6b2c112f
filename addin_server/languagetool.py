"""A LanguageTool-compatible endpoint, so any LanguageTool client can use mailcoach as its server.

`POST /v2/check` takes LanguageTool's form fields (`text` or `data`, `language`,
`enabledRules`/`disabledRules`, `enabledOnly`, `disabledCategories`/`enabledCategories`) and
answers its JSON shape: `software`, `language`, `matches` sorted by offset, with offsets and
lengths in UTF-16 units of the document the client sent. The mailcoach scores, strengths and
the findings about the draft as a whole (which have no span to underline) ride along under
the extra key `mailcoach`. Only POST is served: a GET would put the draft in a URL, and URLs
end up in logs.
"""
from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Flask, jsonify, request

import mailcoach
from mailcoach.document import Document

from . import utf16
from .api import request_config
from .errors import ApiError, bad_request

bp = Blueprint("languagetool", __name__)

SOFTWARE = {"name": "mailcoach", "version": mailcoach.__version__, "buildDate": "", "apiVersion": 1,
            "premium": False, "status": ""}

# mailcoach coaches English; every English variant a LanguageTool client may ask for is accepted.
LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "English (New Zealand)", "code": "en", "longCode": "en-NZ"},
    {"name": "English (South African)", "code": "en", "longCode": "en-ZA"},
]
_BY_CODE = {lang["longCode"]: lang for lang in LANGUAGES}

CATEGORIES = {
    "readability": {"id": "MAILCOACH_READABILITY", "name": "Readability"},
    "vip": {"id": "MAILCOACH_VIP", "name": "Customer as VIP"},
    "transparency": {"id": "MAILCOACH_TRANSPARENCY", "name": "Transparency"},
}
CONTEXT_CHARS = 40  # characters of context either side of a match, as LanguageTool gives


# --- the `data` parameter: annotated text ---------------------------------------------------

@dataclass
class Annotated:
    """Plain text to check, and where each piece of it sits in the document the client sent."""

    plain: str
    original: str
    # (plain_start, original_start, original_end, is_text) per piece, in order
    pieces: list[tuple[int, int, int, bool]]
    starts: list[int] = field(init=False)  # plain_start of each piece, for bisecting

    def __post_init__(self) -> None:
        self.starts = [piece[0] for piece in self.pieces]

    @classmethod
    def from_text(cls, text: str) -> "Annotated":
        return cls(text, text, [(0, 0, len(text), True)])

    @classmethod
    def from_data(cls, raw: str) -> "Annotated":
        """LanguageTool's `{"annotation": [{"text": ...}, {"markup": ..., "interpretAs": ...}]}`."""
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise bad_request("'data' is not valid JSON") from None
        items = data.get("annotation") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise bad_request("'data' must be a JSON object with an 'annotation' list")
        plain: list[str] = []
        original: list[str] = []
        pieces = []
        p = o = 0
        for i, item in enumerate(items):
            if not isinstance(item, dict) or ("text" in item) == ("markup" in item):
                raise bad_request(f"'data' annotation {i} must have exactly one of 'text' or 'markup'")
            if "text" in item:
                seen, shown = item["text"], item["text"]
            else:
                seen, shown = item.get("interpretAs", ""), item["markup"]
            if not isinstance(seen, str) or not isinstance(shown, str):
                raise bad_request(f"'data' annotation {i}: 'text', 'markup' and 'interpretAs' must be strings")
            pieces.append((p, o, o + len(shown), "text" in item))
            plain.append(seen)
            original.append(shown)
            p += len(seen)
            o += len(shown)
        return cls("".join(plain), "".join(original), pieces)

    def to_original(self, index: int, *, end: bool = False) -> int:
        """A position in `plain` as a position in `original`. Inside markup's `interpretAs`
        a start snaps to the markup's start and an end to the markup's end."""
        starts = self.starts
        k = max(0, bisect_right(starts, index) - 1)
        if end and k > 0 and starts[k] == index:
            k -= 1  # an end at a boundary belongs to the piece before
        p0, o0, o1, is_text = self.pieces[k]
        if is_text:
            return min(o0 + (index - p0), o1)
        return o1 if end and index > p0 else o0


# --- request ------------------------------------------------------------------------------

def _names(field: str) -> set[str]:
    return {n.strip() for n in request.form.get(field, "").split(",") if n.strip()}


def _language() -> dict[str, Any]:
    code = request.form.get("language", "auto")
    if code == "auto":
        return _BY_CODE["en-US"]
    lang = _BY_CODE.get(code)
    if lang is None:
        raise bad_request(f"language {code!r} is not supported; mailcoach coaches English "
                          "(see GET /v2/languages)")
    return lang


def _config(language_rules: dict[str, dict]) -> mailcoach.Config:
    """Rules off through disabledRules/Categories, or on alone through enabledOnly."""
    known = set(language_rules)
    dims_off = {dim for dim, c in CATEGORIES.items() if c["id"] in _names("disabledCategories")}
    off = (_names("disabledRules") & known) | {r for r, info in language_rules.items()
                                               if info["dimension"] in dims_off}
    if request.form.get("enabledOnly", "false").lower() == "true":
        wanted = _names("enabledRules") & known
        dims_on = {dim for dim, c in CATEGORIES.items() if c["id"] in _names("enabledCategories")}
        off |= {r for r, info in language_rules.items() if r not in wanted and info["dimension"] not in dims_on}
    return request_config({"rules": {"disable": sorted(off)}} if off else None)


def _rule_info() -> dict[str, dict]:
    return {r["id"]: r for r in mailcoach.rules()}


# --- response -------------------------------------------------------------------------------

def _match(f: mailcoach.Finding, doc: Annotated, sentences: Document, rules: dict[str, dict],
           orig16: utf16.Offsets) -> dict[str, Any]:
    plain = doc.plain
    start, end = f.start or 0, f.end or 0
    o_start, o_end = doc.to_original(start), doc.to_original(end, end=True)
    c_start, c_end = max(0, start - CONTEXT_CHARS), min(len(plain), end + CONTEXT_CHARS)
    prefix = "..." if c_start > 0 else ""
    context = prefix + plain[c_start:c_end] + ("..." if c_end < len(plain) else "")
    sentence = sentences.sentence_at(start)
    info = rules.get(f.rule, {})
    category = CATEGORIES.get(f.dimension, {"id": "MAILCOACH", "name": "mailcoach"})
    offset = orig16(o_start)
    return {
        "message": f.message,
        "shortMessage": info.get("description", ""),
        "replacements": [{"value": r} for r in f.replacements],
        "offset": offset,
        "length": orig16(o_end) - offset,
        "context": {
            "text": context,
            "offset": utf16.length(prefix + plain[c_start:start]),
            "length": utf16.length(plain[start:end]),
        },
        "sentence": plain[sentence.start:sentence.end] if sentence else plain[start:end],
        "type": {"typeName": "Hint" if f.severity == "suggestion" else "Other"},
        "rule": {
            "id": f.rule,
            "description": info.get("description", f.rule),
            "issueType": "style",
            "category": category,
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def _finding_json(f: mailcoach.Finding, doc: Annotated, orig16: utf16.Offsets) -> dict[str, Any]:
    out = f.to_dict()
    if f.start is not None and f.end is not None:
        out["start"] = orig16(doc.to_original(f.start))
        out["end"] = orig16(doc.to_original(f.end, end=True))
    return out


@bp.post("/v2/check")
def check():
    if request.mimetype not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        raise ApiError(415, "send the fields form-encoded (application/x-www-form-urlencoded), "
                            "as LanguageTool's API does")
    text, data = request.form.get("text"), request.form.get("data")
    if (text is None) == (data is None):
        raise bad_request("give exactly one of 'text' or 'data'")
    doc = Annotated.from_text(text) if text is not None else Annotated.from_data(data)
    lang = _language()
    rules = _rule_info()
    report = mailcoach.analyze(doc.plain, config=_config(rules))
    orig16 = utf16.Offsets(doc.original)
    sentences = Document(doc.plain)
    located = [f for f in report.suggestions if f.start is not None and f.end is not None]
    matches = [_match(f, doc, sentences, rules, orig16) for f in located]
    matches.sort(key=lambda m: (m["offset"], m["length"], m["rule"]["id"]))
    return jsonify({
        "software": SOFTWARE,
        "warnings": {"incompleteResults": False},
        "language": {"name": lang["name"], "code": lang["longCode"],
                     "detectedLanguage": {"name": lang["name"], "code": lang["longCode"], "confidence": 1.0}},
        "matches": matches,
        "mailcoach": {
            "scores": report.scores.to_dict(),
            "draftFindings": [f.to_dict() for f in report.suggestions if f.start is None or f.end is None],
            "strengths": [_finding_json(f, doc, orig16) for f in report.strengths],
        },
    })


@bp.get("/v2/languages")
def languages():
    return jsonify(LANGUAGES)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
