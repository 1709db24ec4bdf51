// Saved searches: the form that saves the results page's search (signed-in users; loaded only for them), and the
// account page's list of them, each renamed, given e-mail digests, followed through its private feed (whose address
// can be renewed, the old one then refused) or deleted.
import * as api from "../api.js";
import { announce, el, errorBox } from "../dom.js";
import { date, lang, t } from "../i18n.js";
import { link, route } from "../router.js";
import { showErrors } from "./curate.js";

// The results page's filters, the study design's and the vocabularies' included (their codes are saved).
const FILTERS = ["type", "language", "country", "topic", "collection", "design", "health", "population", "setting", "intervention"];
const FREQUENCIES = ["none", "daily", "weekly"];

/** The search of a results page's parameters, as the API saves it: the words and the filters. */
function searchOf(params) {
  const filters = {};
  for (const name of FILTERS) {
    const values = params.getAll(name);
    if (values.length) filters[name] = values;
  }
  return { q: params.get("q") || null, filters };
}

/** The results page's parameters of a saved search. */
function paramsOf(saved) {
  const params = new URLSearchParams();
  if (saved.q) params.set("q", saved.q);
  for (const [name, values] of Object.entries(saved.filters || {})) for (const value of values) params.append(name, value);
  return params;
}

function frequencySelect(id, value) {
  return el(
    "select",
    { id, name: "frequency" },
    FREQUENCIES.map((f) => el("option", { value: f, selected: f === value ? true : null }, t("saved.frequency." + f))),
  );
}

/** "Save this search", folded under its summary until opened. */
export function saveSearchForm(params) {
  const status = el("div", { role: "status" });
  const name = el("input", { id: "save-name", name: "name", required: true, maxlength: "100", value: params.get("q") || "" });
  const frequency = frequencySelect("save-frequency", "none");
  const form = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api.saveSearch({ name: name.value.trim(), ...searchOf(params), frequency: frequency.value, language: lang });
          showErrors(form, status, null);
          status.replaceChildren(el("p", { class: "ok" }, t("saved.saved") + " ", el("a", { href: "#/account" }, t("saved.seeAll"))));
          announce(t("saved.saved"));
        } catch (error) {
          showErrors(form, status, error)?.focus();
        }
      },
    },
    el("div", { class: "field" }, el("label", { for: "save-name" }, t("saved.name")), name),
    el("div", { class: "field" }, el("label", { for: "save-frequency" }, t("saved.frequency")), frequency),
    el("button", { type: "submit" }, t("saved.saveButton")),
    status,
  );
  return el("details", { class: "save-search" }, el("summary", null, t("saved.save")), form);
}

/** The account page's section: every saved search of the account with its actions. */
export function savedSearchesSection(listing) {
  const status = el("div", { role: "status" });
  const items = listing.items || [];
  return el(
    "section",
    { "aria-labelledby": "saved-h" },
    el("h2", { id: "saved-h" }, t("saved.title")),
    listing.mailConfigured ? null : el("p", { class: "banner", role: "note" }, t("saved.noMail")),
    items.length ? el("ul", { class: "saved-searches" }, items.map((saved, i) => savedItem(saved, i, status))) : el("p", null, t("saved.none")),
    status,
  );
}

function savedItem(saved, i, status) {
  const nameId = "saved-name-" + i;
  const frequencyId = "saved-frequency-" + i;
  const itemStatus = el("div", { role: "status" });
  const name = el("input", { id: nameId, name: "name", required: true, maxlength: "100", value: saved.name });
  const frequency = frequencySelect(frequencyId, saved.frequency);
  const act = (label, action) =>
    el(
      "button",
      {
        type: "button",
        class: "secondary",
        "aria-label": t(label + "Of", { name: saved.name }),
        onclick: async () => {
          try {
            await action();
            announce(t(label + "Done"));
            route();
          } catch (error) {
            status.replaceChildren(errorBox(error));
          }
        },
      },
      t(label),
    );
  const form = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api.changeSavedSearch(saved.id, { name: name.value.trim(), frequency: frequency.value });
          announce(t("saved.changed"));
          route();
        } catch (error) {
          showErrors(form, itemStatus, error)?.focus();
        }
      },
    },
    el("div", { class: "field" }, el("label", { for: nameId }, t("saved.name")), name),
    el("div", { class: "field" }, el("label", { for: frequencyId }, t("saved.frequency")), frequency),
    el("button", { type: "submit" }, t("saved.change")),
    itemStatus,
  );
  return el(
    "li",
    { class: "saved-search" },
    el("h3", null, el("a", { href: link("/search", paramsOf(saved)) }, saved.name)),
    saved.nextDigestAt ? el("p", null, t("saved.next", { date: date(saved.nextDigestAt) })) : null,
    saved.lastError ? el("p", { class: "invalid" }, t("saved.failed", { reason: saved.lastError })) : null,
    form,
    el("p", null, t("saved.feed") + " ", el("a", { href: saved.feedUrl, class: "feed-url" }, t("saved.feedLink", { name: saved.name }))),
    el(
      "p",
      null,
      act("saved.renew", () => api.renewSavedSearchFeed(saved.id)),
      " ",
      act("saved.delete", () => api.deleteSavedSearch(saved.id)),
    ),
  );
}
