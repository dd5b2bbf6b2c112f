/*
 * mailcoach: the check on Send (Outlook Smart Alerts, OnMessageSend, SoftBlock).
 *
 * Classic Outlook on Windows runs this file alone in a JavaScript-only runtime: no DOM, no
 * localStorage, no ES modules, and Office.onReady does not run. So it is one plain script, and
 * the server writes MAILCOACH_SEND_CONFIG above this comment when it serves the file:
 *   baseUrl        absolute URL of the server (fetch needs absolute URLs here)
 *   signIn         "microsoft" when the API wants an Entra token (Office SSO gets one)
 *   authRequired   whether the API wants any credential at all
 *   minOverall     warn when the overall score is under this (0: never)
 *   blockingRules  rule ids whose findings warn
 *   timeoutMs      give up after this long and let the mail go
 *
 * The rule for every path: event.completed is called exactly once, and anything that goes
 * wrong (server down, slow, sign-in unavailable, a bug) lets the mail go. A coach that is down
 * must never trap a user's mail.
 */
/* global Office, OfficeRuntime, MAILCOACH_SEND_CONFIG */

var MAILCOACH_MAX_MESSAGE = 500; // Outlook shows at most this many characters of errorMessage

function mailcoachRead(getter) {
  return new Promise(function (resolve, reject) {
    getter(function (result) {
      if (result && result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error("could not read the draft"));
    });
  });
}

function mailcoachReadDraft() {
  var item = Office.context.mailbox.item;
  var subject = mailcoachRead(function (done) { item.subject.getAsync(done); });
  var body = mailcoachRead(function (done) { item.body.getAsync(Office.CoercionType.Text, done); });
  return Promise.all([subject, body]).then(function (parts) {
    return { subject: parts[0] || "", text: parts[1] || "" };
  });
}

function mailcoachToken(config) {
  if (config.signIn !== "microsoft") return Promise.resolve(null);
  // Before Outlook 2111 the event runtime only has OfficeRuntime.auth.
  var authApi = (typeof OfficeRuntime !== "undefined" && OfficeRuntime.auth) || (Office.auth || null);
  if (!authApi) return Promise.reject(new Error("no single sign-on here"));
  // No prompts: nobody is looking at a sign-in dialog while pressing Send.
  return authApi.getAccessToken({ allowSignInPrompt: false, allowConsentPrompt: false });
}

function mailcoachWithTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timed out")); }, ms);
    promise.then(
      function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); });
  });
}

function mailcoachAnalyze(config, draft, token) {
  var headers = { "Content-Type": "application/json", "Accept": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  var controller = typeof AbortController !== "undefined" ? new AbortController() : null;
  var request = fetch(config.baseUrl + "/api/v1/analyze", {
    method: "POST",
    headers: headers,
    body: JSON.stringify({ text: draft.text, subject: draft.subject }),
    signal: controller ? controller.signal : undefined
  }).then(function (response) {
    if (!response.ok) throw new Error("the coach answered " + response.status);
    return response.json();
  });
  return mailcoachWithTimeout(request, config.timeoutMs).catch(function (error) {
    if (controller) controller.abort();
    throw error;
  });
}

/** Why this draft should not go as it is: one line per reason, [] when it may go. */
function mailcoachReasons(report, config) {
  var reasons = [];
  var blocking = config.blockingRules || [];
  var seen = {};
  var suggestions = (report && report.suggestions) || [];
  for (var i = 0; i < suggestions.length; i++) {
    var finding = suggestions[i];
    if (blocking.indexOf(finding.rule) < 0) continue;
    var line = finding.message + (finding.excerpt ? " (\u201c" + finding.excerpt + "\u201d)" : "");
    if (seen[line]) continue;
    seen[line] = true;
    reasons.push(line);
  }
  var overall = report && report.scores ? Number(report.scores.overall) : NaN;
  if (config.minOverall > 0 && isFinite(overall) && overall < config.minOverall) {
    reasons.push("The overall score is " + Math.round(overall) + ", under " + Math.round(config.minOverall) + ".");
  }
  return reasons;
}

function mailcoachMessage(reasons) {
  var text = "mailcoach: this reply may land badly with the customer.";
  for (var i = 0; i < reasons.length; i++) {
    var line = "\n\u2022 " + reasons[i];
    if (text.length + line.length > MAILCOACH_MAX_MESSAGE - 2) {
      text += "\n\u2026";
      break;
    }
    text += line;
  }
  return text;
}

function onMessageSendHandler(event) {
  var done = false;
  function finish(options) {
    if (done) return;
    done = true;
    try {
      event.completed(options);
    } catch (e) {
      try { event.completed({ allowEvent: true }); } catch (ignored) { /* nothing more to do */ }
    }
  }
  var config = typeof MAILCOACH_SEND_CONFIG !== "undefined" ? MAILCOACH_SEND_CONFIG : null;
  if (!config || !config.baseUrl) {
    finish({ allowEvent: true });
    return;
  }
  // A last guard: whatever hangs (reading the draft, sign-in), the mail goes in the end.
  var guard = setTimeout(function () { finish({ allowEvent: true }); }, config.timeoutMs + 2000);
  try {
    mailcoachReadDraft()
      .then(function (draft) {
        if (!draft.text.replace(/\s+/g, "")) return null; // nothing to coach
        var token = config.signIn === "microsoft" ? mailcoachToken(config) : Promise.resolve(null);
        return token.then(function (t) { return mailcoachAnalyze(config, draft, t); });
      })
      .then(function (report) {
        clearTimeout(guard);
        var reasons = report ? mailcoachReasons(report, config) : [];
        if (!reasons.length) {
          finish({ allowEvent: true });
          return;
        }
        var options = { allowEvent: false, errorMessage: mailcoachMessage(reasons) };
        var requirements = Office.context && Office.context.requirements;
        if (requirements && requirements.isSetSupported && requirements.isSetSupported("Mailbox", "1.14")) {
          options.cancelLabel = "Open coach"; // "Don't Send" opens the pane instead
          options.commandId = "mailcoachOpenPane";
        }
        finish(options);
      })
      .catch(function () {
        clearTimeout(guard);
        finish({ allowEvent: true });
      });
  } catch (e) {
    clearTimeout(guard);
    finish({ allowEvent: true });
  }
}

if (typeof Office !== "undefined" && Office.actions && Office.actions.associate) {
  Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
}
