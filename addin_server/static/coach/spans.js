/**
 * coach/spans.js: finding spans against a text that keeps changing.
 *
 * A report's spans index report.text, the draft as it was sent. By the time the answer
 * arrives (or a replacement is clicked) the writer may have typed more. These helpers carry
 * spans over to the current text, and apply a replacement only where the flagged words
 * still are. All offsets are JavaScript string indices (UTF-16 code units), as the API sends.
 *
 *   hasSpan(finding)                        true unless the finding is about the whole draft
 *   remapFindings(fromText, toText, list)   the findings moved to toText; a finding whose
 *                                           words were edited is dropped; whole-draft kept
 *   remapFinding(fromText, toText, finding) one finding, or null
 *   applyReplacement(text, finding, value)  {text, start, end} with text[start:end] === value,
 *                                           or null when the flagged words are not there
 *                                           (remap the finding to `text` first)
 *   findingAt(findings, offset)             the narrowest finding whose span holds offset
 */

export function hasSpan(finding) {
  return Number.isInteger(finding.start) && Number.isInteger(finding.end) && finding.end >= finding.start;
}

/** The single edited region between two texts: the common prefix and suffix around it. */
function editBetween(a, b) {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  ) suffix++;
  return { prefix, oldEnd: a.length - suffix, delta: b.length - a.length };
}

export function remapFindings(fromText, toText, findings) {
  if (fromText === toText) return findings.slice();
  const edit = editBetween(fromText, toText);
  const out = [];
  for (const finding of findings) {
    if (!hasSpan(finding)) {
      out.push(finding);
    } else if (finding.end <= edit.prefix) {
      out.push(finding); // wholly before the edit
    } else if (finding.start >= edit.oldEnd) {
      out.push({ ...finding, start: finding.start + edit.delta, end: finding.end + edit.delta });
    } // else the edit touched the flagged words: the finding no longer applies as is
  }
  return out;
}

export function remapFinding(fromText, toText, finding) {
  return remapFindings(fromText, toText, [finding])[0] || null;
}

export function applyReplacement(text, finding, value) {
  if (!hasSpan(finding) || finding.end > text.length) return null;
  const current = text.slice(finding.start, finding.end);
  // The excerpt may be shortened for display; compare it only when it is the whole span.
  const excerpt = finding.excerpt;
  if (typeof excerpt === "string" && excerpt.length === current.length && current !== excerpt) return null;
  return {
    text: text.slice(0, finding.start) + value + text.slice(finding.end),
    start: finding.start,
    end: finding.start + value.length,
  };
}

export function findingAt(findings, offset) {
  let best = null;
  for (const f of findings) {
    if (!hasSpan(f) || offset < f.start || offset > f.end) continue;
    if (!best || f.end - f.start < best.end - best.start) best = f;
  }
  return best;
}
