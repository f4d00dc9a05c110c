// lgsp-hub operator console: reads the admin API with the operator's session, changes state only
// through it (with X-Requested-With, which the hub requires of session-borne writes).
'use strict';

const API = '/admin/api';
const HEADERS = { 'X-Requested-With': 'lgsp-console' };
let selectedRoute = null;

async function api(path, options = {}) {
  const response = await fetch(API + path, { ...options, headers: { ...HEADERS, ...(options.headers || {}) } });
  if (response.status === 401) {
    location.href = '/console/login.html';
    throw new Error('signed out');
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail || body.title || response.status);
  }
  return body;
}

function cell(row, text) {
  row.insertCell().textContent = text === null || text === undefined ? '' : String(text);
}

function percent(rate) {
  return (rate * 100).toFixed(1) + ' %';
}

// rows are kept and updated in place: a refresh never pulls a button from under the operator's click
function routeRow(body, route) {
  let row = document.getElementById('route-' + route.routeId);
  if (!row) {
    row = body.insertRow();
    row.id = 'route-' + route.routeId;
    row.dataset.routeId = route.routeId;
    for (const className of ['', '', 'state', 'health', '', 'num', 'num', 'num', '']) {
      row.insertCell().className = className;
    }
    const button = document.createElement('button');
    button.className = 'route-action';
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      changeRoute(row.dataset.routeId, row.dataset.state === 'suspended' ? 'resume' : 'suspend');
    });
    row.cells[8].append(button);
    row.addEventListener('click', () => showRoute(row.dataset.routeId));
  }
  return row;
}

async function refreshRoutes() {
  const [routes, hub] = await Promise.all([api('/routes'), api('/hub')]);
  const state = document.getElementById('hub-state');
  state.textContent = hub.state === 'maintenance' ? 'hub in maintenance' : 'hub running';
  state.className = 'badge' + (hub.state === 'maintenance' ? ' maintenance' : '');
  const body = document.querySelector('#routes tbody');
  for (const route of routes) {
    const row = routeRow(body, route);
    row.dataset.state = route.state;
    row.dataset.health = route.health;
    row.className = route.state === 'suspended' ? 'suspended' : route.health === 'DOWN' ? 'down' : 'up';
    const texts = [route.routeId, route.service || 'metaservice', route.state, route.health, route.breaker || '–',
      route.requestsPerSecond.toFixed(2), percent(route.errorRate), route.p95Ms];
    texts.forEach((text, i) => { row.cells[i].textContent = String(text); });
    row.cells[2].title = route.suspension ? route.suspension.reason + ' (' + route.suspension.by + ')' : '';
    row.cells[8].firstChild.textContent = route.state === 'suspended' ? 'Resume' : 'Suspend';
  }
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

function askReason(title) {
  const dialog = document.getElementById('reason-dialog');
  document.getElementById('reason-title').textContent = title;
  document.getElementById('reason').value = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const reason = document.getElementById('reason').value.trim();
      resolve(dialog.returnValue === 'ok' && reason ? reason : null);
    }, { once: true });
  });
}

async function changeRoute(routeId, action) {
  const reason = await askReason((action === 'suspend' ? 'Suspend ' : 'Resume ') + routeId);
  if (!reason) return;
  try {
    await api('/routes/' + encodeURIComponent(routeId) + '/' + action, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason })
    });
  } catch (e) {
    alert('Not done: ' + e.message);
  }
  refreshRoutes();
}

function svg(tag, attributes) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function chart(id, buckets, series) {
  const target = document.getElementById(id);
  target.replaceChildren();
  const width = 720, height = 160, pad = 24;
  const max = Math.max(1, ...series.flatMap((s) => buckets.map(s.value)));
  const x = (i) => pad + (i * (width - 2 * pad)) / Math.max(1, buckets.length - 1);
  const y = (v) => height - pad - (v * (height - 2 * pad)) / max;
  target.append(svg('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: '#999' }));
  const label = svg('text', { x: 2, y: pad - 6, 'font-size': 11, fill: '#666' });
  label.textContent = 'max ' + Math.round(max * 100) / 100;
  target.append(label);
  for (const s of series) {
    const points = buckets.map((b, i) => x(i) + ',' + y(s.value(b))).join(' ');
    target.append(svg('polyline', { points, fill: 'none', stroke: s.color, 'stroke-width': 1.5 }));
  }
}

async function showRoute(routeId) {
  selectedRoute = routeId;
  const traffic = await api('/routes/' + encodeURIComponent(routeId) + '/traffic');
  document.getElementById('route-detail').hidden = false;
  document.getElementById('detail-route').textContent = routeId;
  chart('chart-throughput', traffic.buckets, [
    { value: (b) => b.count, color: '#1f3a5f' },
    { value: (b) => b.failed, color: '#c62828' }
  ]);
  chart('chart-latency', traffic.buckets, [{ value: (b) => b.p95Ms, color: '#b26a00' }]);
}

async function refreshExchanges() {
  const form = new FormData(document.getElementById('exchange-filter'));
  const query = new URLSearchParams({ size: '20', kind: 'exchange' });
  for (const [name, value] of form.entries()) if (value.trim()) query.set(name, value.trim());
  const page = await api('/exchanges?' + query);
  const body = document.querySelector('#exchanges tbody');
  body.replaceChildren();
  for (const r of page.items) {
    const row = body.insertRow();
    cell(row, new Date(r.requestInAt).toLocaleTimeString());
    cell(row, r.clientId || r.claimedClientId || '–');
    cell(row, r.serviceId || '–');
    cell(row, r.status);
    cell(row, r.errorType || '');
    // personal IDs exist here only as keyed hashes: show a short prefix
    cell(row, r.subjectHash ? r.subjectHash.substring(0, 10) + '…' : '');
    cell(row, r.issue || '');
  }
}

async function refreshLog() {
  const status = await api('/exchange-log/status');
  const list = document.getElementById('log-status');
  list.replaceChildren();
  const add = (term, value, id) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (id) dd.id = id;
    list.append(dt, dd);
  };
  add('Backlog (records in the broker)', status.backlog ?? 'unknown', 'log-backlog');
  add('Dead letters', status.deadLetters ?? 'unknown', 'log-dead-letters');
  add('Chain head', status.head.lastSeq);
  add('Unsealed records', status.unsealedRecords);
  add('Archives', status.archives);
  // the trust anchor auditors verify exports with: publish it out of band (docs/EVIDENCE-FORMAT.md)
  add('Seal certificate fingerprint', status.sealFingerprint, 'log-seal-fingerprint');
  const last = status.lastVerification;
  add('Last verification', last ? (last.intact ? 'intact' : 'BROKEN') + ' at ' + new Date(last.verifiedAt).toLocaleString()
    : 'not yet run', 'log-verification');
}

async function verifyNow() {
  const result = document.getElementById('verify-result');
  result.textContent = 'verifying…';
  const report = await api('/exchange-log/verify');
  result.className = report.intact ? 'intact' : 'broken';
  result.textContent = report.intact
    ? 'intact: ' + report.records + ' records, ' + report.seals + ' seals'
    : 'BROKEN in ' + report.firstBadSource + ': ' + report.firstBad.problem + ' at ' + report.firstBad.chainSeq
      + ' — ' + report.firstBad.detail;
  refreshLog();
}

function guarded(task) {
  return () => task().catch((e) => console.warn(e.message));
}

document.getElementById('exchange-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(refreshExchanges)();
});
document.getElementById('verify').addEventListener('click', guarded(verifyNow));

const refreshAll = guarded(async () => {
  await refreshRoutes();
  if (selectedRoute) await showRoute(selectedRoute);
});
refreshAll();
guarded(refreshExchanges)();
guarded(refreshLog)();
setInterval(refreshAll, 2000);
setInterval(guarded(refreshExchanges), 5000);
setInterval(guarded(refreshLog), 5000);
