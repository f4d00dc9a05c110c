// lgsp-hub operator console, services and rights: what providers publish (approve or send back a
// submission, with a reason), the access requests and which are overdue, the rights in force for a
// consumer and every version of the rights. Reads and writes the admin API only.
'use strict';

function publicationState(state) {
  return named(state, {
    draft: t('publication.draft'), submitted: t('publication.submitted'), published: t('publication.published'),
    deprecated: t('publication.deprecated'), withdrawn: t('publication.withdrawn')
  });
}

// what each button of a submission says, and the title of the reason it asks for
const DECISIONS = {
  approve: { button: () => t('publications.approve'), title: (service) => t('publications.approveTitle', { service }) },
  reject: { button: () => t('publications.reject'), title: (service) => t('publications.rejectTitle', { service }) }
};

async function decide(id, service, action) {
  const reason = await askReason(DECISIONS[action].title(service));
  if (!reason) return;
  try {
    await api('/services/' + encodeURIComponent(id) + '/' + action, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason })
    });
  } catch (e) {
    alert(t('action.failed', { message: e.message }));
  }
  refreshPublications();
}

function paths(routes) {
  return (routes.match(/platform-http:[^"\n]+/g) || []).map((p) => p.replace('platform-http:', '')).join(' ');
}

async function refreshPublications() {
  const items = await api('/services');
  const body = document.querySelector('#publications tbody');
  body.replaceChildren();
  for (const { publication: p, consumers, traffic } of items) {
    const row = body.insertRow();
    row.id = 'publication-' + p.id;
    row.dataset.state = p.state;
    cell(row, p.service);
    cell(row, p.version);
    cell(row, publicationState(p.state));
    cell(row, p.createdBy);
    cell(row, consumers.join(', '));
    cell(row, paths(p.routes));
    cell(row, t('publications.trafficValue', {
      calls: I18N.number(traffic.calls), rejected: I18N.number(traffic.rejected), failed: I18N.number(traffic.failed)
    }));
    const actions = row.insertCell();
    if (p.state === 'submitted') {
      for (const action of ['approve', 'reject']) {
        const button = document.createElement('button');
        button.className = 'publication-' + action;
        button.textContent = DECISIONS[action].button();
        button.addEventListener('click', () => decide(p.id, p.service, action));
        actions.append(button);
      }
    }
  }
}

async function refreshRequests() {
  const items = await api('/access-requests');
  const body = document.querySelector('#requests tbody');
  body.replaceChildren();
  for (const r of items) {
    const row = body.insertRow();
    row.id = 'request-' + r.id;
    row.className = r.overdue ? 'down' : '';
    cell(row, I18N.dateTime(new Date(r.requestedAt)));
    cell(row, r.consumer);
    cell(row, r.service);
    cell(row, r.fields.length ? r.fields.join(', ') : t('requests.allFields'));
    cell(row, r.purpose);
    cell(row, r.legalBasis.document + ' · ' + r.legalBasis.article);
    cell(row, requestState(r.state) + (r.overdue ? ' · ' + t('requests.overdue') : ''));
  }
}

async function refreshRights() {
  const [current, versions] = await Promise.all([api('/access-rights'), api('/access-rights/versions')]);
  document.getElementById('rights-version').textContent = t('rights.inForce', { version: current.version });
  const client = new FormData(document.getElementById('rights-filter')).get('client').trim();
  const body = document.querySelector('#rights tbody');
  body.replaceChildren();
  for (const c of current.rights.filter((c) => !client || c.client === client)) {
    for (const s of c.services) {
      const row = body.insertRow();
      cell(row, c.client);
      cell(row, s.service);
      cell(row, s.fields.length ? s.fields.join(', ') : t('requests.allFields'));
      cell(row, s.validUntil ? I18N.date(new Date(s.validUntil + 'T00:00:00+07:00')) : '');
      cell(row, s.accessRequest ? s.accessRequest : t('rights.configuration'));
    }
  }
  const history = document.querySelector('#versions tbody');
  history.replaceChildren();
  for (const v of versions) {
    const row = history.insertRow();
    row.id = 'version-' + v.version;
    cell(row, v.version);
    cell(row, I18N.dateTime(new Date(v.changedAt)));
    cell(row, v.author);
    cell(row, v.source);
    cell(row, v.reason);
  }
}

function refreshEverything() {
  guarded(refreshPublications)();
  guarded(refreshRequests)();
  guarded(refreshRights)();
}

document.getElementById('rights-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded(refreshRights)();
});
document.addEventListener('i18n:changed', refreshEverything);

I18N.ready.then(() => {
  refreshEverything();
  setInterval(refreshEverything, 5000);
});
