"""The `mailcoach` command, run as a real process (`python -m mailcoach`)."""
from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

import mailcoach

REPO = Path(__file__).resolve().parent.parent
FLAWED = ("Hi Sam,\n\nIt's not our fault. Per our policy we are unable to refund. You must read the "
          "instructions. Sorry for any inconvenience.\n")
GOOD = ("Hi Sam,\n\nThank you for telling us about the damaged lamp. I'm sorry it arrived broken; that is on us. "
        "A new lamp leaves our warehouse today and will reach you by Friday. Would you like us to collect "
        "the broken one, or would you rather recycle it?\n\nBest,\nAlex\n")
ANSI = "\x1b["
LINE_COL = re.compile(r"^\s+(\d+):(\d+)\s+(suggestion|warning|error|info)\s+([a-z_]+\.[a-z_]+)\s+\S", re.M)


def run(*args: str, stdin: bytes | str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    if isinstance(stdin, str):
        stdin = stdin.encode()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mailcoach", *args], input=stdin if stdin is not None else b"",
        capture_output=True, cwd=REPO, env=full_env, timeout=120,
    )


def out(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode()


@pytest.fixture
def flawed(tmp_path: Path) -> Path:
    path = tmp_path / "flawed.txt"
    path.write_text(FLAWED, encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# --- exit status -------------------------------------------------------------------------------
def test_check_a_file_exits_0_and_shows_scores_and_findings(flawed):
    proc = run("check", str(flawed))
    assert proc.returncode == 0, proc.stderr
    text = out(proc)
    assert text.startswith(str(flawed))
    assert re.search(r"overall \d+(\.\d)?\s+readability \d+(\.\d)?\s+vip \d+(\.\d)?\s+transparency", text)
    assert "transparency.deflection" in text
    assert proc.stderr == b""


def test_fail_under_exits_1_only_when_a_score_is_below(flawed, good):
    report = mailcoach.analyze(FLAWED)
    below = run("check", "--fail-under", str(min(100, report.scores.overall + 1)), str(good), str(flawed))
    assert below.returncode == 1
    assert "below" in out(below)
    passing = run("check", "--fail-under", str(max(0, report.scores.overall - 1)), str(flawed))
    assert passing.returncode == 0
    assert run("check", "--fail-under", "0", str(flawed)).returncode == 0


@pytest.mark.parametrize("args", [
    ["check", "--fail-under", "abc"],
    ["check", "--fail-under", "101"],
    ["check", "--format", "xml"],
    ["check", "--no-such-option"],
    ["frobnicate"],
    [],
])
def test_usage_errors_exit_2(args):
    proc = run(*args, stdin=FLAWED)
    assert proc.returncode == 2
    assert b"usage:" in proc.stderr
    assert proc.stdout == b""


def test_missing_file_exits_2_naming_it_and_prints_no_report(flawed, tmp_path):
    missing = tmp_path / "nope.txt"
    proc = run("check", str(flawed), str(missing))
    assert proc.returncode == 2
    assert str(missing) in proc.stderr.decode() and "no such file" in proc.stderr.decode()
    assert proc.stdout == b""  # the good file is not half-reported either
    assert b"Traceback" not in proc.stderr


def test_undecodable_input_exits_2(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    proc = run("check", str(path))
    assert proc.returncode == 2
    assert "not UTF-8" in proc.stderr.decode()
    assert run("check", stdin=b"\xff\xfe\xfa").returncode == 2


def test_directory_exits_2(tmp_path):
    proc = run("check", str(tmp_path))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


# --- config ------------------------------------------------------------------------------------
def test_bad_config_exits_2_naming_file_and_key(tmp_path, flawed):
    config = tmp_path / "team.toml"
    config.write_text("[thresholds]\ntarget_grade = 7\nwords_max = 10\n", encoding="utf-8")
    proc = run("check", "--config", str(config), str(flawed))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert str(config) in err and "thresholds.words_max" in err
    assert b"Traceback" not in proc.stderr and proc.stdout == b""


@pytest.mark.parametrize("content", ["[rules\n", "[rules]\ndisable = ['vip.nonexistent']\n", "x = 1\n"])
def test_invalid_config_files_exit_2(tmp_path, flawed, content):
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    proc = run("check", "--config", str(config), str(flawed))
    assert proc.returncode == 2 and str(config) in proc.stderr.decode()


def test_missing_config_exits_2(tmp_path, flawed):
    proc = run("check", "--config", str(tmp_path / "none.toml"), str(flawed))
    assert proc.returncode == 2 and "none.toml" in proc.stderr.decode()


def test_config_disables_a_rule_and_adds_phrases(tmp_path, flawed):
    config = tmp_path / "team.toml"
    config.write_text('[rules]\ndisable = ["transparency.deflection"]\n\n'
                      '[phrases."readability.complex_word"]\n"refund" = ["money back"]\n', encoding="utf-8")
    before = json.loads(out(run("check", "--format", "json", str(flawed))))
    after = json.loads(out(run("check", "--format", "json", "--config", str(config), str(flawed))))
    assert "transparency.deflection" in {f["rule"] for f in before["suggestions"]}
    rules_after = {f["rule"] for f in after["suggestions"]}
    assert "transparency.deflection" not in rules_after
    added = [f for f in after["suggestions"] if f["rule"] == "readability.complex_word"]
    assert [(f["excerpt"], f["replacements"]) for f in added] == [("refund", ["money back"])]


# --- formats -----------------------------------------------------------------------------------
def test_json_one_object_per_input(flawed, good):
    one = json.loads(out(run("check", "--format", "json", str(flawed))))
    assert one["file"] == str(flawed)
    assert set(one) >= {"text", "scores", "metrics", "suggestions", "strengths", "explain"}
    assert one["text"] == FLAWED
    expected = mailcoach.analyze(FLAWED).to_dict()
    assert one["scores"] == expected["scores"] and one["suggestions"] == expected["suggestions"]

    both = json.loads(out(run("check", "--format", "json", str(flawed), str(good))))
    assert isinstance(both, list) and [b["file"] for b in both] == [str(flawed), str(good)]


def test_text_format_shows_line_col_and_marks_the_flagged_words(flawed):
    text = out(run("check", str(flawed)))
    report = mailcoach.analyze(FLAWED)
    shown = LINE_COL.findall(text)
    assert shown, text
    lines = FLAWED.split("\n")
    for finding in report.suggestions:
        if finding.start is None:
            continue
        line = FLAWED.count("\n", 0, finding.start) + 1
        col = finding.start - (FLAWED.rfind("\n", 0, finding.start) + 1) + 1
        assert (str(line), str(col), finding.severity, finding.rule) in shown
        assert lines[line - 1][col - 1:].startswith(finding.excerpt)
    # each source line is followed by a ^ underline exactly under the flagged words
    rows = text.split("\n")
    deflection = next(f for f in report.suggestions if f.rule == "transparency.deflection")
    for i, row in enumerate(rows):
        if "transparency.deflection" in row:
            source, underline = rows[i + 1], rows[i + 2]
            at = underline.index("^")
            assert source[at:at + len(deflection.excerpt)] == deflection.excerpt
            assert underline.strip() == "^" * len(deflection.excerpt)
            break
    else:
        pytest.fail("no deflection finding shown")


def test_text_format_has_no_ansi_when_not_a_tty(flawed):
    proc = run("check", str(flawed))
    assert ANSI not in out(proc)
    assert ANSI in out(run("check", "--color", "always", str(flawed)))


def run_in_tty(*args: str, env: dict | None = None) -> str:
    """Run the command with stdout on a pseudo-terminal and return what it printed."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "mailcoach", *args], stdin=subprocess.DEVNULL, stdout=follower,
                            stderr=subprocess.PIPE, cwd=REPO, env=full_env)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    proc.wait(timeout=60)
    return b"".join(chunks).decode()


def test_colour_on_a_tty_unless_no_color(flawed):
    assert ANSI in run_in_tty("check", str(flawed))
    assert ANSI not in run_in_tty("check", str(flawed), env={"NO_COLOR": "1"})


def test_stdin_input(flawed):
    for args in (["check"], ["check", "-"]):
        proc = run(*args, "--format", "json", stdin=FLAWED)
        assert proc.returncode == 0, proc.stderr
        data = json.loads(out(proc))
        assert data["file"] == "<stdin>" and data["text"] == FLAWED
    assert run("check", "-", "-", stdin=FLAWED).returncode == 2


def test_html_input_from_stdin_and_by_file_name(tmp_path):
    markup = ("<html><head><style>p{}</style></head><body><p>It&#8217;s not our fault.</p>"
              "<blockquote class=\"gmail_quote\">Per our policy we are unable to help.</blockquote></body></html>")
    proc = run("check", "--html", "--format", "json", stdin=markup)
    data = json.loads(out(proc))
    assert data["text"].startswith("It’s not our fault.")
    assert "<" not in data["text"]
    rules = {f["rule"] for f in data["suggestions"]}
    assert "transparency.deflection" in rules and "transparency.unexplained_policy" not in rules
    page = tmp_path / "reply.html"
    page.write_text(markup, encoding="utf-8")
    assert json.loads(out(run("check", "--format", "json", str(page))))["text"] == data["text"]


def test_subject_is_checked(flawed):
    data = json.loads(out(run("check", "--format", "json", "--subject", "", str(flawed))))
    assert "readability.subject" in {f["rule"] for f in data["suggestions"]}
    assert data["metrics"]["subject_chars"] == 0


# --- rules and version -------------------------------------------------------------------------
def test_rules_lists_every_rule():
    text = out(run("rules"))
    for rule in mailcoach.rules():
        assert re.search(rf"^{re.escape(rule['id'])}\s", text, re.M)
    data = json.loads(out(run("rules", "--format", "json")))
    assert data == mailcoach.rules()
    assert {"readability.hard_sentence", "vip.demanding", "strength.gratitude"} <= {r["id"] for r in data}


def test_version():
    proc = run("--version")
    assert proc.returncode == 0 and out(proc).strip() == f"mailcoach {mailcoach.__version__}"


def test_console_script_is_installed(flawed):
    script = Path(sys.executable).parent / "mailcoach"
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    proc = subprocess.run([str(script), "check", str(flawed)], capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"transparency.deflection" in proc.stdout
