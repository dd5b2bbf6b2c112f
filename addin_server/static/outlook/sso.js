/**
 * outlook/sso.js: what to tell the user when Office single sign-on fails.
 * Office.auth.getAccessToken rejects with { code, message }; the codes are 13000-13013 and
 * 50001 (see "Troubleshoot error messages for single sign-on" in Microsoft's Office docs).
 *
 *   ssoAdvice(error)  a sentence saying what happened and what to do
 */

const ADVICE = Object.freeze({
  13000: "This version of Outlook does not support signing in to add-ins. Update Office, or use Outlook on the web.",
  13001: "You are not signed in to Office. Sign in, then press Check now.",
  13002: "Sign-in was cancelled. Press Check now to try again.",
  13003: "Sign in with a work or school account to use the coach.",
  13004: "The coach's sign-in is set up incorrectly. Ask your administrator to check the app registration.",
  13005: "The coach has not been granted access yet. Ask your administrator to grant consent.",
  13006: "Office hit a sign-in error. Close and reopen the pane, then try again.",
  13007: "Office could not sign you in to the coach just now. Try again in a moment.",
  13008: "A sign-in is already in progress. Finish it, then press Check now.",
  13010: "Sign-in does not work in this browser. Use Microsoft Edge or Chrome for Outlook on the web.",
  13012: "Sign-in is not available for this add-in here (it may be side-loaded). Ask your administrator to deploy it.",
  13013: "Too many sign-in attempts. Wait a minute, then press Check now.",
  50001: "Sign-in is not available in this version of Outlook. Update Office, or use Outlook on the web.",
});

export function ssoAdvice(error) {
  const code = error && Number(error.code);
  return ADVICE[code] || `Signing in to the coach is not available here${Number.isFinite(code) ? ` (error ${code})` : ""}.`;
}
