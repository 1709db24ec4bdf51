// The form that describes a document, shared by the upload page and the document page's editor. It knows which
// fields the person changed, so that values read from the file never overwrite what someone typed; it shows the
// portal's doubts about values read from the file (a title that is a file name...) beside them, with a way to keep
// them; it lets a person choose countries by name in the interface language, and the study design (the one the
// portal suggests from the text shown with its cue, to confirm or change) and the codes of the controlled
// vocabularies by their labels, with free text for what a vocabulary lacks.
import * as api from "../api.js";
import { el, fill } from "../dom.js";
import { countryName, languageName, localized, t, typeName } from "../i18n.js";
import { label, vocabularies } from "../vocabularies.js";

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
  { name: "design", kind: "select", vocabulary: "design" },
  { name: "countries", kind: "countries" },
  // Each vocabulary's codes, then free text for what it lacks (the free topics are the health topics' free text).
  { name: "healthTopics", kind: "codes", vocabulary: "health" },
  { name: "topics", kind: "lines" },
  { name: "populations", kind: "codes", vocabulary: "population" },
  { name: "populationsOther", kind: "lines" },
  { name: "settings", kind: "codes", vocabulary: "setting" },
  { name: "settingsOther", kind: "lines" },
  { name: "interventions", kind: "codes", vocabulary: "intervention" },
  { name: "interventionsOther", kind: "lines" },
  { name: "doi", kind: "text", max: 300 },
  { name: "license", kind: "text", max: 200 },
  { name: "abstract", kind: "area" },
];

function shown(field, doc) {
  const value = doc?.[field.name];
  if (value == null) return "";
  if (field.name === "authors") return value.map((a) => a.name).join("\n");
  if (field.kind === "lines") return value.join("\n");
  if (field.kind === "countries" || field.kind === "codes") return value.join(",");
  return String(value);
}

// The countries a document may name, [{code, name}] in the interface language, asked of the API once per page.
let countryList = null;
function countries() {
  countryList ||= api.countries().catch(() => {
    countryList = null;
    return [];
  });
  return countryList;
}

// Folds case and accents, so that "cote d'ivoire" finds "Côte d’Ivoire".
const folded = (text) =>
  String(text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’']/g, "'")
    .toLowerCase()
    .trim();

/**
 * A country picker: the chosen countries as removable chips, and an input whose list offers every country by name.
 * Its `value` is the chosen ISO codes joined by commas, as the form reads and fills it; `onchange` is told of changes.
 */
function countryPicker(id, value, onchange) {
  const listId = id + "-list";
  const input = el("input", { id, type: "text", list: listId, autocomplete: "off" });
  const datalist = el("datalist", { id: listId });
  const chips = el("ul", { class: "chips", "aria-live": "polite" });
  const hint = el("p", { class: "country-hint", role: "status", hidden: true });
  let codes = value ? value.split(",").filter(Boolean) : [];
  let names = new Map();
  countries().then((list) => {
    names = new Map(list.map((c) => [c.code, c.name]));
    datalist.replaceChildren(...list.map((c) => el("option", { value: c.name })));
    draw();
  });
  const nameOf = (code) => names.get(code) || countryName(code);
  function draw() {
    chips.replaceChildren(
      ...codes.map((code) =>
        el(
          "li",
          { "data-code": code },
          nameOf(code),
          el("button", { type: "button", class: "link", "aria-label": t("meta.countryRemove", { name: nameOf(code) }), onclick: () => remove(code) }, "×"),
        ),
      ),
    );
  }
  function remove(code) {
    codes = codes.filter((c) => c !== code);
    draw();
    onchange();
    input.focus();
  }
  function add() {
    const typed = input.value.trim();
    hint.hidden = true;
    if (!typed) return;
    const wanted = folded(typed);
    let code = [...names].find(([, name]) => folded(name) === wanted)?.[0];
    if (!code && /^[a-z]{2}$/i.test(typed) && (names.size === 0 || names.has(typed.toUpperCase()))) code = typed.toUpperCase();
    if (!code) {
      hint.textContent = t("meta.countryUnknown", { value: typed });
      hint.hidden = false;
      return;
    }
    if (!codes.includes(code)) codes = [...codes, code];
    input.value = "";
    draw();
    onchange();
  }
  input.addEventListener("change", add);
  // A name chosen from the list is added at once; a name being typed waits for Enter ("Niger" may become "Nigeria").
  input.addEventListener("input", (e) => {
    if (!(e instanceof InputEvent) || e.inputType === "insertReplacementText") add();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  });
  draw();
  const element = el("div", { class: "country-picker" }, chips, input, datalist, hint);
  return {
    element,
    control: input,
    get value() {
      return codes.join(",");
    },
    set value(next) {
      codes = next ? next.split(",").filter(Boolean) : [];
      draw();
    },
  };
}

/**
 * A vocabulary's codes as checkboxes labelled in the interface language, once the labels are there. Its `value` is
 * the chosen codes joined by commas, as the form reads and fills it; a change bubbles up to the form.
 */
function codePicker(id, vocabulary, value) {
  let codes = value ? value.split(",").filter(Boolean) : [];
  let entries = null;
  const box = el("div", { class: "code-list" }, el("p", { class: "help" }, t("meta.vocabLoading")));
  function draw() {
    box.replaceChildren(
      ...entries.map((entry) => {
        const name = localized(entry.label);
        const checkId = id + "-" + entry.code;
        const toggle = (e) => (codes = e.target.checked ? [...codes, entry.code] : codes.filter((code) => code !== entry.code));
        return el(
          "div",
          { class: "check" },
          el("input", { type: "checkbox", id: checkId, value: entry.code, checked: codes.includes(entry.code), onchange: toggle }),
          el("label", { for: checkId, lang: name.lang }, name.text),
        );
      }),
    );
  }
  vocabularies().then(
    (all) => {
      entries = all[vocabulary] || [];
      draw();
    },
    () => box.replaceChildren(el("p", { class: "invalid" }, t("meta.vocabFailed"))),
  );
  return {
    element: box,
    get value() {
      return codes.join(",");
    },
    set value(next) {
      codes = next ? next.split(",").filter(Boolean) : [];
      if (entries) draw();
    },
  };
}

/**
 * A fieldset for `doc`'s metadata (empty for a new upload), with the values someone `typed` already (kept as changed).
 * Returns the element and functions to read the changes, fill untouched fields from a newer version of the document,
 * and show the API's field errors.
 */
export function metadataForm(doc, prefix, typed = {}, { confirm } = {}) {
  const dirty = new Set(Object.keys(typed));
  doc = { ...doc, ...typed };
  const controls = new Map();
  const rows = new Map();
  const pickers = new Map();
  let current = doc || {};
  // The vocabularies' labels, once they are there (the design's options and suggestion wait for them).
  let labels = null;
  const fieldset = el("fieldset", { class: "metadata" }, el("legend", null, t("meta.legend")));
  for (const field of FIELDS) {
    const id = prefix + "-" + field.name;
    const value = shown(field, current);
    let control;
    if (field.kind === "select") {
      const options = field.options?.includes(value) || !value ? field.options || [] : [...(field.options || []), value];
      control = el(
        "select",
        { id, name: field.name },
        el("option", { value: "" }, t("meta.choose")),
        options.map((option) => el("option", { value: option, selected: option === value }, optionLabel(field, option))),
      );
    } else if (field.kind === "codes") {
      const picker = codePicker(id, field.vocabulary, value);
      pickers.set(field.name, picker);
      // A group of checkboxes, named by its legend; focused (tabindex) when the API finds fault with it.
      control = el(
        "fieldset",
        { id, class: "codes", tabindex: "-1" },
        el("legend", null, t("meta." + field.name), el("span", { class: "from-file", hidden: true }, t("meta.fromFile"))),
        picker.element,
      );
    } else if (field.kind === "countries") {
      const picker = countryPicker(id, value, () => dirty.add(field.name));
      pickers.set(field.name, picker);
      control = picker.control;
    } else if (field.kind === "lines" || field.kind === "area") {
      control = el("textarea", { id, name: field.name, rows: field.kind === "area" ? "6" : "3" }, value);
    } else {
      control = el("input", { id, name: field.name, type: field.kind === "date" ? "date" : "text", value, maxlength: field.max ? String(field.max) : null });
    }
    control.addEventListener("input", () => {
      if (field.kind !== "countries") dirty.add(field.name);
      // Typing over a doubtful value replaces it: the doubt no longer concerns what the field holds.
      rows.get(field.name).querySelector(".doubts").hidden = true;
    });
    control.addEventListener("change", () => {
      if (field.kind !== "countries") dirty.add(field.name);
      if (field.name === "type") procedureFields();
      if (field.name === "design") showSuggestion();
    });
    const help = t("meta.help." + field.name);
    if (help !== "meta.help." + field.name) control.setAttribute("aria-describedby", id + "-help");
    const row = el(
      "div",
      { class: "field" },
      // A group of checkboxes is named by its legend.
      field.kind === "codes" ? null : el("label", { for: id }, t("meta." + field.name), el("span", { class: "from-file", hidden: true }, t("meta.fromFile"))),
      field.kind === "codes" ? control : pickers.get(field.name)?.element || control,
      help !== "meta.help." + field.name ? el("p", { id: id + "-help", class: "help" }, help) : null,
      field.name === "design" ? el("p", { class: "suggestion", role: "status", hidden: true }) : null,
      el("div", { class: "doubts", id: id + "-doubts", hidden: true }),
    );
    controls.set(field.name, control);
    rows.set(field.name, row);
    fieldset.append(row);
  }
  function optionLabel(field, option) {
    if (!field.vocabulary) return field.label(option);
    return labels ? label(labels, field.vocabulary, option).text : option;
  }

  /** The design the portal suggests from the text, with its cue, and a button to choose it while another is chosen. */
  function showSuggestion() {
    const box = rows.get("design").querySelector(".suggestion");
    const suggested = current.designSuggestion;
    box.hidden = !(suggested?.code && labels);
    if (box.hidden) return;
    const select = controls.get("design");
    const use = () => {
      select.value = suggested.code;
      dirty.add("design");
      showSuggestion();
      select.focus();
    };
    fill(
      box,
      t("meta.designSuggested", { design: label(labels, "design", suggested.code).text, cue: suggested.cue }),
      select.value === suggested.code ? null : [" ", el("button", { type: "button", class: "secondary", onclick: use }, t("meta.designUse"))],
    );
  }

  // The design's options are named once the labels are there, keeping what is chosen.
  vocabularies().then(
    (all) => {
      labels = all;
      const select = controls.get("design");
      const chosen = select.value;
      const codes = (all.design || []).map((entry) => entry.code);
      if (chosen && !codes.includes(chosen)) codes.push(chosen);
      select.replaceChildren(el("option", { value: "" }, t("meta.choose")), ...codes.map((code) => el("option", { value: code, selected: code === chosen }, label(all, "design", code).text)));
      select.value = chosen;
      showSuggestion();
    },
    () => {
      // The codes stay as the options' names.
    },
  );

  function procedureFields() {
    const procedure = controls.get("type").value === "operating_procedure";
    for (const field of FIELDS) if (field.procedure) rows.get(field.name).hidden = !procedure;
  }
  procedureFields();

  /** Shows the portal's doubts about values read from the file beside their fields, with a button to keep them. */
  function showDoubts(next) {
    for (const field of FIELDS) {
      const box = rows.get(field.name).querySelector(".doubts");
      const doubts = (next?.doubts || []).filter((d) => d.field === field.name);
      const control = controls.get(field.name);
      const describedBy = (control.getAttribute("aria-describedby") || "").replace(/\S+-doubts\b/, "").trim();
      box.hidden = !doubts.length;
      if (!doubts.length) {
        box.replaceChildren();
        describe(control, describedBy);
        continue;
      }
      const status = el("span", { role: "status" });
      box.replaceChildren(
        ...doubts.map((d) => el("p", { class: "doubt" }, t("meta.doubt." + d.reason, { value: d.value }))),
        confirm
          ? el(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: async (e) => {
                  try {
                    const updated = await confirm(field.name);
                    current = { ...current, doubts: updated?.doubts || [] };
                    box.replaceChildren(el("p", { class: "ok", role: "status" }, t("meta.doubt.kept")));
                    rows.get(field.name).querySelector(".from-file").textContent = t("meta.fromFile");
                  } catch (error) {
                    status.textContent = t("error." + error.code) !== "error." + error.code ? t("error." + error.code) : error.message;
                    e.target.after(status);
                  }
                },
              },
              t("meta.doubt.keep"),
            )
          : null,
      );
      describe(control, describedBy + " " + box.id);
    }
  }
  showDoubts(current);

  function read(field) {
    const raw = (pickers.get(field.name) || controls.get(field.name)).value.trim();
    if (field.name === "authors") {
      const orcids = new Map((current.authors || []).map((a) => [a.name, a.orcid]));
      return lines(raw).map((name) => (orcids.get(name) ? { name, orcid: orcids.get(name) } : { name }));
    }
    if (field.kind === "lines") return lines(raw);
    if (field.kind === "countries" || field.kind === "codes") return pickers.get(field.name).value.split(",").filter(Boolean);
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
        const control = pickers.get(field.name) || controls.get(field.name);
        if (field.kind === "select" && value && ![...control.options].some((o) => o.value === value)) {
          control.append(el("option", { value }, optionLabel(field, value)));
        }
        const changed = control.value !== value;
        control.value = value;
        const mark = rows.get(field.name).querySelector(".from-file");
        mark.hidden = !(changed && value);
        // Title and authors are judged before they are offered: the mark says what the judgement was.
        const doubtful = (next.doubts || []).some((d) => d.field === field.name);
        mark.textContent = !JUDGED.includes(field.name) ? t("meta.fromFile") : doubtful ? t("meta.fromFileDoubtful") : t("meta.fromFileChecked");
        mark.classList.toggle("doubtful", doubtful);
      }
      showDoubts(next);
      showSuggestion();
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
        // A missing field is told in the reader's language; other errors keep the API's precise words.
        const missing = problem.code === "metadata-incomplete";
        const message = missing ? t(FIELDS.find((f) => f.name === name)?.procedure ? "meta.requiredProcedure" : "meta.required") : error.message;
        if (!document.getElementById(id)) rows.get(name).append(el("p", { id, class: "invalid" }, message));
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

/** The fields whose values read from a file are judged (MetadataDoubts on the server). */
const JUDGED = ["title", "authors"];

const lines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);
