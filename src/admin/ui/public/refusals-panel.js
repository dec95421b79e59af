// Refused VENs: who keeps trying to register, how often, when last, and why the VTN said no.
import { describeError } from './api.js';
import { h, showPanelError } from './element.js';
import { formatRelative, formatTime } from './time-format.js';

const LIMIT = 50;

export function createRefusalsPanel(section, { api }) {
  const rows = section.querySelector('#refusals-rows');
  const count = section.querySelector('#refusals-count');
  const only = (text) => rows.replaceChildren(h('tr', {}, h('td', { colspan: 5, class: 'muted' }, text)));

  return {
    async refresh() {
      let table;
      try {
        table = await api.get('/refusals', { limit: LIMIT });
      } catch (err) {
        showPanelError(section, `Refused VENs could not be loaded: ${describeError(err)}`);
        throw err;
      }
      showPanelError(section, '');
      const list = table.refusals ?? [];
      count.textContent = `(${table.total ?? list.length} refused registration(s) from ${table.names ?? list.length} name(s))`;
      if (list.length === 0) return only('No VEN has been refused.');
      const now = Date.now();
      rows.replaceChildren(...list.map((r) => h('tr', { 'data-name': r.name },
        h('th', { scope: 'row' }, r.name, r.fingerprint ? h('div', {}, h('code', { class: 'muted' }, r.fingerprint)) : null),
        h('td', {}, String(r.count)),
        h('td', { title: formatTime(r.lastSeen) }, formatRelative(r.lastSeen, now)),
        h('td', {}, formatTime(r.firstSeen)),
        h('td', {}, `${r.lastCode ?? ''} ${r.lastReason ?? ''}`.trim() || '—'))));
    },
  };
}
