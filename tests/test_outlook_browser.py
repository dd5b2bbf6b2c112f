"""The task pane and the Send check in a real headless Chromium, against a real server.

`mailcoach-server` runs under gunicorn on 127.0.0.1 (conftest's server_factory); the page gets
the Office.js test double in place of Microsoft's CDN script and can reach nothing but loopback.
The Send handler runs as Outlook's classic Windows client runs it: the script alone, without a
DOM, here inside a Web Worker with the same double.
"""
from __future__ import annotations

import json
import socket
import urllib.request

import pytest

from conftest import start_server
from outlook_support import (BLAMING_DRAFT, CHROMIUM_ARGS, CLIENT_ID, GOOD_DRAFT, OFFICE_DOUBLE, JwksServer, TestKey,
                             claims, offline_page)

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

SERVER_ENV = {"MAILCOACH_RATELIMIT": "off", "MAILCOACH_OUTLOOK_POLL_MS": "1500"}
WAIT = 20_000  # ms: generous bounds for a loaded machine; nothing here measures speed
UTILIZE_DRAFT = "Hi Sam,\n\nWe utilize a new courier now. I have refunded you today.\n\nBest,\nAlex"


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the tests that only read from it."""
    server = start_server(tmp_path_factory.mktemp("outlook-server") / "server.log", SERVER_ENV)
    yield server
    server.stop()


def open_pane(context, base_url: str, *, subject: str = "Your refund", body: str = "", token=None):
    """The task pane as Outlook would open it, with a draft in the compose window."""
    posts: list = []

    def record(request):
        if request.method == "POST" and request.url.endswith("/api/v1/analyze"):
            posts.append(request)

    page = offline_page(context, record)
    init = {"subject": subject, "body": body, "token": token}
    page.add_init_script(f"globalThis.__officeDoubleInit = {json.dumps(init)};")
    page.goto(f"{base_url}/outlook/taskpane.html")
    return page, posts


def wait_until(page, expression: str, timeout_ms: int = WAIT):
    """Poll a page expression until it is truthy (page.wait_for_function would need
    'unsafe-eval', which the pane's Content-Security-Policy rightly forbids)."""
    for _ in range(timeout_ms // 100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def status(page):
    return expect(page.locator("#status"))


def finding(page, rule: str):
    return page.locator(f'li[data-key^="{rule}|"]')


# --- the task pane ----------------------------------------------------------------------------

def test_pane_shows_the_findings_for_the_draft(context, server):
    page, posts = open_pane(context, server.url, body=BLAMING_DRAFT)
    finding(page, "vip.blames_customer").first.wait_for(timeout=WAIT)
    assert finding(page, "transparency.deflection").count() >= 1
    status(page).to_have_text("Up to date.", timeout=WAIT)
    assert page.locator(".coach-gauge").count() == 4
    sent = json.loads(posts[0].post_data)
    assert sent == {"text": BLAMING_DRAFT, "subject": "Your refund"}
    calls = page.evaluate("__officeDouble.calls")
    assert "body.getAsync:text" in calls and "subject.getAsync" in calls


def test_pane_rechecks_when_the_body_changes_and_only_then(context, server):
    page, posts = open_pane(context, server.url, body=BLAMING_DRAFT)
    finding(page, "vip.blames_customer").first.wait_for(timeout=WAIT)
    page.wait_for_timeout(4000)  # more than two polls of an unchanged draft...
    # ...by the clock; a loaded machine may run the timers late, so also wait for the reads.
    wait_until(page, "__officeDouble.calls.filter(c => c === 'body.getAsync:text').length >= 3")
    assert len(posts) == 1

    page.evaluate("__officeDouble.setDraft({body: %s})" % json.dumps(GOOD_DRAFT))
    finding(page, "vip.blames_customer").first.wait_for(state="detached", timeout=WAIT)
    assert len(posts) == 2 and json.loads(posts[1].post_data)["text"] == GOOD_DRAFT

    # Hidden pane: no polling, so no checks, until it is visible again.
    page.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    page.wait_for_timeout(500)
    reads = page.evaluate("__officeDouble.calls.filter(c => c === 'body.getAsync:text').length")
    page.evaluate("__officeDouble.setDraft({body: %s})" % json.dumps(BLAMING_DRAFT))
    page.wait_for_timeout(4000)
    assert page.evaluate("__officeDouble.calls.filter(c => c === 'body.getAsync:text').length") == reads
    assert len(posts) == 2
    page.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'visible'});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    finding(page, "vip.blames_customer").first.wait_for(timeout=WAIT)
    assert len(posts) == 3


def test_check_now_checks_at_once(context, server):
    page, posts = open_pane(context, server.url, body=GOOD_DRAFT)
    status(page).to_have_text("Up to date.", timeout=WAIT)
    assert len(posts) == 1
    page.click("#check-now")
    wait_until(page, "true")
    for _ in range(WAIT // 100):
        if len(posts) == 2:
            break
        page.wait_for_timeout(100)
    assert len(posts) == 2  # the same draft, checked again because the user asked
    status(page).to_have_text("Up to date.", timeout=WAIT)


def test_a_fix_replaces_the_selection_only_when_it_is_the_flagged_words(context, server):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page, posts = open_pane(context, server.url, body=UTILIZE_DRAFT)
    fix = finding(page, "readability.complex_word").first.locator("button.coach-fix", has_text="use")
    fix.wait_for(timeout=WAIT)

    # Nothing selected: the draft is left alone and the user is told what to do.
    fix.click()
    page.locator("#notice").wait_for(state="visible", timeout=WAIT)
    assert "Select “utilize”" in page.text_content("#notice-text")
    assert page.evaluate("__officeDouble.draft().body") == UTILIZE_DRAFT
    page.click("#notice-action")  # Copy replacement
    status(page).to_contain_text("Copied", timeout=WAIT)
    assert page.evaluate("navigator.clipboard.readText()") == "use"

    # The wrong words selected: still left alone (the notice coming back shows the click was handled).
    page.click("#notice-close")
    page.locator("#notice").wait_for(state="hidden", timeout=WAIT)
    page.evaluate("__officeDouble.select('new courier')")
    fix.click()
    page.locator("#notice").wait_for(state="visible", timeout=WAIT)
    assert page.evaluate("__officeDouble.draft().body") == UTILIZE_DRAFT
    assert "setSelectedDataAsync:text" not in page.evaluate("__officeDouble.calls")

    # The flagged words selected: replaced through the selection, and the draft re-checked.
    page.evaluate("__officeDouble.select('utilize')")
    fix.click()
    wait_until(page, "__officeDouble.draft().body.includes('We use a new courier')")
    assert page.evaluate("__officeDouble.draft().body") == UTILIZE_DRAFT.replace("utilize", "use")
    assert "setSelectedDataAsync:text" in page.evaluate("__officeDouble.calls")
    finding(page, "readability.complex_word").first.wait_for(state="detached", timeout=WAIT)
    assert json.loads(posts[-1].post_data)["text"] == UTILIZE_DRAFT.replace("utilize", "use")


def test_outside_office_the_pane_says_so(context, server):
    page = offline_page(context)
    page.add_init_script("globalThis.__officeDoubleInit = {host: null};")
    page.goto(f"{server.url}/outlook/taskpane.html")
    status(page).to_contain_text("from Outlook", timeout=WAIT)


# --- single sign-on -----------------------------------------------------------------------------

@pytest.fixture
def sso_server(server_factory):
    key = TestKey()
    jwks = JwksServer([key])
    env = {**SERVER_ENV, "MAILCOACH_MS_CLIENT_ID": CLIENT_ID, "MAILCOACH_MS_TENANT_ID": claims()["tid"],
           "MAILCOACH_MS_JWKS_URL": jwks.url}
    try:
        yield server_factory(env=env), key
    finally:
        jwks.close()


def test_pane_signs_in_with_office_sso_when_the_server_wants_it(sso_server, context):
    server, key = sso_server
    page, posts = open_pane(context, server.url, body=BLAMING_DRAFT, token=key.sign(claims()))
    finding(page, "vip.blames_customer").first.wait_for(timeout=WAIT)
    assert posts[0].headers["authorization"].startswith("Bearer ey")
    options = page.evaluate("__officeDouble.tokenRequests")[0]
    assert options["allowSignInPrompt"] is True


def test_pane_relays_an_mfa_challenge_from_the_greeting(sso_server, context):
    """/api/v1/me's 403 (as tests/test_outlook_auth.py shows msal producing it) becomes a prompt
    whose button asks Office for a new token with the claims challenge."""
    server, key = sso_server
    challenge = '{"access_token":{"capolids":{"essential":true,"values":["c1"]}}}'
    page = offline_page(context)
    page.route(f"{server.url}/api/v1/me", lambda route: route.fulfill(status=403, content_type="application/json", body=json.dumps(
        {"error": {"code": "interaction_required", "message": "Sign in again with MFA.", "claims": challenge}})))
    init = {"body": GOOD_DRAFT, "token": key.sign(claims())}
    page.add_init_script(f"globalThis.__officeDoubleInit = {json.dumps(init)};")
    page.goto(f"{server.url}/outlook/taskpane.html")
    expect(page.locator("#notice-text")).to_have_text("Sign in again with MFA.", timeout=WAIT)
    page.click("#notice-action")
    wait_until(page, "__officeDouble.tokenRequests.some(o => o.authChallenge)")
    assert [o.get("authChallenge") for o in page.evaluate("__officeDouble.tokenRequests")][-1] == challenge


def test_pane_explains_when_sso_is_unavailable(sso_server, context):
    server, _ = sso_server
    page, posts = open_pane(context, server.url, body=BLAMING_DRAFT, token={"code": 13003, "message": "MSA"})
    status(page).to_contain_text("work or school account", timeout=WAIT)
    assert posts == []


def test_a_server_401_makes_the_pane_sign_in(sso_server, context):
    """The page may be cached from before sign-in was configured: a 401 triggers SSO."""
    server, key = sso_server
    page, posts = offline_page(context), []
    page.on("request", lambda r: posts.append(r) if r.url.endswith("/api/v1/analyze") else None)
    with urllib.request.urlopen(f"{server.url}/outlook/taskpane.html", timeout=10) as r:
        csp = r.headers["Content-Security-Policy"]
        html = r.read().decode("utf-8").replace('data-sign-in="microsoft"', 'data-sign-in=""')
    assert 'data-sign-in=""' in html
    page.route(f"{server.url}/outlook/taskpane.html", lambda route: route.fulfill(
        status=200, content_type="text/html", body=html, headers={"Content-Security-Policy": csp}))
    init = {"body": BLAMING_DRAFT, "token": key.sign(claims())}
    page.add_init_script(f"globalThis.__officeDoubleInit = {json.dumps(init)};")
    page.goto(f"{server.url}/outlook/taskpane.html")
    finding(page, "vip.blames_customer").first.wait_for(timeout=WAIT)
    assert "authorization" not in posts[0].headers and posts[-1].headers["authorization"].startswith("Bearer ")


# --- the Send check ---------------------------------------------------------------------------

HARNESS = "/__sendcheck_harness__.html"  # a blank same-origin page for the worker (test-only)

RUN_IN_WORKER = """async ({double, handler, init}) => {
  const source = `self.__officeDoubleInit = ${JSON.stringify(init)};\\n${double}\\n${handler}\\n` +
    `self.onmessage = () => __officeDouble.send().then(
        (options) => postMessage({options, calls: __officeDouble.calls,
                                  dom: typeof document !== "undefined" || typeof window !== "undefined"}),
        (error) => postMessage({error: String(error)}));`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], {type: "text/javascript"})));
  const answer = await new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => resolve({error: event.message});
    worker.postMessage("send");
  });
  worker.terminate();
  return answer;
}"""


def fetch_text(url: str, headers: dict | None = None) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
        return r.read().decode("utf-8")


def run_send_check(context, origin: str, handler: str, body: str, subject: str = "Your refund") -> dict:
    """Run the served launchevent.js without a DOM, as classic Outlook on Windows does."""
    page = offline_page(context)
    page.route(origin + HARNESS, lambda route: route.fulfill(status=200, content_type="text/html",
                                                            body="<!doctype html><title>harness</title>"))
    page.goto(origin + HARNESS)
    answer = page.evaluate(RUN_IN_WORKER, {"double": OFFICE_DOUBLE.read_text(encoding="utf-8"), "handler": handler,
                                           "init": {"subject": subject, "body": body}})
    assert "error" not in answer, answer
    assert answer["dom"] is False
    assert answer["calls"].count("event.completed") == 1
    return answer["options"]


def test_send_check_blocks_a_blaming_draft_and_lists_the_reasons(context, server):
    handler = fetch_text(server.url + "/outlook/launchevent.js")
    options = run_send_check(context, server.url, handler, BLAMING_DRAFT)
    assert options["allowEvent"] is False
    message = options["errorMessage"]
    assert "read the instructions" in message and "not our fault" in message
    assert message.count("\n•") >= 2 and len(message) <= 500


def test_send_check_lets_a_good_draft_go(context, server):
    handler = fetch_text(server.url + "/outlook/launchevent.js")
    assert run_send_check(context, server.url, handler, GOOD_DRAFT) == {"allowEvent": True}


def test_send_check_warns_under_the_configured_minimum(server_factory, context):
    server = server_factory(env={**SERVER_ENV, "MAILCOACH_SEND_MIN_OVERALL": "99",
                                 "MAILCOACH_SEND_BLOCKING_RULES": ""})
    handler = fetch_text(server.url + "/outlook/launchevent.js")
    options = run_send_check(context, server.url, handler, GOOD_DRAFT)
    assert options["allowEvent"] is False and "under 99" in options["errorMessage"]


def test_send_check_lets_the_mail_go_when_the_server_is_down(server_factory, context):
    server = server_factory(env=SERVER_ENV)
    handler = fetch_text(server.url + "/outlook/launchevent.js")
    server.stop()
    assert run_send_check(context, server.url, handler, BLAMING_DRAFT) == {"allowEvent": True}


def test_send_check_lets_the_mail_go_when_the_server_hangs(server_factory, context):
    server = server_factory(env={**SERVER_ENV, "MAILCOACH_SEND_TIMEOUT_MS": "1000"})
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # accepts connections, never answers
    try:
        port = silent.getsockname()[1]
        handler = fetch_text(server.url + "/outlook/launchevent.js", {"Host": f"127.0.0.1:{port}"})
        assert f'"baseUrl": "http://127.0.0.1:{port}"' in handler
        assert run_send_check(context, server.url, handler, BLAMING_DRAFT) == {"allowEvent": True}
    finally:
        silent.close()


def test_send_check_on_the_event_runtime_page(context, server):
    """Outlook on the web, on Mac and new Outlook load commands.html instead."""
    page = offline_page(context)
    page.add_init_script(f"globalThis.__officeDoubleInit = {json.dumps({'body': BLAMING_DRAFT})};")
    page.goto(f"{server.url}/outlook/commands.html")
    wait_until(page, "__officeDouble.calls.includes('actions.associate:onMessageSendHandler')")
    options = page.evaluate("__officeDouble.send()")
    assert options["allowEvent"] is False and "read the instructions" in options["errorMessage"]
