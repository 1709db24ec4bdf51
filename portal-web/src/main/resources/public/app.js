// The portal's page shell: messages, formats, the API client, sign-in state, the router, and the two pages a first
// visit needs (home and results). Every other page is a module under pages/, loaded the first time it is opened, so
// that a first visit costs one HTML, one CSS, this script and the messages.
import messages from "./messages.js";

const LANGUAGES = ["fr", "en"];
const ROLES = ["reader", "contributor", "curator", "admin"];
const PAGE_SIZE = 10;
// Search pages by number up to page × size = 10000 (the API's bound); deeper, a reader refines the query instead.
const MAX_PAGES = 10000 / PAGE_SIZE;
export const FILTERS = ["type", "language", "country", "topic", "collection"];

// ---------------------------------------------------------------- storage (may be refused in private browsing)

function stored(area, key) {
  try {
    return window[area].getItem(key);
  } catch {
    return null;
  }
}

function store(area, key, value) {
  try {
    if (value == null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // Nothing kept: the choice lasts for this page only.
  }
}

// ---------------------------------------------------------------- language and formats

function chooseLanguage() {
  const saved = stored("localStorage", "portal.lang");
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(base)) return base;
  }
  return "fr";
}

export let lang = chooseLanguage();

/** The message `key` in the interface language, `{name}` replaced by `params.name` (numbers in the locale). */
export function t(key, params = {}) {
  let text = messages[lang][key] ?? key;
  if (typeof text === "object") text = text[new Intl.PluralRules(lang).select(params.n ?? 0)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    return typeof value === "number" ? number(value) : (value ?? "");
  });
}

export const number = (value, options) => new Intl.NumberFormat(lang, options).format(value);

/** A calendar date (YYYY-MM-DD) or an instant, in the interface language. */
export function date(value, withTime = false) {
  if (!value) return "";
  // A calendar date is a day, not an instant: formatted in UTC so that no time zone moves it to the day before.
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = new Date(day ? value + "T00:00:00Z" : value);
  if (Number.isNaN(parsed.getTime())) return value;
  const options = day ? { dateStyle: "long", timeZone: "UTC" } : { dateStyle: "medium" };
  if (withTime && !day) options.timeStyle = "short";
  return new Intl.DateTimeFormat(lang, options).format(parsed);
}

export function bytes(size) {
  const [value, unit] = size >= 1e6 ? [size / 1e6, "megabyte"] : size >= 1e3 ? [size / 1e3, "kilobyte"] : [size, "byte"];
  return number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
}

function displayName(type, code) {
  try {
    return new Intl.DisplayNames([lang], { type, fallback: "code" }).of(code) || code;
  } catch {
    return code;
  }
}

export const languageName = (code) => displayName("language", code);
export const countryName = (code) => displayName("region", String(code).toUpperCase());
export const typeName = (type) => (messages[lang]["type." + type] ? t("type." + type) : type);

/** A document's language as an HTML lang value, or null when it is not a plain ISO 639-1 code. */
export const langOf = (code) => (/^[a-z]{2}$/.test(code || "") ? code : null);

/** The interface language's text of a {fr, en} pair, else the other one, with its lang when it differs. */
export function localized(pair) {
  const other = lang === "fr" ? "en" : "fr";
  if (pair?.[lang]) return { text: pair[lang], lang: null };
  if (pair?.[other]) return { text: pair[other], lang: other };
  return { text: "", lang: null };
}

// ---------------------------------------------------------------- DOM

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

// ---------------------------------------------------------------- links and navigation

/** A route's href: `#/path?params`, params being an object of strings or arrays, or URLSearchParams. */
export function link(path, params) {
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params || {});
  for (const [name, value] of entries) {
    for (const one of [].concat(value)) if (one != null && one !== "") query.append(name, one);
  }
  const text = query.toString();
  return "#" + path + (text ? "?" + text : "");
}

export function go(path, params) {
  const target = link(path, params);
  if (location.hash === target) route();
  else location.hash = target;
}

// ---------------------------------------------------------------- the API

/** A failed API call: the problem document's code and detail, or code "network" when the server was not reached. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || "HTTP " + status);
    this.status = status;
    this.code = problem.code || (status ? "http-" + status : "network");
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

const AUTH = "portal.auth";
let auth = readAuth();
export let account = null;

function readAuth() {
  try {
    return JSON.parse(stored("sessionStorage", AUTH)) || null;
  } catch {
    return null;
  }
}

function keepTokens(tokens) {
  auth = {
    access: tokens.access_token,
    refresh: tokens.refresh_token || auth?.refresh,
    expiresAt: Date.now() + (Number(tokens.expires_in) || 3600) * 1000,
    roles: tokens.roles || auth?.roles || [],
    username: tokens.username || auth?.username,
  };
  store("sessionStorage", AUTH, JSON.stringify(auth));
}

function forget() {
  auth = null;
  account = null;
  store("sessionStorage", AUTH, null);
  drawHeader();
}

let refreshing = null;
/** Exchanges the refresh token for a new access token, once for all callers waiting; false when signed out. */
function refresh() {
  if (!auth?.refresh) return Promise.resolve(false);
  refreshing ||= fetch("api/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ grant_type: "refresh_token", refresh_token: auth.refresh }),
  })
    .then(async (response) => {
      if (response.ok) {
        keepTokens(await response.json());
        return true;
      }
      forget();
      announce(t("auth.expired"));
      return false;
    })
    // Not reached: the tokens stay, the next call tries again.
    .catch(() => false)
    .finally(() => (refreshing = null));
  return refreshing;
}

/** The access token to send now, refreshed first when it is about to expire; null when signed out. */
export async function bearer() {
  if (auth && auth.expiresAt - Date.now() < 30_000) await refresh();
  return auth ? "Bearer " + auth.access : null;
}

/**
 * Calls the JSON API: `json` is sent as the body; the answer is parsed JSON (text with `text: true`, null for 204).
 * A 401 with a refresh token refreshes once and retries. Throws ApiError, or AbortError when `signal` aborts.
 */
export async function api(path, { method = "GET", json, signal, text = false, retried = false } = {}) {
  const headers = { Accept: text ? "*/*" : "application/json" };
  const token = await bearer();
  if (token) headers.Authorization = token;
  if (json !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, signal, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, {});
  }
  if (response.status === 401 && token && !retried && (await refresh())) {
    return api(path, { method, json, signal, text, retried: true });
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not a problem document (a proxy's page): the status says enough.
    }
    throw new ApiError(response.status, problem, Number(response.headers.get("Retry-After")) || null);
  }
  if (response.status === 204) return null;
  return text ? response.text() : response.json();
}

// ---------------------------------------------------------------- who is signed in

export const signedIn = () => auth != null;

export function role() {
  if (account?.role) return account.role;
  const held = (auth?.roles || []).map((r) => String(r).toLowerCase());
  return ROLES.slice().reverse().find((r) => held.includes(r)) || "reader";
}

export const atLeast = (wanted) => ROLES.indexOf(role()) >= ROLES.indexOf(wanted);

async function loadAccount() {
  try {
    account = await api("api/account");
  } catch (error) {
    if (error.status === 401) forget();
  }
  drawHeader();
}

export async function signIn(email, password) {
  keepTokens(await api("api/auth/login", { method: "POST", json: { username: email, password } }));
  await loadAccount();
}

export async function signOut() {
  const refreshToken = auth?.refresh;
  if (refreshToken) {
    try {
      await api("api/auth/logout", { method: "POST", json: { refresh_token: refreshToken } });
    } catch {
      // The token is forgotten here whatever the server said; it expires on its own.
    }
  }
  forget();
  announce(t("auth.signedOut"));
  go("/");
}

/** Shows why the page needs a role, with a sign-in link when signed out; true when the viewer has the role. */
export function requireRole(main, wanted, title) {
  if (atLeast(wanted)) return true;
  const here = location.hash.slice(1) || "/";
  main.append(
    el("h1", { tabindex: "-1" }, title),
    signedIn()
      ? el("p", { class: "notice" }, t("auth.forbidden." + wanted))
      : el("p", { class: "notice" }, t("auth.needed"), " ", el("a", { href: link("/signin", { next: here }) }, t("nav.signIn"))),
  );
  return false;
}

// ---------------------------------------------------------------- shared pieces of pages

// Codes whose message says all there is; for the others the API's own detail (in English) follows the message.
const SELF_EXPLAINED = ["network", "bad-credentials", "too-many-attempts", "not-found", "search-timeout", "database-unavailable"];

/** An error as a page shows it: what happened, in the API's words too when they add something, and a way on. */
export function errorBox(error, retry) {
  const key = "error." + error.code;
  const box = el("div", { class: "error", role: "alert" }, el("p", null, key in messages[lang] ? t(key) : t("error.failed")));
  if (error.message && !SELF_EXPLAINED.includes(error.code)) box.append(el("p", { class: "detail", lang: "en" }, error.message));
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
  return parts.length ? el("p", { class: "meta" }, parts.join(" · ")) : null;
}

let comboboxes = 0;
/**
 * A search form with type-ahead (the ARIA combobox pattern: arrows move through suggestions, Enter picks one, Escape
 * closes them). Submitting goes to the results page with `scope` (filters kept) and the query.
 */
export function searchForm({ q = "", scope = {}, label = t("search.label"), big = false } = {}) {
  const n = ++comboboxes;
  const input = el("input", {
    id: "q" + n,
    name: "q",
    type: "search",
    value: q,
    maxlength: "1000",
    autocomplete: "off",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "suggest" + n,
    "aria-describedby": "qhelp" + n,
  });
  const list = el("ul", { id: "suggest" + n, role: "listbox", class: "suggest", hidden: true, "aria-label": t("suggest.label") });
  const form = el(
    "form",
    { role: "search", class: big ? "search big" : "search" },
    el("label", { for: input.id }, label),
    el("div", { class: "box" }, el("div", { class: "combo" }, input, list), el("button", { type: "submit" }, t("search.go"))),
    el("p", { id: "qhelp" + n, class: "help" }, t("search.help")),
  );
  let suggestions = [];
  let active = -1;
  let timer;
  let pending;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    input.setAttribute("aria-activedescendant", list.id + "-" + index);
  };
  const pick = (suggestion) => {
    close();
    if (suggestion.kind === "title" && suggestion.documentId) go("/documents/" + suggestion.documentId);
    else {
      input.value = suggestion.text;
      form.requestSubmit();
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    pending?.abort();
    const text = input.value.trim();
    if (text.length < 2) return close();
    timer = setTimeout(async () => {
      pending = new AbortController();
      try {
        const answer = await api("api/search/suggest?size=6&q=" + encodeURIComponent(text), { signal: pending.signal });
        suggestions = answer.suggestions || [];
      } catch {
        suggestions = [];
      }
      list.replaceChildren(
        ...suggestions.map((s, i) =>
          el(
            "li",
            {
              id: list.id + "-" + i,
              role: "option",
              "aria-selected": "false",
              // Keeps the focus in the input, whose blur would close the list before the click lands.
              onmousedown: (e) => e.preventDefault(),
              onclick: () => pick(s),
            },
            s.text,
            el("span", { class: "kind" }, t("suggest." + s.kind)),
          ),
        ),
      );
      if (!suggestions.length || document.activeElement !== input) return close();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      announce(t("suggest.count", { n: suggestions.length }));
    }, 200);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const size = suggestions.length;
      highlight(e.key === "ArrowDown" ? (active + 1) % size : (active - 1 + size) % size);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      pick(suggestions[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    close();
    go("/search", { ...scope, q: input.value.trim() });
  });
  return form;
}

// ---------------------------------------------------------------- home

async function home({ main, signal }) {
  setTitle("");
  const featured = el("section", { "aria-labelledby": "featured-h" }, el("h2", { id: "featured-h" }, t("home.featured")));
  const latest = el("section", { "aria-labelledby": "latest-h" }, el("h2", { id: "latest-h" }, t("home.latest")));
  main.append(
    el("h1", { tabindex: "-1" }, t("home.heading")),
    el("p", { class: "lead" }, t("home.lead")),
    searchForm({ big: true }),
    el("div", { class: "columns" }, latest, featured),
  );
  const [collections, documents] = await Promise.allSettled([
    api("api/collections?featured=true", { signal }),
    api("api/documents?status=published&size=5", { signal }),
  ]);
  if (signal.aborted) return;
  if (collections.status === "fulfilled") {
    const items = collections.value.items || [];
    featured.append(
      items.length
        ? el("ul", { class: "cards" }, items.map(collectionCard))
        : el("p", null, t("home.noFeatured"), " ", el("a", { href: "#/collections" }, t("home.allCollections"))),
    );
  } else featured.append(errorBox(collections.reason));
  if (documents.status === "fulfilled") {
    const items = documents.value.items || [];
    latest.append(
      items.length
        ? el(
            "ul",
            { class: "plain" },
            items.map((doc) =>
              el(
                "li",
                null,
                el("a", { href: "#/documents/" + doc.id, lang: langOf(doc.language) }, doc.title || t("doc.untitled")),
                metaLine(doc),
              ),
            ),
          )
        : el("p", null, t("home.noLatest")),
    );
  } else latest.append(errorBox(documents.reason));
}

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

// ---------------------------------------------------------------- results

let collectionTitles = null;

function facetLabel(dimension, value) {
  if (dimension === "type") return typeName(value);
  if (dimension === "language") return languageName(value);
  if (dimension === "country") return countryName(value);
  if (dimension === "collection") return collectionTitles?.get(value)?.text || value;
  return value;
}

/** The route's parameters without page, with `name` set to `value` (or removed when value is null). */
function withParam(params, name, value) {
  const next = new URLSearchParams(params);
  next.delete("page");
  next.delete(name);
  for (const one of [].concat(value ?? [])) next.append(name, one);
  return next;
}

function toggled(params, dimension, value) {
  if (dimension === "year") {
    const on = params.get("yearFrom") === value && params.get("yearTo") === value;
    return withParam(withParam(params, "yearFrom", on ? null : value), "yearTo", on ? null : value);
  }
  const values = params.getAll(dimension);
  return withParam(params, dimension, values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);
}

function facetList(params, facets) {
  const groups = [];
  for (const dimension of ["type", "language", "year", "country", "topic", "collection"]) {
    const values = (facets?.[dimension] || []).slice(0, 8);
    if (!values.length) continue;
    const id = "facet-" + dimension;
    groups.push(
      el(
        "div",
        { class: "facet" },
        el("h3", { id }, t("facet." + dimension)),
        el(
          "ul",
          { "aria-labelledby": id },
          values.map(({ value, count }) => {
            const on =
              dimension === "year"
                ? params.get("yearFrom") === value && params.get("yearTo") === value
                : params.getAll(dimension).includes(value);
            return el(
              "li",
              null,
              el(
                "a",
                { href: link("/search", toggled(params, dimension, value)), "aria-current": on ? "true" : null, class: on ? "on" : null },
                el("span", { class: "check", "aria-hidden": "true" }, on ? "✓ " : ""),
                facetLabel(dimension, value),
                el("span", { class: "count" }, " (" + number(count) + ")"),
                on ? el("span", { class: "sr-only" }, " – " + t("facet.remove")) : null,
              ),
            );
          }),
        ),
      ),
    );
  }
  return groups;
}

function yearForm(params) {
  const from = el("input", { id: "yearFrom", name: "yearFrom", type: "number", min: "0", max: "9999", inputmode: "numeric", value: params.get("yearFrom") || "" });
  const to = el("input", { id: "yearTo", name: "yearTo", type: "number", min: "0", max: "9999", inputmode: "numeric", value: params.get("yearTo") || "" });
  return el(
    "form",
    {
      class: "years",
      onsubmit: (e) => {
        e.preventDefault();
        go("/search", withParam(withParam(params, "yearFrom", from.value || null), "yearTo", to.value || null));
      },
    },
    el(
      "fieldset",
      null,
      el("legend", null, t("facet.years")),
      el("label", { for: "yearFrom" }, t("facet.from")),
      from,
      el("label", { for: "yearTo" }, t("facet.to")),
      to,
      el("button", { type: "submit", class: "secondary" }, t("facet.apply")),
    ),
  );
}

function activeFilters(params) {
  const chips = [];
  for (const dimension of FILTERS) {
    for (const value of params.getAll(dimension)) {
      chips.push([t("facet.chip", { name: t("facet." + dimension), value: facetLabel(dimension, value) }), toggled(params, dimension, value)]);
    }
  }
  const from = params.get("yearFrom");
  const to = params.get("yearTo");
  if (from || to) {
    const years = from === to ? from : (from || "…") + "–" + (to || "…");
    chips.push([t("facet.chip", { name: t("facet.year"), value: years }), withParam(withParam(params, "yearFrom", null), "yearTo", null)]);
  }
  if (!chips.length) return null;
  const none = new URLSearchParams();
  if (params.get("q")) none.set("q", params.get("q"));
  return el(
    "div",
    { class: "chips" },
    el("span", null, t("results.filters")),
    chips.map(([label, next]) =>
      el("a", { class: "chip", href: link("/search", next) }, label, el("span", { "aria-hidden": "true" }, " ✕"), el("span", { class: "sr-only" }, " – " + t("facet.remove"))),
    ),
    chips.length > 1 ? el("a", { href: link("/search", none) }, t("results.clearFilters")) : null,
  );
}

function pagination(params, page, total) {
  const last = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGES);
  if (last <= 1) return null;
  const items = [];
  const add = (number, label, rel) =>
    items.push(
      el(
        "li",
        null,
        number === page
          ? el("a", { "aria-current": "page", href: link("/search", withParam(params, "page", number > 1 ? String(number) : null)) }, label)
          : el("a", { rel, href: link("/search", withParam(params, "page", number > 1 ? String(number) : null)) }, label),
      ),
    );
  if (page > 1) add(page - 1, t("results.previous"), "prev");
  const shown = new Set([1, last, page - 2, page - 1, page, page + 1, page + 2]);
  let previous = 0;
  for (let n = 1; n <= last; n++) {
    if (!shown.has(n)) continue;
    if (n - previous > 1) items.push(el("li", { "aria-hidden": "true" }, "…"));
    add(n, number(n));
    previous = n;
  }
  if (page < last) add(page + 1, t("results.next"), "next");
  return el("nav", { class: "pager", "aria-label": t("results.pagination") }, el("ul", null, items));
}

function hitItem(hit) {
  const docLang = langOf(hit.language);
  return el(
    "li",
    { class: "hit" },
    el("h3", null, el("a", { href: "#/documents/" + hit.id, lang: docLang }, hit.title || t("doc.untitled"))),
    metaLine(hit),
    hit.pages?.length
      ? el(
          "ul",
          { class: "pages" },
          hit.pages.map((p) =>
            el("li", null, el("a", { class: "page-link", href: p.url }, t("results.page", { n: p.page })), " ", snippet(p.snippet, docLang)),
          ),
        )
      : null,
  );
}

function emptyState(params, q, didYouMean) {
  const filtered = [...FILTERS, "yearFrom", "yearTo"].some((name) => params.get(name));
  const none = new URLSearchParams();
  if (q) none.set("q", q);
  return el(
    "div",
    { class: "empty" },
    el("p", null, q ? t("results.noneFor", { q }) : t("results.none")),
    el(
      "ul",
      null,
      didYouMean ? null : el("li", null, t("results.tipSpelling")),
      filtered ? el("li", null, el("a", { href: link("/search", none) }, t("results.tipFilters"))) : null,
      el("li", null, t("results.tipFewer")),
      el("li", null, el("a", { href: "#/collections" }, t("results.tipCollections"))),
    ),
  );
}

async function results({ main, params, signal }) {
  const q = params.get("q") || "";
  const page = Math.min(Math.max(1, parseInt(params.get("page"), 10) || 1), MAX_PAGES);
  const sort = params.get("sort") === "newest" ? "newest" : "relevance";
  setTitle(q ? t("results.titleFor", { q }) : t("results.title"));
  const scope = Object.fromEntries([...FILTERS, "yearFrom", "yearTo", "sort"].map((name) => [name, params.getAll(name)]));
  const status = el("p", { class: "status" }, t("results.searching"));
  const heading = el("h1", { tabindex: "-1" }, q ? t("results.headingFor", { q }) : t("results.heading"));
  main.append(searchForm({ q, scope }), heading, status);

  const query = new URLSearchParams();
  query.set("q", q);
  for (const name of [...FILTERS, "yearFrom", "yearTo"]) for (const value of params.getAll(name)) query.append(name, value);
  query.set("sort", sort);
  query.set("page", String(page));
  query.set("size", String(PAGE_SIZE));
  let response;
  try {
    response = await api("api/search?" + query, { signal });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    status.replaceWith(errorBox(error, () => route()));
    announce(t("results.failed"));
    return;
  }
  status.textContent = t("results.count", { n: response.total });
  const sorts = el(
    "p",
    { class: "sort" },
    t("results.sort") + " ",
    ["relevance", "newest"].map((option, i) => [
      i ? " · " : "",
      el("a", { href: link("/search", withParam(params, "sort", option === "relevance" ? null : option)), "aria-current": option === sort ? "true" : null }, t("results.sort." + option)),
    ]),
  );
  const didYouMean = response.didYouMean
    ? el("p", { class: "dym" }, t("results.didYouMean") + " ", el("a", { href: link("/search", withParam(params, "q", response.didYouMean)) }, response.didYouMean), t("results.didYouMeanEnd"))
    : null;
  const list = response.hits.length
    ? el("ol", { class: "hits", start: String((page - 1) * PAGE_SIZE + 1) }, response.hits.map(hitItem))
    : emptyState(params, q, response.didYouMean);
  const facets = el("div", { class: "facets" });
  const drawFacets = () =>
    fill(
      facets,
      el("h2", null, t("results.refine")),
      activeFilters(params),
      facetList(params, response.facets),
      response.total || params.get("yearFrom") || params.get("yearTo") ? yearForm(params) : null,
    );
  drawFacets();
  // The results come first in reading and tabbing order; the filters follow them (beside them on a wide screen).
  main.append(
    el(
      "div",
      { class: "layout" },
      el(
        "div",
        { class: "list" },
        el("h2", { class: "sr-only" }, t("results.list")),
        didYouMean,
        response.hits.length ? sorts : null,
        list,
        pagination(params, page, response.total),
      ),
      facets,
    ),
  );
  announce(t("results.count", { n: response.total }));
  performance.mark("results-rendered");
  // Collections are named by their slugs until their titles arrive: the results do not wait for them.
  if ((response.facets?.collection?.length || params.get("collection")) && !collectionTitles) {
    try {
      const { items } = await api("api/collections", { signal });
      collectionTitles = new Map(items.map((c) => [c.slug, localized(c.title)]));
      drawFacets();
    } catch (error) {
      if (error.name === "AbortError") throw error;
      // The slugs stay.
    }
  }
}

// ---------------------------------------------------------------- header and router

export function drawHeader() {
  const current = (location.hash.slice(1) || "/").split("?")[0];
  const item = (href, key, section) =>
    el("li", null, el("a", { href, "aria-current": current.startsWith(section) ? "page" : null }, t(key)));
  const items = [item("#/collections", "nav.collections", "/collections")];
  if (atLeast("contributor")) items.push(item("#/upload", "nav.upload", "/upload"), item("#/dashboard", "nav.dashboard", "/dashboard"));
  if (atLeast("admin")) items.push(item("#/admin", "nav.admin", "/admin"));
  if (signedIn()) {
    items.push(
      el(
        "li",
        null,
        el(
          "a",
          { href: "#/account", class: "who", "aria-current": current.startsWith("/account") ? "page" : null },
          account?.displayName || t("nav.account"),
        ),
        el("button", { type: "button", class: "link", onclick: signOut }, t("nav.signOut")),
      ),
    );
  } else {
    const next = current.startsWith("/signin") ? null : location.hash.slice(1) || null;
    items.push(el("li", null, el("a", { href: link("/signin", { next }), "aria-current": current.startsWith("/signin") ? "page" : null }, t("nav.signIn"))));
  }
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t("nav.label"));
  nav.replaceChildren(el("ul", null, items));
  const other = lang === "fr" ? "en" : "fr";
  const switcher = document.getElementById("lang");
  switcher.textContent = messages[other]["lang.name"];
  switcher.setAttribute("lang", other);
  switcher.setAttribute("title", messages[other]["lang.switch"]);
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  drawHeader();
}

const lazy = (name) => () => import("./pages/" + name + ".js").then((module) => module.render);
const ROUTES = [
  [/^\/$/, () => home],
  [/^\/search$/, () => results],
  [/^\/documents\/([^/]+)$/, lazy("document")],
  [/^\/collections$/, lazy("collections")],
  [/^\/collections\/([^/]+)$/, lazy("collection")],
  [/^\/upload$/, lazy("upload")],
  [/^\/dashboard$/, lazy("dashboard")],
  [/^\/signin$/, lazy("signin")],
  [/^\/account$/, lazy("account")],
  [/^\/admin$/, lazy("admin")],
  [/^\/signed-in$/, () => signedInPage],
  [/^/, () => notFound],
];

/**
 * Where an external provider's sign-in ends: the portal's own tokens in the fragment (never sent to a server), taken
 * out of the address bar and the history at once; or the reason it failed.
 */
async function signedInPage({ main, params }) {
  setTitle(t("signin.title"));
  history.replaceState(null, "", location.pathname + "#/signed-in");
  const error = params.get("error");
  if (error || !params.get("access_token")) {
    const key = "signin.error." + error;
    main.append(
      el("h1", { tabindex: "-1" }, t("signin.title")),
      el("div", { class: "error", role: "alert" }, el("p", null, key in messages[lang] ? t(key) : t("signin.error.sign-in-failed"))),
      el("p", null, el("a", { href: "#/signin" }, t("signin.again"))),
    );
    return;
  }
  keepTokens({ access_token: params.get("access_token"), refresh_token: params.get("refresh_token"), expires_in: params.get("expires_in") });
  await loadAccount();
  announce(t("signin.done"));
  location.replace(location.pathname + "#/");
}

function notFound({ main }) {
  setTitle(t("notFound.title"));
  main.append(el("h1", { tabindex: "-1" }, t("notFound.title")), el("p", null, t("notFound.text"), " ", el("a", { href: "#/" }, t("notFound.home"))));
}

let renders = 0;
let controller = null;

/** Shows the page the location's hash names; a newer navigation cancels the render of an older one. */
export async function route({ focus = true } = {}) {
  const hash = location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
  const split = hash.indexOf("?");
  const path = split < 0 ? hash : hash.slice(0, split);
  const params = new URLSearchParams(split < 0 ? "" : hash.slice(split + 1));
  const [pattern, load] = ROUTES.find(([regex]) => regex.test(path));
  const args = path.match(pattern).slice(1).map(decodeURIComponent);
  const mine = ++renders;
  controller?.abort();
  controller = new AbortController();
  const main = document.getElementById("main");
  main.setAttribute("aria-busy", "true");
  drawHeader();
  try {
    const render = await load();
    if (mine !== renders) return;
    const early = main.querySelector("#q0");
    const typing = early != null && document.activeElement === early;
    main.replaceChildren();
    window.scrollTo(0, 0);
    const rendering = render({ main, params, args, signal: controller.signal });
    if (early) keepTyping(early, typing, main);
    // Focus goes to the new page's heading, so that a keyboard or screen reader user starts there: at once when the
    // page shows it at once, else as soon as it appears, unless the user has put the focus somewhere meanwhile.
    if (focus) focusHeading(main, () => mine === renders, rendering);
    await rendering;
  } catch (error) {
    if (error.name === "AbortError" || mine !== renders) return;
    main.replaceChildren(el("h1", { tabindex: "-1" }, t("error.title")), errorBox(error, () => route()));
  } finally {
    if (mine === renders) {
      main.removeAttribute("aria-busy");
      // Which route the content shows, for whoever waits for a page (the browser tests).
      main.dataset.shown = location.hash;
    }
  }
}

/** Moves what was typed in the page shell's search box, before the script arrived, into the page's own box. */
function keepTyping(early, typing, main) {
  const box = main.querySelector("input[name=q]");
  if (!box || !early.value) return;
  if (!box.value) box.value = early.value;
  if (typing) {
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }
}

function focusHeading(main, current, rendering) {
  const heading = main.querySelector("h1");
  if (heading) return heading.focus();
  const observer = new MutationObserver(() => {
    const shown = main.querySelector("h1");
    if (!shown) return;
    observer.disconnect();
    if (current() && (!document.activeElement || document.activeElement === document.body)) shown.focus();
  });
  observer.observe(main, { childList: true, subtree: true });
  // Stops watching once the page is rendered, or failed to (route shows that failure).
  rendering.then(
    () => observer.disconnect(),
    () => observer.disconnect(),
  );
}

function start() {
  // An old bookmark (/?q=…) opens the results page.
  const legacy = new URLSearchParams(location.search).get("q");
  if (legacy != null && !location.hash.startsWith("#/")) history.replaceState(null, "", location.pathname + link("/search", { q: legacy }));
  applyLanguage();
  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "fr" ? "en" : "fr";
    store("localStorage", "portal.lang", lang);
    applyLanguage();
    route({ focus: false });
    announce(t("lang.changed"));
  });
  document.querySelector(".skip").addEventListener("click", (e) => {
    e.preventDefault();
    document.getElementById("main").focus();
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === "" || location.hash.startsWith("#/")) route();
  });
  if (auth) loadAccount();
  route({ focus: false });
}

start();
