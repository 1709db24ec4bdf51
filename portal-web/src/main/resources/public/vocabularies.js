// The controlled vocabularies of a document's evidence and humanitarian metadata (study design, health topic,
// population, setting, intervention): stable codes whose French and English labels are the server's
// (api.vocabularies), asked for once when a page first needs them and kept for as long as the app is open.
import * as api from "./api.js";
import { localized } from "./i18n.js";

/** The vocabularies, each the name of its search filter and facet: the API's keys. */
export const VOCABULARIES = ["design", "health", "population", "setting", "intervention"];

/** The document fields that hold each vocabulary's codes, and those that hold free text for what it lacks. */
export const CODE_FIELDS = { design: "design", health: "healthTopics", population: "populations", setting: "settings", intervention: "interventions" };
export const FREE_FIELDS = { health: "topics", population: "populationsOther", setting: "settingsOther", intervention: "interventionsOther" };

let loading = null;

/** The vocabularies: a promise of the API's answer; a failure is forgotten, so that the next page asks again. */
export function vocabularies() {
  loading ||= api.vocabularies().catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** The label of `code` in `vocabulary`, in the interface language ({text, lang}); the code itself when unknown. */
export function label(all, vocabulary, code) {
  const entry = all?.[vocabulary]?.find((one) => one.code === code);
  return entry ? localized(entry.label) : { text: code, lang: null };
}
