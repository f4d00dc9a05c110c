// lgsp-hub operator console: reads the admin API with the operator's session, changes state only
// through it (with X-Requested-With, which the hub requires of session-borne writes). Words, dates and
// numbers come from i18n/i18n.js; the hub is asked in the same language (its problem titles follow it).
'use strict';

let selectedRoute = null;
let lastReport = null;

function routeState(state) {
  return named(state, { started: t('route.started'), suspended: t('route.suspended') });
}

function health(status) {
  return named(status, { UP: t('health.up'), DOWN: t('health.down'), OUT_OF_SERVICE: t('health.outOfService') });
}

function breaker(state) {
  return named(state, {
    CLOSED: t('breaker.closed'), OPEN: t('breaker.open'), HALF_OPEN: t('breaker.halfOpen'),
    FORCED_OPEN: t('breaker.forcedOpen'), DISABLED: t('breaker.disabled'), METRICS_ONLY: t('breaker.metricsOnly')
  });
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
  state.textContent = hub.state === 'maintenance' ? t('hub.maintenance') : t('hub.running');
  state.className = 'badge' + (hub.state === 'maintenance' ? ' maintenance' : '');
  const body = document.querySelector('#routes tbody');
  for (const route of routes) {
    const row = routeRow(body, route);
    row.dataset.state = route.state;
    row.dataset.health = route.health;
    row.className = route.state === 'suspended' ? 'suspended' : route.health === 'DOWN' ? 'down' : 'up';
    const texts = [route.routeId, route.service || t('routes.metaservice'), routeState(route.state), health(route.health),
      route.breaker ? breaker(route.breaker) : '–', I18N.number(route.requestsPerSecond, 2), I18N.percent(route.errorRate),
      I18N.number(route.p95Ms)];
    texts.forEach((text, i) => { row.cells[i].textContent = String(text); });
    row.cells[2].title = route.suspension ? route.suspension.reason + ' (' + route.suspension.by + ')' : '';
    row.cells[8].firstChild.textContent = route.state === 'suspended' ? t('route.resume') : t('route.suspend');
  }
  document.getElementById('updated').textContent = t('console.updated', { time: I18N.time(new Date()) });
}

async function changeRoute(routeId, action) {
  const title = action === 'suspend' ? t('route.suspendTitle', { route: routeId }) : t('route.resumeTitle', { route: routeId });
  const reason = await askReason(title);
  if (!reason) return;
  try {
    await api('/routes/' + encodeURIComponent(routeId) + '/' + action, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason })
    });
  } catch (e) {
    alert(t('action.failed', { message: e.message }));
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
  label.textContent = t('chart.max', { value: I18N.number(max, max < 10 ? 2 : 0) });
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
    cell(row, I18N.dateTime(r.requestInAt));
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
  const count = (value) => (value === null || value === undefined ? t('log.unknown') : I18N.number(value));
  add(t('log.backlog'), count(status.backlog), 'log-backlog');
  add(t('log.deadLetters'), count(status.deadLetters), 'log-dead-letters');
  add(t('log.head'), count(status.head.lastSeq));
  add(t('log.unsealed'), count(status.unsealedRecords));
  add(t('log.archives'), count(status.archives));
  // the trust anchor auditors verify exports with: publish it out of band (docs/EVIDENCE-FORMAT.md)
  add(t('log.fingerprint'), status.sealFingerprint, 'log-seal-fingerprint');
  const last = status.lastVerification;
  const at = last ? { time: I18N.dateTime(last.verifiedAt) } : null;
  add(t('log.lastVerification'), last ? (last.intact ? t('log.lastIntact', at) : t('log.lastBroken', at)) : t('log.notYetRun'),
    'log-verification');
}

function problemName(code) {
  return named(code, {
    altered: t('verify.problem.altered'), removed: t('verify.problem.removed'), inserted: t('verify.problem.inserted'),
    'broken-link': t('verify.problem.brokenLink'), 'seal-mismatch': t('verify.problem.sealMismatch'),
    'seal-forged': t('verify.problem.sealForged'), truncated: t('verify.problem.truncated')
  });
}

// the codes stay beside the words: auditors find them in docs/EVIDENCE-FORMAT.md
function showReport() {
  const result = document.getElementById('verify-result');
  if (!lastReport) return;
  const report = lastReport;
  result.className = report.intact ? 'intact' : 'broken';
  result.textContent = report.intact
    ? t('verify.intact', { records: I18N.number(report.records), seals: I18N.number(report.seals) })
    : t('verify.broken', { source: report.firstBadSource, seq: report.firstBad.chainSeq ?? '–',
      problem: problemName(report.firstBad.problem), code: report.firstBad.problem, detail: report.firstBad.detail });
}

async function verifyNow() {
  const result = document.getElementById('verify-result');
  result.className = 'muted';
  result.textContent = t('verify.running');
  try {
    lastReport = await api('/exchange-log/verify');
    showReport();
  } catch (e) {
    result.textContent = t('action.failed', { message: e.message });
  }
  refreshLog();
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

function refreshEverything() {
  refreshAll();
  guarded(refreshExchanges)();
  guarded(refreshLog)();
}

// the switch re-words what is on screen now; the next refreshes are in the new language anyway
document.addEventListener('i18n:changed', () => {
  refreshEverything();
  showReport();
});

I18N.ready.then(() => {
  refreshEverything();
  setInterval(refreshAll, 2000);
  setInterval(guarded(refreshExchanges), 5000);
  setInterval(guarded(refreshLog), 5000);
});
