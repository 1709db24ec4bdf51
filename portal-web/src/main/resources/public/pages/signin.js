// Signing in with the portal's own accounts, or with an organisation's provider when the portal offers one; and
// where a provider's sign-in ends.
import * as api from "../api.js";
import { announce, el, errorBox, setTitle } from "../dom.js";
import { hasMessage, t } from "../i18n.js";
import { go } from "../router.js";
import { account, adoptTokens, signIn, signOut, signedIn } from "../session.js";
import { store, stored } from "../storage.js";

// This tab's proof that it asked for the provider's sign-in that comes back: a random nonce kept in sessionStorage
// (the tab's own) and sent along in a cookie for /oauth only, which the portal's callback hands back beside the tokens.
const NONCE = "portal.signin-nonce";
const NONCE_COOKIE = "portal_signin_nonce";

/** Before the browser leaves for a provider: a new nonce for this tab, kept here and in the cookie. */
export function leaveForProvider() {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  store("sessionStorage", NONCE, nonce);
  document.cookie = `${NONCE_COOKIE}=${nonce}; Path=/oauth; Max-Age=900; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`;
  return nonce;
}

async function signOutAndLeave() {
  await signOut();
  go("/");
}

export async function render({ main, params, signal }) {
  setTitle(t("signin.title"));
  main.append(el("h1", { tabindex: "-1" }, t("signin.title")));
  if (signedIn()) {
    main.append(
      el("p", null, t("signin.already", { name: account?.displayName || account?.email || "" })),
      el("button", { type: "button", onclick: signOutAndLeave }, t("nav.signOut")),
    );
    return;
  }
  const next = params.get("next");
  const email = el("input", { id: "signin-email", name: "email", type: "email", autocomplete: "username", required: true, maxlength: "320" });
  const password = el("input", { id: "signin-password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const submit = el("button", { type: "submit" }, t("signin.submit"));
  const problems = el("div");
  const form = el(
    "form",
    { class: "narrow" },
    el("div", { class: "field" }, el("label", { for: email.id }, t("signin.email")), email),
    el("div", { class: "field" }, el("label", { for: password.id }, t("signin.password")), password),
    problems,
    submit,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    problems.replaceChildren();
    submit.disabled = true;
    try {
      await signIn(email.value.trim(), password.value);
      announce(t("signin.done"));
      location.hash = "#" + (next && next.startsWith("/") ? next : "/");
    } catch (error) {
      problems.replaceChildren(errorBox(error));
      password.value = "";
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(form);
  try {
    const providers = await api.signInProviders(signal);
    if (providers?.length) {
      main.append(
        el("h2", null, t("signin.providers")),
        el("ul", { class: "plain" }, providers.map((p) => el("li", null, el("a", { class: "button secondary", href: p.loginUrl, onclick: leaveForProvider }, t("signin.with", { name: p.name }))))),
      );
    }
  } catch (error) {
    if (error.name === "AbortError") throw error;
    // No providers to offer: the form is enough.
  }
}

/**
 * Where an external provider's sign-in ends: the portal's own tokens in the fragment (never sent to a server), taken
 * out of the address bar and the history at once; or the reason it failed. Tokens are taken only with the nonce this
 * tab set before it left for the provider (a link carrying someone else's tokens signs no one in), and never in place
 * of a session this tab already has; tokens not taken are revoked.
 */
export async function returned({ main, params }) {
  setTitle(t("signin.title"));
  history.replaceState(null, "", location.pathname + "#/signed-in");
  const expected = stored("sessionStorage", NONCE);
  store("sessionStorage", NONCE, null);
  const refreshToken = params.get("refresh_token");
  let problem = null;
  if (params.get("error") || !params.get("access_token")) problem = "signin.error." + params.get("error");
  else if (!expected || params.get("signin_nonce") !== expected) problem = "signin.error.not-this-tab";
  else if (signedIn()) problem = "signin.error.already-signed-in";
  if (problem) {
    if (refreshToken) {
      try {
        await api.logout(refreshToken);
      } catch {
        // Not revoked: the tokens are forgotten here all the same.
      }
    }
    main.append(
      el("h1", { tabindex: "-1" }, t("signin.title")),
      el("div", { class: "error", role: "alert" }, el("p", null, hasMessage(problem) ? t(problem) : t("signin.error.sign-in-failed"))),
      signedIn() ? null : el("p", null, el("a", { href: "#/signin" }, t("signin.again"))),
    );
    return;
  }
  await adoptTokens({ access_token: params.get("access_token"), refresh_token: refreshToken, expires_in: params.get("expires_in") });
  announce(t("signin.done"));
  location.replace(location.pathname + "#/");
}
