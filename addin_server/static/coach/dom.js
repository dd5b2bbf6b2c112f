/**
 * coach/dom.js: tiny helpers to build DOM safely. Report text is data, never markup: every
 * string goes in as a text node, so a draft containing "<img onerror=...>" shows as text.
 *
 *   h("li", { class: "x", "aria-label": "..." }, "text", childNode, ...)   an HTML element
 *   svg("circle", { cx: 60, ... })                                          an SVG element
 *
 * Attributes are set with setAttribute; `style` and `on*` attributes are refused (the
 * Content-Security-Policy forbids inline styles and handlers; use classes, CSS custom
 * properties via element.style.setProperty, and addEventListener).
 */

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "style" || name.toLowerCase().startsWith("on")) {
      throw new Error(`dom.js: attribute ${name} is not allowed`);
    }
    el.setAttribute(name, value === true ? "" : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

let counter = 0;
/** A document-unique id, for aria-describedby and aria-labelledby links. */
export function uid(prefix = "coach") {
  counter += 1;
  return `${prefix}-${counter}`;
}
