// lgsp-hub agency desk: a ministry's administrator answers the access requests for its services (grant,
// perhaps narrowed; refuse in writing, with a reason and a legal basis; revoke), and any agency follows
// its own requests and the rights it holds. The agency signs in with its own client credentials and the
// page speaks the hub's API (/api/v1) with that token, as the agency's systems would: it gets no more
// than they do. The token is kept in this page's memory only.
'use strict';

const PROVIDER_SCOPE = 'write:rights';
let session = null; // { client, token, provider }

function showError(message) {
  const error = document.getElementById('desk-error');
  error.textContent = message;
  error.hidden = !message;
}

async function call(path, options = {}) {
  const headers = { Authorization: 'Bearer ' + session.token, 'Accept-Language': I18N.language(), ...(options.headers || {}) };
  const response = await fetch('/api/v1' + path, { ...options, headers });
  if (response.status === 401) {
    signOut();
    throw new Error(t('desk.signedOut'));
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail || body.title || response.status);
  }
  return body;
}

// a provider's administrator is registered for the scope write:rights; an agency that only consumes is not
async function signIn(client, secret) {
  for (const scope of [PROVIDER_SCOPE, null]) {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: client, client_secret: secret });
    if (scope) form.set('scope', scope);
    const response = await fetch('/oauth2/token', { method: 'POST', body: form });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      return { client, token: body.access_token, provider: (body.scope || '').split(' ').includes(PROVIDER_SCOPE) };
    }
    if (body.error !== 'invalid_scope') break;
  }
  throw new Error(t('desk.signInFailed'));
}

function signOut() {
  session = null;
  document.getElementById('desk-sign-in').hidden = false;
  document.getElementById('queue-section').hidden = true;
  document.getElementById('mine-section').hidden = true;
  document.getElementById('desk-client').textContent = '';
}

function fieldsOf(fields) {
  return fields && fields.length ? fields.join(', ') : t('requests.allFields');
}

function dayOf(date) {
  return date ? I18N.date(new Date(date + 'T00:00:00+07:00')) : '';
}

function basisOf(basis) {
  return basis ? basis.document + ' · ' + basis.article : '';
}

// what each answer asks for: a grant may narrow the fields and the period; a refusal is written, with a
// reason and a legal basis; a revocation gives its reason
const DECISIONS = {
  grant: { button: () => t('desk.grant'), title: (r) => t('desk.grantTitle', r), narrows: true, basis: 'optional' },
  refuse: { button: () => t('desk.refuse'), title: (r) => t('desk.refuseTitle', r), reason: true, basis: 'required' },
  revoke: { button: () => t('desk.revoke'), title: (r) => t('desk.revokeTitle', r), reason: true }
};

function askDecision(decision, request) {
  const dialog = document.getElementById('decision-dialog');
  document.getElementById('decision-title').textContent = decision.title(request);
  document.getElementById('decision-fields-label').hidden = !decision.narrows;
  document.getElementById('decision-until-label').hidden = !decision.narrows;
  document.getElementById('decision-fields').value = request.fields.join(', ');
  document.getElementById('decision-until').value = request.validUntil || '';
  document.getElementById('decision-until').max = request.validUntil || '';
  document.getElementById('decision-reason').value = '';
  document.getElementById('decision-reason').required = Boolean(decision.reason);
  document.getElementById('decision-basis').hidden = !decision.basis;
  for (const id of ['decision-document', 'decision-article']) {
    document.getElementById(id).value = '';
    document.getElementById(id).required = decision.basis === 'required';
  }
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? answer(decision) : null), { once: true });
  });
}

// the body of the answer, with only what the decision asks for and what was filled in
function answer(decision) {
  const value = (id) => document.getElementById(id).value.trim();
  const body = {};
  if (decision.narrows) {
    const fields = value('decision-fields').split(/[\s,]+/).filter(Boolean);
    if (fields.length) body.fields = fields;
    if (value('decision-until')) body.validUntil = value('decision-until');
  }
  if (value('decision-reason')) body.reason = value('decision-reason');
  if (decision.basis && (value('decision-document') || value('decision-article'))) {
    body.legalBasis = { document: value('decision-document'), article: value('decision-article') };
  }
  return body;
}

async function decide(request, action) {
  const body = await askDecision(DECISIONS[action], request);
  if (!body) return;
  try {
    await call('/access-requests/' + encodeURIComponent(request.id) + '/' + action, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    showError('');
  } catch (e) {
    showError(t('action.failed', { message: e.message }));
  }
  refreshEverything();
}

async function refreshQueue() {
  if (!session || !session.provider) return;
  const items = await call('/access-requests?as=provider');
  const body = document.querySelector('#queue tbody');
  body.replaceChildren();
  for (const r of items) {
    const row = body.insertRow();
    row.id = 'queue-' + r.id;
    row.dataset.state = r.state;
    row.className = r.overdue ? 'down' : '';
    cell(row, I18N.dateTime(new Date(r.requestedAt)));
    cell(row, r.consumer);
    cell(row, r.service);
    cell(row, fieldsOf(r.fields));
    cell(row, r.purpose);
    cell(row, basisOf(r.legalBasis));
    cell(row, dayOf(r.validUntil));
    cell(row, requestState(r.state) + (r.overdue ? ' · ' + t('requests.overdue') : ''));
    const actions = row.insertCell();
    const offered = r.state === 'pending' ? ['grant', 'refuse'] : r.state === 'granted' ? ['revoke'] : [];
    for (const action of offered) {
      const button = document.createElement('button');
      button.className = 'request-' + action;
      button.textContent = DECISIONS[action].button();
      button.addEventListener('click', () => decide(r, action));
      actions.append(button);
    }
  }
}

function answerOf(r) {
  if (r.revocation) return t('desk.revokedBecause', { reason: r.revocation.reason });
  if (!r.decision) return '';
  const d = r.decision;
  if (r.state === 'refused') return [d.reason, basisOf(d.legalBasis)].filter(Boolean).join(' · ');
  return [fieldsOf(d.fields), dayOf(d.validUntil), d.reason].filter(Boolean).join(' · ');
}

async function refreshMine() {
  const [items, rights] = await Promise.all([call('/access-requests'), call('/my-rights')]);
  const body = document.querySelector('#mine tbody');
  body.replaceChildren();
  for (const r of items) {
    const row = body.insertRow();
    row.id = 'mine-' + r.id;
    row.dataset.state = r.state;
    cell(row, I18N.dateTime(new Date(r.requestedAt)));
    cell(row, r.service);
    cell(row, fieldsOf(r.fields));
    cell(row, r.purpose);
    cell(row, requestState(r.state));
    cell(row, answerOf(r));
  }
  document.getElementById('desk-rights-version').textContent = t('rights.inForce', { version: rights.version });
  const held = document.querySelector('#my-rights tbody');
  held.replaceChildren();
  for (const right of rights.rights) {
    const row = held.insertRow();
    row.dataset.service = right.service;
    cell(row, right.service);
    cell(row, fieldsOf(right.fields));
    cell(row, dayOf(right.validUntil));
    cell(row, right.accessRequest || t('rights.configuration'));
  }
}

function refreshEverything() {
  if (!session) return;
  guarded(refreshQueue)();
  guarded(refreshMine)();
}

document.getElementById('desk-sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    session = await signIn(form.get('clientId').trim(), form.get('secret'));
  } catch (e) {
    showError(e.message);
    return;
  }
  showError('');
  event.target.reset();
  event.target.hidden = true;
  document.getElementById('desk-client').textContent = session.client;
  document.getElementById('queue-section').hidden = !session.provider;
  document.getElementById('mine-section').hidden = false;
  refreshEverything();
});
document.addEventListener('i18n:changed', refreshEverything);

I18N.ready.then(() => setInterval(refreshEverything, 5000));
