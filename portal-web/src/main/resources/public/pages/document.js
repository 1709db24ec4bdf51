// A document's page: what it is, its file, how to cite it, its versions, collections and related documents, and the
// workflow actions the API says the viewer may take now.
import * as api from "../api.js";
import { add, announce, el, errorBox, fill, metaLine, setTitle } from "../dom.js";
import { bytes, countryName, date, failureText, langOf, languageName, localized, number, t, typeName } from "../i18n.js";
import { go, link, route } from "../router.js";
import { account, atLeast, documentHref, signedIn } from "../session.js";
import { CODE_FIELDS, FREE_FIELDS, label, vocabularies } from "../vocabularies.js";
import { alsoIn } from "./results.js";

export async function render({ main, args: [id], signal }) {
  let doc;
  try {
    doc = await api.documentView(id, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    // A malformed id (400) is not found either.
    const missing = error.status === 404 || error.status === 400;
    setTitle(missing ? t("doc.notFound") : t("error.title"));
    main.append(
      el("h1", { tabindex: "-1" }, missing ? t("doc.notFound") : t("error.title")),
      missing
        ? el("p", null, t("doc.notFoundText"), signedIn() ? null : [" ", el("a", { href: link("/signin", { next: "/documents/" + id }) }, t("doc.signInToSee"))])
        : errorBox(error, () => route()),
    );
    return;
  }
  const docLang = langOf(doc.language);
  setTitle(doc.title || t("doc.untitled"));
  add(main, banners(doc), el("h1", { tabindex: "-1", lang: docLang }, doc.title || t("doc.untitled")), metaLine({ authors: doc.authors }), alsoIn(doc.translations));
  const file = doc.file;
  if (file && doc.status !== "withdrawn") {
    const pdf = file.mediaType === "application/pdf";
    main.append(
      el(
        "p",
        { class: "actions" },
        pdf ? el("a", { class: "button", href: api.inlineUrl(file) }, t("doc.openSize", { size: bytes(file.sizeBytes) })) : null,
        el("a", { class: pdf ? "button secondary" : "button", href: file.url, download: file.name || true }, t("doc.download", { size: bytes(file.sizeBytes) })),
      ),
    );
  }
  // The same words as the curators' list of documents read by OCR.
  if (doc.ocr) main.append(el("p", { class: "meta", id: "ocr" }, t("ocr.read", { pages: doc.ocr.pages, confidence: Math.round(doc.ocr.meanConfidence) })));
  if (file && doc.status !== "withdrawn" && file.extractionStatus === "indexed" && file.pageCount) {
    main.append(el("p", null, el("a", { href: api.pageView(doc.id, 1) }, t("doc.readPages"))));
  }
  const factList = el("dl", { class: "facts" }, facts(doc, null));
  main.append(factList);
  const usage = el("p", { class: "meta", id: "usage", hidden: true });
  main.append(usage);
  if (doc.abstract) main.append(el("h2", null, t("doc.abstract")), el("p", { class: "abstract", lang: docLang }, doc.abstract));
  if (doc.status !== "withdrawn") main.append(citeSection(doc));
  const collections = el("section", { hidden: true });
  main.append(collections);
  const versions = versionsSection(doc, signal);
  if (versions) main.append(versions);
  if (doc.actions?.length) main.append(manageSection(doc));
  const adding = el("div");
  const translating = el("div");
  main.append(adding, translating);
  // After an addition the list of collections is read again: the page shows what it now holds, without a reload.
  const added = () => collectionsOf(collections, { id: doc.id }, signal).catch(() => {});
  await Promise.all([labelled(factList, doc), collectionsOf(collections, doc, signal), related(main, doc, signal), curating(adding, doc, signal, added), translations(translating, doc, signal), usageOf(usage, doc, signal)]);
}

/** "12 views, 3 downloads this month · 40 views, 9 downloads in all"; nothing when the counts cannot be read. */
async function usageOf(slot, doc, signal) {
  let usage;
  try {
    usage = await api.documentUsage(doc.id, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    return;
  }
  const figures = (f) => ({ views: t("usage.views", { n: f.views }), downloads: t("usage.downloads", { n: f.downloads }) });
  slot.textContent = t("usage.thisMonth", figures(usage.thisMonth)) + " · " + t("usage.total", figures(usage.total));
  slot.hidden = false;
}

/** For curators: "Add to a collection" among those they curate (loaded only for them); `added` runs after each. */
async function curating(slot, doc, signal, added) {
  if (!atLeast("curator") || doc.status === "withdrawn") return;
  const { addToCollection } = await import("./curate.js");
  const section = await addToCollection(doc, signal, added);
  if (section) slot.replaceWith(section);
}

/** Linking translations, for a curator or the owner (loaded only for them). */
async function translations(slot, doc, signal) {
  const owner = doc.owner && doc.owner.id === account?.id && atLeast("contributor");
  if (!(atLeast("curator") || owner) || doc.status === "withdrawn") return;
  const { translationsPanel } = await import("./translations.js");
  slot.replaceWith(translationsPanel(doc, signal));
}

/** The collections holding the document that the viewer may know of, when it is in any. */
async function collectionsOf(section, doc, signal) {
  let refs = doc.collections;
  if (!refs) {
    try {
      refs = await api.documentCollections(doc.id, signal);
    } catch (error) {
      if (error.name === "AbortError") throw error;
      // Shown without them: the collections are a way on from the document, not part of it.
      return;
    }
  }
  if (!refs?.length) return;
  section.replaceChildren(
    el("h2", { id: "collections-h" }, t("doc.collections")),
    el(
      "ul",
      null,
      refs.map((c) => {
        const title = localized(c.title);
        return el("li", null, el("a", { href: "#/collections/" + encodeURIComponent(c.slug), lang: title.lang }, title.text || c.slug));
      }),
    ),
  );
  section.setAttribute("aria-labelledby", "collections-h");
  section.hidden = false;
}

function banners(doc) {
  const list = [];
  if (doc.reviewOverdueSince) {
    list.push(el("div", { class: "banner overdue", role: "note" }, el("p", null, el("strong", null, t("review.overdueBanner", { date: date(doc.reviewOverdueSince) })))));
  }
  if (doc.status === "withdrawn") {
    list.push(el("div", { class: "banner", role: "note" }, el("p", null, el("strong", null, t("doc.withdrawn")), " ", doc.withdrawnReason || "")));
  }
  const newer = doc.latestVersionId && doc.latestVersionId !== doc.id ? doc.latestVersionId : doc.supersededBy;
  if (newer) {
    list.push(el("div", { class: "banner", role: "note" }, el("p", null, t("doc.superseded"), " ", el("a", { href: "#/documents/" + newer }, t("doc.latest")))));
  }
  if (doc.status === "draft" || doc.status === "submitted") {
    list.push(el("div", { class: "banner info", role: "note" }, el("p", null, t("doc.status." + doc.status))));
  }
  if (doc.status === "draft" && doc.returnComment) {
    list.push(el("div", { class: "banner", role: "note" }, el("p", null, el("strong", null, t("doc.returned")), " ", doc.returnComment)));
  }
  const processing = doc.file?.extractionStatus;
  if (processing && processing !== "indexed" && doc.status !== "withdrawn") {
    list.push(
      el(
        "div",
        { class: processing === "failed" ? "error" : "banner info", role: "note" },
        el("p", null, t("status." + processing)),
        failureText(doc.file) ? el("p", null, failureText(doc.file)) : null,
      ),
    );
  }
  return list;
}

/**
 * The facts of `doc` as rows of a description list. The codes of the controlled vocabularies are shown only with
 * `vocabularies` (their labels), each linked to the search it filters; free text beside them is marked as such.
 */
function facts(doc, vocabularies) {
  const rows = [];
  const add = (key, ...value) => {
    if (value.some((v) => v != null && v !== "" && !(Array.isArray(v) && !v.length))) rows.push(el("dt", null, t(key)), el("dd", null, value));
  };
  const coded = (vocabulary) => {
    const codes = vocabularies ? [].concat(doc[CODE_FIELDS[vocabulary]] ?? []) : [];
    const free = FREE_FIELDS[vocabulary] ? doc[FREE_FIELDS[vocabulary]] || [] : [];
    const items = [
      ...codes.map((code) => {
        const name = label(vocabularies, vocabulary, code);
        return el("a", { href: link("/search", { [vocabulary]: code }), lang: name.lang }, name.text);
      }),
      // The free topics are searched by their own filter; the other free texts are not filters.
      ...free.map((text) => el("span", { class: "free" }, vocabulary === "health" ? el("a", { href: link("/search", { topic: text }) }, text) : text, " ", el("small", null, t("vocab.freeText")))),
    ];
    return items.map((item, i) => [i ? ", " : "", item]);
  };
  add("doc.date", date(doc.publicationDate));
  add("doc.type", doc.type && typeName(doc.type));
  add("doc.design", coded("design"));
  add("doc.language", doc.language && languageName(doc.language));
  add("doc.countries", (doc.countries || []).map(countryName).join(", "));
  add("doc.health", coded("health"));
  add("doc.populations", coded("population"));
  add("doc.settings", coded("setting"));
  add("doc.interventions", coded("intervention"));
  add("doc.doi", doc.doi && el("a", { href: "https://doi.org/" + doc.doi }, doc.doi));
  add("doc.license", doc.license);
  add("doc.effectiveDate", date(doc.effectiveDate));
  add("doc.reviewDueDate", date(doc.reviewDueDate));
  add("doc.version", doc.version != null ? number(doc.version) : null);
  if (doc.file) {
    add("doc.pages", doc.file.pageCount != null ? number(doc.file.pageCount) : null);
    add("doc.file", doc.file.name + " (" + bytes(doc.file.sizeBytes) + ")");
  }
  add("doc.owner", doc.owner?.displayName);
  add("doc.added", date(doc.createdAt));
  return rows;
}

/** Adds the rows of the controlled vocabularies to the facts once their labels are there, with the topics' source. */
async function labelled(list, doc) {
  if (!Object.values(CODE_FIELDS).some((field) => [].concat(doc[field] ?? []).length)) return;
  let all;
  try {
    all = await vocabularies();
  } catch {
    // Without labels the page shows what it has; the codes are not worth showing alone.
    return;
  }
  fill(list, facts(doc, all));
  if (doc.healthTopics?.length && all.sources?.health) list.after(el("p", { class: "meta source" }, t("vocab.healthSource", { source: all.sources.health })));
}

function citeSection(doc) {
  const output = el("pre", { class: "citation", hidden: true, tabindex: "0", "aria-labelledby": "cite-h" });
  const status = el("p", { role: "status", class: "ok" });
  const copy = async (format, label) => {
    status.textContent = "";
    let text;
    try {
      text = await api.citation(doc.id, format);
    } catch (error) {
      status.replaceChildren(errorBox(error));
      return;
    }
    output.textContent = text;
    output.hidden = false;
    status.textContent = (await copyText(text)) ? t("cite.copied", { format: label }) : t("cite.shown", { format: label });
  };
  // The permanent public page, as citations name it: only a published document has one readers can open.
  const address = new URL("/documents/" + encodeURIComponent(doc.id), location.href).href;
  const linkBox = el("input", { id: "permalink", readonly: true, value: address, size: "50" });
  const copyLink = async () => {
    if (await copyText(address)) status.textContent = t("cite.linkCopied");
    else {
      linkBox.select();
      status.textContent = t("cite.linkSelected");
    }
  };
  return el(
    "section",
    { "aria-labelledby": "cite-h" },
    el("h2", { id: "cite-h" }, t("cite.title")),
    doc.status === "published"
      ? el(
          "div",
          { class: "field" },
          el("label", { for: "permalink" }, t("cite.link")),
          el("div", { class: "actions" }, linkBox, el("button", { type: "button", class: "secondary", onclick: copyLink }, t("cite.copyLink"))),
        )
      : null,
    el(
      "div",
      { class: "actions" },
      el("button", { type: "button", class: "secondary", onclick: () => copy("bibtex", "BibTeX") }, t("cite.copy", { format: "BibTeX" })),
      el("button", { type: "button", class: "secondary", onclick: () => copy("ris", "RIS") }, t("cite.copy", { format: "RIS" })),
    ),
    status,
    output,
  );
}

/** Copies to the clipboard: the Clipboard API where the page may use it, else a selected text area. */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { class: "sr-only", readonly: true, "aria-hidden": "true", tabindex: "-1" }, text);
    document.body.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

/** A version's date: when it was published, else when it was deposited. */
const versionDate = (version) => " – " + date(version.publishedAt || version.createdAt);

function versionsSection(doc, signal) {
  const previous = doc.supersedes ?? doc.supersedesId;
  const newer = doc.supersededBy;
  if (!previous && !newer) return null;
  const list = el("ul", null, el("li", null, el("strong", null, t("doc.thisVersion", { n: doc.version ?? 1 })), versionDate(doc)));
  // The newer version by its number and date once it arrives; the older ones followed one link at a time (at most
  // ten), shown as they arrive.
  const versionItem = (version, key) => el("li", null, el("a", { href: "#/documents/" + version.id }, t(key, { n: version.version ?? "" })), versionDate(version));
  if (newer) {
    api
      .document(newer, signal)
      .then((version) => list.prepend(versionItem(version, "doc.newerVersion")))
      .catch(() => list.prepend(el("li", null, el("a", { href: "#/documents/" + newer }, t("doc.latest")))));
  }
  (async () => {
    let next = previous;
    for (let i = 0; next && i < 10 && !signal.aborted; i++) {
      try {
        const older = await api.document(next, signal);
        list.append(versionItem(older, "doc.olderVersion"));
        next = older.supersedes ?? older.supersedesId;
      } catch {
        break;
      }
    }
  })();
  return el("section", { "aria-labelledby": "versions-h" }, el("h2", { id: "versions-h" }, t("doc.versions")), list);
}

async function related(main, doc, signal) {
  if (doc.status === "withdrawn") return;
  let found;
  // The search leaves out the document's own versions: they are listed under its versions.
  try {
    found = await api.related(doc.id, 5, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    // Not in search (yet, or not any more): no related documents to show.
    return;
  }
  const hits = found.hits || [];
  if (!hits.length) return;
  main.append(
    el(
      "section",
      { "aria-labelledby": "related-h" },
      el("h2", { id: "related-h" }, t("doc.related")),
      el(
        "ul",
        { class: "plain" },
        hits.map((hit) => el("li", null, el("a", { href: documentHref(hit), lang: langOf(hit.language) }, hit.title || t("doc.untitled")), metaLine(hit))),
      ),
    ),
  );
}

function manageSection(doc) {
  const status = el("div", { role: "status" });
  // A workflow action, or deleting the document (which leaves for the dashboard).
  const act = async (action, json, done) => {
    status.replaceChildren();
    try {
      const result = action ? await api.documentAction(doc.id, action, json) : await api.deleteDocument(doc.id);
      announce(done);
      if (!action) go("/dashboard");
      else route();
      return result;
    } catch (error) {
      status.replaceChildren(errorBox(error));
      // What is missing is shown beside its field, in the description's editor.
      if (error.code === "metadata-incomplete" && edit) edit.showErrors(error.problem);
    }
  };
  const edit = doc.actions.includes("edit") ? editor(doc, status) : null;
  const withText = (action, key, field) => {
    const id = "manage-" + action;
    const area = el("textarea", { id, required: true, maxlength: "2000" });
    return el(
      "details",
      null,
      el("summary", null, t("manage." + action)),
      el(
        "form",
        {
          onsubmit: (e) => {
            e.preventDefault();
            act(action, { [field]: area.value.trim() }, t("manage.done." + action));
          },
        },
        el("div", { class: "field" }, el("label", { for: id }, t(key)), area),
        el("button", { type: "submit" }, t("manage." + action)),
      ),
    );
  };
  const parts = [];
  const actions = doc.actions;
  if (actions.includes("submit")) parts.push(el("button", { type: "button", onclick: () => act("submit", undefined, t("manage.done.submit")) }, t("manage.submit")));
  if (actions.includes("publish")) parts.push(el("button", { type: "button", onclick: () => act("publish", undefined, t("manage.done.publish")) }, t("manage.publish")));
  if (actions.includes("retry")) parts.push(el("button", { type: "button", class: "secondary", onclick: () => act("retry", undefined, t("manage.done.retry")) }, t("manage.retry")));
  if (actions.includes("newVersion")) parts.push(el("a", { class: "button secondary", href: link("/upload", { supersedes: doc.id }) }, t("manage.newVersion")));
  const more = [];
  if (doc.doubts?.length) {
    const fields = [...new Set(doc.doubts.map((d) => t("meta." + d.field).toLowerCase()))].join(", ");
    more.push(el("p", { class: "doubts" }, t("meta.doubt.notice", { fields })));
  }
  if (edit) more.push(edit);
  if (actions.includes("return")) more.push(withText("return", "manage.comment", "comment"));
  if (actions.includes("withdraw")) more.push(withText("withdraw", "manage.reason", "reason"));
  if (actions.includes("delete")) {
    more.push(
      el(
        "details",
        null,
        el("summary", null, t("manage.delete")),
        el("p", null, t("manage.deleteWarning")),
        el("button", { type: "button", class: "danger", onclick: () => act(null, undefined, t("manage.done.delete")) }, t("manage.deleteForGood")),
      ),
    );
  }
  return el("section", { "aria-labelledby": "manage-h" }, el("h2", { id: "manage-h" }, t("manage.title")), el("div", { class: "actions" }, parts), more, status);
}

function editor(doc, status) {
  const details = el("details", null, el("summary", null, t("manage.edit")));
  let ready = null;
  // Built on first opening (or when an action must show what is missing), once.
  const build = () =>
    (ready ||= (async () => {
      const { metadataForm } = await import("./metadata.js");
      const form = metadataForm(doc, "edit", {}, { confirm: (field) => api.confirmDoubts(doc.id, field) });
      details.append(
        el(
          "form",
          {
            onsubmit: async (e) => {
              e.preventDefault();
              try {
                await api.changeDocument(doc.id, form.changes());
                announce(t("manage.done.edit"));
                route();
              } catch (error) {
                status.replaceChildren(errorBox(error));
                form.showErrors(error.problem)?.focus();
              }
            },
          },
          form.element,
          el("button", { type: "submit" }, t("manage.save")),
        ),
      );
      return form;
    })());
  details.addEventListener("toggle", () => details.open && build());
  /** Opens the editor and shows the API's field errors beside their fields. */
  details.showErrors = async (problem) => {
    details.open = true;
    (await build()).showErrors(problem)?.focus();
  };
  // Doubts about values read from the file are shown in the editor: opened at once when there are some.
  if (doc.doubts?.length) {
    details.open = true;
    build();
  }
  return details;
}
