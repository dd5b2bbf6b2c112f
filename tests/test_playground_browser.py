"""The playground in a real browser: Debian's chromium driven by Playwright, against a real
`mailcoach-server` process (the `shared_live_server` fixture in conftest.py).

Every test also fails on any console error, uncaught page error, failed same-origin request
or Content-Security-Policy violation (the server sends a strict CSP: no inline scripts or
styles), so the page is checked under the policy it ships with.
"""
from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(os.environ.get("MAILCOACH_SCREENSHOT_DIR", "/tmp"))
STATIC = Path(__file__).resolve().parent.parent / "addin_server" / "static"

PROBLEMS = "We will utilize the system in order to fix it. Per our policy we are unable to refund."
WAIT = 15_000  # ms; generous for a loaded machine, reached only when something is broken


# --- without a browser: the page and the shared code obey the CSP and build DOM safely -------

class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.problems.append("<style>")
        if tag == "script":
            src = dict(attrs).get("src")
            if not src:
                self.problems.append("inline <script>")
            self.scripts.append(src)


def test_page_has_no_inline_script_or_style_and_a_strict_csp(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    parser = _Inline()
    parser.feed(response.get_data(as_text=True))
    assert parser.problems == []
    assert parser.scripts == ["/static/playground/playground.js"]
    for asset in ("/static/playground/playground.js", "/static/coach/render.js", "/static/coach/coach.css"):
        assert client.get(asset).status_code == 200, asset


def test_front_end_never_parses_strings_as_html():
    """Report text is data: the coach and playground scripts build DOM with text nodes only."""
    sinks = re.compile(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function")
    offenders = [f"{path.relative_to(STATIC)}:{n}: {line.strip()}"
                 for folder in ("coach", "playground") for path in sorted((STATIC / folder).glob("*.js"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if sinks.search(line)]
    assert offenders == []


# --- in the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


class Watch:
    """What went wrong on the page: console errors, page errors, CSP violations, HTTP errors."""

    def __init__(self, page, base_url: str):
        self.problems: list[str] = []
        self.allowed_statuses: set[int] = set()  # error answers a test provokes on purpose
        self.analyze_requests: list[dict] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("response", self._response(base_url))
        page.on("request", self._request)
        # Runs before the page's own scripts; Playwright injects it outside the page's CSP.
        page.add_init_script("""
            window.__csp = [];
            document.addEventListener("securitypolicyviolation",
                (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
        """)

    def _console(self, message):
        if message.type not in ("error", "warning"):
            return
        expected = any(f"status of {status}" in message.text for status in self.allowed_statuses)
        if not expected:
            self.problems.append(f"console {message.type}: {message.text}")

    def _response(self, base_url):
        def on_response(response):
            if (response.url.startswith(base_url) and response.status >= 400
                    and response.status not in self.allowed_statuses):
                self.problems.append(f"HTTP {response.status} for {response.url}")
        return on_response

    def _request(self, request):
        if request.url.endswith("/api/v1/analyze"):
            self.analyze_requests.append(json.loads(request.post_data or "{}"))

    def check(self, page):
        violations = page.evaluate("window.__csp")
        assert violations == [], f"CSP violations: {violations}"
        assert self.problems == [], "\n".join(self.problems)


@pytest.fixture
def open_page(browser, shared_live_server):
    contexts = []

    def open_(viewport=None, base_url=None):
        base_url = base_url or shared_live_server
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        watch = Watch(page, base_url)
        page.goto(base_url + "/")
        page.wait_for_selector("#draft-body.coach-hl__field")  # the module script has run
        return page, watch

    yield open_
    for context in contexts:
        context.close()


def gauge(page, dimension: str) -> int:
    return int(page.get_attribute(f'.coach-gauge[data-dimension="{dimension}"] [role="meter"]', "aria-valuenow"))


def wait_checked(page):
    page.wait_for_selector('#status[data-state="done"]')


def expect(target):
    """Playwright's retrying assertions (imported here: the module skips without playwright)."""
    from playwright.sync_api import expect as playwright_expect
    return playwright_expect(target)


IS_ACTIVE = re.compile(r"(^|\s)is-active(\s|$)")


def count_selection_changes(page):
    """Count selectionchange events from now on; added after the page's own listener, so when
    the count moves the page has already handled that event."""
    page.evaluate("""() => { window.__selectionChanges = 0;
        document.addEventListener('selectionchange', () => { window.__selectionChanges += 1; }); }""")


def wait_selection_handled(page):
    page.wait_for_function("() => window.__selectionChanges > 0")


def finding(page, excerpt: str):
    return page.locator("#findings .coach-finding").filter(
        has=page.locator(".coach-finding__excerpt", has_text=re.compile(f"^{re.escape(excerpt)}$")))


def mirror_matches_textarea(page) -> bool:
    """The highlight layer holds exactly the textarea's text (else the marks would drift)."""
    return page.evaluate("""() => {
        const m = document.querySelector('.coach-hl__mirror').textContent;
        const v = document.getElementById('draft-body').value;
        return m === v || m === v + ' ';
    }""")


def test_typing_shows_highlights_and_a_fix_changes_the_text_and_score(open_page, live_server):
    """On a server of its own with the default settings (rate limit on, no access control)."""
    page, watch = open_page(base_url=live_server)
    page.fill("#draft-subject", "Your refund")
    page.click("#draft-body")
    page.keyboard.type(PROBLEMS)

    utilize = finding(page, "utilize")
    utilize.wait_for()
    wait_checked(page)
    # Debounced: one check per pause, not one per keystroke.
    assert 1 <= len(watch.analyze_requests) <= len(PROBLEMS) // 4
    assert watch.analyze_requests[-1] == {"text": PROBLEMS, "subject": "Your refund"}

    # Flagged words are marked in place, behind the very characters they flag.
    marks = page.locator(".coach-hl__mirror mark")
    assert "utilize" in marks.all_text_contents()
    assert "Per our policy" in marks.all_text_contents()
    assert mirror_matches_textarea(page)
    mark_box = marks.filter(has_text=re.compile("^utilize$")).bounding_box()
    area_box = page.locator("#draft-body").bounding_box()
    assert area_box["x"] <= mark_box["x"] and mark_box["x"] + mark_box["width"] <= area_box["x"] + area_box["width"]
    assert area_box["y"] <= mark_box["y"] and mark_box["y"] + mark_box["height"] <= area_box["y"] + area_box["height"]

    # The three scores and overall, as meters with their value visible.
    for dim in ("overall", "readability", "vip", "transparency"):
        meter = page.locator(f'.coach-gauge[data-dimension="{dim}"] [role="meter"]')
        value = int(meter.get_attribute("aria-valuenow"))
        assert 0 <= value <= 100
        assert meter.inner_text().strip() == str(value)
    before = gauge(page, "readability")
    requests_before = len(watch.analyze_requests)

    utilize.get_by_role("button", name="Replace “utilize” with “use”").click()
    page.wait_for_function("() => document.getElementById('draft-body').value.startsWith('We will use the system')")
    assert page.input_value("#draft-body") == PROBLEMS.replace("utilize", "use")
    # Re-checked at once, without waiting for the debounce, and the score moved.
    page.wait_for_function(f"""() => Number(document.querySelector('.coach-gauge[data-dimension="readability"] [role="meter"]')
                              .getAttribute('aria-valuenow')) !== {before}""")
    assert len(watch.analyze_requests) == requests_before + 1
    assert gauge(page, "readability") > before
    assert finding(page, "utilize").count() == 0
    assert "utilize" not in marks.all_text_contents()
    assert mirror_matches_textarea(page)
    page.screenshot(path=str(SCREENSHOTS / "mailcoach-playground.png"), full_page=True)
    watch.check(page)


def test_keyboard_tab_to_a_fix_and_press_enter(open_page):
    page, watch = open_page()
    page.fill("#draft-body", PROBLEMS)
    finding(page, "in order to").wait_for()
    wait_checked(page)

    page.focus("#draft-body")
    target = "Replace “in order to” with “to”"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == target:
            break
    else:
        pytest.fail(f"Tab never reached the button {target!r}")
    # A visible focus ring, and the finding's explanation shown while it has focus.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    assert finding(page, "in order to").locator(".coach-finding__why").is_visible()

    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('draft-body').value.includes('in order to')")
    assert page.input_value("#draft-body") == PROBLEMS.replace("in order to", "to")
    wait_checked(page)
    page.wait_for_function("() => !document.querySelector('#findings').textContent.includes('in order to')")
    # Focus stays in the list (on the next finding), so the keyboard user keeps their place.
    assert page.evaluate("document.getElementById('findings').contains(document.activeElement)")
    watch.check(page)


def test_explanation_on_hover_and_click_selects_the_words(open_page):
    page, watch = open_page()
    page.fill("#draft-body", PROBLEMS)
    policy = finding(page, "Per our policy")
    policy.wait_for()
    why = policy.locator(".coach-finding__why")
    assert not why.is_visible()
    policy.hover()
    expect(why).to_be_visible(timeout=WAIT)
    assert why.inner_text().strip()
    # The explanation is also the button's accessible description.
    described = policy.locator(".coach-finding__main").get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == why.inner_text()

    active_marks = page.locator(".coach-hl__mirror mark.is-active")
    count_selection_changes(page)
    policy.locator(".coach-finding__main").click()
    start, end = page.evaluate("[document.getElementById('draft-body').selectionStart,"
                               " document.getElementById('draft-body').selectionEnd]")
    assert PROBLEMS[start:end] == "Per our policy"
    # Marked by the click itself: focus leaving the list must not blank the mark until the
    # next selectionchange (that blink was visible, and made this line flaky).
    assert active_marks.all_text_contents() == ["Per our policy"]
    assert IS_ACTIVE.search(policy.get_attribute("class"))
    # ...and still marked once the page has handled the selection change.
    wait_selection_handled(page)
    assert active_marks.all_text_contents() == ["Per our policy"]

    # The caret inside flagged words brings up their finding (and only theirs). The pointer is
    # moved off the list first: the list scrolls to that finding, and an item sliding under a
    # resting pointer is hovered, which rightly shows that item's words instead.
    page.mouse.move(0, 0)
    page.evaluate("(() => { const b = document.getElementById('draft-body');"
                  f" b.focus(); b.setSelectionRange({PROBLEMS.index('utilize') + 2}, {PROBLEMS.index('utilize') + 2}); }})()")
    expect(finding(page, "utilize")).to_have_class(IS_ACTIVE, timeout=WAIT)
    expect(page.locator("#findings .coach-finding.is-active")).to_have_count(1, timeout=WAIT)
    expect(active_marks).to_have_text(["utilize"], timeout=WAIT)
    watch.check(page)


def test_clicking_a_finding_keeps_it_when_a_narrower_one_starts_at_the_same_word(open_page):
    """"upgrade today" (pushy sales) holds "upgrade" (an offer in a greeting): clicking the wider
    finding selects its words and must not hand the caret over to the narrower one."""
    page, watch = open_page()
    text = "Happy birthday, Dana! To celebrate, upgrade today."
    page.fill("#draft-body", text)
    wait_checked(page)
    wider = finding(page, "upgrade today")
    narrower = finding(page, "upgrade")
    wider.wait_for()
    assert narrower.count() == 1

    count_selection_changes(page)
    wider.locator(".coach-finding__main").click()
    wait_selection_handled(page)
    start, end = page.evaluate("[document.getElementById('draft-body').selectionStart,"
                               " document.getElementById('draft-body').selectionEnd]")
    assert text[start:end] == "upgrade today"
    assert "".join(page.locator(".coach-hl__mirror mark.is-active").all_text_contents()) == "upgrade today"
    assert IS_ACTIVE.search(wider.get_attribute("class"))
    assert not IS_ACTIVE.search(narrower.get_attribute("class"))

    # Moving the caret by hand goes back to the narrowest finding under it.
    page.mouse.move(0, 0)
    page.evaluate(f"document.getElementById('draft-body').setSelectionRange({start + 2}, {start + 2})")
    expect(narrower).to_have_class(IS_ACTIVE, timeout=WAIT)
    expect(page.locator("#findings .coach-finding.is-active")).to_have_count(1, timeout=WAIT)
    watch.check(page)


def test_explain_details_under_each_gauge(open_page):
    page, watch = open_page()
    page.fill("#draft-body", PROBLEMS)
    wait_checked(page)
    for dim in ("readability", "vip", "transparency", "overall"):
        section = page.locator(f'.coach-gauge[data-dimension="{dim}"]')
        value = gauge(page, dim)
        section.locator("summary").click()
        rows = section.locator(".coach-explain__list > li")
        assert rows.count() >= 2
        assert rows.last.inner_text().split()[-1] == str(value)
    # Readability names what lowered it; an open panel stays open across a re-check.
    readability = page.locator('.coach-gauge[data-dimension="readability"]')
    assert readability.locator(".coach-explain__item.is-down").count() >= 1
    page.fill("#draft-body", PROBLEMS + " Thank you.")
    page.wait_for_function("() => document.querySelector('#status').dataset.state === 'done'"
                           " && document.querySelector('.coach-summary').textContent.includes('strength')")
    assert readability.locator("details").evaluate("d => d.open")
    watch.check(page)


def test_a_draft_with_markup_is_shown_as_text(open_page):
    page, watch = open_page()
    attack = ('You must read the instructions <img src=x onerror="window.__pwned=1"> before you contact our '
              'support team again about this issue <script>window.__pwned=2</script>, because we have '
              'already explained the process to you several times and we cannot keep repeating ourselves.')
    page.fill("#draft-subject", '<img src=y onerror="window.__pwned=3">')
    page.fill("#draft-body", attack)
    wait_checked(page)
    page.locator("#findings .coach-finding").first.wait_for()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("body img").count() == 1  # the logo, nothing from the draft
    assert page.locator("script").count() == 1  # the page's own module
    assert page.locator(".coach-hl__mirror mark, .coach-hl__mirror").first.evaluate(
        "m => m.textContent").startswith("You must")
    assert mirror_matches_textarea(page)
    # Findings quoting the markup show it literally.
    excerpts = page.locator("#findings .coach-finding__excerpt").all_inner_texts()
    assert any('<img src=x onerror="window.__pwned=1">' in e for e in excerpts), excerpts
    watch.check(page)


def test_sample_draft_and_phone_width(open_page):
    page, watch = open_page(viewport={"width": 390, "height": 844})
    assert page.locator("#scores").inner_text().strip()  # an invitation, before any draft
    page.click("#sample-button")
    page.locator("#findings .coach-finding").first.wait_for()
    wait_checked(page)
    assert page.input_value("#draft-body").strip()
    assert page.locator(".coach-hl__mirror mark").count() >= 1
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / "mailcoach-playground-phone.png"), full_page=True)

    page.click("#clear-button")
    assert page.input_value("#draft-body") == ""
    assert page.locator("#findings .coach-finding").count() == 0
    watch.check(page)


def test_checker_applies_only_the_latest_answer_and_aborts_stale_ones(open_page):
    """coach/checker.js on its own, in the browser, with an analyze() whose answers we time."""
    page, watch = open_page()
    result = page.evaluate("""async () => {
        const { createChecker } = await import('/static/coach/checker.js');
        const calls = [], results = [], states = [];
        const analyze = (draft, { signal }) => new Promise((resolve, reject) => {
            const call = { draft, aborted: false, resolve: () => resolve({ scores: {}, text: draft.text }) };
            signal.addEventListener('abort', () => { call.aborted = true;
                reject(new DOMException('stale', 'AbortError')); });
            calls.push(call);
        });
        const checker = createChecker({ analyze, delay: 50,
            onResult: (r) => results.push(r.text), onState: (s) => states.push(s) });
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        checker.schedule({ text: 'a' });
        checker.schedule({ text: 'ab' });      // within the delay: replaces 'a'
        await sleep(120);                       // 'ab' is now in flight
        checker.now({ text: 'abc' });           // aborts 'ab'
        calls[0].resolve();                     // a late answer for 'ab' is ignored
        await sleep(0);
        calls[1].resolve();
        await sleep(0);
        checker.schedule({ text: 'abc' });      // unchanged since the last check: no request
        await sleep(120);
        return { sent: calls.map((c) => c.draft.text), aborted: calls.map((c) => c.aborted), results, states };
    }""")
    assert result["sent"] == ["ab", "abc"]
    assert result["aborted"] == [True, False]
    assert result["results"] == ["abc"]
    assert result["states"][-1] == "done"
    watch.check(page)


def test_spans_follow_edits_and_count_utf16(open_page):
    page, watch = open_page()
    result = page.evaluate("""async () => {
        const s = await import('/static/coach/spans.js');
        const before = 'Hi 😀, please utilize it.';
        const f = { rule: 'r', start: before.indexOf('utilize'), end: before.indexOf('utilize') + 7, excerpt: 'utilize' };
        const whole = { rule: 'w', start: null, end: null, excerpt: '' };
        const after = 'Hello 😀, please utilize it.';
        const moved = s.remapFindings(before, after, [f, whole]);
        const edited = s.remapFindings(before, 'Hi 😀, please utilise it.', [f, whole]);
        const applied = s.applyReplacement(after, moved[0], 'use');
        return { start: f.start, moved: moved.map((x) => [x.start, x.end]), edited: edited.length,
                 applied: applied.text, stale: s.applyReplacement(before, moved[0], 'use') };
    }""")
    assert result["start"] == len("Hi 😀, please ".encode("utf-16-le")) // 2
    assert result["moved"] == [[result["start"] + 3, result["start"] + 10], [None, None]]
    assert result["edited"] == 1  # the whole-draft finding stays; the edited span is dropped
    assert result["applied"] == "Hello 😀, please use it."
    assert result["stale"] is None
    watch.check(page)


def test_an_emoji_before_a_finding_does_not_shift_its_highlight(open_page):
    page, watch = open_page()
    text = "🎉🎉 Thanks! We will utilize the system."
    page.fill("#draft-body", text)
    finding(page, "utilize").wait_for()
    assert "utilize" in page.locator(".coach-hl__mirror mark").all_text_contents()
    finding(page, "utilize").get_by_role("button", name="Replace “utilize” with “use”").click()
    page.wait_for_function("() => document.getElementById('draft-body').value.includes('We will use the')")
    assert page.input_value("#draft-body") == text.replace("utilize", "use")
    # The fix went through the textarea's editing commands, so Ctrl+Z takes it back.
    page.focus("#draft-body")
    page.keyboard.press("Control+z")
    assert page.input_value("#draft-body") == text
    # The undo is checked afresh (the list may still show the report from before the fix).
    wait_checked(page)
    finding(page, "utilize").wait_for()
    assert "utilize" in page.locator(".coach-hl__mirror mark").all_text_contents()
    assert mirror_matches_textarea(page)
    watch.check(page)


@pytest.mark.server_env(MAILCOACH_API_KEYS="playground-test-key")
def test_a_locked_down_server_gets_a_clear_message(open_page, live_server):
    page, watch = open_page(base_url=live_server)
    watch.allowed_statuses.add(401)
    page.fill("#draft-body", PROBLEMS)
    page.wait_for_selector('#status[data-state="error"]')
    assert "sign in" in page.inner_text("#status-text")
    assert page.locator("#findings .coach-finding").count() == 0
    watch.check(page)


def test_a_draft_over_the_size_limit_gets_a_clear_message(open_page):
    page, watch = open_page()
    watch.allowed_statuses.add(413)
    page.fill("#draft-body", PROBLEMS)
    wait_checked(page)
    page.fill("#draft-body", "Please utilize this. " * 14000)  # ~290 KB, over the 256 KiB default
    page.wait_for_selector('#status[data-state="error"]')
    assert "longer than the server accepts" in page.inner_text("#status-text")
    # The last good report stays on screen rather than vanishing.
    assert page.locator("#findings .coach-finding").count() >= 1
    watch.check(page)
