// What the pages of the console share: the admin API with the operator's session (writes carry
// X-Requested-With, which the hub requires of session-borne writes), table cells, the reason dialog, the
// names of states. The agency desk uses the cells and names only: it speaks /api/v1 with its own token.
'use strict';

const API = '/admin/api';
const HEADERS = { 'X-Requested-With': 'lgsp-console' };

async function api(path, options = {}) {
  const headers = { ...HEADERS, 'Accept-Language': I18N.language(), ...(options.headers || {}) };
  const response = await fetch(API + path, { ...options, headers });
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

// the one dialog that asks an operator why, made on first use, in the words of the language at that moment
function reasonDialog() {
  let dialog = document.getElementById('reason-dialog');
  if (!dialog) {
    dialog = document.createElement('dialog');
    dialog.id = 'reason-dialog';
    dialog.innerHTML = '<form method="dialog" id="reason-form"><h3 id="reason-title"></h3>'
      + '<label><span id="reason-label"></span> <textarea id="reason" required maxlength="500" rows="3"></textarea></label>'
      + '<menu><button value="cancel" id="reason-cancel" formnovalidate></button>'
      + '<button value="ok" id="reason-ok"></button></menu></form>';
    document.body.append(dialog);
  }
  document.getElementById('reason-label').textContent = t('reason.label');
  document.getElementById('reason-cancel').textContent = t('reason.cancel');
  document.getElementById('reason-ok').textContent = t('reason.confirm');
  return dialog;
}

function askReason(title) {
  const dialog = reasonDialog();
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

function guarded(task) {
  return () => task().catch((e) => console.warn(e.message));
}

// a known value in the operator's words; an unknown one as the hub sent it
function named(value, names) {
  return names[value] ?? value;
}

function requestState(state) {
  return named(state, {
    pending: t('request.pending'), granted: t('request.granted'), refused: t('request.refused'),
    revoked: t('request.revoked'), expired: t('request.expired')
  });
}
