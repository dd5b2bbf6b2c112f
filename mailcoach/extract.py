"""Visible text from a Gmail or Outlook HTML body, and which parts of it the writer did not write.

The text is laid out roughly as a browser renders it, because the checks read paragraphs and
sentences from it: entities decoded, runs of whitespace collapsed, block elements on their own
lines, paragraphs (p, headings, lists, tables, blockquote) separated by a blank line, list items
prefixed "- ", and nothing from <head>, <style>, <script>, comments or elements hidden with
`display:none` (the preheaders of templated mail).

Quoted replies and signatures are recognised from the markup the clients write (the tables
below), and then in the extracted text by `mailcoach.quotes` ("-----Original Message-----",
"On ... wrote:", Outlook's From:/Sent: block), so the ranges returned cover both.

Hostile markup must stay cheap. The stdlib `html.parser` is a tokenizer, not a tree builder, so
nothing recurses: the open elements are kept on a plain list, and an end tag with no open element
of its name is ignored in constant time. Its one weakness, rescanning to the end of the input for
every unterminated tag or comment, is removed before parsing by `_bounded`.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from . import quotes

# Layout: "line" elements start on a new line, "paragraph" elements are set off by a blank line.
LINE_ELEMENTS = frozenset(
    "address article aside center dd details dialog dir div dt fieldset figcaption footer form header hgroup "
    "legend li main nav section summary tr caption option".split()
)
PARAGRAPH_ELEMENTS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote ul ol dl table pre hr figure menu".split())
CELL_ELEMENTS = frozenset(("td", "th"))
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr basefont frame isindex".split()
)
# Never visible. <head> also closes by itself when body content starts (as in a browser).
HIDDEN_ELEMENTS = frozenset("head title style script template noscript object iframe xml".split())
HEAD_CONTENT = frozenset("title style script meta link base noscript template xml".split())

# Markup that mail clients wrap around what the writer did not write. Outlook's desktop client
# prefixes ids and classes with "x_" when it rewrites a body, so that prefix is ignored.
QUOTE_CLASSES = frozenset((
    "gmail_quote", "gmail_quote_container", "gmail_extra", "gmail_attr", "gmail_signature",  # Gmail
    "moz-cite-prefix", "moz-signature", "moz-forward-container",  # Thunderbird
    "yahoo_quoted", "protonmail_quote", "protonmail_signature_block", "outlookmessageheader",
))
QUOTE_IDS = frozenset(("signature", "applemailsignature", "ms-outlook-mobile-signature"))
# Outlook's reply header: the element and everything after it in the body is the earlier message.
REPLY_HEADER_IDS = frozenset(("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\n\r\f\xa0]+")  # what a browser collapses (plus &nbsp;, which mail editors scatter)

LINE, PARAGRAPH = 1, 2  # line breaks a block boundary asks for

_CONSTRUCT_OPEN = re.compile(r"<[a-zA-Z/!?]")
_LONE_LT = re.compile(r"<(?![a-zA-Z/!?])")


def html_to_text(markup: str) -> tuple[str, list[tuple[int, int]]]:
    """The visible text of `markup`, and the (start, end) ranges of it that are quoted replies
    or signatures (blockquote, gmail_quote, Outlook's reply header and what follows, and the
    textual marks `mailcoach.quotes` finds)."""
    parser = _TextExtractor()
    parser.feed(_bounded(markup))
    parser.close()
    text, ranges = parser.result()
    ranges = _merge(ranges)
    return text, _merge(ranges + quotes.excluded_ranges(text, known=ranges))


def _bounded(markup: str) -> str:
    """`markup` rewritten so that html.parser tokenizes it in linear time and cannot raise.

    html.parser looks for the end of an unterminated tag or comment all the way to the end of
    the input, once per opener, which is quadratic on inputs like "<a <a <a ..." or
    "<!--<!--<!--...". A browser drops a tag or comment that the input ends inside, so the same
    is done here up front; marked sections ("<![if !supportLists]>" from Word, "<![CDATA[") are
    bogus comments in HTML and become ones the parser reads as such (it raises on unknown
    section names); a "<" that starts nothing is text.
    """
    cut = len(markup)
    comment = markup.find("<!--", markup.rfind("-->") + 1)
    if comment >= 0:
        cut = comment
    tag = _CONSTRUCT_OPEN.search(markup, markup.rfind(">") + 1)
    if tag and tag.start() < cut:
        cut = tag.start()
    markup = markup[:cut].replace("<![", "<!_[")
    return _LONE_LT.sub("&lt;", markup)


class _Element:
    __slots__ = ("tag", "hidden", "quote", "pre", "list")

    def __init__(self, tag: str, hidden: bool, quote: bool, pre: bool, is_list: bool):
        self.tag, self.hidden, self.quote, self.pre, self.list = tag, hidden, quote, pre, is_list


class _TextExtractor(HTMLParser):
    """Writes visible text as the tokenizer reports it; block boundaries become pending breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.length = 0  # len("".join(out))
        self.trailing_newlines = 0  # line breaks at the end of the output so far
        self.pending_breaks = 0  # line breaks to write before the next text
        self.pending_space = False
        self.pending_prefix = ""  # "- " for a list item, written with its first text
        self.stack: list[_Element] = []
        self.open_counts: dict[str, int] = {}
        self.hidden = 0  # open elements that hide their content
        self.quote = 0  # open elements whose content is quoted
        self.pre = 0
        self.lists = 0
        self.quote_start = 0
        self.ranges: list[tuple[int, int]] = []
        self.rest_quoted_from: int | None = None  # an Outlook reply header was seen here
        self.hr_positions: list[int] = []

    # --- the tokenizer's callbacks -------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        attr = {k: (v or "") for k, v in attrs}
        ident = _strip_x(attr.get("id", "").strip().lower())
        if ident in REPLY_HEADER_IDS and self.rest_quoted_from is None:
            self._flush_breaks()
            self.rest_quoted_from = self.length
        if tag == "br":
            if not self.hidden and self.length:  # a browser shows leading <br>s as empty space only
                self._flush_breaks()
                self._write("\n")
                self.pending_space = False
            return
        if tag == "hr" and not self.hidden:
            self.hr_positions.append(self.length)
        self._block_boundary(tag)
        if tag in VOID_ELEMENTS:
            return
        classes = {_strip_x(c) for c in attr.get("class", "").lower().split()}
        hidden = tag in HIDDEN_ELEMENTS or "hidden" in attr or bool(_HIDDEN_STYLE.search(attr.get("style", "")))
        quote = tag == "blockquote" or bool(classes & QUOTE_CLASSES) or ident in QUOTE_IDS
        element = _Element(tag, hidden, quote, tag in ("pre", "textarea", "listing", "plaintext"), tag in ("ul", "ol"))
        self._push(element)
        if tag == "li" and not self.hidden:
            self.pending_prefix = "- "

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <div/> is not self-closing in HTML, but XHTML-ish mail markup writes <br/> and <p/>
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers treat </br> as <br>
            self.handle_starttag("br", [])
            return
        if not self.open_counts.get(tag):
            if tag == "p":  # browsers turn a stray </p> into an empty paragraph
                self._block_boundary("p")
            return
        while self.stack:
            element = self._pop()
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1].tag == "head" and data.strip():
            self._pop()  # text in <head> means the body started without a <body> tag
        if self.hidden or not data:
            return
        if self.pre:
            self._write_text(data.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " "))
            return
        collapsed = _SPACE.sub(" ", data)
        if collapsed[0] == " ":
            self.pending_space = True
        words = collapsed.strip(" ")
        if words:
            self._write_text(words)
        if collapsed[-1] == " ":
            self.pending_space = True

    # comments, doctypes, processing instructions and CDATA are not visible
    def handle_comment(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass

    # --- writing -------------------------------------------------------------------------
    def _write(self, s: str) -> None:
        self.out.append(s)
        self.length += len(s)
        stripped = s.rstrip("\n")
        if stripped:
            self.trailing_newlines = len(s) - len(stripped)
        else:
            self.trailing_newlines += len(s)

    def _flush_breaks(self) -> None:
        if self.pending_breaks:
            if self.length:
                need = self.pending_breaks - self.trailing_newlines
                if need > 0:
                    self._write("\n" * need)
            self.pending_breaks = 0
            self.pending_space = False

    def _write_text(self, s: str) -> None:
        """Visible text, after any pending line breaks, list marker or collapsed space."""
        if self.pending_breaks:
            self._flush_breaks()
        elif self.pending_space and self.length and not self.trailing_newlines:
            self._write(" ")
        self.pending_space = False
        if self.pending_prefix:
            self._write(self.pending_prefix)
            self.pending_prefix = ""
        self._write(s)

    def _block_boundary(self, tag: str) -> None:
        if tag in PARAGRAPH_ELEMENTS and not (tag in ("ul", "ol") and self.lists):
            self.pending_breaks = max(self.pending_breaks, PARAGRAPH)
        elif tag in LINE_ELEMENTS or tag in ("ul", "ol"):
            self.pending_breaks = max(self.pending_breaks, LINE)
        elif tag in CELL_ELEMENTS:
            self.pending_space = True

    # --- the stack of open elements --------------------------------------------------------
    def _push(self, element: _Element) -> None:
        self.stack.append(element)
        self.open_counts[element.tag] = self.open_counts.get(element.tag, 0) + 1
        self.hidden += element.hidden
        self.pre += element.pre
        self.lists += element.list
        if element.quote:
            if not self.quote:
                self._flush_breaks()
                self.quote_start = self.length
            self.quote += 1

    def _pop(self) -> _Element:
        element = self.stack.pop()
        self.open_counts[element.tag] -= 1
        self.hidden -= element.hidden
        self.pre -= element.pre
        self.lists -= element.list
        if element.quote:
            self.quote -= 1
            if not self.quote:
                self.ranges.append((self.quote_start, self.length))
        self._block_boundary(element.tag)
        return element

    def _close_implied(self, tag: str) -> None:
        """The few end tags HTML lets a writer leave out, so unclosed ones do not pile up."""
        if not self.stack:
            return
        top = self.stack[-1].tag
        if top == "head" and tag not in HEAD_CONTENT:
            self._pop()
        elif top == "p" and (tag in PARAGRAPH_ELEMENTS or tag in LINE_ELEMENTS) and tag != "hr":
            self._pop()
        elif tag == top and tag in ("li", "dt", "dd", "option", "tr", "td", "th"):
            self._pop()
        elif tag in ("td", "th") and top in ("td", "th"):
            self._pop()

    def result(self) -> tuple[str, list[tuple[int, int]]]:
        while self.stack:
            self._pop()
        text = "".join(self.out)
        ranges = list(self.ranges)
        if self.rest_quoted_from is not None:
            ranges.append((self.rest_quoted_from, len(text)))
        for position in self.hr_positions:
            if _reply_header_follows(text, position):
                ranges.append((position, len(text)))
                break
        end = len(text.rstrip())
        text = text[:end]
        return text, [(s, min(e, end)) for s, e in ranges if min(e, end) > s]


def _reply_header_follows(text: str, position: int) -> bool:
    """An <hr> followed by "From:" is Outlook's separator above the earlier message's header."""
    after = text[position:position + 200].lstrip()
    return after.lower().startswith(quotes.HEADER_FROM)


def _strip_x(name: str) -> str:
    return name[2:] if name.startswith("x_") else name


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
