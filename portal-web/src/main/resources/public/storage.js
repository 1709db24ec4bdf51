// The browser's storage, which private browsing may refuse: the language choice (localStorage) and the session's
// tokens (sessionStorage). A refusal is not an error: the value lasts for this page only.

/** The value kept under `key` in `area` ("localStorage" or "sessionStorage"), or null. */
export function stored(area, key) {
  try {
    return window[area].getItem(key);
  } catch {
    return null;
  }
}

/** Keeps `value` under `key` in `area`; null removes it. */
export function store(area, key, value) {
  try {
    if (value == null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // Nothing kept: the choice lasts for this page only.
  }
}
