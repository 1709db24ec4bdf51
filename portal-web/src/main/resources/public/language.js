// The interface language alone, without the messages: the API client needs it for Accept-Language, and a
// server-written page's script (landing.js) should not load every message of the app to send it.
import { stored, store } from "./storage.js";

const LANGUAGES = ["fr", "en"];

function chooseLanguage() {
  const saved = stored("localStorage", "portal.lang");
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = String(tag).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(base)) return base;
  }
  return "fr";
}

/** The interface language: the remembered choice, else the first of French or English the browser accepts. */
export let lang = chooseLanguage();

/** The other interface language (the one the switch offers). */
export const otherLanguage = () => (lang === "fr" ? "en" : "fr");

/** Switches the interface to the other language and remembers the choice. */
export function switchLanguage() {
  lang = otherLanguage();
  store("localStorage", "portal.lang", lang);
}

