/**
 * outlook/taskpane.js: the coach beside an Outlook draft.
 *
 * Reads the draft's subject and body (plain text) with Office.js, sends them to the API with
 * the playground's client (coach/api.js, coach/checker.js) and shows the answer with the
 * playground's view (coach/render.js). Outlook has no "body changed" event, so the pane looks
 * at the draft every `data-poll-ms` (at least 1.5 s) while it is visible and asks for a check
 * only when the text changed; "Check now" asks at once.
 *
 * A fix never rewrites the body (that would lose its formatting): it replaces the user's
 * selection when the selection is exactly the flagged words, and otherwise asks the user to
 * select them, offering the replacement on the clipboard.
 *
 * Sign-in: when the server wants a Microsoft token (data-sign-in, or a 401), Office single
 * sign-on provides one before every request; its 13xxx errors become plain advice.
 */
/* global Office */

import { createClient, CoachApiError } from "../coach/api.js";
import { createChecker } from "../coach/checker.js";
import { createCoachView, errorMessage } from "../coach/render.js";
import { ssoAdvice } from "./sso.js";

const MIN_POLL_MS = 1500;
const body = document.body;
const config = {
  signIn: body.dataset.signIn || "",
  pollMs: Math.max(MIN_POLL_MS, Number.parseInt(body.dataset.pollMs || "", 10) || 2000),
};

const $ = (id) => document.getElementById(id);
const statusLine = $("status");
const checkNow = $("check-now");
const notice = { box: $("notice"), text: $("notice-text"), action: $("notice-action"), close: $("notice-close") };

/* ---------- the status line and the notice ---------- */

function setStatus(text, state = "") {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
}

function showNotice(text, action = null) {
  notice.text.textContent = text;
  notice.action.hidden = !action;
  notice.action.onclick = null;
  if (action) {
    notice.action.textContent = action.label;
    notice.action.onclick = action.run;
  }
  notice.box.hidden = false;
}

function hideNotice() {
  notice.box.hidden = true;
}

notice.close.addEventListener("click", hideNotice);

/* ---------- Office.js as promises ---------- */

function officeCall(fn) {
  return new Promise((resolve, reject) => {
    fn((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(result.error || new Error("Outlook refused the request"));
    });
  });
}

async function readDraft() {
  const item = Office.context.mailbox.item;
  const [subject, text] = await Promise.all([
    officeCall((done) => item.subject.getAsync(done)),
    officeCall((done) => item.body.getAsync(Office.CoercionType.Text, done)),
  ]);
  return { subject: subject || "", text: text || "" };
}

/* ---------- sign-in ---------- */

let wantToken = config.signIn === "microsoft";
let authChallenge = null; // claims from a 403 interaction_required, for the next token request
let greeted = false;

async function getToken() {
  if (!wantToken) return null;
  if (!Office.auth || !Office.auth.getAccessToken) {
    throw new CoachApiError("sso_unavailable", ssoAdvice({ code: 50001 }));
  }
  const options = { allowSignInPrompt: true, allowConsentPrompt: true };
  if (authChallenge) options.authChallenge = authChallenge;
  try {
    // Asked every time, as Office recommends: it caches and refreshes tokens itself.
    const token = await Office.auth.getAccessToken(options);
    authChallenge = null;
    return token;
  } catch (error) {
    throw new CoachApiError("sso_unavailable", ssoAdvice(error));
  }
}

const client = createClient({ baseUrl: "", getToken });

async function analyze(draft, { signal }) {
  try {
    const report = await client.analyze(draft, { signal });
    if (wantToken && !greeted) greet();
    return report;
  } catch (error) {
    // The server wants a credential we did not send: try Office sign-in once.
    if (error instanceof CoachApiError && error.status === 401 && !wantToken && Office.auth) {
      wantToken = true;
      const report = await client.analyze(draft, { signal });
      if (!greeted) greet();
      return report;
    }
    throw error;
  }
}

async function greet() {
  greeted = true;
  let response;
  let data = null;
  try {
    const token = await getToken();
    response = await fetch("/api/v1/me", { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    data = await response.json();
  } catch (error) {
    return; // the greeting is a nicety; the coaching works without it
  }
  const greeting = $("greeting");
  if (response.ok && data.displayName) {
    greeting.textContent = `Hi ${data.displayName.split(" ")[0]}, here is how your draft reads.`;
    greeting.hidden = false;
    return;
  }
  const err = (data && data.error) || {};
  if (err.code === "consent_required" || err.code === "interaction_required") {
    showNotice(err.message, {
      label: "Sign in again",
      run: () => {
        authChallenge = err.claims || null;
        hideNotice();
        greet();
      },
    });
  }
}

/* ---------- checking ---------- */

let lastReport = null;

const view = createCoachView(
  { scores: $("scores"), findings: $("findings"), strengths: $("strengths"), summary: $("summary") },
  {
    onApply: (finding, replacement) => applyFix(finding, replacement),
    onSelect: (finding) => view.setActive(finding),
  },
);

const checker = createChecker({
  analyze,
  delay: 200,
  onState(state) {
    if (state === "checking") setStatus("Checking…", "checking");
  },
  onResult(report) {
    lastReport = report;
    view.render(report);
    setStatus("Up to date.", "done");
  },
  onError(error) {
    setStatus(error.code === "sso_unavailable" ? error.message : errorMessage(error), "error");
  },
});

let lastSeen = null; // the draft as last read, to skip work when nothing changed

function isEmpty(draft) {
  return !draft.text.trim();
}

async function look({ force = false } = {}) {
  let draft;
  try {
    draft = await readDraft();
  } catch (error) {
    setStatus("Outlook did not let the coach read this draft.", "error");
    return;
  }
  const key = `${draft.subject}\u0000${draft.text}`;
  if (!force && key === lastSeen) return;
  lastSeen = key;
  if (isEmpty(draft)) {
    checker.cancel();
    lastReport = null;
    view.clear("Start writing your reply to see coaching.");
    setStatus("Waiting for a draft.", "idle");
    return;
  }
  if (force) checker.now(draft);
  else checker.schedule(draft);
}

let timer = null;

function startPolling() {
  if (timer !== null || document.visibilityState !== "visible") return;
  const tick = async () => {
    await look();
    timer = document.visibilityState === "visible" ? setTimeout(tick, config.pollMs) : null;
  };
  timer = setTimeout(tick, 0);
}

function stopPolling() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") startPolling();
  else stopPolling();
});

checkNow.addEventListener("click", () => look({ force: true }));

/* ---------- applying a fix through the selection ---------- */

const squash = (s) => String(s || "").replace(/\s+/g, " ").trim();

function flaggedWords(finding) {
  if (lastReport && Number.isInteger(finding.start) && Number.isInteger(finding.end)) {
    return lastReport.text.slice(finding.start, finding.end);
  }
  return finding.excerpt || "";
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    // Office's web views may not grant the Clipboard API; the old way still works there.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "mc-offscreen";
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (ignored) {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

async function applyFix(finding, replacement) {
  const words = flaggedWords(finding);
  const item = Office.context.mailbox.item;
  let selected = "";
  try {
    const value = await officeCall((done) => item.getSelectedDataAsync(Office.CoercionType.Text, done));
    selected = (value && value.data) || "";
  } catch (error) {
    selected = "";
  }
  if (squash(selected) && squash(selected) === squash(words)) {
    try {
      await officeCall((done) => item.setSelectedDataAsync(replacement, { coercionType: Office.CoercionType.Text }, done));
      hideNotice();
      setStatus(replacement ? `Replaced with “${replacement}”.` : "Removed.", "done");
      look({ force: true });
      return;
    } catch (error) {
      // fall through to the manual way
    }
  }
  const what = replacement ? `replace it with “${replacement}”` : "delete it";
  showNotice(
    `Select “${words}” in your draft, then press the fix again, or ${what} yourself.`,
    replacement
      ? {
          label: "Copy replacement",
          run: async () => {
            const ok = await copyText(replacement);
            setStatus(ok ? "Copied. Paste it over the selected words." : "Copying is not allowed here; type it instead.", ok ? "done" : "error");
          },
        }
      : null,
  );
}

/* ---------- start ---------- */

const notInOffice = setTimeout(() => {
  setStatus("Office did not start. Open this pane from Outlook's Coach button.", "error");
}, 10000);

Office.onReady((info) => {
  clearTimeout(notInOffice);
  if (!info || !info.host || !Office.context.mailbox || !Office.context.mailbox.item) {
    setStatus("Open this pane from Outlook's Coach button while writing a message.", "error");
    return;
  }
  checkNow.disabled = false;
  setStatus("Reading your draft…");
  startPolling();
  // A pinned pane stays open while the user moves to another draft (Mailbox 1.5).
  const mailbox = Office.context.mailbox;
  if (mailbox.addHandlerAsync && Office.EventType && Office.EventType.ItemChanged) {
    mailbox.addHandlerAsync(Office.EventType.ItemChanged, () => {
      lastSeen = null;
      lastReport = null;
      hideNotice();
      look({ force: true });
    });
  }
});
