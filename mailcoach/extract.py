"""Visible text from a Gmail or Outlook HTML body.

Placeholder until the full extractor lands; `html_to_text` is the contract.
"""
from __future__ import annotations

import html as _html
import re


def html_to_text(markup: str) -> tuple[str, list[tuple[int, int]]]:
    """The visible text of `markup`, and the (start, end) ranges of it that are quoted replies
    or signatures (blockquote, gmail_quote, Outlook's reply header and what follows)."""
    text = re.sub(r"<[^>]*>", " ", markup)
    return _html.unescape(text), []
