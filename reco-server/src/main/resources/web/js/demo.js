// The demo page: pick or create a user, search the catalogue, rate or click movies and watch the
// recommendations change. Every event is POSTed to /events and followed by a fresh
// GET /users/{id}/recommendations?explain=true, so the page shows what the service does right now.
import { api, seg, h, showError, loadApiKey, fillGenres, yearText } from './api.js';

const $ = (id) => document.getElementById(id);

const PATH_HELP = {
  model: 'model: this user is known to the trained model and has no newer events.',
  'fold-in': 'fold-in: the user vector was computed just now from the stored events.',
  popular: 'popular: no history yet, so the most popular movies. Rate one to personalise.',
};

const state = {
  key: null,
  user: null,
  /** itemId -> latest rating value from the history (for the stars). */
  ratings: new Map(),
  /** itemIds of the last list shown, to mark what is new after an event. */
  lastRecs: null,
  recsToken: 0,
  historyToken: 0,
  searchToken: 0,
};

async function init() {
  fillGenres($('search-genre'), 'All genres');
  fillGenres($('rec-genre'), 'All genres');
  $('user-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = $('user-input').value.trim();
    if (id) selectUser(id);
  });
  $('user-new').addEventListener('click', () => selectUser(newUserId()));
  let debounce = 0;
  $('search-input').addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(search, 250);
  });
  $('search-genre').addEventListener('change', search);
  $('rec-genre').addEventListener('change', () => {
    state.lastRecs = null;
    refreshRecs();
  });
  window.addEventListener('hashchange', () => {
    const id = userFromHash();
    if (id && id !== state.user) selectUser(id);
  });

  health();
  try {
    const k = await loadApiKey();
    state.key = k.key;
    const samples = k.demo && Array.isArray(k.demo.sampleUsers) ? k.demo.sampleUsers : [];
    if (samples.length) {
      // demo mode names users the served model knows
      const list = $('user-examples');
      list.textContent = '';
      for (const u of samples) list.append(h('option', { value: u }));
    }
    if (!k.key) {
      showError($('global-error'), 'No API key: rating and clicking need one. Start the server with '
        + '--demo, or enter a key on the dashboard (kept for this browser tab).');
    }
  } catch (e) {
    showError($('global-error'), e);
  }
  search();
  const initial = userFromHash();
  if (initial) selectUser(initial);
}

/** A fresh id for a user the model has never seen, e.g. demo-3f9a1c2e. */
function newUserId() {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return 'demo-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function userFromHash() {
  const m = /(?:^#|&)user=([^&]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

/** Shows /health in the header; while the server is starting, asks again every 2 s. */
async function health(retry = true) {
  const box = $('health');
  try {
    const hl = await api('GET', '/health');
    const m = hl.model ? `model ${hl.model.version} (${hl.model.algorithm})` : 'no model';
    const s = hl.store ? ` · ${hl.store.kind} store, ${hl.store.events} events` : '';
    box.textContent = `${hl.status} · ${m}${s}`;
    box.className = 'health up';
  } catch (e) {
    box.textContent = e.status === 503 ? 'starting: no model loaded yet…' : 'unreachable';
    box.className = 'health down';
    box.title = e.message;
    if (retry) setTimeout(health, 2000);
  }
}

function selectUser(id) {
  state.user = id;
  state.ratings = new Map();
  state.lastRecs = null;
  $('user-input').value = id;
  showError($('user-error'), null);
  const label = $('current-user');
  label.textContent = '';
  label.append('Recommending for ', h('strong', { id: 'current-user-id' }, id),
    id.startsWith('demo-') ? ' (new user)' : '');
  if (userFromHash() !== id) history.replaceState(null, '', '#user=' + encodeURIComponent(id));
  refreshAll();
}

async function refreshAll() {
  await Promise.all([refreshHistory(), refreshRecs()]);
}

async function refreshHistory() {
  const user = state.user;
  const token = ++state.historyToken;
  const box = $('history-error');
  try {
    const res = await api('GET', `/users/${seg(user)}/history?limit=50`, { key: state.key });
    if (token !== state.historyToken) return;
    showError(box, null);
    renderHistory(res.events || []);
  } catch (e) {
    if (token !== state.historyToken) return;
    showError(box, e);
  }
}

function renderHistory(events) {
  state.ratings = new Map();
  // newest first: the first rating seen for an item is the current one
  for (const ev of events) {
    if (ev.type === 'rating' && !state.ratings.has(ev.itemId)) state.ratings.set(ev.itemId, ev.value);
  }
  const list = $('history');
  list.textContent = '';
  $('history-count').textContent = events.length ? `(${events.length} newest)` : '';
  if (!events.length) {
    list.append(h('li', { class: 'muted' }, 'No events yet.'));
  }
  for (const ev of events) {
    const what = ev.type === 'rating' ? `${'★'.repeat(Math.round(ev.value))} ${ev.value}` : ev.type;
    list.append(h('li', { class: 'history-item', dataset: { itemId: ev.itemId } },
      h('span', { class: 'title' }, ev.title || `item ${ev.itemId}`),
      h('span', { class: ev.type === 'rating' ? 'what rating' : 'what' }, what),
      h('span', { class: `src src-${ev.source}`, title: ev.source === 'event'
        ? `stored event #${ev.sequence}` : 'from the dataset the model was trained on' }, ev.source)));
  }
  markRatings();
}

async function refreshRecs() {
  const user = state.user;
  if (!user) return;
  const token = ++state.recsToken;
  const genre = $('rec-genre').value;
  let q = `/users/${seg(user)}/recommendations?k=10&explain=true`;
  if (genre) q += '&filter=' + encodeURIComponent('genre:' + genre);
  const list = $('recs');
  list.setAttribute('aria-busy', 'true');
  try {
    const res = await api('GET', q, { key: state.key }); // reads need it with readAuth: key
    if (token !== state.recsToken) return;
    showError($('recs-error'), null);
    renderRecs(res);
  } catch (e) {
    if (token !== state.recsToken) return;
    showError($('recs-error'), e);
  } finally {
    if (token === state.recsToken) list.removeAttribute('aria-busy');
  }
}

function renderRecs(res) {
  const path = $('rec-path');
  path.textContent = res.path;
  path.className = `badge path-${res.path}`;
  $('rec-path-help').textContent = PATH_HELP[res.path] || '';
  $('rec-model').textContent = res.modelVersion
    ? `${res.algorithm || ''} ${res.modelVersion}`.trim() : '';
  const list = $('recs');
  list.textContent = '';
  const before = state.lastRecs;
  if (!res.items.length) {
    list.append(h('li', { class: 'muted' }, 'Nothing to recommend with this filter.'));
  }
  res.items.forEach((item, i) => {
    const fresh = before !== null && !before.has(item.itemId);
    const li = itemRow(item, { rank: i + 1, fresh });
    li.classList.add('rec');
    li.querySelector('.item-main').append(
      h('div', { class: 'why' }, whyText(item, res.path)));
    list.append(li);
  });
  state.lastRecs = new Set(res.items.map((it) => it.itemId));
  list.dataset.renders = String(Number(list.dataset.renders || 0) + 1);
  list.dataset.path = res.path;
  markRatings();
}

function whyText(item, path) {
  if (item.because && item.because.length) {
    return 'Why: because of ' + item.because
      .map((b) => (b.title || `item ${b.itemId}`)
        + (typeof b.weight === 'number' ? ` (${share(b.weight)})` : '')).join(' · ');
  }
  if (path === 'popular') return 'Why: popular with everyone (no history yet)';
  return 'Why: overall fit with your history';
}

/** A because weight (the item's share of the positive contributions) as a percentage. */
function share(weight) {
  const pct = weight * 100;
  return pct >= 10 ? `${Math.round(pct)}%` : `${pct.toFixed(1)}%`;
}

async function search() {
  const token = ++state.searchToken;
  const query = $('search-input').value.trim();
  const genre = $('search-genre').value;
  let q = `/items?limit=20&query=${encodeURIComponent(query)}`;
  if (genre) q += `&genre=${encodeURIComponent(genre)}`;
  try {
    const res = await api('GET', q, { key: state.key }); // reads need it with readAuth: key
    if (token !== state.searchToken) return;
    showError($('search-error'), null);
    const list = $('search-results');
    list.textContent = '';
    if (!res.items.length) list.append(h('li', { class: 'muted' }, 'No movie matches.'));
    for (const item of res.items) list.append(itemRow(item, {}));
    markRatings();
  } catch (e) {
    if (token !== state.searchToken) return;
    showError($('search-error'), e);
  }
}

/** One movie with its rating stars and click button (used by search results and recommendations). */
function itemRow(item, { rank, fresh }) {
  const stars = h('span', { class: 'stars', role: 'group', 'aria-label': `rate ${item.title}` });
  for (let v = 1; v <= 5; v++) {
    stars.append(h('button', {
      type: 'button', class: 'star', title: `rate ${v} of 5`, dataset: { value: v },
      onclick: (e) => sendEvent(item, 'rating', v, e.currentTarget),
    }, '★'));
  }
  const meta = [];
  if (item.genres && item.genres.length) meta.push(item.genres.join(', '));
  if (typeof item.score === 'number') meta.push(`score ${item.score.toFixed(3)}`);
  if (item.popularity !== undefined) meta.push(`${item.popularity} ratings`);
  return h('li', { class: fresh ? 'item fresh' : 'item', dataset: { itemId: item.itemId } },
    rank ? h('span', { class: 'rank' }, String(rank)) : null,
    h('div', { class: 'item-main' },
      h('div', {}, h('span', { class: 'title' }, item.title || `item ${item.itemId}`),
        h('span', { class: 'year' }, yearText(item)),
        fresh ? h('span', { class: 'new-tag' }, 'new') : null),
      h('div', { class: 'meta' }, meta.join(' · '))),
    h('div', { class: 'actions' }, stars,
      h('button', { type: 'button', class: 'click-btn secondary', title: 'send a click event',
        onclick: (e) => sendEvent(item, 'click', undefined, e.currentTarget) }, 'Click')));
}

/** Fills the stars of every listed movie the current user has rated. */
function markRatings() {
  for (const li of document.querySelectorAll('li.item')) {
    const rating = state.ratings.get(li.dataset.itemId);
    for (const star of li.querySelectorAll('.star')) {
      star.classList.toggle('on', rating !== undefined && Number(star.dataset.value) <= rating);
    }
  }
}

/** POSTs one event, then refreshes history and recommendations; errors go to the button's panel. */
async function sendEvent(item, type, value, button) {
  const status = $('event-status');
  const box = button.closest('.panel').querySelector('[data-errors]');
  if (!state.user) {
    showError($('user-error'), 'Pick a user (or make a new one) before rating or clicking.');
    $('user-input').focus();
    return;
  }
  const event = { userId: state.user, itemId: item.itemId, type, context: { page: 'demo' } };
  if (value !== undefined) event.value = value;
  status.textContent = `sending ${type} for ${item.title}…`;
  try {
    const res = await api('POST', '/events', { body: event, key: state.key });
    showError(box, null);
    status.textContent = type === 'rating'
      ? `Rated “${item.title}” ${value}★ (event #${res.lastSequence}). Updating…`
      : `Clicked “${item.title}” (event #${res.lastSequence}). Updating…`;
    if (type === 'rating') {
      state.ratings.set(item.itemId, value);
      markRatings();
    }
    await Promise.all([refreshAll(), health(false)]);
    status.textContent = status.textContent.replace('Updating…', 'Recommendations updated.');
  } catch (e) {
    status.textContent = '';
    showError(box, e);
  }
}

init().catch((e) => showError($('global-error'), e));
