// lgsp-hub operator console, register events: every subscription with its delivery health (pending,
// delivered, dead letters, lag, last failure), and a replay of its last day (with a reason, an admin
// action on record) once a subscriber's outage outlasted its retries. Reads the admin API only.
'use strict';

async function replaySubscription(s) {
  const reason = await askReason(t('events.replayTitle', { type: s.eventType, subscriber: s.subscriber }));
  if (!reason) return;
  try {
    await api('/events/subscriptions/' + encodeURIComponent(s.id) + '/replay', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason })
    });
  } catch (e) {
    alert(t('action.failed', { message: e.message }));
  }
  refreshSubscriptions();
}

// the endpoint's host; the address as given when it does not parse (one odd row must not empty the table)
function host(endpoint) {
  try {
    return new URL(endpoint).host;
  } catch (e) {
    return endpoint;
  }
}

async function refreshSubscriptions() {
  const { subscriptions } = await api('/events/subscriptions');
  const body = document.querySelector('#subscriptions tbody');
  body.replaceChildren();
  if (!subscriptions.length) {
    const row = body.insertRow();
    row.insertCell().textContent = t('events.none');
    row.cells[0].colSpan = 9;
    row.cells[0].className = 'muted';
  }
  for (const s of subscriptions) {
    const h = s.health;
    const row = body.insertRow();
    row.id = 'subscription-' + s.id;
    row.className = h.dead > 0 ? 'down' : '';
    cell(row, s.room + ' · ' + s.eventType);
    cell(row, s.subscriber);
    cell(row, s.delivery + (s.endpoint ? ' · ' + host(s.endpoint) : ''));
    cell(row, I18N.number(h.pending));
    cell(row, I18N.number(h.delivered));
    const dead = row.insertCell();
    dead.className = 'dead';
    dead.textContent = I18N.number(h.dead);
    cell(row, h.lagSeconds ? t('events.seconds', { seconds: I18N.number(h.lagSeconds) }) : '');
    cell(row, h.lastError);
    const actions = row.insertCell();
    const button = document.createElement('button');
    button.className = 'subscription-replay';
    button.textContent = t('events.replay');
    button.addEventListener('click', () => replaySubscription(s));
    actions.append(button);
  }
}

document.addEventListener('i18n:changed', guarded(refreshSubscriptions));

I18N.ready.then(() => {
  guarded(refreshSubscriptions)();
  setInterval(guarded(refreshSubscriptions), 2000);
});
