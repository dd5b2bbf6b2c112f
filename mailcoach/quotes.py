"""Finds what the writer did not write in a plain-text draft: quoted replies and the signature.

Mail clients mark the quoted message in a handful of textual ways. Two kinds are found here:

* marks after which *everything* belongs to someone else (or is a signature): an attribution
  ("On Mon, 3 Mar 2025, Sam <sam@x.com> wrote:", possibly wrapped onto two lines) above an
  unprefixed quote, Outlook's "From: / Sent: / To: / Subject:" header block, the
  "________________________________" separator followed by "From:", "-----Original Message-----",
  a forwarded-message banner, and the signature delimiter ("-- " on its own line);
* lines quoted with ">" (which may be interleaved with the writer's answers), and an attribution
  line that introduces them.

The scan goes line by line with plain string tests, so its cost is linear in the text whatever
the input looks like (no backtracking regular expressions).
"""
from __future__ import annotations

import bisect
import re

# Attribution lines: "On <date>, <name> wrote:" and its equivalents in other client languages.
ATTRIBUTION_STARTS = ("on ", "le ", "am ", "el ", "il ", "op ", "em ")
ATTRIBUTION_ENDS = ("wrote:", "a écrit :", "a écrit:", "schrieb:", "escribió:", "scrisse:", "schreef:", "escreveu:")
ATTRIBUTION_MAX_CHARS = 400  # longer lines are prose, not an attribution

# Outlook's reply header: "From:" then, within a few lines, "Sent:" (or "Date:") and "To:"/"Subject:".
HEADER_FROM = ("from:", "*from:*", "de:", "von:", "da:", "van:")
HEADER_SENT = ("sent:", "*sent:*", "date:", "*date:*", "envoyé:", "gesendet:", "enviado:", "inviato:", "verzonden:")
HEADER_REST = ("to:", "*to:*", "subject:", "*subject:*", "cc:", "objet:", "betreff:", "asunto:", "oggetto:",
               "onderwerp:", "à:", "an:", "para:", "a:", "aan:")
HEADER_WINDOW = 8  # lines after "From:" in which the other header fields must appear

# Banners after which the rest is a quoted or forwarded message (compared without dashes and spaces).
BANNERS = ("originalmessage", "forwardedmessage", "beginforwardedmessage:", "ursprünglichenachricht",
           "messaged'origine", "mensajeoriginal")

SIGNATURE_DELIMITERS = ("-- ", "--")

# The first characters of any line the checks below could match; every other line is skipped
# with one call into the regex engine.
_CANDIDATE = re.compile(
    "[ \t]*(?:[>_=-]|begin|" + "|".join(re.escape(w.strip()) for w in ATTRIBUTION_STARTS + HEADER_FROM) + ")",
    re.IGNORECASE,
)
# the same after a line break: one search (it skips from line break to line break at C speed)
# tells most drafts, which quote nothing, that no line needs a closer look
_CANDIDATE_AFTER_BREAK = re.compile("\n" + _CANDIDATE.pattern, re.IGNORECASE)


def excluded_ranges(text: str, known: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) ranges of `text` that are quoted replies or the signature, sorted and disjoint.

    `known` are ranges already found some other way (the quote elements of an HTML body): lines
    inside them are left to them, and an attribution followed by one introduces only that quote.
    """
    if not _CANDIDATE.match(text) and not _CANDIDATE_AFTER_BREAK.search(text):
        return []
    known = sorted(known or [])
    known_starts = [s for s, _ in known]
    lines = _lines(text)
    ranges: list[tuple[int, int]] = []
    cut = len(text)  # from here to the end nothing is the writer's
    for i, (start, end, line) in enumerate(lines):
        if not _CANDIDATE.match(line) or (known and _inside(known, known_starts, start)):
            continue
        if _is_quoted(line):
            ranges.append((start, end))
            continue
        stripped = line.strip()
        if line.rstrip("\r") in SIGNATURE_DELIMITERS or _is_banner(stripped) or _is_header(lines, i) \
                or _is_separator_before_from(lines, i):
            cut = start
            break
        attribution = _attribution_length(lines, i)
        if attribution:
            last = i + attribution - 1
            following = _next_nonblank(lines, last + 1)
            if following is not None and (_is_quoted(following[2]) or _inside(known, known_starts, following[0])):
                # the quote below is ">"-prefixed: only these lines are someone else's, so the
                # writer may still answer between the quoted lines
                ranges.append((start, lines[last][1]))
            else:
                cut = start
                break
    if cut < len(text):
        ranges.append((cut, len(text)))
    return _merge(ranges)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) for each line; end excludes the line break."""
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        out.append((start, end, line))
        start = end + 1
    return out


def _is_quoted(line: str) -> bool:
    return line.lstrip(" \t").startswith(">")


def _is_banner(stripped: str) -> bool:
    if not stripped.startswith(("-", "_", "=")) and not stripped.lower().startswith("begin forwarded"):
        return False
    squeezed = stripped.strip("-_= ").replace(" ", "").lower()
    return squeezed in BANNERS


def _attribution_length(lines: list[tuple[int, int, str]], i: int) -> int:
    """1 or 2 when line i starts an "On ... wrote:" attribution (one line, or wrapped onto two), else 0."""
    first = lines[i][2].strip()
    if not first.lower().startswith(ATTRIBUTION_STARTS) or len(first) > ATTRIBUTION_MAX_CHARS:
        return 0
    if first.lower().endswith(ATTRIBUTION_ENDS):
        return 1
    if i + 1 < len(lines):
        second = lines[i + 1][2].strip()
        if second and len(first) + len(second) <= ATTRIBUTION_MAX_CHARS and second.lower().endswith(ATTRIBUTION_ENDS):
            return 2
    return 0


def _field(line: str, names: tuple[str, ...]) -> bool:
    return line.strip().lower().startswith(names)


def _is_header(lines: list[tuple[int, int, str]], i: int) -> bool:
    """Line i is "From:" and the next few lines hold "Sent:"/"Date:" and "To:"/"Subject:"."""
    if not _field(lines[i][2], HEADER_FROM):
        return False
    window = [line for _, _, line in lines[i + 1:i + 1 + HEADER_WINDOW]]
    return any(_field(line, HEADER_SENT) for line in window) and any(_field(line, HEADER_REST) for line in window)


def _is_separator_before_from(lines: list[tuple[int, int, str]], i: int) -> bool:
    """Outlook's "________________________________" rule with "From:" on the next non-blank line."""
    stripped = lines[i][2].strip()
    if len(stripped) < 10 or stripped.strip("_"):
        return False
    following = _next_nonblank(lines, i + 1)
    return following is not None and _field(following[2], HEADER_FROM)


def _next_nonblank(lines: list[tuple[int, int, str]], i: int) -> tuple[int, int, str] | None:
    for j in range(i, min(len(lines), i + 3)):
        if lines[j][2].strip():
            return lines[j]
    return None


def _inside(known: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and known[i][0] <= pos < known[i][1]


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping or touching ranges (only a line break apart) joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
