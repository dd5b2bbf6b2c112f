"""The JSON API the add-ins and the playground call: `POST /api/v1/analyze`, plus health and rules.

Spans in answers are UTF-16 code units (see utf16.py) because every client is JavaScript.
The draft is analysed in memory and forgotten: nothing here logs or stores it.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request

import mailcoach
from mailcoach.matching import scanner

from . import settings, utf16
from .errors import ApiError, bad_request

settings.defaults(
    MAX_BODY_BYTES=256 * 1024,  # larger request bodies get 413
    CONFIG_FILE="",  # a mailcoach TOML config applied to every request (requests may add to it)
)

bp = Blueprint("api", __name__)
log = logging.getLogger(__name__)

ANALYZE_FIELDS = {"text": str, "html": str, "subject": (str, type(None)), "config": (dict, type(None))}
_TYPE_NAMES = {"text": "a string", "html": "a string", "subject": "a string or null", "config": "an object or null"}

WARM_UP_TEXT = ("Hi Sam,\n\nThanks for writing. Per our policy we are unable to refund, sorry for any "
                "inconvenience. I have asked our team to look again and will reply by Friday. "
                "Would a replacement help?\n\nBest,\nAlex")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _number(literal: str) -> float | int:
    """JSON, like JavaScript, has one number type: 444.0 is the whole number 444."""
    value = float(literal)
    return int(value) if value.is_integer() else value


# What json.loads(raw, parse_constant=..., parse_float=...) builds on every call, built once.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_number)


def json_body() -> Any:
    """The request body parsed as strict JSON, or a 400/415 that says what is wrong."""
    if not request.is_json:
        raise ApiError(415, "send the body as JSON with Content-Type: application/json")
    raw = request.get_data(cache=False)
    try:
        # JSON on the wire is UTF-8 (RFC 8259): raw surrogate bytes or UTF-16 bodies are refused
        data = _DECODER.decode(raw.decode("utf-8-sig"))
    except RecursionError:
        raise bad_request("the JSON body is nested too deeply") from None
    except ValueError:  # JSONDecodeError, UnicodeDecodeError, overlong integers
        raise bad_request("the body is not valid JSON (UTF-8)") from None
    if b"\\ud" in raw or b"\\uD" in raw:  # JSON escapes surrogates only as \uD800-\uDFFF
        try:  # an unpaired surrogate escape (\ud800) makes a string no client can round-trip
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise bad_request("the body contains an unpaired UTF-16 surrogate") from None
    return data


def request_config(overrides: Any) -> mailcoach.Config:
    """The server's config with the request's overrides laid over it; ConfigError -> 400."""
    base: mailcoach.Config = current_app.extensions["mailcoach_config"]
    if overrides is None:
        return base
    try:
        return base.merged(mailcoach.Config.from_dict(overrides, source="config"))
    except mailcoach.ConfigError as e:
        raise bad_request(str(e)) from None


def parse_analyze(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise bad_request("the body must be a JSON object with 'text' or 'html'")
    unknown = data.keys() - ANALYZE_FIELDS.keys()
    if unknown:
        raise bad_request(f"unknown field {sorted(unknown)[0]!r} (expected text or html, subject, config)")
    for name, kinds in ANALYZE_FIELDS.items():
        if name in data and not isinstance(data[name], kinds):
            raise bad_request(f"'{name}' must be {_TYPE_NAMES[name]}")
    if ("text" in data) == ("html" in data):
        raise bad_request("give exactly one of 'text' or 'html'")
    return data


def report_json(report: mailcoach.Report) -> dict[str, Any]:
    """`report.to_dict()` with every span in UTF-16 code units of `report.text`."""
    out = report.to_dict()
    offsets = utf16.Offsets(report.text)
    utf16.convert_spans(out["suggestions"], offsets)
    utf16.convert_spans(out["strengths"], offsets)
    return out


@bp.post("/api/v1/analyze")
def analyze():
    data = parse_analyze(json_body())
    config = request_config(data.get("config"))
    began = time.perf_counter()
    report = mailcoach.analyze(data.get("text"), html=data.get("html"), subject=data.get("subject"),
                               config=config)
    # Sizes and counts only: never the draft, its subject or any excerpt.
    if log.isEnabledFor(logging.DEBUG):
        log.debug("analyzed %d characters: %d suggestions, %d strengths in %.1f ms", len(report.text),
                  len(report.suggestions), len(report.strengths), (time.perf_counter() - began) * 1000)
    return jsonify(report_json(report))


@bp.get("/api/v1/rules")
def rules():
    return jsonify({"rules": mailcoach.rules()})


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok", "version": mailcoach.__version__})


def warm_up() -> None:
    """Run the library once so imports, word lists and caches are loaded before workers fork."""
    mailcoach.analyze(WARM_UP_TEXT, subject="Your refund")
    scanner().prepare()
    mailcoach.analyze(html="<p>" + WARM_UP_TEXT.replace("\n\n", "</p><p>") + "</p>")


def _load_config(app: Flask) -> mailcoach.Config:
    path = str(app.config.get("CONFIG_FILE") or "").strip()
    return mailcoach.Config.from_file(path) if path else mailcoach.Config()


def init_app(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_BODY_BYTES"])
    app.extensions["mailcoach_config"] = _load_config(app)
    app.register_blueprint(bp)
