// The portal's JSON API, one function per endpoint: the only module that knows an address of the API or sends a
// request. Answers are parsed JSON (null for 204); a failure is an ApiError, or an AbortError when `signal` aborts.
// Who the requests speak for is set by session.js (speakFor): the bearer token, and how to renew it after a 401.
import { lang } from "./language.js";

/** A failed API call: the problem document's code and detail, or code "network" when the server was not reached. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || "HTTP " + status);
    this.status = status;
    this.code = problem.code || (status ? "http-" + status : "network");
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

let credentials = { bearer: async () => null, renew: async () => false };

/**
 * Makes the requests speak for a session: `bearer()` gives the Authorization value to send now (null when signed
 * out), `renew()` renews it after a 401 and tells whether to try again.
 */
export function speakFor(session) {
  credentials = session;
}

/**
 * Sends one request: `json` is sent as the body; the answer is parsed JSON (text with `text: true`, null for 204).
 * A 401 with a token renews it once and tries again; `anonymous` requests carry no token; `raw` gives the Response.
 */
async function request(path, { method = "GET", json, signal, text = false, raw = false, anonymous = false, retried = false } = {}) {
  const headers = { Accept: text ? "*/*" : "application/json", "Accept-Language": lang };
  const token = anonymous ? null : await credentials.bearer();
  if (token) headers.Authorization = token;
  if (json !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    // Resolved against this module's address, not the page's: a server-rendered page (/documents/{id}) uses it too.
    response = await fetch(new URL(path, import.meta.url), { method, headers, signal, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(0, {});
  }
  if (response.status === 401 && token && !retried && (await credentials.renew())) {
    return request(path, { method, json, signal, text, raw, retried: true });
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not a problem document (a proxy's page): the status says enough.
    }
    throw new ApiError(response.status, problem, Number(response.headers.get("Retry-After")) || null);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  return text ? response.text() : response.json();
}

/** `path` with the query of `params` (an object or URLSearchParams; null values left out), e.g. `api/x?a=1`. */
function withQuery(path, params) {
  const query = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? params.entries() : Object.entries(params || {});
  for (const [name, value] of entries) if (value != null) query.append(name, value);
  const text = query.toString();
  return text ? path + "?" + text : path;
}

const documentPath = (id) => "api/documents/" + encodeURIComponent(id);
const collectionPath = (slug) => "api/collections/" + encodeURIComponent(slug);

// ---------------------------------------------------------------- sign-in and the account

/** Signs in with a password: the tokens ({access_token, refresh_token, expires_in, roles, username}). */
export const login = (username, password) => request("api/auth/login", { method: "POST", json: { username, password } });

/** New tokens for a refresh token (sent without the access token, which may be the expired one). */
export const renewTokens = (refreshToken) =>
  request("api/auth/token", { method: "POST", json: { grant_type: "refresh_token", refresh_token: refreshToken }, anonymous: true });

export const logout = (refreshToken) => request("api/auth/logout", { method: "POST", json: { refresh_token: refreshToken } });

/** The organisations' sign-in providers: [{name, loginUrl}]. */
export const signInProviders = (signal) => request("api/auth/providers", { signal });

/** The signed-in account: {id, email, displayName, role}. */
export const myAccount = (signal) => request("api/account", { signal });

export const changePassword = (currentPassword, newPassword) =>
  request("api/account/password", { method: "PUT", json: { currentPassword, newPassword } });

/** The signed-in account's API tokens (never their secrets). */
export const myTokens = (signal) => request("api/account/tokens", { signal });

/** A new API token, its secret in `token` (shown this once). */
export const createToken = (name, expiresInDays) => request("api/account/tokens", { method: "POST", json: { name, expiresInDays } });

export const revokeToken = (id) => request("api/account/tokens/" + encodeURIComponent(id), { method: "DELETE" });

// Saved searches ({items, mailConfigured}; save {name, q, filters, frequency, language}; change; delete; new feed address).
const savedPath = (id) => "api/account/saved-searches" + (id ? "/" + encodeURIComponent(id) : "");

export const savedSearches = (signal) => request(savedPath(), { signal });

export const saveSearch = (search) => request(savedPath(), { method: "POST", json: search });

export const changeSavedSearch = (id, changes) => request(savedPath(id), { method: "PATCH", json: changes });

export const deleteSavedSearch = (id) => request(savedPath(id), { method: "DELETE" });

export const renewSavedSearchFeed = (id) => request(savedPath(id) + "/feed-token", { method: "POST" });

// ---------------------------------------------------------------- administration

export const accounts = (signal) => request("api/admin/accounts", { signal });

/** Creates an account: {email, displayName, role, password}. */
export const createAccount = (account) => request("api/admin/accounts", { method: "POST", json: account });

/** Changes an account's role or disables it: {role} or {disabled}. */
export const changeAccount = (id, changes) => request("api/admin/accounts/" + encodeURIComponent(id), { method: "PATCH", json: changes });

/** A page of the audit log, newest first: {size, before} (before: the previous page's `next`). */
export const auditLog = (page, signal) => request(withQuery("api/admin/audit", page), { signal });

// ---------------------------------------------------------------- search

/** A page of results: `params` holds q, the filters, sort, page and size, as the search endpoint names them. */
export const search = (params, signal) => request(withQuery("api/search", params), { signal });

export const suggest = (text, signal) => request(withQuery("api/search/suggest", { size: 6, q: text }), { signal });

// ---------------------------------------------------------------- documents

/** Whether this server reads scanned pages, and the documents it read with a low confidence (curators). */
export const ocrOverview = (signal) => request("api/ocr", { signal });

/** A page of documents: `filter` holds status, processing, reviewDue, mine and size, as the endpoint names them. */
export const documents = (filter, signal) => request(withQuery("api/documents", filter), { signal });

export const document = (id, signal) => request(documentPath(id), { signal });

/** The document for its page in the app: `view=true` makes this read the page load's one counted view. */
export const documentView = (id, signal) => request(documentPath(id) + "?view=true", { signal });

/** The document's views and downloads, this month and in all: {month, thisMonth: {views, downloads}, total}. */
export const documentUsage = (id, signal) => request(documentPath(id) + "/usage", { signal });

/** Curators: a month's most read documents, in all and by collection (`month` YYYY-MM, null for this month). */
export const usageReport = (month, signal) => request(withQuery("api/usage", { month }), { signal });

/** Curators: views and downloads per document and month, as CSV text (`from`, `to` YYYY-MM, null for the last year). */
export const usageExport = (from, to) => request(withQuery("api/usage/export.csv", { from, to }), { text: true });

export const documentStatus = (id) => request(documentPath(id) + "/status");

/** Changes the description: only the fields in `changes`. */
export const changeDocument = (id, changes) => request(documentPath(id), { method: "PATCH", json: changes });

/** A workflow action (submit, publish, return, withdraw, retry), with its body ({comment}, {reason}) if it takes one. */
export const documentAction = (id, action, body) => request(documentPath(id) + "/" + action, { method: "POST", json: body });

export const deleteDocument = (id) => request(documentPath(id), { method: "DELETE" });

/** Keeps the values of `field` (title or authors) read from the file that the portal found doubtful: the document. */
export const confirmDoubts = (id, field) => request(documentPath(id) + "/doubts/" + encodeURIComponent(field), { method: "DELETE" });

/** Every country a document may name: [{code, name}], named and sorted in the interface language. */
export const countries = () => request("api/countries");

/**
 * The controlled vocabularies: {design, health, population, setting, intervention: [{code, label: {fr, en}}],
 * sources}. Public and cacheable; vocabularies.js asks once per page load.
 */
export const vocabularies = (signal) => request("api/vocabularies", { signal });

/** The citation as text, in `format` (bibtex or ris). */
export const citation = (id, format) => request(withQuery(documentPath(id) + "/citation", { format }), { text: true });

export const related = (id, size, signal) => request(withQuery(documentPath(id) + "/related", { size }), { signal });

/** The collections holding the document that the viewer may know of. */
export const documentCollections = (id, signal) => request(documentPath(id) + "/collections", { signal });

/** Links (PUT) or unlinks (DELETE) a translation. */
export const translation = (id, other, method) => request(documentPath(id) + "/translations/" + encodeURIComponent(other), { method });

/** Curators: likely translations of a document, or pairs without `id`. */
export const translationSuggestions = (id, signal) => request(id ? documentPath(id) + "/translation-suggestions" : "api/translation-suggestions", { signal });

/** Where a file the API described ({url}) opens in the browser rather than downloads. */
export const inlineUrl = (file) => file.url + "?inline=true";

/**
 * The light page view of page `page` of a document, server-rendered HTML (not the API; written by the server's
 * PageViews, which search hits' `pages[].view` come from), the words of `q` marked when given.
 */
export const pageView = (id, page, q) => "/documents/" + encodeURIComponent(id) + "/pages/" + page + (q ? "?q=" + encodeURIComponent(q) : "");

/**
 * Sends a file as a new document, or as a new version of `supersedes`, reporting the transfer as it goes with
 * `onProgress(sent, total)`. Returns `{done, abort}`: `done` resolves to the answer ({id, status, statusUrl}), or
 * rejects with an ApiError, or with an AbortError once `abort()` is called.
 */
export function upload(file, { supersedes, onProgress } = {}) {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const cancelled = () => new DOMException("The transfer was cancelled", "AbortError");
  const done = (async () => {
    xhr.open("POST", supersedes ? documentPath(supersedes) + "/versions" : "api/documents");
    xhr.setRequestHeader("Accept", "application/json");
    const token = await credentials.bearer();
    if (token) xhr.setRequestHeader("Authorization", token);
    if (aborted) throw cancelled();
    return new Promise((resolve, reject) => {
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) onProgress?.(e.loaded, e.total);
      });
      xhr.addEventListener("load", () => {
        let body = {};
        try {
          body = JSON.parse(xhr.responseText || "{}");
        } catch {
          // A body that is not JSON (a proxy's page): the status says enough.
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else reject(new ApiError(xhr.status, body, Number(xhr.getResponseHeader("Retry-After")) || null));
      });
      xhr.addEventListener("error", () => reject(new ApiError(0, {})));
      xhr.addEventListener("abort", () => reject(cancelled()));
      const form = new FormData();
      form.append("file", file, file.name);
      xhr.send(form);
    });
  })();
  return {
    done,
    abort() {
      aborted = true;
      xhr.abort();
    },
  };
}

// ---------------------------------------------------------------- collections

/** The collections the viewer may see. */
export const collections = (signal) => request("api/collections", { signal });

/** The featured collections, for the home page. */
export const featuredCollections = (signal) => request("api/collections?featured=true", { signal });

export const collection = (slug, signal) => request(collectionPath(slug), { signal });

/** A Response: 202 while the pack is built, then its ZIP. */
export const collectionPack = (slug, signal) => request(collectionPath(slug) + "/pack", { signal, text: true, raw: true });

/** As collectionPack, for the first results of the search `params` describe. */
export const searchPack = (params, signal) => request(withQuery("api/search/pack", params), { signal, text: true, raw: true });

/** Creates a collection: {slug, title, description, visibility, featured}. */
export const createCollection = (fields) => request("api/collections", { method: "POST", json: fields });

/** Replaces a collection's texts and settings: {title, description, visibility, featured}. */
export const changeCollection = (slug, fields) => request(collectionPath(slug), { method: "PUT", json: fields });

export const deleteCollection = (slug) => request(collectionPath(slug), { method: "DELETE" });

export const orderCollection = (slug, documentIds) => request(collectionPath(slug) + "/order", { method: "PUT", json: { documentIds } });

export const addToCollection = (slug, documentId, note) =>
  request(collectionPath(slug) + "/items", { method: "POST", json: { documentId, note } });

export const changeItemNote = (slug, documentId, note) =>
  request(collectionPath(slug) + "/items/" + encodeURIComponent(documentId), { method: "PATCH", json: { note } });

export const removeFromCollection = (slug, documentId) =>
  request(collectionPath(slug) + "/items/" + encodeURIComponent(documentId), { method: "DELETE" });
