// The results page: each hit with its best pages and their snippets, facets and a year range, removable filters,
// sort, pagination, did-you-mean, and empty and error states that say what to try. A French query also finds English
// documents and the reverse: the query's translation is shown, and each hit in the other language says so.
import * as api from "../api.js";
import { announce, el, errorBox, fill, metaLine, setTitle, snippet } from "../dom.js";
import { countryName, lang, langOf, languageName, localized, number, t, typeName } from "../i18n.js";
import { go, link, route } from "../router.js";
import { searchForm } from "../search-box.js";
import { documentHref, signedIn } from "../session.js";

const PAGE_SIZE = 10;
// Search pages by number up to page × size = 10000 (the API's bound); deeper, a reader refines the query instead.
const MAX_PAGES = 10000 / PAGE_SIZE;
// Facets whose values are codes of the server's vocabularies (vocabularies.js): shown once their labels are there.
const CODED = ["design", "health", "population", "setting", "intervention"];
const FILTERS = ["type", "language", "country", "topic", "collection", ...CODED];
const FACETS = ["type", "design", "language", "year", "health", "population", "setting", "intervention", "country", "topic", "collection"];
// Longer queries are shortened in the heading and title.
const HEADING_QUERY = 80;

let collectionTitles = null;
// The vocabularies' labels, {vocabularies, label} once loaded (loaded after the hits are shown, never before them).
let coded = null;

function facetLabel(dimension, value) {
  if (dimension === "type") return typeName(value);
  if (dimension === "language") return languageName(value);
  if (dimension === "country") return countryName(value);
  if (dimension === "collection") return collectionTitles?.get(value)?.text || value;
  if (coded && CODED.includes(dimension)) return coded.label(coded.vocabularies, dimension, value).text;
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
  for (const dimension of FACETS) {
    const values = (facets?.[dimension] || []).slice(0, 8);
    if (!values.length || (CODED.includes(dimension) && !coded)) continue;
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

/** A hit: title (marked when not in the query's language), meta line, its work's other languages, best pages first. */
function hitItem(hit, queryLanguage) {
  // A partial match: the words it lacks.
  const missing = hit.missingWords?.length
    ? el(
        "p",
        { class: "missing" },
        t("results.missing") + " ",
        hit.missingWords.map((word, i) => [i ? ", " : "", el("s", null, word)]),
      )
    : null;
  const docLang = langOf(hit.language);
  // Found in the query's other language (its translation): said in words, read out, not only hinted by the lang.
  const elsewhere = queryLanguage && docLang && docLang !== queryLanguage;
  return el(
    "li",
    { class: "hit" },
    el(
      "h3",
      null,
      el("a", { href: documentHref(hit), lang: docLang }, hit.title || t("doc.untitled")),
      elsewhere ? el("span", { class: "badge other-lang" }, t("results.inLanguage", { language: languageName(docLang) })) : null,
    ),
    metaLine(hit),
    alsoIn(hit.translations),
    missing,
    hit.pages?.length
      ? el(
          "ul",
          { class: "pages" },
          hit.pages.map((p) =>
            el(
              "li",
              null,
              // The light page view, not the file at #page=N: a few KB, and a phone without a PDF viewer loses #page=N.
              el(
                "a",
                { class: "page-link", href: p.view || p.url, "aria-label": t("results.pageOf", { n: p.page, title: hit.title || t("doc.untitled") }) },
                t("results.page", { n: p.page }),
              ),
              p.ocr ? [" ", el("abbr", { class: "badge ocr", title: t("results.ocr") }, "OCR")] : null,
              " ",
              snippet(p.snippet, docLang),
            ),
          ),
        )
      : null,
  );
}

export const alsoIn = (list) => list?.[0] && el("p", { class: "translations" }, list.map((o) => [" ", el("a", { href: documentHref(o), hreflang: o.language }, t("results.inLanguage", { language: languageName(o.language) }))]));

/** "Also searched in English: severe malaria child", so that a reader sees why results in the other language appear. */
function alsoSearched({ queryLanguage, translatedQuery }) {
  const into = { fr: "en", en: "fr" }[queryLanguage];
  if (!translatedQuery || !into) return null;
  return el("p", { class: "also" }, t("results.alsoSearched", { language: languageName(into) }) + " ", el("span", { lang: into }, translatedQuery));
}

/** The query cut at a word past HEADING_QUERY characters. */
function shortQuery(q) {
  if (q.length <= HEADING_QUERY) return q;
  const cut = q.slice(0, HEADING_QUERY);
  const space = cut.lastIndexOf(" ");
  return (space > HEADING_QUERY / 2 ? cut.slice(0, space) : cut).trimEnd() + "…";
}

/** What to try when nothing matches, for the query typed. */
function emptyState(params, q, didYouMean) {
  const filtered = [...FILTERS, "yearFrom", "yearTo"].some((name) => params.get(name));
  const none = new URLSearchParams();
  if (q) none.set("q", q);
  const words = q.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const syntax =
    /["*~]|(^|\s)[+-]\S|\b(AND|OR|NOT)\b/.test(q) || /\b(title|author|keyword|type|language|year|country|topic|collection|doi|design|health|population|setting|intervention):/i.test(q);
  return el(
    "div",
    { class: "empty" },
    el("p", null, q ? t("results.noneFor", { q: shortQuery(q) }) : t("results.none")),
    q
      ? el(
          "ul",
          null,
          didYouMean ? null : el("li", null, t("results.tipSpelling")),
          filtered ? el("li", null, el("a", { href: link("/search", none) }, t("results.tipFilters"))) : null,
          syntax ? el("li", null, t("results.tipSyntax")) : null,
          !syntax && words.length === 1 ? el("li", null, t("results.tipBroader")) : null,
          !syntax && words.length > 3 ? el("li", null, t("results.tipFewer")) : null,
          el("li", null, el("a", { href: "#/collections" }, t("results.tipCollections"))),
        )
      : null,
  );
}

function filterCount(params) {
  return FILTERS.reduce((n, name) => n + params.getAll(name).length, 0) + (params.get("yearFrom") || params.get("yearTo") ? 1 : 0);
}

/** "Within the collection X ✕" above the hits, removable. */
function scopeLine(params) {
  const slugs = params.getAll("collection");
  if (!slugs.length) return null;
  return el(
    "p",
    { class: "scope chips" },
    slugs.map((slug) =>
      el(
        "a",
        { class: "chip", href: link("/search", toggled(params, "collection", slug)) },
        t("results.scope", { collection: facetLabel("collection", slug) }),
        el("span", { "aria-hidden": "true" }, " ✕"),
        el("span", { class: "sr-only" }, " – " + t("results.scopeRemove")),
      ),
    ),
  );
}

/** A page past the last one says so and offers the last. */
function pastTheEnd(params, total) {
  const last = Math.min(Math.ceil(total / PAGE_SIZE), MAX_PAGES);
  return el(
    "div",
    { class: "empty" },
    el("p", null, t("results.pastEnd", { last: number(last) })),
    el("p", null, el("a", { href: link("/search", withParam(params, "page", last > 1 ? String(last) : null)) }, t("results.lastPage", { n: number(last) }))),
  );
}

/** The hits; partial matches after full ones get their own list and heading. */
function hitLists(hits, page, queryLanguage) {
  const first = (page - 1) * PAGE_SIZE + 1;
  const split = hits.findIndex((hit) => hit.missingWords?.length);
  const list = (part, start) => el("ol", { class: "hits", start: String(start) }, part.map((hit) => hitItem(hit, queryLanguage)));
  if (split <= 0) return list(hits, first);
  return [
    list(hits.slice(0, split), first),
    el("h2", { class: "partial-heading" }, t("results.partialHeading")),
    list(hits.slice(split), first + split),
  ];
}

export async function render({ main, params, signal }) {
  const q = params.get("q") || "";
  const page = Math.min(Math.max(1, parseInt(params.get("page"), 10) || 1), MAX_PAGES);
  const sort = ["relevance", "newest"].includes(params.get("sort")) ? params.get("sort") : q.trim() ? "relevance" : "newest";
  setTitle(q ? t("results.titleFor", { q: shortQuery(q) }) : t("results.title"));
  const scope = Object.fromEntries([...FILTERS, "yearFrom", "yearTo", "sort"].map((name) => [name, params.getAll(name)]));
  const status = el("p", { class: "status" }, t("results.searching"));
  const heading = el("h1", { tabindex: "-1", title: q.length > HEADING_QUERY ? q : null }, q ? t("results.headingFor", { q: shortQuery(q) }) : t("results.heading"));
  const scopeHolder = el("div", { class: "scope-holder" }, scopeLine(params));
  main.append(searchForm({ q, scope }), heading, scopeHolder, status);

  const query = new URLSearchParams();
  query.set("q", q);
  for (const name of [...FILTERS, "yearFrom", "yearTo"]) for (const value of params.getAll(name)) query.append(name, value);
  query.set("sort", sort);
  query.set("page", String(page));
  query.set("size", String(PAGE_SIZE));
  // The interface language decides how a query is read when its words do not ("cancer" is French and English).
  query.set("lang", lang);
  let response;
  try {
    response = await api.search(query, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    status.replaceWith(errorBox(error, () => route()));
    announce(t("results.failed"));
    return;
  }
  const past = !response.hits.length && response.total > 0;
  const onlyPartial = page === 1 && response.hits[0]?.missingWords?.length > 0;
  const count = past ? "" : onlyPartial ? t("results.countPartial", { n: response.total }) : t("results.count", { n: response.total });
  status.textContent = count;
  const sorts = el(
    "p",
    { class: "sort" },
    t("results.sort") + " ",
    ["relevance", "newest"].map((option, i) => [
      i ? " · " : "",
      el("a", { href: link("/search", withParam(params, "sort", option)), "aria-current": option === sort ? "true" : null }, t("results.sort." + option)),
    ]),
  );
  const didYouMean = response.didYouMean
    ? el("p", { class: "dym" }, t("results.didYouMean") + " ", el("a", { href: link("/search", withParam(params, "q", response.didYouMean)) }, response.didYouMean), t("results.didYouMeanEnd"))
    : null;
  const list = response.hits.length
    ? hitLists(response.hits, page, response.queryLanguage)
    : past
      ? pastTheEnd(params, response.total)
      : emptyState(params, q, response.didYouMean);
  const facets = el("div", { class: "facets", id: "facets" });
  const layout = el("div", { class: "layout" });
  // On a narrow screen the filters open from this button at the top.
  const active = filterCount(params);
  const toggle = el(
    "button",
    {
      type: "button",
      class: "secondary filters-toggle",
      "aria-controls": "facets",
      "aria-expanded": "false",
      onclick: () => {
        const open = layout.classList.toggle("filters-open");
        toggle.setAttribute("aria-expanded", String(open));
      },
    },
    active ? t("results.filtersButtonOn", { n: number(active) }) : t("results.filtersButton"),
  );
  const drawFacets = () =>
    fill(
      facets,
      el("h2", null, t("results.refine")),
      activeFilters(params),
      facetList(params, response.facets),
      response.total || params.get("yearFrom") || params.get("yearTo") ? yearForm(params) : null,
      // The health topics' labels are another's work, used under its licence: said where they are shown.
      coded?.vocabularies.sources?.health && response.facets?.health?.length ? el("p", { class: "help" }, t("vocab.healthSource", { source: coded.vocabularies.sources.health })) : null,
    );
  drawFacets();
  // The results come first in reading and tabbing order; the filters follow them (beside them on a wide screen).
  main.append(
    response.total || active ? toggle : null,
    fill(
      layout,
      el(
        "div",
        { class: "list" },
        el("h2", { class: "sr-only" }, t("results.list")),
        didYouMean,
        alsoSearched(response),
        response.hits.length ? sorts : null,
        list,
        pagination(params, page, response.total),
      ),
      facets,
    ),
  );
  // A signed-in reader may save the search (its module is loaded for them only).
  if (signedIn()) {
    const { saveSearchForm } = await import("./saved-searches.js");
    layout.before(saveSearchForm(params));
  }
  announce(past ? t("results.pastEnd", { last: number(Math.min(Math.ceil(response.total / PAGE_SIZE), MAX_PAGES)) }) : count);
  performance.mark("results-rendered");
  // Coded facets wait for their labels, and chips show codes until then: the results do not wait for them.
  if (!coded && CODED.some((name) => response.facets?.[name]?.length || params.get(name))) {
    try {
      const { vocabularies, label } = await import("../vocabularies.js");
      coded = { vocabularies: await vocabularies(), label };
      drawFacets();
    } catch (error) {
      if (error.name === "AbortError") throw error;
      // Without labels the coded facets stay hidden and their chips show codes.
    }
  }
  // Collections are named by their slugs until their titles arrive: the results do not wait for them.
  if ((response.facets?.collection?.length || params.get("collection")) && !collectionTitles) {
    try {
      const { items } = await api.collections(signal);
      collectionTitles = new Map(items.map((c) => [c.slug, localized(c.title)]));
      drawFacets();
      fill(scopeHolder, scopeLine(params));
    } catch (error) {
      if (error.name === "AbortError") throw error;
      // The slugs stay.
    }
  }
  // The results travel as an offline pack: its button's module is loaded once they are shown.
  if (response.total) {
    const { packControl } = await import("../pack-download.js");
    layout.after(packControl(t("pack.downloadResults"), (s) => api.searchPack(params, s), "search-pack.zip", signal));
  }
}
