"""`GET /openapi.json`: an OpenAPI 3 description of the HTTP API, built from the same data the
views check against (rule ids, thresholds, languages), so it cannot drift from what they do.

Other blueprints may describe their routes with `add_paths({...})`.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any

from flask import Blueprint, Flask, jsonify

import mailcoach
from mailcoach.config import Thresholds
from mailcoach.rules import PHRASE_RULES, RULE_IDS

from .languagetool import LANGUAGES

bp = Blueprint("openapi", __name__)

_EXTRA_PATHS: dict[str, dict[str, Any]] = {}


def add_paths(paths: dict[str, dict[str, Any]]) -> None:
    """Describe more routes (another blueprint's) in the same document."""
    _EXTRA_PATHS.update(paths)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


ERRORS = {
    "400": _error("Malformed JSON, or a missing, unknown or wrong-typed field (the message names it)"),
    "401": _error("Access control is on and no valid credential was sent"),
    "413": _error("The body is larger than MAILCOACH_MAX_BODY_BYTES"),
    "415": _error("Wrong Content-Type"),
    "429": {**_error("Rate limit reached"),
            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}}},
}


# At least one character that Python's str.strip() keeps (the library's own test for a blank
# phrase), spelled out because JSON Schema's \s is JavaScript's, a slightly different set.
_NOT_BLANK = "[^\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"


def _config_schema() -> dict[str, Any]:
    rule_ids = sorted(RULE_IDS)
    phrase_rules = sorted(PHRASE_RULES)
    thresholds = {}
    for f in fields(Thresholds):
        kind = "integer" if f.type in (int, "int") else "number"
        thresholds[f.name] = {"type": kind, "exclusiveMinimum": 0, "maximum": 10000}
    phrase_table = {
        "type": "object",
        "description": "phrase -> its replacements (a list, or one string)",
        "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "propertyNames": {"minLength": 1, "maxLength": 200, "pattern": _NOT_BLANK},
    }
    return {
        "type": ["object", "null"],
        "description": "Overrides laid over the server's config (see docs/configuration in the library).",
        "additionalProperties": False,
        "properties": {
            "rules": {"type": "object", "additionalProperties": False, "properties": {
                "disable": {"type": "array", "items": {"type": "string", "enum": rule_ids}}}},
            "thresholds": {"type": "object", "additionalProperties": False, "properties": thresholds},
            "phrases": {"type": "object", "additionalProperties": False,
                        "properties": {rule: phrase_table for rule in phrase_rules}},
        },
    }


def _schemas() -> dict[str, Any]:
    span = {"type": ["integer", "null"], "minimum": 0,
            "description": "UTF-16 code units into `text`; null for a finding about the whole draft"}
    finding = {
        "type": "object",
        "required": ["rule", "dimension", "severity", "start", "end", "excerpt", "message", "explanation",
                     "replacements"],
        "properties": {
            "rule": {"type": "string"}, "dimension": {"type": "string"},
            "severity": {"type": "string", "enum": ["suggestion", "warning", "error", "info"]},
            "start": span, "end": span, "excerpt": {"type": "string"}, "message": {"type": "string"},
            "explanation": {"type": "string"}, "replacements": {"type": "array", "items": {"type": "string"}},
        },
    }
    score = {"type": "number", "minimum": 0, "maximum": 100}
    text_field = {"type": "string", "description": "The draft as plain text"}
    return {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
        "AnalyzeRequest": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "text": text_field,
                "html": {"type": "string", "description": "The draft as an HTML body"},
                "subject": {"type": ["string", "null"]},
                "config": _config_schema(),
            },
            "oneOf": [{"required": ["text"]}, {"required": ["html"]}],
        },
        "Finding": finding,
        "Scores": {"type": "object", "required": ["readability", "vip", "transparency", "overall"],
                   "properties": {k: score for k in ("readability", "vip", "transparency", "overall")}},
        "Report": {
            "type": "object",
            "required": ["text", "scores", "metrics", "suggestions", "strengths", "explain"],
            "properties": {
                "text": {"type": "string", "description": "The text the spans index (from html, its text)"},
                "scores": _ref("Scores"),
                "metrics": {"type": "object"},
                "suggestions": {"type": "array", "items": _ref("Finding")},
                "strengths": {"type": "array", "items": _ref("Finding")},
                "explain": {"type": "object"},
            },
        },
        "CheckRequest": {
            "type": "object",
            "description": "LanguageTool's form fields. Give exactly one of text or data.",
            "properties": {
                "text": {"type": "string"},
                "data": {"type": "string", "description":
                         'Annotated text as JSON: {"annotation": [{"text": "..."}, '
                         '{"markup": "<b>", "interpretAs": "..."}]}'},
                "language": {"type": "string", "enum": ["auto"] + [lang["longCode"] for lang in LANGUAGES]},
                "enabledRules": {"type": "string"}, "disabledRules": {"type": "string"},
                "enabledCategories": {"type": "string"}, "disabledCategories": {"type": "string"},
                "enabledOnly": {"type": "string", "description": "'true': only enabledRules/enabledCategories run"},
            },
            "oneOf": [{"required": ["text"]}, {"required": ["data"]}],
        },
        "CheckResponse": {
            "type": "object",
            "required": ["software", "language", "matches", "mailcoach"],
            "properties": {
                "software": {"type": "object"},
                "language": {"type": "object"},
                "matches": {"type": "array", "items": {
                    "type": "object",
                    "required": ["message", "offset", "length", "replacements", "context", "rule"],
                    "properties": {
                        "message": {"type": "string"}, "shortMessage": {"type": "string"},
                        "offset": {"type": "integer"}, "length": {"type": "integer"},
                        "replacements": {"type": "array", "items": {
                            "type": "object", "properties": {"value": {"type": "string"}}}},
                        "context": {"type": "object"}, "sentence": {"type": "string"},
                        "rule": {"type": "object"},
                    }}},
                "mailcoach": {"type": "object", "description": "Scores, strengths and whole-draft findings"},
            },
        },
    }


def document() -> dict[str, Any]:
    json_ok = lambda ref, text: {"description": text, "content": {"application/json": {"schema": _ref(ref)}}}  # noqa: E731
    plain_ok = lambda text: {"description": text, "content": {"application/json": {"schema": {"type": "object"}}}}  # noqa: E731
    secured = [{}, {"apiKey": []}, {"bearer": []}]
    paths: dict[str, Any] = {
        "/api/v1/analyze": {"post": {
            "summary": "Coach one draft",
            "operationId": "analyze",
            "security": secured,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("AnalyzeRequest")}}},
            "responses": {"200": json_ok("Report", "The report"), **ERRORS},
        }},
        "/api/v1/rules": {"get": {
            "summary": "Every rule the server checks", "operationId": "rules", "security": secured,
            "responses": {"200": plain_ok("The rules"), **{k: ERRORS[k] for k in ("401", "429")}},
        }},
        "/v2/check": {"post": {
            "summary": "LanguageTool-compatible check",
            "operationId": "check",
            "security": secured,
            "requestBody": {"required": True, "content": {
                "application/x-www-form-urlencoded": {"schema": _ref("CheckRequest")}}},
            "responses": {"200": json_ok("CheckResponse", "LanguageTool's response shape"), **ERRORS},
        }},
        "/v2/languages": {"get": {
            "summary": "Languages /v2/check accepts", "operationId": "languages", "security": secured,
            "responses": {"200": {"description": "Languages", "content": {"application/json": {"schema": {
                "type": "array", "items": {"type": "object", "required": ["name", "code", "longCode"]}}}}},
                **{k: ERRORS[k] for k in ("401", "429")}},
        }},
        "/healthz": {"get": {"summary": "Liveness", "operationId": "healthz", "security": [{}],
                             "responses": {"200": plain_ok("Alive")}}},
        "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi", "security": [{}],
                                  "responses": {"200": plain_ok("OpenAPI 3 document")}}},
    }
    paths.update(_EXTRA_PATHS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "mailcoach", "version": mailcoach.__version__,
                 "description": "Coaching for emails to customers: readability, VIP framing, transparency. "
                                "Spans are UTF-16 code units."},
        "paths": paths,
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "An API key, or a Microsoft/Google token where configured"},
            },
        },
    }


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(document())


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
