/**
 * coach/highlight.js: marks flagged words in place inside a <textarea>.
 *
 * A textarea cannot style parts of its text, so a "mirror" div sits behind it with the same
 * text, font, padding and wrapping, and <mark> elements at the flagged spans; the textarea
 * on top has a transparent background, so the marks show through under the real text.
 * The mirror follows the textarea's scrolling and re-renders on every keystroke, carrying
 * the last report's spans over to the edited text (spans.js), so marks never drift.
 *
 *   import { attachHighlighter } from "./highlight.js";
 *   const hl = attachHighlighter(textarea);        // wraps the textarea in div.coach-hl
 *   hl.show(report.text, [...report.suggestions, ...report.strengths]);
 *   hl.current();            // those findings as they sit in textarea.value now (remapped)
 *   hl.setActive(finding);   // emphasise one finding's mark (null: none)
 *   hl.reveal(finding);      // scroll the textarea (and page) so its mark is in view
 *   hl.clear();  hl.destroy();
 *
 * `finding` arguments are the objects given to show(); current() returns copies whose
 * `source` property is that object. Styles: .coach-hl* in coach.css. The mirror is
 * aria-hidden: screen readers read the textarea and the findings list instead.
 */

import { h } from "./dom.js";
import { hasSpan, remapFindings } from "./spans.js";

// Computed styles that decide where text wraps; copied so the mirror lays out identically.
const COPIED = [
  "font-family", "font-size", "font-weight", "font-style", "font-stretch", "font-variant",
  "font-feature-settings", "font-kerning", "line-height", "letter-spacing", "word-spacing",
  "text-indent", "text-transform", "tab-size", "text-rendering",
  "padding-top", "padding-right", "padding-bottom", "padding-left",
  "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
  "border-top-style", "border-right-style", "border-bottom-style", "border-left-style",
  "box-sizing", "direction",
];

const RANK = { error: 3, warning: 2, suggestion: 1, info: 0 };
const WIDE = 48; // spans longer than this (whole sentences) are underlined, not filled

export function attachHighlighter(textarea) {
  let wrapper = textarea.parentElement;
  if (!wrapper || !wrapper.classList.contains("coach-hl")) {
    wrapper = h("div", { class: "coach-hl" });
    textarea.replaceWith(wrapper);
    wrapper.append(textarea);
  }
  const mirror = h("div", { class: "coach-hl__mirror", "aria-hidden": "true" });
  wrapper.prepend(mirror);
  textarea.classList.add("coach-hl__field");

  let sourceText = "";
  let sources = [];
  let placed = [];
  let activeSource = null;

  function copyStyles() {
    const cs = getComputedStyle(textarea);
    for (const prop of COPIED) mirror.style.setProperty(prop, cs.getPropertyValue(prop));
    mirror.style.setProperty("border-color", "transparent");
  }

  function syncScroll() {
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
  }

  function render() {
    const text = textarea.value;
    const copies = sources.map((f) => ({ ...f, source: f }));
    placed = remapFindings(sourceText, text, copies).filter(hasSpan);
    const spans = placed.filter((f) => f.end > f.start && f.end <= text.length);

    const cuts = new Set([0, text.length]);
    for (const f of spans) { cuts.add(f.start); cuts.add(f.end); }
    const points = [...cuts].sort((a, b) => a - b);

    const nodes = [];
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((f) => f.start <= a && f.end >= b);
      if (!covering.length) {
        nodes.push(piece);
        continue;
      }
      const narrow = covering.filter((f) => f.end - f.start <= WIDE);
      const shown = narrow.length ? narrow : covering;
      const top = shown.reduce((x, y) => (RANK[y.severity] > RANK[x.severity] ? y : x));
      const classes = ["coach-mark", `coach-mark--${top.severity}`];
      if (!narrow.length) classes.push("coach-mark--wide");
      if (activeSource && covering.some((f) => f.source === activeSource)) classes.push("is-active");
      const mark = h("mark", { class: classes.join(" ") }, piece);
      mark.coachFindings = covering.map((f) => f.source);
      nodes.push(mark);
    }
    // A trailing newline needs something after it, or the mirror is one line short.
    nodes.push(text.endsWith("\n") || text === "" ? " " : "");
    mirror.replaceChildren(...nodes.map((n) => (typeof n === "string" ? document.createTextNode(n) : n)));
    syncScroll();
  }

  function firstMark(finding) {
    for (const mark of mirror.querySelectorAll("mark")) {
      if (mark.coachFindings.includes(finding)) return mark;
    }
    return null;
  }

  const onInput = () => render();
  textarea.addEventListener("input", onInput);
  textarea.addEventListener("scroll", syncScroll);
  const resizeObserver = new ResizeObserver(() => { copyStyles(); syncScroll(); });
  resizeObserver.observe(textarea);
  copyStyles();
  render();

  return {
    element: wrapper,
    show(text, findings) {
      sourceText = text;
      sources = findings.slice();
      if (activeSource && !sources.includes(activeSource)) activeSource = null;
      render();
    },
    refresh: render,
    current() {
      return placed.slice();
    },
    setActive(finding) {
      if (finding === activeSource) return;
      activeSource = finding || null;
      for (const mark of mirror.querySelectorAll("mark")) {
        mark.classList.toggle("is-active", !!activeSource && mark.coachFindings.includes(activeSource));
      }
    },
    reveal(finding) {
      const mark = firstMark(finding);
      if (!mark) return;
      const top = mark.offsetTop;
      const bottom = top + mark.offsetHeight;
      const view = textarea.clientHeight;
      if (top < textarea.scrollTop || bottom > textarea.scrollTop + view) {
        textarea.scrollTop = Math.max(0, top - view / 3);
        syncScroll();
      }
      const rect = mark.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) {
        window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "smooth" });
      }
    },
    clear() {
      sourceText = textarea.value;
      sources = [];
      activeSource = null;
      render();
    },
    destroy() {
      textarea.removeEventListener("input", onInput);
      textarea.removeEventListener("scroll", syncScroll);
      resizeObserver.disconnect();
      mirror.remove();
      textarea.classList.remove("coach-hl__field");
    },
  };
}
