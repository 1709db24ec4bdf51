// A classic script, not a module, loaded async: it runs as soon as it arrives, while the modules are still coming,
// and asks at once for the messages of the reader's language only (messages/fr.js or messages/en.js), which i18n.js
// then imports without waiting for them. It repeats language.js's rule (a module runs only once every module is
// there, too late to ask early); if it differs or fails, i18n.js still fetches the right file, one round trip later.
(() => {
  let chosen = null;
  try {
    chosen = localStorage.getItem("portal.lang");
  } catch {
    // Private browsing may refuse the storage: the browser's languages decide.
  }
  if (chosen !== "fr" && chosen !== "en") {
    const bases = (navigator.languages || [navigator.language || ""]).map((tag) => String(tag).slice(0, 2).toLowerCase());
    chosen = bases.find((base) => base === "fr" || base === "en") || "fr";
  }
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = "messages/" + chosen + ".js";
  document.head.append(link);
})();
