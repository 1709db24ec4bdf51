// The page shell's script: the header (the menu, with what the viewer may do and who is signed in, and the language
// switch), the session kept in this tab resumed, and the page the address names. The other modules: i18n (texts
// and formats), dom (helpers and small pieces of pages), api (the JSON API, one function per endpoint), session
// (who is signed in), router (routes and pages), search-box (the search form with type-ahead), pages/*.js (one per
// page). index.html preloads every module a first visit needs, so that they arrive together.
import { announce, el } from "./dom.js";
import { lang, otherLanguage, switchLanguage, t } from "./i18n.js";
import { go, link, onRoute, route, startRouter } from "./router.js";
import { account, atLeast, loadAccount, onSessionChange, signOut, signedIn } from "./session.js";

async function signOutAndLeave() {
  await signOut();
  go("/");
}

function drawHeader() {
  const current = (location.hash.slice(1) || "/").split("?")[0];
  const item = (href, key, section) =>
    el("li", null, el("a", { href, "aria-current": current.startsWith(section) ? "page" : null }, t(key)));
  const items = [item("#/collections", "nav.collections", "/collections")];
  if (atLeast("contributor")) items.push(item("#/upload", "nav.upload", "/upload"), item("#/dashboard", "nav.dashboard", "/dashboard"));
  if (atLeast("admin")) items.push(item("#/admin", "nav.admin", "/admin"));
  if (signedIn()) {
    items.push(
      el(
        "li",
        null,
        el(
          "a",
          { href: "#/account", class: "who", "aria-current": current.startsWith("/account") ? "page" : null },
          account?.displayName || t("nav.account"),
        ),
        el("button", { type: "button", class: "link", onclick: signOutAndLeave }, t("nav.signOut")),
      ),
    );
  } else {
    const next = current.startsWith("/signin") ? null : location.hash.slice(1) || null;
    items.push(el("li", null, el("a", { href: link("/signin", { next }), "aria-current": current.startsWith("/signin") ? "page" : null }, t("nav.signIn"))));
  }
  const nav = document.getElementById("nav");
  nav.setAttribute("aria-label", t("nav.label"));
  nav.replaceChildren(el("ul", null, items));
  const other = otherLanguage();
  const switcher = document.getElementById("lang");
  switcher.textContent = t("lang.other");
  switcher.setAttribute("lang", other);
  switcher.setAttribute("title", t("lang.otherSwitch"));
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  drawHeader();
}

/** Draws the header in the interface language and keeps it current: on each route, sign-in and language switch. */
function startHeader() {
  applyLanguage();
  document.getElementById("lang").addEventListener("click", async () => {
    await switchLanguage();
    applyLanguage();
    route({ focus: false });
    announce(t("lang.changed"));
  });
  document.querySelector(".skip").addEventListener("click", (e) => {
    e.preventDefault();
    document.getElementById("main").focus();
  });
  onRoute(drawHeader);
  onSessionChange(drawHeader);
}

startHeader();
if (signedIn()) loadAccount();
startRouter();
