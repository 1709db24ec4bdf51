// The interface language and every text and format in it: messages (messages/fr.js and messages/en.js, only the
// reader's language loaded, the other one when the reader switches), plural forms, numbers, dates, sizes, and the
// names of languages, countries and document types.
import { lang, otherLanguage, switchLanguage as switchTo } from "./language.js";

export { lang, otherLanguage } from "./language.js";

/** The messages of each language loaded so far, by language. */
const messages = {};

async function load(language) {
  // index.html's messages-preload.js has usually asked for this file already: the import finds it there.
  messages[language] ??= (await import("./messages/" + language + ".js")).default;
}

await load(lang);

/** Switches the interface to the other language once its messages are there, and remembers the choice. */
export async function switchLanguage() {
  await load(otherLanguage());
  switchTo();
}

/** The message `key` in the interface language, `{name}` replaced by `params.name` (numbers in the locale). */
export function t(key, params = {}) {
  let text = messages[lang][key] ?? key;
  if (typeof text === "object") text = text[new Intl.PluralRules(lang).select(params.n ?? 0)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params[name];
    return typeof value === "number" ? number(value) : (value ?? "");
  });
}

/** True when there is a message `key` (codes from the API have one only when the portal explains them). */
export const hasMessage = (key) => key in messages[lang];

export const number = (value, options) => new Intl.NumberFormat(lang, options).format(value);

/** A calendar date (YYYY-MM-DD) or an instant, in the interface language. */
export function date(value, withTime = false) {
  if (!value) return "";
  // A calendar date is a day, not an instant: formatted in UTC so that no time zone moves it to the day before.
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = new Date(day ? value + "T00:00:00Z" : value);
  if (Number.isNaN(parsed.getTime())) return value;
  const options = day ? { dateStyle: "long", timeZone: "UTC" } : { dateStyle: "medium" };
  if (withTime && !day) options.timeStyle = "short";
  return new Intl.DateTimeFormat(lang, options).format(parsed);
}

export function bytes(size) {
  const [value, unit] = size >= 1e6 ? [size / 1e6, "megabyte"] : size >= 1e3 ? [size / 1e3, "kilobyte"] : [size, "byte"];
  return number(value, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
}

function displayName(type, code) {
  try {
    return new Intl.DisplayNames([lang], { type, fallback: "code" }).of(code) || code;
  } catch {
    return code;
  }
}

export const languageName = (code) => displayName("language", code);
export const countryName = (code) => displayName("region", String(code).toUpperCase());
export const typeName = (type) => (hasMessage("type." + type) ? t("type." + type) : type);

/**
 * Why a file could not be read, in the interface language: the message for its failure code, with its numbers (pages
 * as the plural count); the API's English words only for a code this page does not know, or a failure without one.
 */
export function failureText(file) {
  const code = file?.failureCode;
  if (code && hasMessage("failure." + code)) {
    const params = file.failureParameters || {};
    return t("failure." + code, { ...params, n: params.pages });
  }
  return file?.failureReason || null;
}

/** A document's language as an HTML lang value, or null when it is not a plain ISO 639-1 code. */
export const langOf = (code) => (/^[a-z]{2}$/.test(code || "") ? code : null);

/** The interface language's text of a {fr, en} pair, else the other one, with its lang when it differs. */
export function localized(pair) {
  const other = otherLanguage();
  if (pair?.[lang]) return { text: pair[lang], lang: null };
  if (pair?.[other]) return { text: pair[other], lang: other };
  return { text: "", lang: null };
}
