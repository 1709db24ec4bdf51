// The home page: the search box, browsing, the latest publications and the featured collections.
import * as api from "../api.js";
import { collectionCard, el, errorBox, metaLine, setTitle } from "../dom.js";
import { countryName, lang, langOf, number, t, typeName } from "../i18n.js";
import { link } from "../router.js";
import { searchForm } from "../search-box.js";
import { documentHref } from "../session.js";

export async function render({ main, signal }) {
  setTitle("");
  const featured = el("section", { "aria-labelledby": "featured-h" }, el("h2", { id: "featured-h" }, t("home.featured")));
  const latest = el("section", { "aria-labelledby": "latest-h" }, el("h2", { id: "latest-h" }, t("home.latest")));
  const browse = el("section", { "aria-labelledby": "browse-h", class: "browse" }, el("h2", { id: "browse-h" }, t("home.browse")));
  main.append(
    el("h1", { tabindex: "-1" }, t("home.heading")),
    el("p", { class: "lead" }, t("home.lead")),
    searchForm({ big: true }),
    browse,
    el("div", { class: "columns" }, latest, featured),
  );
  const [collections, documents, counts] = await Promise.allSettled([
    api.featuredCollections(signal),
    api.documents({ status: "published", size: 5 }, signal),
    api.search({ size: 1, pages: 0, fields: "facets", lang }, signal),
  ]);
  if (signal.aborted) return;
  if (counts.status === "fulfilled") browse.append(...browseBy(counts.value.facets || {}));
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
                el("a", { href: documentHref(doc), lang: langOf(doc.language) }, doc.title || t("doc.untitled")),
                metaLine(doc),
              ),
            ),
          )
        : el("p", null, t("home.noLatest")),
    );
  } else latest.append(errorBox(documents.reason));
}

function browseBy(facets) {
  const name = { type: typeName, country: countryName, topic: (value) => value };
  return ["type", "country", "topic"]
    .filter((dimension) => facets[dimension]?.length)
    .map((dimension) =>
      el(
        "div",
        null,
        el("h3", { id: "browse-" + dimension }, t("facet." + dimension)),
        el(
          "ul",
          { "aria-labelledby": "browse-" + dimension },
          facets[dimension].slice(0, 8).map(({ value, count }) => el("li", null, el("a", { href: link("/search", { [dimension]: value }) }, name[dimension](value)), " (" + number(count) + ")")),
        ),
      ),
    );
}
