// Ask one VEN for a report by hand (POST /vens/{venId}/report-requests): shown under its row in the VEN list.
import { describeError } from './api.js';
import { h } from './element.js';

const REPORTS = ['TELEMETRY_USAGE', 'TELEMETRY_STATUS', 'HISTORY_USAGE'];

/** A table row holding the form; `columns` is the width of the VEN table. */
export function reportRequestRow(api, ven, columns) {
  const label = ven.venName ?? ven.venId;
  const report = h('select', { 'aria-label': `Report for ${label}` }, ...REPORTS.map((r) => h('option', { value: r }, r)));
  const sampling = h('input', { type: 'text', value: 'PT1M', size: 8, 'aria-label': `Sampling interval for ${label}`, title: 'ISO 8601 duration' });
  const status = h('span', { class: 'muted', role: 'status' }, '');
  const ask = h('button', { type: 'button', class: 'small' }, 'Ask for report');
  ask.addEventListener('click', async () => {
    ask.disabled = true;
    status.textContent = 'asking…';
    try {
      const r = await api.post(`/vens/${encodeURIComponent(ven.venId)}/report-requests`, { reportName: report.value, samplingInterval: sampling.value.trim() || 'PT1M' });
      status.textContent = `queued ${r.queued} (reportRequestID ${r.reportRequestId}); re-sent until the VEN acknowledges it`;
    } catch (err) {
      status.textContent = `not asked: ${describeError(err)}`;
    } finally {
      ask.disabled = false;
    }
  });
  return h('tr', { class: 'report-request', 'data-report-for': ven.venId },
    h('td', { colspan: columns }, 'Report ', report, ' sampled every ', sampling, ' ', ask, ' ', status));
}
