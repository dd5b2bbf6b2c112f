"""The `mailcoach` command: coach drafts from files or stdin, list the rules.

    mailcoach check draft.txt reply.html --fail-under 70
    mailcoach check --format json < draft.txt
    mailcoach rules

Exit status: 0 when every input was coached (and scored at least --fail-under), 1 when some
input scored below --fail-under, 2 for a usage error, an unreadable input or a bad config file.
All inputs are read and checked before anything is printed, so a bad one leaves no half report.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from dataclasses import dataclass
from typing import Sequence, TextIO

from . import __version__, analyze, rules
from .config import Config, ConfigError
from .report import Finding, Report

EXIT_OK, EXIT_BELOW, EXIT_USAGE = 0, 1, 2
HTML_SUFFIXES = (".html", ".htm")
CONTEXT_CHARS = 40  # characters shown either side of a flagged span on a long line

# ANSI styles, used only when stdout is a terminal and NO_COLOR is unset
STYLES = {
    "error": "\033[1;31m", "warning": "\033[33m", "suggestion": "\033[36m", "info": "\033[32m",
    "dim": "\033[2m", "bold": "\033[1m", "mark": "\033[1;4m", "reset": "\033[0m",
}


class InputError(Exception):
    """An input that cannot be coached; the message names it."""


@dataclass
class Draft:
    name: str  # the file name, or "<stdin>"
    body: str
    is_html: bool


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mailcoach",
        description="Coach a draft email to a customer on readability, VIP framing and transparency.",
    )
    parser.add_argument("--version", action="version", version=f"mailcoach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser("check", help="coach drafts (files, or stdin when none or '-')",
                           description="Coach drafts. Files ending in .html or .htm are read as HTML.")
    check.add_argument("files", nargs="*", metavar="FILE", help="draft to coach; '-' or none reads stdin")
    check.add_argument("--html", action="store_true", help="read every input as an HTML body")
    check.add_argument("--subject", help="the subject line (also checked)")
    check.add_argument("--config", metavar="TOML", help="settings file: rules to disable, thresholds, phrases")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    check.add_argument("--fail-under", type=_score, metavar="N",
                       help="exit 1 when the overall score of any input is below N (0-100)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text output (default: only on a terminal, and not when NO_COLOR is set)")

    listing = sub.add_parser("rules", help="list the rules and their ids")
    listing.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 on a usage error
    try:
        if args.command == "rules":
            return _list_rules(args.format, sys.stdout)
        return _check(args, sys.stdout)
    except InputError as e:
        print(f"mailcoach: {e}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as e:
        print(f"mailcoach: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `mailcoach check ... | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return EXIT_BELOW
    except KeyboardInterrupt:
        return 130


# --- check ---------------------------------------------------------------------------------
def _check(args: argparse.Namespace, out: TextIO) -> int:
    config = Config.from_file(args.config) if args.config else None
    names = args.files or ["-"]
    if names.count("-") > 1:
        raise InputError("stdin ('-') can be read only once")
    drafts = [_read(name, args.html) for name in names]
    reports = [(d, _analyze(d, args.subject, config)) for d in drafts]

    if args.format == "json":
        items = [{"file": d.name, **r.to_dict()} for d, r in reports]
        json.dump(items[0] if len(items) == 1 else items, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        style = _Style(_use_color(args.color, out))
        for n, (draft, report) in enumerate(reports):
            if n:
                out.write("\n")
            out.write(_render(draft.name, report, style, args.fail_under))
    out.flush()
    below = args.fail_under is not None and any(r.scores.overall < args.fail_under for _, r in reports)
    return EXIT_BELOW if below else EXIT_OK


def _read(name: str, force_html: bool) -> Draft:
    if name == "-":
        data, label = sys.stdin.buffer.read(), "<stdin>"
    else:
        label = name
        try:
            with open(name, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory") from None
        except OSError as e:
            raise InputError(f"{name}: cannot read: {e.strerror or e}") from None
    try:
        body = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{label}: not UTF-8 text (bad byte at offset {e.start})") from None
    return Draft(label, body, force_html or name.lower().endswith(HTML_SUFFIXES))


def _analyze(draft: Draft, subject: str | None, config: Config | None) -> Report:
    if draft.is_html:
        return analyze(html=draft.body, subject=subject, config=config)
    return analyze(draft.body, subject=subject, config=config)


def _score(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= n <= 100:
        raise argparse.ArgumentTypeError(f"must be between 0 and 100, not {value}")
    return n


# --- text output ---------------------------------------------------------------------------
class _Style:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, name: str, s: str) -> str:
        return f"{STYLES[name]}{s}{STYLES['reset']}" if self.enabled and s else s


def _use_color(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):  # https://no-color.org: set and not empty
        return False
    return hasattr(out, "isatty") and out.isatty()


def _render(name: str, report: Report, style: _Style, fail_under: float | None) -> str:
    s = report.scores
    lines = [style("bold", name)]
    verdict = ""
    if fail_under is not None:
        verdict = "  " + (style("error", f"below {fail_under:g}") if s.overall < fail_under else style("info", "ok"))
    lines.append(f"  overall {_num(s.overall)}  readability {_num(s.readability)}  vip {_num(s.vip)}"
                 f"  transparency {_num(s.transparency)}{verdict}")
    counts = f"{len(report.suggestions)} suggestion{'s' * (len(report.suggestions) != 1)}, " \
             f"{len(report.strengths)} strength{'s' * (len(report.strengths) != 1)}"
    lines.append(f"  {counts}")
    for title, findings in (("suggestions", report.suggestions), ("strengths", report.strengths)):
        if findings:
            lines.append("")
            lines.append(f"  {title}:")
            for finding in findings:
                lines.extend(_render_finding(report.text, finding, style))
    return "\n".join(lines) + "\n"


def _num(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def _render_finding(text: str, f: Finding, style: _Style) -> list[str]:
    where = "draft" if f.start is None else "%d:%d" % line_col(text, f.start)
    head = f"  {where:>7}  {style(f.severity, f.severity):<{10 + _extra(style, f.severity)}} " \
           f"{style('dim', f.rule)}  {f.message}"
    out = [head]
    if f.start is not None and f.end is not None:
        out.extend("           " + line for line in _source_lines(text, f.start, f.end, style))
    if f.replacements:
        out.append("           try: " + ", ".join(repr(r) if r else "(remove)" for r in f.replacements))
    return out


def _extra(style: _Style, severity: str) -> int:
    """Width the ANSI codes add, so the columns still line up when coloured."""
    return len(style(severity, severity)) - len(severity)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a str offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _source_lines(text: str, start: int, end: int, style: _Style) -> list[str]:
    """The flagged line, trimmed around the span on long lines, with the span marked:
    underlined with ^ (and in bold when coloured)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end < 0:
        line_end = len(text)
    span_end = min(end, line_end)
    left = max(line_start, start - CONTEXT_CHARS)
    right = min(line_end, max(span_end, start + 1) + CONTEXT_CHARS)
    before = ("…" if left > line_start else "") + _clean(text[left:start])
    flagged = _clean(text[start:span_end]) or " "
    after = _clean(text[span_end:right]) + ("…" if right < line_end or end > line_end else "")
    pad = " " * _width(before)
    caret = "^" * max(1, _width(flagged))
    return [before + style("mark", flagged) + after, pad + style("warning", caret)]


def _clean(s: str) -> str:
    return "".join(" " if c == "\t" or unicodedata.category(c) in ("Cc", "Cf") else c for c in s)


def _width(s: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


# --- rules ---------------------------------------------------------------------------------
def _list_rules(fmt: str, out: TextIO) -> int:
    items = rules()
    if fmt == "json":
        json.dump(items, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    width = max((len(r["id"]) for r in items), default=2)
    out.write(f"{'id':<{width}}  {'kind':<10}  {'severity':<10}  description\n")
    for r in items:
        out.write(f"{r['id']:<{width}}  {r['kind']:<10}  {r['severity']:<10}  {r['description']}\n")
    return EXIT_OK
