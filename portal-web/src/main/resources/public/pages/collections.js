// The list of collections: curated, ordered sets of documents (featured ones first).
import * as api from "../api.js";
import { collectionCard, el, errorBox, setTitle } from "../dom.js";
import { t } from "../i18n.js";
import { route } from "../router.js";
import { atLeast } from "../session.js";

export async function render({ main, signal }) {
  setTitle(t("collections.title"));
  main.append(el("h1", { tabindex: "-1" }, t("collections.title")), el("p", { class: "lead" }, t("collections.lead")));
  // Only curators load the curating tools: a reader's first visit stays as light as it was.
  if (atLeast("curator")) main.append((await import("./curate.js")).newCollectionForm());
  let answer;
  try {
    answer = await api.collections(signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    main.append(errorBox(error, () => route()));
    return;
  }
  const items = (answer.items || []).slice().sort((a, b) => Number(b.featured) - Number(a.featured));
  main.append(items.length ? el("ul", { class: "cards" }, items.map(collectionCard)) : el("p", null, t("collections.none")));
}
