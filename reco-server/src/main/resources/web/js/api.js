// The reco4j HTTP API as seen by the demo and the dashboard (docs/api.md is the contract).
// Every failure becomes an ApiError whose message names the call and the server's reason; the
// pages show it inline next to the panel that made the call, never swallow it.

/** An API call that failed: HTTP status (0 for a network failure), the JSON error body if any. */
export class ApiError extends Error {
  constructor(status, body, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/**
 * Calls the API and returns the parsed JSON body.
 * @param {string} method HTTP method
 * @param {string} path path and query, e.g. '/users/42/recommendations?k=10'
 * @param {{body?: any, key?: string|null}} options a JSON body; the API key for writes and admin
 */
export async function api(method, path, { body, key } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['X-API-Key'] = key;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, null, `${method} ${path}: network error (${e.message})`);
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!res.ok) {
    const reason = json && json.message ? json.message : (text.slice(0, 200) || res.statusText);
    const code = json && json.error ? ` ${json.error}` : '';
    const field = json && json.field ? ` [field ${json.field}]` : '';
    throw new ApiError(res.status, json, `${method} ${path} → ${res.status}${code}: ${reason}${field}`);
  }
  if (json === null) {
    throw new ApiError(res.status, null, `${method} ${path} → ${res.status}: the answer is not JSON`);
  }
  return json;
}

/** Encodes one path segment (user and item ids are free text). */
export function seg(id) {
  return encodeURIComponent(String(id));
}

const KEY_STORAGE = 'reco4j.apiKey';

/**
 * The API key for writes and admin calls: in demo mode the server hands it out through
 * GET /demo/config; otherwise the key the user typed into this tab (sessionStorage), or null.
 * Returns {key, source} with source 'demo', 'session' or 'none'.
 */
export async function loadApiKey() {
  let demo = null;
  try {
    demo = await api('GET', '/demo/config');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  const key = demo && (demo.apiKey || demo.key);
  if (key) return { key, source: 'demo', demo };
  const stored = sessionStorage.getItem(KEY_STORAGE);
  return { key: stored || null, source: stored ? 'session' : 'none', demo };
}

/** Keeps a typed API key for this browser tab only. */
export function storeApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/**
 * Creates an element: h('li', {class: 'x', onclick: f}, 'text', child). Text is always set as
 * text (titles come from the catalogue and are never parsed as HTML).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Shows an error inline in a panel's error box (or clears it with null). */
export function showError(box, err) {
  box.textContent = '';
  if (!err) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.append(h('strong', {}, 'Error: '), err instanceof Error ? err.message : String(err));
  if (!(err instanceof ApiError)) console.error(err);
}

/** The genres of MovieLens (ml-latest-small and ml-100k), for the filter drop-downs. */
export const GENRES = [
  'Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama',
  'Fantasy', 'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi',
  'Thriller', 'War', 'Western',
];

/** Fills a select with '' (label) plus the genres. */
export function fillGenres(select, emptyLabel) {
  select.append(h('option', { value: '' }, emptyLabel));
  for (const g of GENRES) select.append(h('option', { value: g }, g));
}

/** "1995" or "" for an item without a year. */
export function yearText(item) {
  return item.year ? ` (${item.year})` : '';
}
