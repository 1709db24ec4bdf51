// What curators do with collections: create one, change its texts and settings, order, annotate and remove its
// documents, delete it, and add a document to one from the document's page. Loaded only for curators and admins.
import * as api from "../api.js";
import { announce, el, errorBox } from "../dom.js";
import { localized, t } from "../i18n.js";
import { go, route } from "../router.js";
import { account, role } from "../session.js";

/** The signed-in account's id: the header may still be loading the account when a page first renders. */
async function myId() {
  if (account?.id) return account.id;
  try {
    return (await api.myAccount()).id;
  } catch {
    return null;
  }
}

/** Whether account `id` may edit `collection`: one of its curators, or any administrator. */
const curatorOf = (collection, id) => role() === "admin" || (role() === "curator" && (collection.curators || []).some((c) => c.id === id));

/** True when the signed-in account may edit `collection`. */
export async function curates(collection) {
  return curatorOf(collection, await myId());
}

let fields = 0;
/** A labelled control in a `.field` row; `name` is the API's field path (title.fr), so that its errors find it. */
function field(label, control) {
  control.id ||= "cf-" + ++fields;
  return el("div", { class: "field" }, el("label", { for: control.id }, label), control);
}

function check(label, control) {
  control.id ||= "cf-" + ++fields;
  return el("div", { class: "field" }, control, " ", el("label", { for: control.id }, label));
}

/**
 * Shows the API's field errors under the controls of `form` whose name is the error's field (or its first part);
 * the error itself goes to `status` (emptied when `error` is null). Returns the first invalid control to move focus to.
 */
export function showErrors(form, status, error) {
  for (const old of form.querySelectorAll(".invalid")) old.remove();
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    // Back to its help alone, if it has one.
    if (control.dataset.help) control.setAttribute("aria-describedby", control.dataset.help);
    else control.removeAttribute("aria-describedby");
  }
  if (error) status.replaceChildren(errorBox(error));
  else status.replaceChildren();
  for (const problem of error?.problem?.errors || []) {
    const name = String(problem.field || "").replace(/^body\./, "");
    const head = CSS.escape(name.split(/[.[]/)[0]);
    // "title" (neither language given) goes to the first of its controls.
    const control = form.querySelector(`[name="${CSS.escape(name)}"]`) || form.querySelector(`[name="${head}"]`) || form.querySelector(`[name^="${head}."]`);
    if (!control) continue;
    const id = control.id + "-error";
    if (!document.getElementById(id)) control.parentNode.append(el("p", { id, class: "invalid" }, problem.message));
    control.setAttribute("aria-invalid", "true");
    control.dataset.help ??= control.getAttribute("aria-describedby") || "";
    control.setAttribute("aria-describedby", (control.dataset.help + " " + id).trim());
  }
  // The first in the form's order, whatever the order of the API's errors.
  return form.querySelector("[aria-invalid=true]");
}

/** The fields of a collection (filled from `current` when editing): texts in both languages, visibility, featured. */
function collectionFields(current) {
  const input = (name, value, attrs = {}) => el("input", { name, value: value || "", ...attrs });
  const area = (name, value) => el("textarea", { name, rows: "4", maxlength: "5000" }, value || "");
  const visibility = el(
    "select",
    { name: "visibility" },
    // A new collection stays private until its curators publish it: readers never meet it half-filled.
    ["public", "private"].map((v) => el("option", { value: v, selected: (current?.visibility || "private") === v }, t("curate.visibility." + v))),
  );
  const featured = el("input", { type: "checkbox", name: "featured", checked: !!current?.featured });
  return [
    field(t("curate.titleFr"), input("title.fr", current?.title?.fr, { lang: "fr", maxlength: "200" })),
    field(t("curate.titleEn"), input("title.en", current?.title?.en, { lang: "en", maxlength: "200" })),
    field(t("curate.descriptionFr"), area("description.fr", current?.description?.fr)),
    field(t("curate.descriptionEn"), area("description.en", current?.description?.en)),
    field(t("curate.visibility"), visibility),
    check(t("curate.featured"), featured),
  ];
}

function readCollection(form) {
  const value = (name) => form.elements[name].value.trim();
  return {
    title: { fr: value("title.fr"), en: value("title.en") },
    description: { fr: value("description.fr"), en: value("description.en") },
    visibility: form.elements.visibility.value,
    featured: form.elements.featured.checked,
  };
}

/** The collections page's "New collection" form; goes to the new collection once created. */
export function newCollectionForm() {
  const status = el("div", { role: "status" });
  const slug = el("input", { name: "slug", required: true, minlength: "3", maxlength: "80", "aria-describedby": "slug-help" });
  // Written from the title as it is typed, until the curator changes it.
  let edited = false;
  slug.addEventListener("input", () => (edited = slug.value !== ""));
  const fields = collectionFields(null);
  const follow = () => {
    if (!edited) slug.value = slugOf(form.elements["title.fr"].value || form.elements["title.en"].value);
  };
  const form = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const created = await api.createCollection({ slug: slug.value.trim(), ...readCollection(form) });
          announce(t("curate.done.created"));
          go("/collections/" + encodeURIComponent(created.slug));
        } catch (error) {
          showErrors(form, status, error)?.focus();
        }
      },
    },
    fields.slice(0, 2),
    el("div", { class: "field" }, el("label", { for: (slug.id = "new-slug") }, t("curate.slug")), slug, el("p", { id: "slug-help", class: "help" }, t("curate.slugHelp"))),
    fields.slice(2),
    el("button", { type: "submit" }, t("curate.create")),
    status,
  );
  form.addEventListener("input", (e) => e.target.name?.startsWith("title.") && follow());
  return el("details", { class: "curate" }, el("summary", null, t("curate.new")), form);
}

/**
 * A slug from a title, as the API's rule wants it: « Urgences SAMU » becomes urgences-samu (accents dropped, lower
 * case, every other run of characters a hyphen, at most 80 characters).
 */
function slugOf(title) {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 80)
    .replace(/^-+|-+$/g, "");
}

/** A collection page's tools for its curators: per-item controls added to `items`, and a section to edit or delete. */
export function curateCollection(collection, itemNodes) {
  const slug = collection.slug;
  const status = el("div", { role: "status" });
  const items = (collection.items || []).slice().sort((a, b) => a.position - b.position);
  const ids = items.map((item) => item.document.id);
  const act = async (call, done) => {
    try {
      await call();
      announce(done);
      route();
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  const move = (index, by) => {
    const order = ids.slice();
    [order[index], order[index + by]] = [order[index + by], order[index]];
    return act(() => api.orderCollection(slug, order), t("curate.done.moved"));
  };
  items.forEach((item, index) => {
    const node = itemNodes[index];
    const id = item.document.id;
    const name = item.document.title || t("doc.untitled");
    const note = el("textarea", { name: "note", rows: "3", maxlength: "2000" }, item.note || "");
    const noteStatus = el("div", { role: "status" });
    const noteForm = el(
      "form",
      {
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            await api.changeItemNote(slug, id, note.value.trim() || null);
            announce(t("curate.done.note"));
            route();
          } catch (error) {
            showErrors(noteForm, noteStatus, error)?.focus();
          }
        },
      },
      field(t("curate.note"), note),
      el("button", { type: "submit" }, t("curate.saveNote")),
      noteStatus,
    );
    node.append(
      el(
        "div",
        { class: "actions" },
        el("button", { type: "button", class: "secondary", disabled: index === 0, "aria-label": t("curate.upOf", { title: name }), onclick: () => move(index, -1) }, t("curate.up")),
        el("button", { type: "button", class: "secondary", disabled: index === items.length - 1, "aria-label": t("curate.downOf", { title: name }), onclick: () => move(index, 1) }, t("curate.down")),
        el(
          "button",
          { type: "button", class: "secondary", "aria-label": t("curate.removeOf", { title: name }), onclick: () => act(() => api.removeFromCollection(slug, id), t("curate.done.removed")) },
          t("curate.remove"),
        ),
      ),
      el("details", null, el("summary", null, t("curate.editNote")), noteForm),
    );
  });

  const editStatus = el("div", { role: "status" });
  const editForm = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api.changeCollection(slug, readCollection(editForm));
          announce(t("curate.done.saved"));
          route();
        } catch (error) {
          showErrors(editForm, editStatus, error)?.focus();
        }
      },
    },
    collectionFields(collection),
    el("button", { type: "submit" }, t("curate.save")),
    editStatus,
  );
  const title = localized(collection.title).text || collection.slug;
  const confirm = el("input", { type: "checkbox", id: "curate-confirm" });
  const remove = el("button", { type: "button", class: "danger", disabled: true }, t("curate.deleteForGood"));
  confirm.addEventListener("change", () => (remove.disabled = !confirm.checked));
  remove.addEventListener("click", async () => {
    try {
      await api.deleteCollection(slug);
      announce(t("curate.done.deleted"));
      go("/collections");
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  return el(
    "section",
    { "aria-labelledby": "curate-h" },
    el("h2", { id: "curate-h" }, t("curate.title")),
    collection.visibility === "private"
      ? el(
          "div",
          { class: "banner info" },
          el("p", null, t("curate.privateNote")),
          el(
            "button",
            { type: "button", onclick: () => act(() => api.changeCollection(slug, { title: collection.title, description: collection.description, visibility: "public" }), t("curate.done.published")) },
            t("curate.publish"),
          ),
        )
      : null,
    el("details", null, el("summary", null, t("curate.edit")), editForm),
    el(
      "details",
      null,
      el("summary", null, t("curate.delete")),
      el("p", null, t("curate.deleteWarning", { title })),
      el("div", { class: "field" }, confirm, " ", el("label", { for: "curate-confirm" }, t("curate.deleteConfirm"))),
      remove,
    ),
    status,
  );
}

/** A document page's "Add to a collection" for curators: the collections they curate and a note; `added` runs after. */
export async function addToCollection(doc, signal, added) {
  let answer;
  try {
    answer = await api.collections(signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    return null;
  }
  const id = await myId();
  const mine = (answer.items || []).filter((c) => curatorOf(c, id));
  if (!mine.length) return null;
  const status = el("div", { role: "status" });
  const select = el(
    "select",
    { name: "slug", id: "add-collection" },
    mine.map((c) => {
      const title = localized(c.title);
      return el("option", { value: c.slug }, title.text || c.slug);
    }),
  );
  const note = el("textarea", { name: "note", id: "add-note", rows: "3", maxlength: "2000" });
  const form = el(
    "form",
    {
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api.addToCollection(select.value, doc.id, note.value.trim() || null);
          status.replaceChildren(el("p", { class: "ok" }, t("curate.done.added")));
          announce(t("curate.done.added"));
          note.value = "";
          await added?.();
        } catch (error) {
          showErrors(form, status, error)?.focus();
        }
      },
    },
    el("div", { class: "field" }, el("label", { for: "add-collection" }, t("curate.collection")), select),
    el("div", { class: "field" }, el("label", { for: "add-note" }, t("curate.noteOptional")), note),
    el("button", { type: "submit" }, t("curate.add")),
    status,
  );
  return el("section", { "aria-labelledby": "add-h" }, el("h2", { id: "add-h" }, t("curate.addTitle")), form);
}
