// DOM helpers and the small pieces every page shows: elements built from attributes and children, API snippets as
// safe markup, the screen-reader announcer, the document title, the error box, a document's meta line and a
// collection's card.
import { t, date, hasMessage, typeName, languageName, localized } from "./i18n.js";

/** An element with attributes (on* are listeners; false and null are left out) and children (strings as text). */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name === "className" ? "class" : name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Appends the children that are not null or false (DOM append would write "null"). */
export function add(parent, ...children) {
  parent.append(...children.flat(Infinity).filter((child) => child != null && child !== false));
  return parent;
}

/** Replaces the children with those that are not null or false. */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return add(parent, ...children);
}

/** A snippet from the API (HTML-escaped text with <mark> around matches) as nodes: only <mark> becomes markup. */
export function snippet(html, docLang) {
  const span = el("span", { class: "snippet", lang: docLang });
  const parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body;
  for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
    span.append(node.nodeName === "MARK" ? el("mark", null, node.textContent) : node.textContent);
  }
  return span;
}

let announceTimer;
/** Says `text` to screen readers through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById("announce");
  region.textContent = "";
  clearTimeout(announceTimer);
  // Emptied first, then filled: the same message twice in a row is read twice.
  announceTimer = setTimeout(() => (region.textContent = text), 50);
}

export function setTitle(text) {
  document.title = text ? text + " – " + t("brand") : t("brand");
}

/** An error as a page shows it: the web's own message for the problem's code (never the API's detail), a way on. */
export function errorBox(error, retry) {
  const key = "error." + error.code;
  const box = el("div", { class: "error", role: "alert" }, el("p", null, hasMessage(key) ? t(key) : t("error.failed")));
  if (error.retryAfter) box.append(el("p", null, t("error.retryAfter", { n: error.retryAfter })));
  if (retry) box.append(el("button", { type: "button", onclick: retry }, t("error.retry")));
  return box;
}

/** Authors, year, type and language of a document or hit, as one line. */
export function metaLine(doc) {
  const authors = (doc.authors || []).map((a) => (typeof a === "string" ? a : a.name));
  const year = doc.year ?? (doc.publicationDate ? String(doc.publicationDate).slice(0, 4) : null);
  const parts = [
    authors.length > 3 ? authors.slice(0, 3).join(", ") + " " + t("doc.etAl") : authors.join(", "),
    year,
    doc.type && typeName(doc.type),
    doc.language && languageName(doc.language),
  ].filter(Boolean);
  // A procedure past its review date says so wherever it is listed (results, collections, home), from the API's
  // reviewOverdueSince: the one rule of when a review is overdue is the server's.
  const overdue = doc.reviewOverdueSince
    ? el("span", { class: "badge overdue" }, t("review.overdueSince", { date: date(doc.reviewOverdueSince) }))
    : null;
  if (!parts.length && !overdue) return null;
  return el("p", { class: "meta" }, parts.join(" · "), overdue ? [parts.length ? " " : "", overdue] : null);
}

/** A collection as a card of the home and collections pages: its title, description and number of documents. */
export function collectionCard(collection) {
  const title = localized(collection.title);
  const description = localized(collection.description);
  return el(
    "li",
    { class: "card" },
    el("h3", null, el("a", { href: "#/collections/" + encodeURIComponent(collection.slug), lang: title.lang }, title.text)),
    description.text ? el("p", { lang: description.lang }, description.text) : null,
    el(
      "p",
      { class: "meta" },
      t("collections.items", { n: collection.itemCount ?? 0 }),
      collection.visibility === "private" ? " · " + t("collections.private") : "",
    ),
  );
}
