"""Our own labelled drafts, each set written unlike ../shared/eval's drafts and labelled by
RULES.md's meaning before mailcoach was run on them: heldout.jsonl (60 emails, eight industries)
and heldout2.jsonl (40 emails: sales outreach, long quoted threads, HTML replies, other Englishes,
capitalised product names). Same measure as ../shared/eval/score.py: recall of expected rules,
no forbidden rule reported, every rewrite pair ordered on the dimensions it names."""
import json
from collections import defaultdict
from pathlib import Path

import pytest

import mailcoach


def load(name):
    path = Path(__file__).parent / "fixtures" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name,count", [("heldout.jsonl", 60), ("heldout2.jsonl", 40)])
def test_heldout_drafts(name, count):
    DRAFTS = load(name)
    expected = found = 0
    problems, scores, pairs = [], {}, defaultdict(dict)
    for d in DRAFTS:
        report = mailcoach.analyze(text=d.get("text"), html=d.get("html"), subject=d.get("subject") or None)
        rules = {f.rule for f in report.suggestions + report.strengths}
        scores[d["id"]] = report.scores.to_dict()
        for r in d["expect"]:
            expected += 1
            found += r in rules
            if r not in rules:
                problems.append(f"{d['id']}: missed {r}")
        problems += [f"{d['id']}: reported forbidden {r}" for r in d["forbid"] if r in rules]
        if d.get("pair"):
            pairs[d["pair"]][d["role"]] = d
    for name, p in pairs.items():
        for dim in p["better"]["dims"]:
            if not scores[p["better"]["id"]][dim] > scores[p["worse"]["id"]][dim]:
                problems.append(f"{name}: {dim} not ordered")
    assert len(DRAFTS) == count
    recall = found / expected
    forbidden_or_disordered = [p for p in problems if "missed" not in p]
    assert recall >= 0.9 and not forbidden_or_disordered, (recall, problems)
