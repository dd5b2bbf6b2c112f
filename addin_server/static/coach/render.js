/**
 * coach/render.js: shows a mailcoach report: score gauges with their explanation, the
 * findings with their fixes, the strengths, and a one-line summary. Shared by the
 * playground and the Outlook task pane; how a fix reaches the draft is the host's business,
 * so it is passed in as callbacks.
 *
 *   import { createCoachView } from "./render.js";
 *   const view = createCoachView(
 *     { scores: el1, findings: el2, strengths: el3, summary: el4 },   // any may be left out
 *     {
 *       onApply(finding, replacement) {},   // a fix button was clicked (or Enter/Space on it)
 *       onSelect(finding) {},               // a finding was clicked: show its words
 *       onHover(finding | null) {},         // pointer or keyboard focus entered / left one
 *     },
 *   );
 *   view.render(report);                    // the JSON from POST /api/v1/analyze
 *   view.setActive(finding | null, { reveal: true });   // mark one finding (caret inside it)
 *   view.clear("Type a draft to see coaching.");        // back to the empty state
 *
 * Findings are report.suggestions and report.strengths items as the API sends them. The
 * callbacks receive those same objects, so the host can look up its own data by identity.
 * Updates are made in place: an open "Why?" panel stays open, and keyboard focus inside the
 * list is kept on the same finding (or moves to the next one when a fix made it disappear).
 *
 * Also exported: renderGauges, renderFindings, renderStrengths, renderSummary (the parts),
 * and errorMessage(error) (a sentence for a CoachApiError, for the host's status line).
 * Styles: coach.css (classes prefixed "coach-"; colours are CSS custom properties).
 */

import { DIMENSIONS, DIMENSION_LABELS, SEVERITIES, band } from "./labels.js";
import { h, svg, uid } from "./dom.js";
import { hasSpan } from "./spans.js";

const round = (x) => Math.round(Number(x) || 0);

function formatEffect(effect) {
  const n = Math.round(effect * 10) / 10;
  if (n === 0) return "±0";
  return (n > 0 ? "+" : "−") + Math.abs(n);
}

/* ---------- gauges ---------- */

function buildGauge(dim) {
  const labelId = uid("gauge-label");
  const valueText = h("span", { class: "coach-gauge__value" });
  const valueCircle = svg("circle", {
    class: "coach-gauge__bar",
    cx: 60, cy: 60, r: 50,
    pathLength: 100,
    transform: "rotate(-90 60 60)",
  });
  const meter = h(
    "div",
    { class: "coach-gauge__meter", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-labelledby": labelId },
    svg("svg", { class: "coach-gauge__ring", viewBox: "0 0 120 120", "aria-hidden": "true", focusable: "false" },
      svg("circle", { class: "coach-gauge__track", cx: 60, cy: 60, r: 50 }),
      valueCircle),
    valueText,
  );
  const delta = h("span", { class: "coach-gauge__delta", "aria-hidden": "true" });
  const bandText = h("span", { class: "coach-gauge__band" });
  const explainBody = h("div", { class: "coach-explain__body" });
  const summaryText = h("span", {}, "Why?");
  const details = h("details", { class: "coach-explain" }, h("summary", {}, summaryText), explainBody);
  const root = h(
    "section",
    { class: `coach-gauge coach-gauge--${dim.key}`, "data-dimension": dim.key },
    meter,
    h("div", { class: "coach-gauge__caption" },
      h("h3", { class: "coach-gauge__label", id: labelId, title: dim.hint }, dim.label),
      bandText, delta),
    details,
  );
  return { root, meter, valueText, delta, bandText, explainBody, summaryText, previous: null };
}

function fillExplain(body, explanation) {
  const items = (explanation && explanation.contributions) || [];
  const rows = [];
  if (explanation && Number.isFinite(Number(explanation.base))) {
    rows.push(h("li", { class: "coach-explain__base" },
      h("span", {}, "Starting point"), h("span", { class: "coach-explain__effect" }, String(round(explanation.base)))));
  }
  for (const c of items) {
    const sign = c.effect > 0 ? "up" : c.effect < 0 ? "down" : "flat";
    rows.push(h("li", { class: `coach-explain__item is-${sign}` },
      h("span", {}, c.label || c.rule || c.metric || "Adjustment"),
      h("span", { class: "coach-explain__effect" }, formatEffect(c.effect))));
  }
  if (explanation) {
    rows.push(h("li", { class: "coach-explain__total" },
      h("span", {}, "Score"), h("span", { class: "coach-explain__effect" }, String(round(explanation.score)))));
  }
  if (!items.length) {
    rows.splice(rows.length - 1, 0, h("li", { class: "coach-explain__none" }, h("span", {}, "Nothing raised or lowered this score.")));
  }
  body.replaceChildren(h("ul", { class: "coach-explain__list" }, rows));
}

function updateGauge(g, value, explanation) {
  const v = Math.max(0, Math.min(100, round(value)));
  const b = band(v);
  g.root.classList.remove("is-good", "is-fair", "is-low");
  g.root.classList.add(`is-${b.name}`);
  g.meter.setAttribute("aria-valuenow", String(v));
  g.meter.setAttribute("aria-valuetext", `${v} out of 100, ${b.label}`);
  g.meter.style.setProperty("--coach-value", String(v));
  g.valueText.textContent = String(v);
  g.bandText.textContent = b.label;
  g.summaryText.textContent = `Why ${v}?`;
  if (g.previous !== null && g.previous !== v) {
    const diff = v - g.previous;
    g.delta.textContent = formatEffect(diff);
    g.delta.classList.remove("is-up", "is-down", "is-shown");
    void g.delta.offsetWidth; // restart the fade animation
    g.delta.classList.add(diff > 0 ? "is-up" : "is-down", "is-shown");
  }
  g.previous = v;
  fillExplain(g.explainBody, explanation);
}

/** Draw (first time) or update the four gauges in `container`. Returns the gauge state. */
export function renderGauges(container, report, state = null) {
  let gauges = state;
  if (!gauges) {
    gauges = Object.fromEntries(DIMENSIONS.map((d) => [d.key, buildGauge(d)]));
    container.classList.add("coach-gauges");
    container.replaceChildren(h("div", { class: "coach-gauges-grid" }, DIMENSIONS.map((d) => gauges[d.key].root)));
  }
  const explain = report.explain || {};
  for (const d of DIMENSIONS) {
    updateGauge(gauges[d.key], report.scores[d.key], explain[d.key]);
  }
  return gauges;
}

/* ---------- findings and strengths ---------- */

function keyOf(f) {
  return `${f.rule}|${f.start}|${f.end}|${f.excerpt}`;
}

function buildFinding(finding, callbacks) {
  const isStrength = finding.severity === "info";
  const whyId = uid("why");
  const dimLabel = DIMENSION_LABELS[finding.dimension] || finding.dimension;
  const excerpt = hasSpan(finding) && finding.excerpt
    ? h("q", { class: "coach-finding__excerpt" }, finding.excerpt)
    : h("span", { class: "coach-finding__scope" }, "Whole draft");
  const main = h("button", { type: "button", class: "coach-finding__main", "aria-describedby": whyId },
    h("span", { class: "coach-finding__meta" },
      h("span", { class: "coach-chip coach-chip--dim" }, dimLabel),
      isStrength ? null : h("span", { class: `coach-chip coach-chip--${finding.severity}` }, SEVERITIES[finding.severity] || finding.severity)),
    h("span", { class: "coach-finding__message" }, finding.message),
    excerpt,
  );
  main.addEventListener("click", () => callbacks.onSelect && callbacks.onSelect(finding));
  const why = h("p", { class: "coach-finding__why", id: whyId }, finding.explanation || "");
  const li = h("li", {
    class: `coach-finding coach-finding--${finding.severity} coach-dim--${finding.dimension}`,
    "data-key": keyOf(finding),
  }, main, why);

  const replacements = Array.isArray(finding.replacements) ? finding.replacements : [];
  if (!isStrength && replacements.length && hasSpan(finding)) {
    const fixes = h("div", { class: "coach-finding__fixes", role: "group", "aria-label": "Fixes" });
    replacements.forEach((value) => {
      const label = value === "" ? "Remove" : value;
      const button = h("button", {
        type: "button",
        class: "coach-fix",
        "aria-label": value === "" ? `Remove “${finding.excerpt}”` : `Replace “${finding.excerpt}” with “${value}”`,
      }, h("span", { class: "coach-fix__icon", "aria-hidden": "true" }, value === "" ? "✕" : "→"), label);
      button.addEventListener("click", () => callbacks.onApply && callbacks.onApply(finding, value));
      fixes.append(button);
    });
    li.append(fixes);
  }
  const enter = () => callbacks.onHover && callbacks.onHover(finding);
  const leave = (event) => {
    if (event.relatedTarget && li.contains(event.relatedTarget)) return;
    if (callbacks.onHover) callbacks.onHover(null);
  };
  li.addEventListener("mouseenter", enter);
  li.addEventListener("mouseleave", leave);
  li.addEventListener("focusin", enter);
  li.addEventListener("focusout", leave);
  return li;
}

/** Where keyboard focus is inside `container`, so it can be put back after a rebuild. */
function focusMark(container) {
  const active = document.activeElement;
  if (!active || !container.contains(active)) return null;
  const li = active.closest("li[data-key]");
  if (!li) return { index: 0, key: null, fix: -1 };
  const items = [...container.querySelectorAll("li[data-key]")];
  const fixes = [...li.querySelectorAll(".coach-fix")];
  return { index: items.indexOf(li), key: li.dataset.key, fix: fixes.indexOf(active) };
}

function restoreFocus(container, mark) {
  if (!mark) return;
  const items = [...container.querySelectorAll("li[data-key]")];
  let li = items.find((el) => el.dataset.key === mark.key);
  let target = null;
  if (li) {
    const fixes = li.querySelectorAll(".coach-fix");
    target = mark.fix >= 0 && fixes[mark.fix] ? fixes[mark.fix] : li.querySelector(".coach-finding__main");
  } else if (items.length) {
    li = items[Math.min(Math.max(mark.index, 0), items.length - 1)];
    target = li.querySelector(".coach-fix") || li.querySelector(".coach-finding__main");
  } else {
    target = container;
    if (!container.hasAttribute("tabindex")) container.setAttribute("tabindex", "-1");
  }
  if (target) target.focus({ preventScroll: false });
}

/** Replace the list in `container` with `findings`; returns Map(finding -> <li>). */
export function renderFindings(container, findings, callbacks = {}, { empty = "Nothing to improve here. Nice work." } = {}) {
  const mark = focusMark(container);
  const items = new Map();
  if (!findings.length) {
    container.replaceChildren(h("p", { class: "coach-empty" }, empty));
  } else {
    const list = h("ul", { class: "coach-findings" });
    for (const f of findings) {
      const li = buildFinding(f, callbacks);
      items.set(f, li);
      list.append(li);
    }
    container.replaceChildren(list);
  }
  restoreFocus(container, mark);
  return items;
}

export function renderStrengths(container, strengths, callbacks = {}) {
  return renderFindings(container, strengths, callbacks, {
    empty: "No strengths spotted yet: thanking the reader, owning a mistake or naming a next step all count.",
  });
}

/** One line: counts and the reading figures from report.metrics. */
export function renderSummary(container, report) {
  const m = report.metrics || {};
  const n = report.suggestions.length;
  const s = report.strengths.length;
  const parts = [
    n === 0 ? "No suggestions" : `${n} suggestion${n === 1 ? "" : "s"}`,
    `${s} strength${s === 1 ? "" : "s"}`,
  ];
  if (Number.isFinite(m.words)) parts.push(`${m.words} word${m.words === 1 ? "" : "s"}`);
  if (Number.isFinite(m.reading_time_seconds)) parts.push(`about ${Math.max(1, Math.round(m.reading_time_seconds))} s to read`);
  if (Number.isFinite(m.grade_level)) parts.push(`grade ${Math.max(0, Math.round(m.grade_level))} reading level`);
  container.textContent = parts.join(" · ");
}

/** A sentence for the host's status line, from a CoachApiError (or anything thrown). */
export function errorMessage(error) {
  if (!error) return "";
  switch (error.status) {
    case 401:
    case 403:
      return "This coach server needs you to sign in before it checks drafts.";
    case 413:
      return "This draft is longer than the server accepts. Try a shorter one.";
    case 429:
      return `Too many checks at once. Trying again${error.retryAfter ? ` in ${error.retryAfter} s` : " shortly"}.`;
    default:
      break;
  }
  if (error.code === "network") return "The coach server cannot be reached right now.";
  return error.message || "Something went wrong while checking the draft.";
}

/* ---------- the whole view ---------- */

export function createCoachView(elements, callbacks = {}) {
  let gauges = null;
  let itemMaps = [];
  let active = null;

  function liFor(finding) {
    for (const map of itemMaps) {
      if (map.has(finding)) return map.get(finding);
    }
    return null;
  }

  return {
    render(report) {
      if (elements.scores) gauges = renderGauges(elements.scores, report, gauges);
      itemMaps = [];
      if (elements.findings) itemMaps.push(renderFindings(elements.findings, report.suggestions, callbacks));
      if (elements.strengths) itemMaps.push(renderStrengths(elements.strengths, report.strengths, callbacks));
      if (elements.summary) renderSummary(elements.summary, report);
      active = null;
    },

    setActive(finding, { reveal = false } = {}) {
      if (active) active.classList.remove("is-active");
      active = finding ? liFor(finding) : null;
      if (active) {
        active.classList.add("is-active");
        if (reveal) active.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    },

    clear(message = "") {
      gauges = null;
      itemMaps = [];
      active = null;
      if (elements.scores) {
        elements.scores.classList.remove("coach-gauges");
        elements.scores.replaceChildren(
          message ? h("p", { class: "coach-empty" }, message) : null,
          h("dl", { class: "coach-intro" },
            DIMENSIONS.filter((d) => d.key !== "overall").map((d) => [
              h("dt", {}, d.label), h("dd", {}, d.hint),
            ])),
        );
      }
      if (elements.findings) elements.findings.replaceChildren(h("p", { class: "coach-empty" }, "Suggestions appear here as you write."));
      if (elements.strengths) elements.strengths.replaceChildren(h("p", { class: "coach-empty" }, "What you do well appears here too."));
      if (elements.summary) elements.summary.textContent = "";
    },
  };
}
