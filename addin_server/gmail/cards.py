"""Card JSON for the Gmail add-on: the shapes Google renders for HTTP (alternate runtime) add-ons.

Builders return plain dicts. Triggers answer `push(card)`; button actions answer `update(card)`
(inside `renderActions`); inserting text answers `insert_text`. Everything that came from a
draft is HTML-escaped before it goes into card text, which Google reads as basic HTML.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from mailcoach import Finding, Report

from . import copy
from .drafts import Candidate

# Google allows 100 sections per card and 100 widgets per section; these keep a card short.
VISIBLE_FINDINGS = 3  # per dimension, before "Show more"
MAX_FINDINGS = 8  # per dimension; the rest are counted, not shown
VISIBLE_STRENGTHS = 2
MAX_STRENGTHS = 6
MAX_REPLACEMENTS = 3  # buttons per finding
EXCERPT_CHARS = 80
EXPLANATION_CHARS = 240
PARAMETER_CHARS = 500  # replacement text sent back as an action parameter
PASTE_INPUT = "draft_text"  # form input name of the paste box
SEVERITY_ORDER = {"error": 0, "warning": 1, "suggestion": 2}

Card = dict[str, Any]
Widget = dict[str, Any]


@dataclass(frozen=True)
class Endpoints:
    """Public URLs of the add-on's endpoints (Google calls these; buttons name them)."""

    base: str

    @property
    def coach(self) -> str:
        return f"{self.base}/gmail/coach"

    @property
    def insert(self) -> str:
        return f"{self.base}/gmail/insert"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- responses -----------------------------------------------------------------------------

def push(card: Card) -> dict:
    return {"action": {"navigations": [{"pushCard": card}]}}


def update(card: Card) -> dict:
    return {"renderActions": {"action": {"navigations": [{"updateCard": card}]}}}


def insert_text(text: str) -> dict:
    """Put `text` at the cursor in the open draft, replacing the selection if there is one."""
    return {"renderActions": {"hostAppAction": {"gmailAction": {"updateDraftActionMarkup": {
        "updateBody": {"type": "IN_PLACE_INSERT",
                       "insertContents": [{"content": text, "contentType": "TEXT"}]}}}}}}


def request_scopes(scopes: Sequence[str]) -> dict:
    """Ask Google to show the consent screen for `scopes`; it re-runs the action afterwards."""
    return {"requesting_google_scopes": {"scopes": list(scopes)}}


# -- widgets -------------------------------------------------------------------------------

def action(url: str, parameters: Mapping[str, str] | None = None) -> dict:
    act: dict[str, Any] = {"function": url, "loadIndicator": "SPINNER"}
    if parameters:
        act["parameters"] = [{"key": k, "value": str(v)} for k, v in parameters.items()]
    return {"action": act}


def button(text: str, url: str, parameters: Mapping[str, str] | None = None) -> dict:
    return {"text": text, "onClick": action(url, parameters)}


def buttons(*items: dict) -> Widget:
    return {"buttonList": {"buttons": list(items)}}


def paragraph(text_html: str) -> Widget:
    return {"textParagraph": {"text": text_html}}


def section(widgets: list[Widget], header: str | None = None, visible: int | None = None) -> dict:
    """A section; with `visible`, it collapses to its first `visible` widgets."""
    sec: dict[str, Any] = {"widgets": widgets}
    if header:
        sec["header"] = header
    if visible is not None and visible < len(widgets):
        sec["collapsible"] = True
        sec["uncollapsibleWidgetsCount"] = visible
    return sec


def card(title: str, sections: list[dict], subtitle: str | None = None,
         footer: dict | None = None) -> Card:
    header = {"title": title}
    if subtitle:
        header["subtitle"] = subtitle
    result: Card = {"header": header, "sections": sections}
    if footer:
        result["fixedFooter"] = {"primaryButton": footer}
    return result


def paste_widgets(endpoints: Endpoints, context: str, value: str = "") -> list[Widget]:
    box: dict[str, Any] = {"name": PASTE_INPUT, "label": copy.PASTE_LABEL, "type": "MULTIPLE_LINE"}
    if value:
        box["value"] = value
    return [{"textInput": box},
            buttons(button(copy.PASTE_BUTTON, endpoints.coach, {"context": context, "source": "paste"}))]


def score_widget(label: str, score: float) -> Widget:
    color, mark, word = next((c, m, w) for low, c, m, w in copy.SCORE_BANDS if score >= low)
    return {"decoratedText": {
        "topLabel": label,
        "text": f'{mark} <font color="{color}"><b>{score:.0f}</b></font> / 100 · {word}',
    }}


def finding_widgets(f: Finding, endpoints: Endpoints, can_insert: bool) -> list[Widget]:
    """A finding: the flagged words, the message and why, then its replacements.

    Draft text goes only into `text` (escaped HTML), never into labels, whose formatting
    support Google does not document."""
    mark = copy.SEVERITY_MARKS.get(f.severity, "💡")
    words = (f"“<i>{esc(clip(f.excerpt, EXCERPT_CHARS))}</i>”" if f.excerpt.strip() and f.start is not None
             else copy.WHOLE_DRAFT)
    text = f"{words}<br><b>{esc(f.message)}</b>"
    if f.explanation:
        text += f"<br>{esc(clip(f.explanation, EXPLANATION_CHARS))}"
    label = f"{mark} {copy.SEVERITY_LABELS.get(f.severity, f.severity.title())}"
    widgets: list[Widget] = [{"decoratedText": {"topLabel": label, "text": text, "wrapText": True}}]
    replacements = [r for r in f.replacements if r.strip()][:MAX_REPLACEMENTS]
    if replacements and can_insert:
        widgets.append(buttons(*(
            button(f"→ {clip(r, 40)}", endpoints.insert, {"text": r[:PARAMETER_CHARS]})
            for r in replacements)))
    elif replacements:
        widgets.append(paragraph("Try: " + ", ".join(f"“{esc(r)}”" for r in replacements)))
    return widgets


def findings_section(title: str, findings: Sequence[Finding], endpoints: Endpoints,
                     can_insert: bool) -> dict:
    shown = sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3),
                                            f.start if f.start is not None else -1))
    kept, dropped = shown[:MAX_FINDINGS], len(shown) - MAX_FINDINGS
    groups = [finding_widgets(f, endpoints, can_insert) for f in kept]
    visible_groups = groups[:VISIBLE_FINDINGS]
    widgets = [w for g in visible_groups for w in g]
    hidden = [w for g in groups[VISIBLE_FINDINGS:] for w in g]
    visible = None
    if hidden:
        widgets.append(paragraph(copy.MORE_HIDDEN.format(n=len(groups) - VISIBLE_FINDINGS)))
        visible = len(widgets)
        widgets.extend(hidden)
    if dropped > 0:
        widgets.append(paragraph(copy.MORE_DROPPED.format(n=dropped)))
    n = len(findings)
    return section(widgets, f"{title} · {n} suggestion{'s' if n != 1 else ''}", visible)


def strengths_section(strengths: Sequence[Finding]) -> dict:
    kept = strengths[:MAX_STRENGTHS]
    widgets = [{"decoratedText": {"text": f"✅ {esc(s.message)}" + (
        f"<br>“<i>{esc(clip(s.excerpt, EXCERPT_CHARS))}</i>”" if s.excerpt.strip() and s.start is not None else ""),
        "wrapText": True}} for s in kept]
    visible = None
    if len(kept) > VISIBLE_STRENGTHS:
        widgets.insert(VISIBLE_STRENGTHS, paragraph(copy.MORE_HIDDEN.format(n=len(kept) - VISIBLE_STRENGTHS)))
        visible = VISIBLE_STRENGTHS + 1
    if len(strengths) > MAX_STRENGTHS:
        widgets.append(paragraph(f"<i>…and {len(strengths) - MAX_STRENGTHS} more.</i>"))
    return section(widgets, copy.STRENGTHS_TITLE, visible)


# -- cards ---------------------------------------------------------------------------------

def home_card(endpoints: Endpoints) -> Card:
    return card(copy.ADDON_NAME, [
        section([paragraph(copy.HOME_WHAT)], "What it does"),
        section([paragraph(copy.HOME_READS)], "What it reads"),
        section(paste_widgets(endpoints, "home")),
    ], subtitle="A writing coach for customer emails")


def coach_card(report: Report, endpoints: Endpoints, *, subject: str, context: str,
               draft_id: str | None = None, basis: str | None = None,
               others: Iterable[Candidate] = (), pasted: str | None = None) -> Card:
    """Scores, findings by dimension and strengths for one draft (or pasted text)."""
    can_insert = context == "compose"
    scores = report.scores.to_dict()
    top = [score_widget(label, float(scores[key])) for key, label in copy.SCORE_LABELS if key in scores]
    note = copy.BASIS_NOTES.get(basis or "")
    others = list(others)
    if note and others:
        top.append(paragraph(note))
        top.append(buttons(*(
            button(clip(copy.PICK_DRAFT.format(subject=c.subject or copy.NO_SUBJECT), 40),
                   endpoints.coach, {"context": context, "draftId": c.draft_id})
            for c in others[:3])))
    sections = [section(top, copy.SCORES_TITLE)]

    by_dimension: dict[str, list[Finding]] = {}
    for f in report.suggestions:
        by_dimension.setdefault(f.dimension, []).append(f)
    if not by_dimension:
        sections.append(section([paragraph(copy.NO_SUGGESTIONS)]))
    else:
        if can_insert and any(f.replacements for f in report.suggestions):
            sections.append(section([paragraph(f"<i>{copy.INSERT_TIP}</i>")]))
        order = list(copy.DIMENSION_TITLES) + sorted(set(by_dimension) - set(copy.DIMENSION_TITLES))
        for dim in order:
            if dim in by_dimension:
                title = copy.DIMENSION_TITLES.get(dim, dim.title())
                sections.append(findings_section(title, by_dimension[dim], endpoints, can_insert))
    if report.strengths:
        sections.append(strengths_section(report.strengths))

    if pasted is not None:
        sections.append(section(paste_widgets(endpoints, context, pasted), "Your text"))
        footer = None
    else:
        sections.append(section([paragraph(f"<i>{copy.AUTOSAVE_NOTE}</i>")]))
        params = {"context": context}
        if draft_id:
            params["draftId"] = draft_id
        footer = button(copy.CHECK_AGAIN, endpoints.coach, params)
    return card(copy.ADDON_NAME, sections, subtitle=clip(subject or copy.NO_SUBJECT, 80), footer=footer)


def message_card(kind: str, endpoints: Endpoints, *, context: str,
                 retry: Mapping[str, str] | None = None, paste: bool = True,
                 extra: Sequence[Widget] = (), **fields: str) -> Card:
    """A failure or notice as a card: what happened, what to do, a retry button, the paste box."""
    title, body = copy.ERRORS[kind]
    widgets: list[Widget] = [paragraph(esc(body.format(**fields)))]
    widgets.extend(extra)
    if retry is not None:
        widgets.append(buttons(button(copy.TRY_AGAIN, endpoints.coach, {"context": context, **retry})))
    sections = [section(widgets, title)]
    if paste:
        sections.append(section(paste_widgets(endpoints, context)))
    return card(copy.ADDON_NAME, sections)


def scope_card(endpoints: Endpoints, *, context: str) -> Card:
    grant = buttons(button(copy.GRANT_BUTTON, endpoints.coach, {"context": context, "grant": "1"}))
    return message_card("scope", endpoints, context=context, extra=[grant])


def no_draft_card(endpoints: Endpoints, *, context: str, recipients: Iterable[str],
                  candidates: Iterable[Candidate]) -> Card:
    to = sorted(recipients)
    extra = []
    picks = [button(clip(copy.PICK_DRAFT.format(subject=c.subject or copy.NO_SUBJECT), 40),
                    endpoints.coach, {"context": context, "draftId": c.draft_id})
             for c in list(candidates)[:3]]
    if picks:
        extra.append(buttons(*picks))
    return message_card("no_draft", endpoints, context=context, retry={}, extra=extra,
                        to=f" to {', '.join(to)}" if to else "")
