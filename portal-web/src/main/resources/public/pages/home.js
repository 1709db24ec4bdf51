// The home page: the search box, the latest publications and the featured collections.
import * as api from "../api.js";
import { collectionCard, el, errorBox, metaLine, setTitle } from "../dom.js";
import { langOf, t } from "../i18n.js";
import { searchForm } from "../search-box.js";
import { documentHref } from "../session.js";

export async function render({ main, signal }) {
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
    api.featuredCollections(signal),
    api.documents({ status: "published", size: 5 }, signal),
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
                el("a", { href: documentHref(doc), lang: langOf(doc.language) }, doc.title || t("doc.untitled")),
                metaLine(doc),
              ),
            ),
          )
        : el("p", null, t("home.noLatest")),
    );
  } else latest.append(errorBox(documents.reason));
}
