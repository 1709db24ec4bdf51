// The form that describes a document, shared by the upload page and the document page's editor. It knows which
// fields the person changed, so that values read from the file never overwrite what someone typed.
import { el } from "../dom.js";
import { languageName, t, typeName } from "../i18n.js";

const TYPES = ["study", "article", "protocol", "operating_procedure", "guideline", "report", "poster", "thesis"];
const LANGUAGES = ["fr", "en", "es", "pt", "ar"];

// How each field is shown and read: single values are strings, lists are one item per line (topics may hold commas).
const FIELDS = [
  { name: "title", kind: "text", max: 1000 },
  { name: "authors", kind: "lines" },
  { name: "publicationDate", kind: "date" },
  { name: "type", kind: "select", options: TYPES, label: typeName },
  { name: "language", kind: "select", options: LANGUAGES, label: languageName },
  { name: "effectiveDate", kind: "date", procedure: true },
  { name: "reviewDueDate", kind: "date", procedure: true },
  { name: "countries", kind: "codes" },
  { name: "topics", kind: "lines" },
  { name: "doi", kind: "text", max: 300 },
  { name: "license", kind: "text", max: 200 },
  { name: "abstract", kind: "area" },
];

function shown(field, doc) {
  const value = doc?.[field.name];
  if (value == null) return "";
  if (field.name === "authors") return value.map((a) => a.name).join("\n");
  if (field.kind === "lines") return value.join("\n");
  if (field.kind === "codes") return value.join(", ");
  return String(value);
}

/**
 * A fieldset for `doc`'s metadata (empty for a new upload), with the values someone `typed` already (kept as changed).
 * Returns the element and functions to read the changes, fill untouched fields from a newer version of the document,
 * and show the API's field errors.
 */
export function metadataForm(doc, prefix, typed = {}) {
  const dirty = new Set(Object.keys(typed));
  doc = { ...doc, ...typed };
  const controls = new Map();
  const rows = new Map();
  let current = doc || {};
  const fieldset = el("fieldset", { class: "metadata" }, el("legend", null, t("meta.legend")));
  for (const field of FIELDS) {
    const id = prefix + "-" + field.name;
    const value = shown(field, current);
    let control;
    if (field.kind === "select") {
      const options = field.options.includes(value) || !value ? field.options : [...field.options, value];
      control = el(
        "select",
        { id, name: field.name },
        el("option", { value: "" }, t("meta.choose")),
        options.map((option) => el("option", { value: option, selected: option === value }, field.label(option))),
      );
    } else if (field.kind === "lines" || field.kind === "area") {
      control = el("textarea", { id, name: field.name, rows: field.kind === "area" ? "6" : "3" }, value);
    } else {
      control = el("input", { id, name: field.name, type: field.kind === "date" ? "date" : "text", value, maxlength: field.max ? String(field.max) : null });
    }
    control.addEventListener("input", () => dirty.add(field.name));
    control.addEventListener("change", () => {
      dirty.add(field.name);
      if (field.name === "type") procedureFields();
    });
    const help = t("meta.help." + field.name);
    if (help !== "meta.help." + field.name) control.setAttribute("aria-describedby", id + "-help");
    const row = el(
      "div",
      { class: "field" },
      el("label", { for: id }, t("meta." + field.name), el("span", { class: "from-file", hidden: true }, t("meta.fromFile"))),
      control,
      help !== "meta.help." + field.name ? el("p", { id: id + "-help", class: "help" }, help) : null,
    );
    controls.set(field.name, control);
    rows.set(field.name, row);
    fieldset.append(row);
  }
  function procedureFields() {
    const procedure = controls.get("type").value === "operating_procedure";
    for (const field of FIELDS) if (field.procedure) rows.get(field.name).hidden = !procedure;
  }
  procedureFields();

  function read(field) {
    const raw = controls.get(field.name).value.trim();
    if (field.name === "authors") {
      const orcids = new Map((current.authors || []).map((a) => [a.name, a.orcid]));
      return lines(raw).map((name) => (orcids.get(name) ? { name, orcid: orcids.get(name) } : { name }));
    }
    if (field.kind === "lines") return lines(raw);
    if (field.kind === "codes") return raw.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase());
    return raw;
  }

  return {
    element: fieldset,
    /** The fields changed by the person (all filled fields with `all`), as a PATCH or upload body. */
    changes(all = false) {
      const body = {};
      for (const field of FIELDS) {
        if (!all && !dirty.has(field.name)) continue;
        const value = read(field);
        // PATCH keeps a field sent as null, so an emptied single value is left out rather than sent empty.
        if (Array.isArray(value) ? all && !value.length : value === "") continue;
        body[field.name] = value;
      }
      return body;
    },
    /** Fills the fields nobody touched from `next` (the document after the file was read) and marks them. */
    fill(next) {
      current = next;
      for (const field of FIELDS) {
        if (dirty.has(field.name)) continue;
        const value = shown(field, next);
        const control = controls.get(field.name);
        if (field.kind === "select" && value && ![...control.options].some((o) => o.value === value)) {
          control.append(el("option", { value }, field.label(value)));
        }
        const changed = control.value !== value;
        control.value = value;
        rows.get(field.name).querySelector(".from-file").hidden = !(changed && value);
      }
      procedureFields();
    },
    /** Shows the API's field errors beside their fields; returns the first invalid control to move focus to. */
    showErrors(problem) {
      for (const old of fieldset.querySelectorAll(".invalid")) old.remove();
      for (const control of controls.values()) {
        control.removeAttribute("aria-invalid");
        describe(control, (control.getAttribute("aria-describedby") || "").replace(/\S+-error\b/, ""));
      }
      let first = null;
      for (const error of problem?.errors || []) {
        const name = String(error.field || "").replace(/^metadata\./, "").split(/[.[]/)[0];
        const control = controls.get(name);
        if (!control) continue;
        const id = control.id + "-error";
        if (!document.getElementById(id)) control.parentNode.append(el("p", { id, class: "invalid" }, error.message));
        control.setAttribute("aria-invalid", "true");
        describe(control, (control.getAttribute("aria-describedby") || "") + " " + id);
        first ||= control;
      }
      return first;
    },
  };
}

function describe(control, ids) {
  if (ids.trim()) control.setAttribute("aria-describedby", ids.trim());
  else control.removeAttribute("aria-describedby");
}

const lines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);
