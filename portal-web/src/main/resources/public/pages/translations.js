// A document's page, for a curator or the contributor who owns it: its translations (one work in several languages)
// with a way to unlink each, to link another document by its address or id, and, for curators, the documents the
// portal suggests as likely translations. Loaded only for them.
import * as api from "../api.js";
import { announce, el, errorBox, fill } from "../dom.js";
import { langOf, languageName, number, t } from "../i18n.js";
import { route } from "../router.js";
import { atLeast, documentHref } from "../session.js";

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The "Translations" section of `doc`'s page. */
export function translationsPanel(doc, signal) {
  const status = el("div", { role: "status" });
  const suggested = el("div");
  // Each change is shown by the page read again: its other-language links and this panel both change.
  const change = async (other, method) => {
    status.replaceChildren();
    try {
      await api.translation(doc.id, other, method);
      announce(t("tr.linked"));
      route();
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  const other = el("input", { id: "tr-other", size: "40", required: true });
  const linked = doc.translations || [];
  const section = el(
    "section",
    { "aria-labelledby": "tr-h", id: "translations-panel" },
    el("h2", { id: "tr-h" }, t("tr.title")),
    linked.length
      ? el(
          "ul",
          null,
          linked.map((o) =>
            el("li", null, entry(o), " ", el("button", { type: "button", class: "secondary", onclick: () => change(o.id, "DELETE") }, t("tr.unlink"))),
          ),
        )
      : el("p", null, t("tr.none")),
    suggested,
    el(
      "form",
      {
        onsubmit: (e) => {
          e.preventDefault();
          // The address of the other document's page (either form) or its id alone.
          const id = other.value.match(ID)?.[0];
          if (id) change(id, "PUT");
          else status.replaceChildren(el("div", { class: "error", role: "alert" }, el("p", null, t("tr.badId"))));
        },
      },
      el("div", { class: "field" }, el("label", { for: "tr-other" }, t("tr.other")), other),
      el("button", { type: "submit" }, t("tr.link")),
    ),
    status,
  );
  if (atLeast("curator")) suggestions(suggested, doc, signal, change);
  return section;
}

/** A document of the work: its title, linked, and its language. */
const entry = (o) => [el("a", { href: documentHref(o), lang: langOf(o.language) }, o.title || t("doc.untitled")), " (", languageName(o.language), ")"];

/** Why a document may be the translation, in the reader's words, and the score. */
const reasons = (s) => el("p", { class: "meta" }, s.reasons.map((r) => t("tr.reason." + r.code)).join(", "), " · ", number(s.score, { style: "percent" }));

/** The likely translations, each with its reasons in words, its score and a button that links it. */
async function suggestions(slot, doc, signal, change) {
  let found;
  try {
    found = await api.translationSuggestions(doc.id, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    fill(slot, errorBox(error));
    return;
  }
  if (!found.length) return;
  fill(
    slot,
    el("h3", null, t("tr.suggested")),
    el(
      "ul",
      { class: "plain" },
      found.map((s) =>
        el(
          "li",
          { class: "suggestion" },
          entry(s),
          reasons(s),
          el("button", { type: "button", onclick: () => change(s.id, "PUT") }, t("tr.link")),
        ),
      ),
    ),
  );
}

/**
 * The curators' list of likely translation pairs: each document, the one that may be its translation, why, and a
 * button that links them; `linked` runs after a link (the list is read again: a linked pair leaves it).
 */
export async function pairsList(signal, linked) {
  const pairs = await api.translationSuggestions(null, signal);
  if (!pairs.length) return el("p", null, t("dashboard.empty.pairs"));
  return el(
    "ul",
    { class: "queue" },
    pairs.map(({ document: doc, suggestion: s }) => {
      const status = el("div", { role: "status" });
      const link = async () => {
        try {
          await api.translation(doc.id, s.id, "PUT");
          announce(t("tr.linked"));
          linked();
        } catch (error) {
          status.replaceChildren(errorBox(error));
        }
      };
      return el(
        "li",
        { class: "suggestion" },
        el("p", null, entry(doc), " ↔ ", entry(s)),
        reasons(s),
        el("button", { type: "button", onclick: link }, t("tr.link")),
        status,
      );
    }),
  );
}
