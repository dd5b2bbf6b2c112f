/**
 * coach/labels.js: the words the coach UI shows, kept apart from the code that shows them.
 *
 * Exports
 *   DIMENSIONS   [{key, label, hint}] in display order: overall first, then the three scores.
 *   SEVERITIES   {severity: label} for suggestions ("error" > "warning" > "suggestion").
 *   band(score)  {name, label}: "good" (80+), "fair" (60+) or "low", used for colours and text.
 */

export const DIMENSIONS = Object.freeze([
  { key: "overall", label: "Overall", hint: "The three scores together" },
  { key: "readability", label: "Readability", hint: "How quickly a busy reader takes it in: short sentences, plain words" },
  { key: "vip", label: "VIP", hint: "Whether the customer is treated as a valued guest, not a case number" },
  { key: "transparency", label: "Transparency", hint: "Whether you say plainly what happened, why, and what comes next" },
]);

export const DIMENSION_LABELS = Object.freeze(
  Object.fromEntries(DIMENSIONS.map((d) => [d.key, d.label])),
);

export const SEVERITIES = Object.freeze({
  error: "Important",
  warning: "Worth fixing",
  suggestion: "Suggestion",
  info: "Strength",
});

const BANDS = Object.freeze([
  { min: 80, name: "good", label: "strong" },
  { min: 60, name: "fair", label: "fair" },
  { min: -Infinity, name: "low", label: "needs work" },
]);

export function band(score) {
  return BANDS.find((b) => score >= b.min);
}
