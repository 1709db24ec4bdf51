// The search form with type-ahead, on the home, results and collection pages: the ARIA combobox pattern over the
// titles and keywords the API suggests.
import * as api from "./api.js";
import { announce, el } from "./dom.js";
import { number, t } from "./i18n.js";
import { go } from "./router.js";

// The API's bound on a query's length.
const MAX_QUERY = 1000;

let comboboxes = 0;
/**
 * A search form with type-ahead (the ARIA combobox pattern: arrows move through suggestions, Enter picks one, Escape
 * closes them). Submitting goes to the results page with `scope` (filters kept) and the query.
 */
export function searchForm({ q = "", scope = {}, label = t("search.label"), big = false } = {}) {
  const n = ++comboboxes;
  const input = el("input", {
    id: "q" + n,
    name: "q",
    type: "search",
    value: q,
    maxlength: String(MAX_QUERY),
    autocomplete: "off",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": "suggest" + n,
    "aria-describedby": "qhelp" + n,
  });
  const list = el("ul", { id: "suggest" + n, role: "listbox", class: "suggest", hidden: true, "aria-label": t("suggest.label") });
  const form = el(
    "form",
    { role: "search", class: big ? "search big" : "search" },
    el("label", { for: input.id }, label),
    el("div", { class: "box" }, el("div", { class: "combo" }, input, list), el("button", { type: "submit" }, t("search.go"))),
    el("p", { id: "qhelp" + n, class: "help" }, t("search.help")),
  );
  // Says when pasted text is cut at the limit.
  const cutNote = el("p", { class: "help cut", role: "status", hidden: true });
  form.append(cutNote);
  input.addEventListener("paste", (e) => {
    const pasted = e.clipboardData?.getData("text") || "";
    const kept = input.value.length - (input.selectionEnd - input.selectionStart);
    const cut = pasted.length > MAX_QUERY - kept;
    cutNote.hidden = !cut;
    cutNote.textContent = cut ? t("search.cut", { n: number(MAX_QUERY), lost: number(pasted.length - (MAX_QUERY - kept)) }) : "";
  });
  let suggestions = [];
  let active = -1;
  let timer;
  let pending;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    input.setAttribute("aria-activedescendant", list.id + "-" + index);
  };
  const pick = (suggestion) => {
    close();
    if (suggestion.kind === "title" && suggestion.documentId) go("/documents/" + suggestion.documentId);
    else {
      input.value = suggestion.text;
      form.requestSubmit();
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    pending?.abort();
    const text = input.value.trim();
    if (text.length < 2) return close();
    timer = setTimeout(async () => {
      pending = new AbortController();
      try {
        const answer = await api.suggest(text, pending.signal);
        suggestions = answer.suggestions || [];
      } catch {
        suggestions = [];
      }
      list.replaceChildren(
        ...suggestions.map((s, i) =>
          el(
            "li",
            {
              id: list.id + "-" + i,
              role: "option",
              "aria-selected": "false",
              // Keeps the focus in the input, whose blur would close the list before the click lands.
              onmousedown: (e) => e.preventDefault(),
              onclick: () => pick(s),
            },
            s.text,
            el("span", { class: "kind" }, t("suggest." + s.kind)),
          ),
        ),
      );
      if (!suggestions.length || document.activeElement !== input) return close();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      announce(t("suggest.count", { n: suggestions.length }));
    }, 200);
  });
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const size = suggestions.length;
      highlight(e.key === "ArrowDown" ? (active + 1) % size : (active - 1 + size) % size);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      pick(suggestions[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    close();
    go("/search", { ...scope, q: input.value.trim() });
  });
  return form;
}
