"""JSON responses go through orjson (addin_server/json_provider.py) yet read as Flask's jsonify would."""
from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass

import mailcoach
from addin_server import api

DRAFT = "Hi Zoë 😀,\n\nIt's not our fault. Per our policy we are unable to refund. Sorry for any inconvenience."


def test_analyze_answer_is_compact_sorted_utf8_json(client):
    r = client.post("/api/v1/analyze", json={"text": DRAFT})
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_data()
    data = json.loads(body)
    # the same text as the standard encoder with Flask's settings, except UTF-8 for non-ASCII
    assert body == (json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
    assert "Zoë 😀".encode() in body
    # and the same values as the report itself
    report = mailcoach.analyze(DRAFT)
    assert data == json.loads(json.dumps(api.report_json(report)))


@dataclass
class Point:
    x: int
    y: int


def test_values_only_the_standard_encoder_takes_still_encode(app):
    """Integers past 64 bits, unpaired surrogates and non-string keys fall back to json.dumps."""
    from flask import jsonify

    with app.app_context():
        for value in ({"n": 2**70}, {"s": "a\ud800b"}, {1: "one", 2: "two"}):
            body = jsonify(value).get_data()
            assert body == (json.dumps(value, sort_keys=True, separators=(",", ":")) + "\n").encode()


def test_flask_defaults_for_dates_dataclasses_and_uuids(app):
    from flask import jsonify

    when = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    key = uuid.UUID("12345678-1234-5678-1234-567812345678")
    with app.app_context():
        data = jsonify({"when": when, "day": when.date(), "point": Point(1, 2), "key": key}).get_json()
    assert data == {"when": "Mon, 06 May 2024 07:08:09 GMT", "day": "Mon, 06 May 2024 00:00:00 GMT",
                    "point": {"x": 1, "y": 2}, "key": str(key)}


def test_debug_mode_answers_are_indented(make_app):
    app = make_app()
    app.debug = True
    body = app.test_client().get("/healthz").get_data(as_text=True)
    assert body.startswith("{\n  ") and json.loads(body)["status"] == "ok"
