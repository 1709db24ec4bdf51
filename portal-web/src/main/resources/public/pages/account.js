// The signed-in account's page: who it is, its saved searches (see saved-searches.js), a new password, and personal API
// tokens for scripts (created, shown once, revoked).
import * as api from "../api.js";
import { announce, el, errorBox, setTitle } from "../dom.js";
import { date, t } from "../i18n.js";
import { route } from "../router.js";
import { requireRole, signedIn } from "../session.js";
import { showErrors } from "./curate.js";
import { savedSearchesSection } from "./saved-searches.js";

export async function render({ main, signal }) {
  setTitle(t("account.title"));
  if (!signedIn() && !requireRole(main, "contributor", t("account.title"))) return;
  let me;
  let tokens;
  let saved;
  try {
    [me, tokens, saved] = await Promise.all([api.myAccount(signal), api.myTokens(signal), api.savedSearches(signal)]);
  } catch (error) {
    if (error.name === "AbortError") throw error;
    main.append(el("h1", { tabindex: "-1" }, t("account.title")), errorBox(error, () => route()));
    return;
  }
  main.append(
    el("h1", { tabindex: "-1" }, t("account.title")),
    el(
      "dl",
      { class: "facts" },
      el("dt", null, t("account.name")),
      el("dd", null, me.displayName || ""),
      el("dt", null, t("account.email")),
      el("dd", null, me.email || ""),
      el("dt", null, t("account.role")),
      el("dd", null, t("role." + me.role)),
    ),
    savedSearchesSection(saved),
    passwordSection(),
    tokensSection(tokens),
  );
}

function passwordSection() {
  const status = el("div", { role: "status" });
  const current = el("input", { type: "password", name: "currentPassword", id: "pw-current", autocomplete: "current-password", required: true });
  const next = el("input", { type: "password", name: "newPassword", id: "pw-new", autocomplete: "new-password", required: true, minlength: "10", "aria-describedby": "pw-help" });
  const form = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api.changePassword(current.value, next.value);
          form.reset();
          showErrors(form, status, null);
          status.replaceChildren(el("p", { class: "ok" }, t("account.passwordChanged")));
          announce(t("account.passwordChanged"));
        } catch (error) {
          showErrors(form, status, error)?.focus();
        }
      },
    },
    el("div", { class: "field" }, el("label", { for: "pw-current" }, t("account.currentPassword")), current),
    el("div", { class: "field" }, el("label", { for: "pw-new" }, t("account.newPassword")), next, el("p", { id: "pw-help", class: "help" }, t("account.passwordHelp"))),
    el("button", { type: "submit" }, t("account.changePassword")),
    status,
  );
  return el("section", { "aria-labelledby": "pw-h" }, el("h2", { id: "pw-h" }, t("account.password")), form);
}

function tokensSection(tokens) {
  const status = el("div", { role: "status" });
  const shown = el("div");
  const list = tokens.length
    ? el(
        "table",
        null,
        el("caption", { class: "sr-only" }, t("account.tokens")),
        el("thead", null, el("tr", null, ["name", "prefix", "created", "expires", "lastUsed", "actions"].map((c) => el("th", { scope: "col" }, t("account.token." + c))))),
        el(
          "tbody",
          null,
          tokens.map((token) =>
            el(
              "tr",
              null,
              el("td", null, token.name),
              el("td", null, el("code", null, token.prefix || "")),
              el("td", null, token.createdAt ? date(token.createdAt) : ""),
              el("td", null, token.expiresAt ? date(token.expiresAt) : ""),
              el("td", null, token.lastUsedAt ? date(token.lastUsedAt, true) : t("account.token.never")),
              el(
                "td",
                null,
                el(
                  "button",
                  {
                    type: "button",
                    class: "secondary",
                    "aria-label": t("account.revokeOf", { name: token.name }),
                    onclick: async () => {
                      try {
                        await api.revokeToken(token.id);
                        announce(t("account.revoked"));
                        route();
                      } catch (error) {
                        status.replaceChildren(errorBox(error));
                      }
                    },
                  },
                  t("account.revoke"),
                ),
              ),
            ),
          ),
        ),
      )
    : el("p", null, t("account.noTokens"));
  const name = el("input", { name: "name", id: "token-name", required: true, maxlength: "100" });
  const days = el("input", { name: "expiresInDays", id: "token-days", type: "number", min: "1", max: "365", value: "90" });
  const form = el(
    "form",
    {
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const created = await api.createToken(name.value.trim(), Number(days.value) || null);
          showErrors(form, status, null);
          shown.replaceChildren(secret(created));
          shown.querySelector("code").focus();
          announce(t("account.tokenCreated"));
        } catch (error) {
          showErrors(form, status, error)?.focus();
        }
      },
    },
    el("div", { class: "field" }, el("label", { for: "token-name" }, t("account.token.name")), name),
    el("div", { class: "field" }, el("label", { for: "token-days" }, t("account.token.days")), days),
    el("button", { type: "submit" }, t("account.createToken")),
    status,
  );
  return el("section", { "aria-labelledby": "tokens-h" }, el("h2", { id: "tokens-h" }, t("account.tokens")), el("p", { class: "help" }, t("account.tokensHelp")), list, el("h3", null, t("account.newToken")), form, shown);
}

/** A new token's secret, shown once, with a copy button and the warning that it will not be shown again. */
function secret(created) {
  const copied = el("span", { role: "status" });
  return el(
    "div",
    { class: "banner", role: "note" },
    el("p", null, el("strong", null, t("account.tokenOnce"))),
    el("p", null, el("code", { id: "new-token", tabindex: "-1" }, created.token)),
    el("p", null, t("account.tokenExpires", { date: date(created.expiresAt) })),
    el(
      "p",
      null,
      el(
        "button",
        {
          type: "button",
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(created.token);
              copied.textContent = t("account.copied");
            } catch {
              copied.textContent = t("account.copyFailed");
            }
          },
        },
        t("account.copy"),
      ),
      " ",
      copied,
      " ",
      el("button", { type: "button", class: "secondary", onclick: () => route() }, t("account.tokenDone")),
    ),
  );
}
