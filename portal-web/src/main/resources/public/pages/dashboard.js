// The work waiting for the viewer: for curators, documents to review, files the portal could not read (with why, and
// a retry) and procedures past their review date; for every contributor, their own documents and where each stands.
import * as api from "../api.js";
import { announce, el, errorBox, metaLine, setTitle } from "../dom.js";
import { date, failureText, langOf, localized, number, t } from "../i18n.js";
import { route } from "../router.js";
import { atLeast, requireRole } from "../session.js";

export async function render({ main, signal }) {
  setTitle(t("dashboard.title"));
  if (!requireRole(main, "contributor", t("dashboard.title"))) return;
  main.append(el("h1", { tabindex: "-1" }, t("dashboard.title")), el("p", null, el("a", { class: "button", href: "#/upload" }, t("nav.upload"))));
  const sections = [];
  if (atLeast("curator")) {
    sections.push(section("review", { status: "submitted", size: 50 }, reviewItem));
    sections.push(section("failures", { processing: "failed", size: 50 }, failureItem));
    sections.push(section("overdue", { reviewDue: "overdue", size: 50 }, mineItem));
    sections.push(ocrSection());
    sections.push(usageSection());
    sections.push(pairsSection());
  }
  sections.push(section("mine", { mine: true, size: 50 }, mineItem));
  main.append(...sections.map((s) => s.element));
  refreshOthers = (item) => Promise.all(sections.filter((s) => !s.element.contains(item)).map((s) => s.load(signal).catch(() => {})));
  await Promise.all(sections.map((s) => s.load(signal)));
}

/** Reads again every list but the one holding `item`, after an action on it: a document it moved shows where it went. */
let refreshOthers = null;

function section(name, filter, item) {
  const body = el("div", null, el("p", null, t("loading")));
  return {
    element: el("section", { "aria-labelledby": name + "-h" }, el("h2", { id: name + "-h" }, t("dashboard." + name)), body),
    async load(signal) {
      try {
        const page = await api.documents(filter, signal);
        const items = page.items || [];
        body.replaceChildren(items.length ? el("ul", { class: "queue" }, items.map(item)) : el("p", null, t("dashboard.empty." + name)));
        if (page.totalItems > items.length) body.append(el("p", { class: "help" }, t("dashboard.more", { n: page.totalItems - items.length })));
      } catch (error) {
        if (error.name === "AbortError") throw error;
        body.replaceChildren(errorBox(error, () => route()));
      }
    },
  };
}

/** Documents whose scanned pages OCR read with a low mean confidence: their text, and hits, may be wrong. */
function ocrSection() {
  const body = el("div", null, el("p", null, t("loading")));
  return {
    element: el("section", { "aria-labelledby": "ocr-h" }, el("h2", { id: "ocr-h" }, t("dashboard.ocr")), body),
    async load(signal) {
      try {
        const ocr = await api.ocrOverview(signal);
        const items = ocr.lowConfidence || [];
        if (!ocr.available) body.replaceChildren(el("p", { class: "help" }, t("dashboard.ocr.off")));
        else if (!items.length) body.replaceChildren(el("p", null, t("dashboard.empty.ocr", { threshold: ocr.threshold })));
        else
          body.replaceChildren(
            el(
              "ul",
              { class: "queue" },
              items.map((doc) =>
                el("li", null, heading(doc), el("p", null, t("ocr.read", { pages: doc.pages, confidence: Math.round(doc.meanConfidence) }))),
              ),
            ),
          );
      } catch (error) {
        if (error.name === "AbortError") throw error;
        body.replaceChildren(errorBox(error, () => route()));
      }
    },
  };
}

/** Likely translation pairs to confirm, with their link buttons (the translations panel's module, loaded here only). */
function pairsSection() {
  const body = el("div", null, el("p", null, t("loading")));
  const load = async (signal) => {
    try {
      const { pairsList } = await import("./translations.js");
      body.replaceChildren(await pairsList(signal, () => load(signal)));
    } catch (error) {
      if (error.name === "AbortError") throw error;
      body.replaceChildren(errorBox(error, () => route()));
    }
  };
  return { element: el("section", { "aria-labelledby": "pairs-h", id: "pairs" }, el("h2", { id: "pairs-h" }, t("tr.suggested")), body), load };
}

/** The month's most read documents, in all and by collection, and the export of the counts. */
function usageSection() {
  const body = el("div", null, el("p", null, t("loading")));
  const status = el("p", { role: "status" });
  const exportButton = el("button", { type: "button", class: "secondary", onclick: () => exportUsage(status) }, t("dashboard.usage.export"));
  return {
    element: el("section", { "aria-labelledby": "usage-h", id: "usage" }, el("h2", { id: "usage-h" }, t("dashboard.usage")), body, el("p", null, exportButton), status),
    async load(signal) {
      try {
        const report = await api.usageReport(null, signal);
        if (!report.all.documents.length) {
          body.replaceChildren(el("p", null, t("dashboard.empty.usage")));
          return;
        }
        body.replaceChildren(
          usageTable({ text: t("dashboard.usage.all"), lang: null }, report.all),
          ...report.collections.map((group) => usageTable(localized(group.title), group.usage, group.slug)),
        );
      } catch (error) {
        if (error.name === "AbortError") throw error;
        body.replaceChildren(errorBox(error, () => route()));
      }
    },
  };
}

function usageTable(name, group, slug) {
  const caption = el("caption", null, slug ? el("a", { href: "#/collections/" + encodeURIComponent(slug), lang: name.lang }, name.text) : name.text);
  const head = el("tr", null, ["document", "views", "downloads"].map((column) => el("th", { scope: "col" }, t("dashboard.usage." + column))));
  const rows = group.documents.map((line) =>
    el("tr", null, el("th", { scope: "row" }, el("a", { href: "#/documents/" + line.id }, line.title)), el("td", null, number(line.views)), el("td", null, number(line.downloads))),
  );
  return el("table", { class: "usage", "data-group": slug || "all" }, caption, el("thead", null, head), el("tbody", null, rows));
}

/** Downloads the last twelve months' counts as a CSV file (the API needs the session's token, so no plain link). */
async function exportUsage(status) {
  try {
    const csv = await api.usageExport(null, null);
    const href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    const link = el("a", { href, download: "usage.csv", hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  } catch (error) {
    status.replaceChildren(errorBox(error));
  }
}

function heading(doc) {
  return el("h3", null, el("a", { href: "#/documents/" + doc.id, lang: langOf(doc.language) }, doc.title || doc.file?.name || t("doc.untitled")));
}

/** Runs a workflow action from a list item and replaces its controls with what happened, focus moving there. */
async function act(item, doc, action, json, done) {
  item.querySelector(".error")?.remove();
  try {
    await api.documentAction(doc.id, action, json);
  } catch (error) {
    item.append(errorBox(error));
    return;
  }
  const result = el("p", { class: "ok", tabindex: "-1" }, t(done));
  for (const control of item.querySelectorAll(".actions, details")) control.remove();
  item.append(result);
  result.focus();
  announce(t(done));
  await refreshOthers?.(item);
}

function reviewItem(doc) {
  const item = el("li", null, heading(doc), metaLine(doc));
  item.append(
    el("p", { class: "meta" }, t("dashboard.submittedBy", { name: doc.owner?.displayName || "—", date: date(doc.updatedAt) })),
    el("div", { class: "actions" }, el("button", { type: "button", onclick: () => act(item, doc, "publish", undefined, "manage.done.publish") }, t("manage.publish"))),
  );
  const comment = el("textarea", { id: "return-" + doc.id, required: true, maxlength: "2000" });
  item.append(
    el(
      "details",
      null,
      el("summary", null, t("manage.return")),
      el(
        "form",
        {
          onsubmit: (e) => {
            e.preventDefault();
            act(item, doc, "return", { comment: comment.value.trim() }, "manage.done.return");
          },
        },
        el("div", { class: "field" }, el("label", { for: comment.id }, t("manage.comment")), comment),
        el("button", { type: "submit" }, t("manage.return")),
      ),
    ),
  );
  return item;
}

function failureItem(doc) {
  const item = el("li", null, heading(doc));
  item.append(
    el("p", { class: "meta" }, (doc.file?.name || "") + " · " + date(doc.createdAt)),
    el("p", null, el("strong", null, t("dashboard.reason")), " ", failureText(doc.file) || t("status.failed")),
    el("div", { class: "actions" }, el("button", { type: "button", class: "secondary", onclick: () => act(item, doc, "retry", undefined, "manage.done.retry") }, t("manage.retry"))),
  );
  return item;
}

/**
 * A document of the viewer's: where it stands in the workflow, and its processing only while it is not done (a
 * finished one is ready, whatever its state: "found by search" would be true of a published document only).
 */
function mineItem(doc) {
  const processing = doc.file?.extractionStatus;
  return el(
    "li",
    null,
    heading(doc),
    el(
      "p",
      { class: "meta" },
      [
        doc.status ? t("doc.state." + doc.status) : null,
        processing && processing !== "indexed" ? t("status." + processing) : null,
        doc.reviewDueDate ? t("doc.reviewDueDate") + " " + date(doc.reviewDueDate) : null,
        date(doc.updatedAt),
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    doc.status === "draft" && doc.returnComment ? el("p", null, el("strong", null, t("doc.returned")), " ", doc.returnComment) : null,
    processing === "failed" && failureText(doc.file) ? el("p", null, failureText(doc.file)) : null,
  );
}
