// Who is signed in: the tokens (in sessionStorage, renewed with the refresh token before they expire), the account
// and its role; signing in and out. The API client speaks for this session (api.speakFor). Whoever shows who is
// signed in (the header) listens with onSessionChange.
import * as api from "./api.js";
import { announce, el } from "./dom.js";
import { t } from "./i18n.js";
import { link } from "./router.js";
import { stored, store } from "./storage.js";

const ROLES = ["reader", "contributor", "curator", "admin"];
const AUTH = "portal.auth";

let auth = readAuth();
/** The signed-in account ({id, email, displayName, role}) once loaded, else null. */
export let account = null;

const listeners = [];
/** Calls `listener` whenever the session or its account changes. */
export const onSessionChange = (listener) => listeners.push(listener);
const changed = () => listeners.forEach((listener) => listener());

function readAuth() {
  try {
    return JSON.parse(stored("sessionStorage", AUTH)) || null;
  } catch {
    return null;
  }
}

function keepTokens(tokens) {
  auth = {
    access: tokens.access_token,
    refresh: tokens.refresh_token || auth?.refresh,
    expiresAt: Date.now() + (Number(tokens.expires_in) || 3600) * 1000,
    roles: tokens.roles || auth?.roles || [],
    username: tokens.username || auth?.username,
  };
  store("sessionStorage", AUTH, JSON.stringify(auth));
}

function forget() {
  auth = null;
  account = null;
  store("sessionStorage", AUTH, null);
  changed();
}

let refreshing = null;
/** Exchanges the refresh token for a new access token, once for all callers waiting; false when signed out. */
function refresh() {
  if (!auth?.refresh) return Promise.resolve(false);
  refreshing ||= api
    .renewTokens(auth.refresh)
    .then(
      (tokens) => {
        keepTokens(tokens);
        return true;
      },
      (error) => {
        // Not reached (or no answer to read): the tokens stay, the next call tries again.
        if (!error.status) return false;
        forget();
        announce(t("auth.expired"));
        return false;
      },
    )
    .finally(() => (refreshing = null));
  return refreshing;
}

/** The access token to send now, refreshed first when it is about to expire; null when signed out. */
async function bearer() {
  if (auth && auth.expiresAt - Date.now() < 30_000) await refresh();
  return auth ? "Bearer " + auth.access : null;
}

api.speakFor({ bearer, renew: refresh });

export const signedIn = () => auth != null;

/**
 * Where a link to a document goes: its permanent page (/documents/{id}, complete without script, the address to
 * share and cite) when it is published or withdrawn, or found by a reader; the web app's page, with the workflow's
 * actions, for a draft or a submission, and for a signed-in viewer's search hit (a hit does not say its status).
 */
export function documentHref(doc) {
  const permanent = doc.status ? doc.status === "published" || doc.status === "withdrawn" : !signedIn();
  return (permanent ? "/documents/" : "#/documents/") + encodeURIComponent(doc.id);
}

export function role() {
  if (account?.role) return account.role;
  const held = (auth?.roles || []).map((r) => String(r).toLowerCase());
  return ROLES.slice().reverse().find((r) => held.includes(r)) || "reader";
}

export const atLeast = (wanted) => ROLES.indexOf(role()) >= ROLES.indexOf(wanted);

/** Loads the signed-in account (the header shows its name); a 401 means the session is over. */
export async function loadAccount() {
  try {
    account = await api.myAccount();
  } catch (error) {
    if (error.status === 401) forget();
  }
  changed();
}

export async function signIn(email, password) {
  keepTokens(await api.login(email, password));
  await loadAccount();
}

/** Takes the tokens an external provider's sign-in handed back ({access_token, refresh_token, expires_in}). */
export async function adoptTokens(tokens) {
  keepTokens(tokens);
  await loadAccount();
}

/** Revokes the refresh token and forgets the session, whatever the server said. */
export async function signOut() {
  const refreshToken = auth?.refresh;
  if (refreshToken) {
    try {
      await api.logout(refreshToken);
    } catch {
      // The token is forgotten here whatever the server said; it expires on its own.
    }
  }
  forget();
  announce(t("auth.signedOut"));
}

/** Shows why the page needs a role, with a sign-in link when signed out; true when the viewer has the role. */
export function requireRole(main, wanted, title) {
  if (atLeast(wanted)) return true;
  const here = location.hash.slice(1) || "/";
  main.append(
    el("h1", { tabindex: "-1" }, title),
    signedIn()
      ? el("p", { class: "notice" }, t("auth.forbidden." + wanted))
      : el("p", { class: "notice" }, t("auth.needed"), " ", el("a", { href: link("/signin", { next: here }) }, t("nav.signIn"))),
  );
  return false;
}
