// The administrators' page: the accounts (create one, change a role, disable or enable) and the audit log, page by page.
import * as api from "../api.js";
import { announce, el, errorBox, setTitle } from "../dom.js";
import { date, t } from "../i18n.js";
import { route } from "../router.js";
import { requireRole } from "../session.js";
import { showErrors } from "./curate.js";

const ROLES = ["contributor", "curator", "admin"];

export async function render({ main, signal }) {
  setTitle(t("admin.title"));
  if (!requireRole(main, "admin", t("admin.title"))) return;
  let accounts;
  try {
    accounts = await api.accounts(signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    main.append(el("h1", { tabindex: "-1" }, t("admin.title")), errorBox(error, () => route()));
    return;
  }
  const audit = el("section", { "aria-labelledby": "audit-h" }, el("h2", { id: "audit-h" }, t("admin.audit")));
  main.append(el("h1", { tabindex: "-1" }, t("admin.title")), accountsSection(accounts), newAccountForm(), audit);
  await auditPage(audit, null, signal);
}

function accountsSection(accounts) {
  const status = el("div", { role: "status" });
  const change = async (account, json, done) => {
    try {
      await api.changeAccount(account.id, json);
      announce(done);
      route();
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  };
  const rows = accounts.map((account) => {
    const id = "role-" + account.id;
    const select = el(
      "select",
      { id, "aria-label": t("admin.roleOf", { name: account.displayName }) },
      ROLES.map((r) => el("option", { value: r, selected: r === account.role }, t("role." + r))),
    );
    return el(
      "tr",
      null,
      el("td", null, account.displayName),
      el("td", null, account.email),
      el(
        "td",
        null,
        select,
        " ",
        el("button", { type: "button", class: "secondary", "aria-label": t("admin.saveRoleOf", { name: account.displayName }), onclick: () => change(account, { role: select.value }, t("admin.done.role")) }, t("admin.saveRole")),
      ),
      el("td", null, account.disabled ? t("admin.disabled") : t("admin.enabled")),
      el("td", null, account.createdAt ? date(account.createdAt) : ""),
      el(
        "td",
        null,
        el(
          "button",
          {
            type: "button",
            class: account.disabled ? "secondary" : "danger",
            "aria-label": t(account.disabled ? "admin.enableOf" : "admin.disableOf", { name: account.displayName }),
            onclick: () => change(account, { disabled: !account.disabled }, t(account.disabled ? "admin.done.enabled" : "admin.done.disabled")),
          },
          t(account.disabled ? "admin.enable" : "admin.disable"),
        ),
      ),
    );
  });
  return el(
    "section",
    { "aria-labelledby": "accounts-h" },
    el("h2", { id: "accounts-h" }, t("admin.accounts")),
    el(
      "div",
      { class: "scroll", tabindex: "0", role: "region", "aria-label": t("admin.accounts") },
      el(
        "table",
        null,
        el("caption", { class: "sr-only" }, t("admin.accounts")),
        el("thead", null, el("tr", null, ["name", "email", "role", "state", "created", "actions"].map((c) => el("th", { scope: "col" }, t("admin.col." + c))))),
        el("tbody", null, rows),
      ),
    ),
    status,
  );
}

function newAccountForm() {
  const status = el("div", { role: "status" });
  const input = (name, label, attrs) => el("div", { class: "field" }, el("label", { for: "new-" + name }, label), el("input", { id: "new-" + name, name, required: true, ...attrs }));
  const form = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const value = (name) => form.elements[name].value.trim();
        try {
          await api.createAccount({ email: value("email"), displayName: value("displayName"), role: value("role"), password: form.elements.password.value });
          announce(t("admin.done.created"));
          route();
        } catch (error) {
          showErrors(form, status, error)?.focus();
        }
      },
    },
    input("email", t("account.email"), { type: "email", autocomplete: "off" }),
    input("displayName", t("account.name"), { maxlength: "200" }),
    el("div", { class: "field" }, el("label", { for: "new-role" }, t("account.role")), el("select", { id: "new-role", name: "role" }, ROLES.map((r) => el("option", { value: r }, t("role." + r))))),
    input("password", t("admin.firstPassword"), { type: "password", autocomplete: "new-password", minlength: "10" }),
    el("button", { type: "submit" }, t("admin.create")),
    status,
  );
  return el("section", { "aria-labelledby": "new-account-h" }, el("h2", { id: "new-account-h" }, t("admin.newAccount")), form);
}

/** Appends one page of the audit log to `section` (the newest first), with a button for the older entries. */
async function auditPage(section, before, signal) {
  let page;
  try {
    page = await api.auditLog({ size: 20, before }, signal);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    section.append(errorBox(error, () => route()));
    return;
  }
  let table = section.querySelector("tbody");
  if (!table) {
    table = el("tbody");
    section.append(
      el(
        "div",
        { class: "scroll", tabindex: "0", role: "region", "aria-label": t("admin.audit") },
        el(
          "table",
          null,
          el("caption", { class: "sr-only" }, t("admin.audit")),
          el("thead", null, el("tr", null, ["at", "actor", "action", "target", "detail"].map((c) => el("th", { scope: "col" }, t("admin.audit." + c))))),
          table,
        ),
      ),
    );
  }
  const first = page.items.length ? table.children.length : -1;
  for (const entry of page.items) {
    table.append(
      el(
        "tr",
        null,
        el("td", null, date(entry.at, true)),
        el("td", null, entry.actorEmail || entry.actorId || ""),
        el("td", null, el("code", null, entry.action)),
        el("td", null, [entry.targetType, entry.targetId].filter(Boolean).join(" ")),
        el("td", null, typeof entry.detail === "string" ? entry.detail : entry.detail ? JSON.stringify(entry.detail) : ""),
      ),
    );
  }
  section.querySelector(".more")?.remove();
  if (page.next) {
    section.append(
      el(
        "p",
        { class: "more" },
        el(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              await auditPage(section, page.next, undefined);
              announce(t("admin.audit.loaded"));
            },
          },
          t("admin.audit.more"),
        ),
      ),
    );
  }
  // After "older entries", the first new row takes the focus so that keyboard users go on from there.
  if (before && first >= 0) {
    const row = table.children[first];
    row.tabIndex = -1;
    row.focus();
  }
}
