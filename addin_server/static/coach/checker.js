/**
 * coach/checker.js: "check as they type". Debounces drafts, keeps one request in flight,
 * aborts stale ones and hands over only the answer for the latest draft.
 *
 *   import { createChecker } from "./checker.js";
 *   const checker = createChecker({
 *     analyze: (draft, { signal }) => client.analyze(draft, { signal }),
 *     delay: 400,
 *     onResult(report, draft) {},     // only ever for the latest draft asked for
 *     onError(error, draft) {},       // CoachApiError; aborts are never reported
 *     onState(state) {},              // "idle" | "waiting" | "checking" | "done" | "error"
 *   });
 *   checker.schedule(draft);          // after `delay` ms of quiet (typing)
 *   checker.now(draft);               // at once (a replacement applied, a button, a timer)
 *   checker.cancel();                 // drop the timer and abort the request in flight
 *
 * `schedule` ignores a draft equal to the last one asked for, so caret moves or a timer that
 * finds nothing changed cost nothing; `now` always checks.
 */

import { isAbort } from "./api.js";

function sameDraft(a, b) {
  if (!a || !b) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (typeof x === "object" && x !== null) {
      if (JSON.stringify(x) !== JSON.stringify(y)) return false;
    } else if (x !== y) {
      return false;
    }
  }
  return true;
}

export function createChecker({ analyze, delay = 400, onResult, onError = () => {}, onState = () => {} }) {
  let timer = null;
  let controller = null;
  let sequence = 0;
  let lastAsked = null;

  function clearTimer() {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function abortInFlight() {
    if (controller) {
      controller.abort();
      controller = null;
    }
  }

  async function run(draft) {
    clearTimer();
    abortInFlight();
    const mine = ++sequence;
    const ctrl = new AbortController();
    controller = ctrl;
    lastAsked = draft;
    onState("checking");
    try {
      const report = await analyze(draft, { signal: ctrl.signal });
      if (mine !== sequence) return; // a newer draft was asked for meanwhile
      controller = null;
      onState("done");
      onResult(report, draft);
    } catch (error) {
      if (isAbort(error) || mine !== sequence) return;
      controller = null;
      lastAsked = null; // let the same draft be retried
      onState("error");
      onError(error, draft);
    }
  }

  return {
    schedule(draft) {
      if (timer === null && sameDraft(draft, lastAsked)) return;
      clearTimer();
      // An older request still running answers a draft that is already out of date.
      abortInFlight();
      sequence++;
      lastAsked = null;
      onState("waiting");
      timer = setTimeout(() => run(draft), delay);
    },
    now(draft) {
      return run(draft);
    },
    cancel() {
      clearTimer();
      abortInFlight();
      sequence++;
      lastAsked = null;
      onState("idle");
    },
  };
}
