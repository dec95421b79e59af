// The next schedule fires: when each fires, the event window it creates, and why one will be skipped.
import { describeError } from './api.js';
import { h, showPanelError } from './element.js';
import { formatRelative, formatTime } from './time-format.js';

const COUNT = 10;

export function createOccurrencesPanel(section, { api }) {
  const rows = section.querySelector('#occurrences-rows');
  const only = (text) => rows.replaceChildren(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, text)));

  return {
    async refresh(installed) {
      if (!installed) return only('No scheduler in this VTN.');
      let list;
      try {
        list = await api.get('/schedules/next', { count: COUNT });
      } catch (err) {
        if (err.code === 'E_NOT_INSTALLED') return only('No scheduler in this VTN.');
        showPanelError(section, `Occurrences could not be loaded: ${describeError(err)}`);
        throw err;
      }
      showPanelError(section, '');
      if (list.length === 0) return only('Nothing scheduled.');
      const now = Date.now();
      rows.replaceChildren(...list.map((o) => h('tr', { class: o.skip ? 'skipped' : '' },
        h('th', { scope: 'row' }, o.scheduleId),
        h('td', {}, `${formatTime(o.fireTime)} (${formatRelative(o.fireTime, now)})`),
        h('td', {}, o.eventEnd ? `${formatTime(o.eventStart)} – ${formatTime(o.eventEnd)}` : `from ${formatTime(o.eventStart)}`),
        h('td', {}, o.skip ? `skipped: ${o.skip.reason} — ${o.skip.detail}` : 'creates an event'))));
    },
  };
}
