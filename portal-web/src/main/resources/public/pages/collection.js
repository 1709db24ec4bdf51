// One collection: its description and curators, its documents in the curators' order with their notes, and a search
// within it (the results page with the collection as a filter).
import * as api from "../api.js";
import { add, el, errorBox, metaLine, setTitle } from "../dom.js";
import { date, langOf, localized, t } from "../i18n.js";
import { route } from "../router.js";
import { searchForm } from "../search-box.js";
import { packControl } from "../pack-download.js";
import { atLeast, documentHref } from "../session.js";

export async function render({ main, args: [slug], signal }) {
  let collection;
  try {
    collection = await api.collection(slug, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    const missing = error.status === 404;
    setTitle(missing ? t("collection.notFound") : t("error.title"));
    main.append(el("h1", { tabindex: "-1" }, missing ? t("collection.notFound") : t("error.title")), missing ? el("p", null, el("a", { href: "#/collections" }, t("collections.all"))) : errorBox(error, () => route()));
    return;
  }
  const title = localized(collection.title);
  const description = localized(collection.description);
  setTitle(title.text);
  const curators = (collection.curators || []).map((c) => c.displayName).filter(Boolean);
  add(
    main,
    el("p", { class: "meta" }, el("a", { href: "#/collections" }, t("collections.all"))),
    el("h1", { tabindex: "-1", lang: title.lang }, title.text),
    description.text ? el("p", { class: "lead", lang: description.lang }, description.text) : null,
    el(
      "p",
      { class: "meta" },
      [
        t("collections.items", { n: collection.itemCount ?? collection.items?.length ?? 0 }),
        curators.length ? t("collection.curators", { names: curators.join(", ") }) : null,
        collection.updatedAt ? t("collection.updated", { date: date(collection.updatedAt) }) : null,
        collection.visibility === "private" ? t("collections.private") : null,
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    searchForm({ scope: { collection: collection.slug }, label: t("collection.searchLabel", { title: title.text }) }),
    packControl(t("pack.download"), (s) => api.collectionPack(collection.slug, s), collection.slug + "-pack.zip", signal),
    el("h2", null, t("collection.documents")),
  );
  const items = (collection.items || []).slice().sort((a, b) => a.position - b.position);
  const nodes = items.map(({ document: doc, note }) =>
    el(
      "li",
      { class: "hit" },
      el("h3", null, el("a", { href: documentHref(doc), lang: langOf(doc.language) }, doc.title || t("doc.untitled"))),
      metaLine(doc),
      note ? el("p", { class: "note" }, el("strong", null, t("collection.note")), " ", note) : null,
    ),
  );
  main.append(items.length ? el("ol", { class: "hits" }, nodes) : el("p", null, t("collection.empty")));
  // Only curators load the curating tools: a reader's first visit stays as light as it was.
  if (atLeast("curator")) {
    const curate = await import("./curate.js");
    if (await curate.curates(collection)) main.append(curate.curateCollection(collection, nodes));
  }
}
