// lgsp-hub operator console, batch lookups: every consumer's jobs with a progress bar, and a cancel
// (with a reason, an admin action on record) for one that should not go on. Reads the admin API only.
'use strict';

function batchState(state) {
  return named(state, {
    queued: t('batchState.queued'), running: t('batchState.running'), done: t('batchState.done'),
    cancelled: t('batchState.cancelled'), failed: t('batchState.failed')
  });
}

async function cancelBatch(job) {
  const reason = await askReason(t('batch.cancelTitle', { consumer: job.owner, service: job.service }));
  if (!reason) return;
  try {
    await api('/batch/jobs/' + encodeURIComponent(job.id) + '/cancel', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reason })
    });
  } catch (e) {
    alert(t('action.failed', { message: e.message }));
  }
  refreshBatchJobs();
}

function progressCell(row, job) {
  const td = row.insertCell();
  const bar = document.createElement('progress');
  bar.max = job.total;
  bar.value = job.done;
  const text = document.createElement('span');
  text.className = 'progress-text';
  text.textContent = ' ' + t('batch.progressValue', {
    done: I18N.number(job.done), total: I18N.number(job.total), failed: I18N.number(job.failed)
  });
  td.append(bar, text);
}

async function refreshBatchJobs() {
  const { jobs } = await api('/batch/jobs');
  const body = document.querySelector('#batch-jobs tbody');
  body.replaceChildren();
  if (!jobs.length) {
    const row = body.insertRow();
    row.insertCell().textContent = t('batch.none');
    row.cells[0].colSpan = 7;
    row.cells[0].className = 'muted';
  }
  for (const job of jobs) {
    const row = body.insertRow();
    row.id = 'batch-' + job.id;
    row.dataset.state = job.status;
    row.className = job.status === 'failed' ? 'down' : '';
    cell(row, I18N.dateTime(new Date(job.createdAt)));
    cell(row, job.owner);
    cell(row, job.service);
    cell(row, batchState(job.status));
    progressCell(row, job);
    cell(row, job.estimatedSecondsLeft ? t('batch.seconds', { seconds: I18N.number(job.estimatedSecondsLeft) }) : '');
    const actions = row.insertCell();
    if (job.status === 'queued' || job.status === 'running') {
      const button = document.createElement('button');
      button.className = 'batch-cancel';
      button.textContent = t('batch.cancel');
      button.addEventListener('click', () => cancelBatch(job));
      actions.append(button);
    }
  }
}

document.addEventListener('i18n:changed', guarded(refreshBatchJobs));

I18N.ready.then(() => {
  guarded(refreshBatchJobs)();
  setInterval(guarded(refreshBatchJobs), 2000);
});
