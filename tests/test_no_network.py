"""The library never touches the network: an analysis (and the CLI) in a process whose sockets
refuse to connect succeeds, and records no attempt to connect or resolve a name."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Runs in the child before mailcoach is imported: every way out is replaced by a recorder.
CHILD = textwrap.dedent('''
    import json, socket, sys

    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append(f"{name}{args[1:2] if name.startswith('socket.') else args[:1]}")
            raise OSError(f"network disabled in this test ({name})")
        return blocked

    socket.socket.connect = refuse("socket.connect")
    socket.socket.connect_ex = refuse("socket.connect_ex")
    socket.socket.sendto = refuse("socket.sendto")
    socket.create_connection = refuse("create_connection")
    socket.getaddrinfo = refuse("getaddrinfo")
    socket.gethostbyname = refuse("gethostbyname")

    result = {"attempts": attempts}
    if sys.argv[1] == "probe":  # shows the recorder works: this must be caught
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        except OSError:
            pass
        try:
            socket.socket().connect(("127.0.0.1", 9))
        except OSError:
            pass
    else:
        import mailcoach
        from mailcoach import cli

        draft = ("Hi Sam,\\n\\nIt's not our fault. Per our policy we are unable to refund. You must read the "
                 "instructions. Sorry for any inconvenience. Thanks for your patience; we will call you by "
                 "5 pm on Tuesday.\\n\\nOn Mon, 3 Mar 2025, Sam <sam@example.com> wrote:\\n> Where is my refund?\\n")
        report = mailcoach.analyze(draft, subject="Your refund")
        html = mailcoach.analyze(html="<p>" + draft.replace("\\n", "<br>") + "</p>")
        result["findings"] = len(report.findings)
        result["html_findings"] = len(html.findings)
        result["overall"] = report.scores.overall
        result["rules"] = len(mailcoach.rules())
        result["cli"] = cli.main(["check", sys.argv[2]])
    print(json.dumps(result), file=sys.stderr)
''')


def run_child(mode: str, draft: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(draft)], capture_output=True, cwd=REPO,
                          timeout=180, env={"PATH": "/usr/bin:/bin", "HOME": str(draft.parent)})
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stderr.decode().strip().splitlines()[-1])


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text("Hello, it's not our fault. We will look into it soon.\n", encoding="utf-8")
    return path


def test_recorder_catches_connections(draft):
    result = run_child("probe", draft)
    assert len(result["attempts"]) == 2, result


def test_analysis_and_cli_make_no_connection(draft):
    result = run_child("analyze", draft)
    assert result["attempts"] == []
    assert result["findings"] > 0 and result["html_findings"] > 0
    assert 0 <= result["overall"] <= 100
    assert result["rules"] >= 24
    assert result["cli"] == 0
