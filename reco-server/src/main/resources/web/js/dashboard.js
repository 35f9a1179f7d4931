// The dashboard: the model registry (retrain, promote) and live traffic charts drawn by Apache
// ECharts from GET /admin/stats every 2 s. Admin calls carry the API key (demo mode hands it out
// through /demo/config; otherwise the key typed here, kept in sessionStorage for this tab).
import { api, seg, h, showError, loadApiKey, storeApiKey } from './api.js';

const $ = (id) => document.getElementById(id);
const STATS_EVERY_MS = 2000;
const JOB_POLL_MS = 1000;

const state = { key: null, charts: null, statsTimer: 0 };

async function init() {
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.key = $('key-input').value.trim() || null;
    storeApiKey(state.key);
    $('key-source').textContent = state.key ? 'using the key typed here' : 'no key';
    loadModels();
  });
  $('train-form').addEventListener('submit', (e) => {
    e.preventDefault();
    train();
  });
  state.charts = makeCharts();
  health();
  try {
    const k = await loadApiKey();
    state.key = k.key;
    $('key-source').textContent = {
      demo: 'demo mode: the server handed out its key',
      session: 'using the key stored for this tab',
      none: 'no key yet: admin calls will answer 401',
    }[k.source];
    if (k.source === 'demo') $('key-panel').classList.add('demo-key');
  } catch (e) {
    showError($('global-error'), e);
  }
  await loadModels();
  pollStats();
}

/** Shows /health in the header; with repeat, again every 10 s. */
async function health(repeat = true) {
  const box = $('health');
  try {
    const hl = await api('GET', '/health');
    const m = hl.model ? `model ${hl.model.version} (${hl.model.algorithm})` : 'no model';
    box.textContent = `${hl.status} · ${m}`;
    box.className = 'health up';
    box.title = '';
  } catch (e) {
    box.textContent = e.status === 503 ? 'starting: no model loaded yet…' : 'unreachable';
    box.className = 'health down';
    box.title = e.message;
  }
  if (repeat) setTimeout(health, 10000);
}

async function loadModels() {
  try {
    const res = await api('GET', '/admin/models', { key: state.key });
    showError($('models-error'), null);
    renderModels(res);
  } catch (e) {
    showError($('models-error'), e);
  }
}

function renderModels(res) {
  $('live-version').textContent = res.live ? `live ${res.live}` : '';
  const body = $('models');
  body.textContent = '';
  if (!res.models.length) {
    body.append(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No model stored yet.')));
  }
  for (const m of res.models) {
    const live = m.version === res.live || m.status === 'live';
    const metrics = Object.entries(m.metrics || {})
      .map(([name, v]) => `${name} ${typeof v === 'number' ? v.toFixed(4) : v}`);
    body.append(h('tr', { class: live ? 'model live' : 'model', dataset: { version: m.version } },
      h('td', { title: m.provenance || '' }, h('strong', {}, m.version)),
      h('td', { title: m.params ? JSON.stringify(m.params) : '' }, m.algorithm),
      h('td', { class: `status status-${m.status}` }, live ? 'live' : m.status),
      h('td', { class: 'metrics' }, metrics.length ? metrics.map((t) => h('div', {}, t)) : '—'),
      h('td', {}, m.trainedOnEvents ?? '—'),
      h('td', {}, shortTime(m.createdAt)),
      h('td', {}, shortTime(m.promotedAt)),
      h('td', {}, live ? '' : h('button', {
        type: 'button', class: 'secondary promote', onclick: (e) => promote(m.version, e.currentTarget),
      }, 'Promote'))));
  }
}

function shortTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

async function promote(version, button) {
  button.disabled = true;
  try {
    await api('POST', `/admin/models/${seg(version)}/promote`, { key: state.key });
    showError($('models-error'), null);
    $('job').textContent = `${version} is live.`;
    health(false);
  } catch (e) {
    showError($('models-error'), e);
  } finally {
    button.disabled = false;
  }
  await loadModels();
}

async function train() {
  const algo = $('train-algo').value;
  const button = $('train-button');
  const job = $('job');
  button.disabled = true;
  try {
    const res = await api('POST', '/admin/models/train', { key: state.key, body: algo ? { algo } : {} });
    showError($('models-error'), null);
    job.textContent = `job ${res.job}: running…`;
    await pollJob(res.job);
    health(false);
  } catch (e) {
    job.textContent = '';
    showError($('models-error'), e);
  } finally {
    button.disabled = false;
  }
  await loadModels();
}

async function pollJob(jobId) {
  const job = $('job');
  const started = Date.now();
  for (;;) {
    const s = await api('GET', `/admin/jobs/${seg(jobId)}`, { key: state.key });
    const secs = Math.round((Date.now() - started) / 1000);
    if (s.state === 'running') {
      job.textContent = `job ${jobId}: running… ${secs} s`;
      await new Promise((r) => setTimeout(r, JOB_POLL_MS));
      continue;
    }
    job.dataset.state = s.state;
    if (s.state === 'done') {
      job.textContent = `job ${jobId}: trained ${s.version || ''} in ${secs} s — `
        + (s.promoted ? 'promoted to live' : `kept as candidate${s.reason ? ` (${s.reason})` : ''}`);
    } else {
      job.textContent = `job ${jobId}: ${s.state}${s.reason ? ` — ${s.reason}` : ''}`;
    }
    return s;
  }
}

/** The three charts, or null (with an inline error) when ECharts did not load. */
function makeCharts() {
  if (!window.echarts) {
    showError($('stats-error'),
      'ECharts did not load from /webjars/echarts/5.3.1/dist/echarts.min.js: no charts.');
    return null;
  }
  const make = (id, title, unit, names) => {
    const chart = window.echarts.init($(id), null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      title: { text: title, left: 'center', textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      legend: names.length > 1 ? { bottom: 0, data: names } : undefined,
      grid: { left: 50, right: 16, top: 34, bottom: names.length > 1 ? 44 : 28 },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true, formatter: '{HH}:{mm}:{ss}' } },
      yAxis: { type: 'value', name: unit, min: 0 },
      series: names.map((name) => ({ name, type: 'line', showSymbol: false, data: [] })),
    });
    window.addEventListener('resize', () => chart.resize());
    return chart;
  };
  return {
    ingest: make('chart-ingest', 'Events ingested per second', 'events/s', ['ingest']),
    requests: make('chart-requests', 'Requests per second', 'req/s', ['requests']),
    latency: make('chart-latency', 'Latency', 'ms', ['p50', 'p99']),
  };
}

async function pollStats() {
  try {
    const s = await api('GET', '/admin/stats', { key: state.key });
    const series = s.series || {};
    if (state.charts) {
      state.charts.ingest.setOption({ series: [{ data: series.ingestPerSecond || [] }] });
      state.charts.requests.setOption({ series: [{ data: series.requestsPerSecond || [] }] });
      state.charts.latency.setOption({
        series: [{ data: series.latencyP50Ms || [] }, { data: series.latencyP99Ms || [] }],
      });
      showError($('stats-error'), null);
    }
    $('totals').textContent = `${s.eventsTotal} events stored · updated ${shortTime(s.now)}`;
    $('stats-panel').dataset.updates = String(Number($('stats-panel').dataset.updates || 0) + 1);
  } catch (e) {
    showError($('stats-error'), e);
  }
  state.statsTimer = setTimeout(pollStats, STATS_EVERY_MS);
}

init().catch((e) => showError($('global-error'), e));
