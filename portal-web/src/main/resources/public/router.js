// The hash router: which page a location's hash names (#/path?params), links to routes, and showing a page, a
// newer navigation cancelling the render of an older one. Pages are modules loaded the first time they are shown
// (index.html preloads those a first visit needs); each exports render({main, params, args, signal}).
import { el, errorBox, setTitle } from "./dom.js";
import { t } from "./i18n.js";

const page = (module, name = "render") => () => import(module).then((loaded) => loaded[name]);
const ROUTES = [
  [/^\/$/, page("./pages/home.js")],
  [/^\/search$/, page("./pages/results.js")],
  [/^\/documents\/([^/]+)$/, page("./pages/document.js")],
  [/^\/collections$/, page("./pages/collections.js")],
  [/^\/collections\/([^/]+)$/, page("./pages/collection.js")],
  [/^\/upload$/, page("./pages/upload.js")],
  [/^\/dashboard$/, page("./pages/dashboard.js")],
  [/^\/signin$/, page("./pages/signin.js")],
  [/^\/account$/, page("./pages/account.js")],
  [/^\/admin$/, page("./pages/admin.js")],
  [/^\/signed-in$/, page("./pages/signin.js", "returned")],
  [/^/, () => notFound],
];

/** A route's href: `#/path?params`, params being an object of strings or arrays, or URLSearchParams. */
export function link(path, params) {
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params || {});
  for (const [name, value] of entries) {
    for (const one of [].concat(value)) if (one != null && one !== "") query.append(name, one);
  }
  const text = query.toString();
  return "#" + path + (text ? "?" + text : "");
}

/** Goes to a route; shows it again when the address is already there. */
export function go(path, params) {
  const target = link(path, params);
  if (location.hash === target) route();
  else location.hash = target;
}

const listeners = [];
/** Calls `listener` each time a route starts to be shown (the header marks the current section). */
export const onRoute = (listener) => listeners.push(listener);

function notFound({ main }) {
  setTitle(t("notFound.title"));
  main.append(el("h1", { tabindex: "-1" }, t("notFound.title")), el("p", null, t("notFound.text"), " ", el("a", { href: "#/" }, t("notFound.home"))));
}

let renders = 0;
let controller = null;

/** Shows the page the location's hash names; a newer navigation cancels the render of an older one. */
export async function route({ focus = true } = {}) {
  const hash = location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
  const split = hash.indexOf("?");
  const path = split < 0 ? hash : hash.slice(0, split);
  const params = new URLSearchParams(split < 0 ? "" : hash.slice(split + 1));
  const [pattern, load] = ROUTES.find(([regex]) => regex.test(path));
  // A malformed escape ("%ZZ") is kept as typed.
  const args = path.match(pattern).slice(1).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const mine = ++renders;
  controller?.abort();
  controller = new AbortController();
  const main = document.getElementById("main");
  main.setAttribute("aria-busy", "true");
  listeners.forEach((listener) => listener());
  try {
    const render = await load();
    if (mine !== renders) return;
    const early = main.querySelector("#q0");
    const typing = early != null && document.activeElement === early;
    main.replaceChildren();
    window.scrollTo(0, 0);
    const rendering = render({ main, params, args, signal: controller.signal });
    if (early) keepTyping(early, typing, main);
    // Focus goes to the new page's heading, so that a keyboard or screen reader user starts there: at once when the
    // page shows it at once, else as soon as it appears, unless the user has put the focus somewhere meanwhile.
    if (focus) focusHeading(main, () => mine === renders, rendering);
    await rendering;
  } catch (error) {
    if (error.name === "AbortError" || mine !== renders) return;
    main.replaceChildren(el("h1", { tabindex: "-1" }, t("error.title")), errorBox(error, () => route()));
  } finally {
    if (mine === renders) {
      main.removeAttribute("aria-busy");
      // Which route the content shows, for whoever waits for a page (the browser tests).
      main.dataset.shown = location.hash;
    }
  }
}

/** Moves what was typed in the page shell's search box, before the script arrived, into the page's own box. */
function keepTyping(early, typing, main) {
  const box = main.querySelector("input[name=q]");
  if (!box || !early.value) return;
  if (!box.value) box.value = early.value;
  if (typing) {
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }
}

function focusHeading(main, current, rendering) {
  const heading = main.querySelector("h1");
  if (heading) return heading.focus();
  const observer = new MutationObserver(() => {
    const shown = main.querySelector("h1");
    if (!shown) return;
    observer.disconnect();
    if (current() && (!document.activeElement || document.activeElement === document.body)) shown.focus();
  });
  observer.observe(main, { childList: true, subtree: true });
  // Stops watching once the page is rendered, or failed to (route shows that failure).
  rendering.then(
    () => observer.disconnect(),
    () => observer.disconnect(),
  );
}

/** Follows the address from now on and shows the current route; an old bookmark (/?q=…) opens the results page. */
export function startRouter() {
  const legacy = new URLSearchParams(location.search).get("q");
  if (legacy != null && !location.hash.startsWith("#/")) history.replaceState(null, "", location.pathname + link("/search", { q: legacy }));
  window.addEventListener("hashchange", () => {
    if (location.hash === "" || location.hash.startsWith("#/")) route();
  });
  route({ focus: false });
}
