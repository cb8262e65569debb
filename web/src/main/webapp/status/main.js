// The status page: every few seconds each panel reads what it shows from the node's own JSON
// endpoints and metrics and draws itself. Each panel is loaded and drawn on its own, inside its
// own try/catch: a failing module, answer or drawing shows that panel's error and never blanks the
// others. The admin token is asked for once and kept in sessionStorage only.

import {
  ApiError,
  Unreachable,
  adminToken,
  getJson,
  getJsonAnyStatus,
  getText,
  isNotFound,
  isUnauthorized,
} from './api.js';
import { h } from './dom.js';
import { parseMetrics } from './metrics.js';

const REFRESH_MILLIS = 2000;

/** The panels in page order: module, and what of it needs the admin token. */
const PANELS = [
  { id: 'node', module: './panels/node.js', admin: 'version and identity key' },
  { id: 'keys', module: './panels/keys.js' },
  { id: 'vault', module: './panels/vault.js', admin: 'all of it' },
  { id: 'committee', module: './panels/committee.js', admin: 'peer health' },
  { id: 'keysign', module: './panels/keysign.js' },
  { id: 'checkpoints', module: './panels/checkpoints.js' },
  { id: 'chart', module: './panels/chart.js' },
];

const states = new Map(PANELS.map((p) => [p.id, {}]));
let timer = null;
let refreshing = false;
let again = false;

/** One refresh's reads, each made once however many panels ask for it. */
function context() {
  const memo = new Map();
  const once = (key, read) => {
    if (!memo.has(key)) {
      memo.set(key, read());
    }
    return memo.get(key);
  };
  const get = (path) => once(`GET ${path}`, () => getJson(path));
  const getOrNull = (path) =>
    once(`OPT ${path}`, () =>
      getJson(path).catch((e) => {
        if (isNotFound(e)) {
          return null;
        }
        throw e;
      }),
    );
  return {
    now: Date.now(),
    admin: adminToken.get() !== null,
    get,
    getOrNull,
    getAny: (path) => once(`ANY ${path}`, () => getJsonAnyStatus(path)),
    adminGet: (path) => once(`ADMIN ${path}`, () => getJson(path, { admin: true })),
    chain: () => get('/api/v1/chain'),
    committee: (epoch) => getOrNull(`/api/v1/committees/${epoch}`),
    metrics: () =>
      once('metrics', async () => parseMetrics(await getText('/metrics?scope=application'))),
    refreshSoon,
  };
}

async function loadPanel(panel) {
  try {
    panel.code = await import(panel.module);
  } catch (e) {
    panel.loadError = e;
    console.error(`the ${panel.id} panel could not be loaded`, e);
  }
}

/** Draws one panel; whatever goes wrong stays in it. Returns what became of it. */
async function drawPanel(panel, ctx) {
  const body = document.querySelector(`#${panel.id} .panel-body`);
  const section = document.getElementById(panel.id);
  try {
    if (panel.loadError) {
      throw panel.loadError;
    }
    const node = await panel.code.render({ ...ctx, state: states.get(panel.id) });
    if (!body.firstElementChild || body.firstElementChild.outerHTML !== node.outerHTML) {
      body.replaceChildren(node); // unchanged content keeps its elements (and a click in flight)
    }
    section.classList.remove('failed', 'stale');
    section.dataset.state = 'ok';
    return 'drawn';
  } catch (e) {
    if (isUnauthorized(e)) {
      return 'refused';
    }
    section.dataset.state = 'error';
    if (e instanceof Unreachable || (e instanceof ApiError && e.status >= 500)) {
      // The node is down or busy: keep what the panel last showed, marked as stale.
      section.classList.add('stale');
      note(section, `Not refreshed: ${e.message}`);
      return 'stale';
    }
    if (!(e instanceof ApiError)) {
      console.error(`the ${panel.id} panel failed`, e); // a bug in the page: say so in the console
    }
    section.classList.add('failed');
    body.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `This panel could not be drawn: ${e.message}`),
    );
    return 'failed';
  }
}

function note(section, text) {
  const body = section.querySelector('.panel-body');
  let line = body.querySelector(':scope > .stale-note');
  if (!line) {
    line = h('p', { class: 'stale-note error', role: 'status' });
    body.prepend(line);
  }
  line.textContent = text;
}

async function refresh() {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = true;
  clearTimeout(timer);
  try {
    const ctx = context();
    const outcomes = await Promise.all(PANELS.map((panel) => drawPanel(panel, ctx)));
    if (ctx.admin && outcomes.includes('refused')) {
      tokenRefused();
    }
    const at = new Date().toLocaleTimeString();
    document.getElementById('updated').textContent = outcomes.every((o) => o === 'stale')
      ? `The node did not answer at ${at}`
      : `Updated ${at}`;
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
  } catch (e) {
    console.error('the refresh failed', e);
  } finally {
    refreshing = false;
    timer = setTimeout(refresh, REFRESH_MILLIS);
    if (again) {
      again = false;
      refreshSoon();
    }
  }
}

function refreshSoon() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 0);
}

// ---- the admin token: asked for once, kept for this tab only, sent as a bearer header only

function tokenRefused() {
  adminToken.clear();
  showTokenMessage(
    'The node refused this admin token (401 UNAUTHORIZED). The admin parts stay hidden: enter the' +
      ' token from <data dir>/admin.token (or cachet.admin.token) again.',
    'error',
  );
  drawTokenBar();
  refreshSoon();
}

function showTokenMessage(text, tone) {
  const message = document.getElementById('token-message');
  message.textContent = text;
  message.className = tone;
  message.hidden = !text;
}

function drawTokenBar() {
  const admin = adminToken.get() !== null;
  document.getElementById('token-form').hidden = admin;
  document.getElementById('token-on').hidden = !admin;
  document.body.classList.toggle('admin', admin);
  document.getElementById('admin-parts').textContent = PANELS.filter((p) => p.admin)
    .map((p) => `${document.querySelector(`#${p.id} h2`).textContent} (${p.admin})`)
    .join(', ');
}

function setUpToken() {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    input.value = ''; // never left in the page
    if (!token) {
      showTokenMessage('Enter the admin token first.', 'error');
      return;
    }
    adminToken.set(token);
    showTokenMessage('', '');
    drawTokenBar();
    refreshSoon();
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    adminToken.clear();
    states.get('vault').answer = null;
    showTokenMessage('The admin token is forgotten.', 'muted');
    drawTokenBar();
    refreshSoon();
  });
  drawTokenBar();
}

async function start() {
  setUpToken();
  await Promise.all(PANELS.map(loadPanel));
  await refresh();
}

start();
