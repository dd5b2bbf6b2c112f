/**
 * playground/playground.js: the page at GET /. It wires the shared coach modules to a subject
 * box and a body textarea: check as the writer types, highlight flagged words in place, and
 * apply a fix by editing the textarea. The Outlook task pane wires the same modules to the
 * mail item instead (see docs/playground.md).
 */

import { createClient } from "../coach/api.js";
import { createChecker } from "../coach/checker.js";
import { attachHighlighter } from "../coach/highlight.js";
import { createCoachView, errorMessage } from "../coach/render.js";
import { applyReplacement, findingAt, hasSpan } from "../coach/spans.js";
import { SAMPLES } from "./samples.js";

const $ = (id) => document.getElementById(id);
const subject = $("draft-subject");
const body = $("draft-body");
const status = $("status");
const statusText = $("status-text");
const sampleButton = $("sample-button");
const side = document.querySelector(".pg-side");
const wide = window.matchMedia("(min-width: 960px)");

const client = createClient({ baseUrl: document.body.dataset.apiBase || "" });
const highlighter = attachHighlighter(body);
let report = null;
let retryTimer = null;
let sampleIndex = 0;
let chosen = null; // the finding last clicked in the list, shown while its words are selected

const STATES = {
  idle: "Ready",
  waiting: "Waiting for you to pause…",
  checking: "Checking…",
};

function setStatus(state, text = STATES[state] || "") {
  status.dataset.state = state;
  statusText.textContent = text;
  // After an error the coaching on screen is for an older draft: say so by dimming it.
  side.classList.toggle("is-stale", state === "error" && report !== null);
}

function draft() {
  return { text: body.value, subject: subject.value };
}

function isBlank() {
  return body.value.trim() === "" && subject.value.trim() === "";
}

/* ---------- what the coach view asks for ---------- */

function placed(finding) {
  return highlighter.current().find((f) => f.source === finding) || null;
}

function onApply(finding, replacement) {
  const here = placed(finding);
  const result = here && applyReplacement(body.value, here, replacement);
  if (!result) {
    setStatus("checking", "Those words have changed; checking again…");
    checker.now(draft());
    return;
  }
  const returnTo = document.activeElement;
  // execCommand keeps the edit on the textarea's undo stack (Ctrl+Z works); setRangeText is
  // the fallback where it is unavailable.
  body.focus({ preventScroll: true });
  body.setSelectionRange(here.start, here.end);
  const done = document.execCommand("insertText", false, replacement) && body.value === result.text;
  if (!done) {
    body.value = result.text;
    body.setSelectionRange(result.end, result.end);
    highlighter.refresh();
  }
  if (returnTo && returnTo !== body && returnTo.isConnected) returnTo.focus({ preventScroll: true });
  autoGrow();
  checker.now(draft());
}

function onSelect(finding) {
  chosen = finding;
  const here = placed(finding);
  if (!here) {
    view.setActive(finding);
    highlighter.setActive(finding);
    return;
  }
  highlighter.reveal(finding);
  // Focus leaving the list reports "hover ended", which shows the caret's finding: select the
  // words first, then show them at once rather than on the next selectionchange, so the mark
  // never blinks off between the click and that event.
  body.focus({ preventScroll: true });
  body.setSelectionRange(here.start, here.end);
  followCaret();
}

function onHover(finding) {
  highlighter.setActive(finding || caretFinding());
}

const view = createCoachView(
  { scores: $("scores"), findings: $("findings"), strengths: $("strengths"), summary: $("summary") },
  { onApply, onSelect, onHover },
);

/* ---------- checking ---------- */

const checker = createChecker({
  analyze: (d, options) => client.analyze(d, options),
  delay: 400,
  onState(state) {
    if (state !== "done" && state !== "error") setStatus(state);
  },
  onResult(result) {
    clearTimeout(retryTimer);
    report = result;
    highlighter.show(result.text, [...result.suggestions, ...result.strengths]);
    view.render(result);
    const n = result.suggestions.length;
    setStatus("done", n ? `Checked: ${n} suggestion${n === 1 ? "" : "s"}` : "Checked: looking good");
    followCaret();
  },
  onError(error) {
    setStatus("error", errorMessage(error));
    if (error.status === 429) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => checker.now(draft()), 1000 * (error.retryAfter || 2));
    }
  },
});

function showEmpty() {
  checker.cancel();
  report = null;
  highlighter.clear();
  view.clear("Scores appear here once you start writing. Not sure what to write? Try a sample draft.");
  setStatus("idle");
}

function changed() {
  autoGrow();
  if (isBlank()) showEmpty();
  else checker.schedule(draft());
}

/* ---------- caret: the finding under it is shown in the list ---------- */

function caretFinding() {
  if (!report || document.activeElement !== body) return null;
  const spans = highlighter.current().filter(hasSpan);
  // Words picked from the list stay that finding's, even where a narrower one starts there too.
  const picked = spans.find((f) => f.source === chosen && f.start === body.selectionStart && f.end === body.selectionEnd);
  const f = picked || findingAt(spans, body.selectionStart);
  return f ? f.source : null;
}

function followCaret() {
  const finding = caretFinding();
  highlighter.setActive(finding);
  view.setActive(finding, { reveal: Boolean(finding) && wide.matches });
}

/* ---------- the textarea grows with the draft (where CSS field-sizing cannot) ---------- */

const growsByItself = window.CSS && CSS.supports("field-sizing", "content");
function autoGrow() {
  if (growsByItself) return;
  body.style.setProperty("height", "auto");
  body.style.setProperty("height", `${body.scrollHeight + 2}px`);
}

/* ---------- wiring ---------- */

body.addEventListener("input", changed);
subject.addEventListener("input", changed);
document.addEventListener("selectionchange", () => {
  if (document.activeElement === body) followCaret();
});

sampleButton.addEventListener("click", () => {
  const sample = SAMPLES[sampleIndex % SAMPLES.length];
  sampleIndex += 1;
  subject.value = sample.subject;
  body.value = sample.text;
  highlighter.refresh();
  autoGrow();
  sampleButton.textContent = "Another sample";
  checker.now(draft());
});

$("clear-button").addEventListener("click", () => {
  subject.value = "";
  body.value = "";
  highlighter.refresh();
  autoGrow();
  showEmpty();
  body.focus();
});

showEmpty();
if (!isBlank()) changed(); // the browser restored the boxes (back button)
