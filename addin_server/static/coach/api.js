/**
 * coach/api.js: the HTTP client for the mailcoach API. Shared by the playground and the
 * Outlook task pane; it knows nothing about the page that uses it.
 *
 *   import { createClient, CoachApiError } from "./api.js";
 *   const client = createClient({ baseUrl: "", getToken: async () => token });
 *   const report = await client.analyze({ text, subject }, { signal });
 *
 * createClient(options)
 *   baseUrl   prefix for API paths: "" for the same origin, or "https://coach.example.com".
 *   getToken  optional async () => string | null. A token it returns is sent as
 *             `Authorization: Bearer <token>`; it is asked before every request (Office SSO
 *             wants no caching by the caller).
 *   fetch     optional fetch implementation (defaults to the global one).
 *
 * client.analyze(draft, { signal })
 *   draft: { text } or { html }, optional subject and config (see /openapi.json).
 *   Resolves with the report: { text, scores, metrics, suggestions, strengths, explain }, whose
 *   finding spans (start/end) are UTF-16 code units, i.e. JavaScript string indices into
 *   report.text (null for whole-draft findings).
 *   Rejects with a CoachApiError { code, message, status, retryAfter } when the server answers
 *   an error or cannot be reached (code "network"), or with the DOMException "AbortError"
 *   when `signal` aborts it (callers normally ignore that one: see isAbort()).
 */

export class CoachApiError extends Error {
  constructor(code, message, { status = 0, retryAfter = null } = {}) {
    super(message);
    this.name = "CoachApiError";
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

export function isAbort(error) {
  return error != null && error.name === "AbortError";
}

export function createClient({ baseUrl = "", getToken = null, fetch: fetchImpl = null } = {}) {
  const base = String(baseUrl).replace(/\/+$/, "");
  const doFetch = fetchImpl || globalThis.fetch.bind(globalThis);

  async function post(path, payload, signal) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (getToken) {
      const token = await getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
      response = await doFetch(base + path, {
        method: "POST",
        headers,
        body: JSON.stringify(payload),
        signal,
        credentials: "same-origin",
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new CoachApiError("network", "The coach server could not be reached.");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
    }
    if (!response.ok) {
      const err = (body && body.error) || {};
      const retry = Number.parseInt(response.headers.get("Retry-After") || "", 10);
      throw new CoachApiError(
        err.code || `http_${response.status}`,
        err.message || `The coach server answered ${response.status}.`,
        { status: response.status, retryAfter: Number.isFinite(retry) ? retry : null },
      );
    }
    if (!body || typeof body !== "object" || !body.scores) {
      throw new CoachApiError("bad_response", "The coach server sent an answer this page cannot read.", {
        status: response.status,
      });
    }
    return body;
  }

  return {
    baseUrl: base,
    analyze(draft, { signal } = {}) {
      const payload = {};
      for (const key of ["text", "html", "subject", "config"]) {
        if (draft[key] !== undefined && draft[key] !== null) payload[key] = draft[key];
      }
      return post("/api/v1/analyze", payload, signal);
    },
  };
}
