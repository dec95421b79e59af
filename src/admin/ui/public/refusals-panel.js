// Refused VENs: who keeps trying to register, how often, when last, and why the VTN said no — a page at a time,
// searched on the server by name, venID or certificate fingerprint.
import { describeError } from './api.js';
import { h, onTypingPause, showPanelError } from './element.js';
import { formatRelative, formatTime } from './time-format.js';
import { createOffsetPager } from './table-pager.js';

export const REFUSAL_PAGE_SIZE = 25;

export function createRefusalsPanel(section, { api, onChange }) {
  const rows = section.querySelector('#refusals-rows');
  const count = section.querySelector('#refusals-count');
  const search = section.querySelector('#refusals-search');
  const prev = section.querySelector('#refusals-prev');
  const next = section.querySelector('#refusals-next');
  const range = section.querySelector('#refusals-range');
  const only = (text) => rows.replaceChildren(h('tr', {}, h('td', { colspan: 5, class: 'muted' }, text)));
  const pager = createOffsetPager(REFUSAL_PAGE_SIZE);

  // The pager starts again at the first page when the search changed, so a pause in typing only refreshes sooner
  // (resetting here undid a Next clicked after a refresh had already used the new text).
  onTypingPause(search, onChange);
  prev.addEventListener('click', () => { pager.previous(); onChange(); });
  next.addEventListener('click', () => { pager.next(); onChange(); });

  return {
    async refresh() {
      let table;
      const offset = pager.offsetFor(search.value.trim());
      try {
        table = await api.get('/refusals', { limit: REFUSAL_PAGE_SIZE, offset, q: search.value.trim() });
      } catch (err) {
        showPanelError(section, `Refused VENs could not be loaded: ${describeError(err)}`);
        throw err;
      }
      showPanelError(section, '');
      const list = table.refusals ?? [];
      const matched = table.matched ?? list.length;
      count.textContent = `(${table.total ?? list.length} refused registration(s) from ${table.names ?? list.length} name(s))`;
      range.textContent = list.length ? `${offset + 1}–${offset + list.length} of ${matched}` : '';
      prev.disabled = offset === 0;
      next.disabled = offset + list.length >= matched;
      if (list.length === 0) return only(search.value.trim() ? 'No refused VEN matches this search.' : 'No VEN has been refused.');
      const now = Date.now();
      rows.replaceChildren(...list.map((r) => h('tr', { 'data-name': r.name },
        h('th', { scope: 'row' }, r.name, r.venId && r.venId !== r.name ? h('div', { class: 'muted' }, `venID ${r.venId}`) : null,
          r.fingerprint ? h('div', {}, h('code', { class: 'muted' }, r.fingerprint)) : null),
        h('td', {}, String(r.count)),
        h('td', { title: formatTime(r.lastSeen) }, formatRelative(r.lastSeen, now)),
        h('td', {}, formatTime(r.firstSeen)),
        h('td', {}, `${r.lastCode ?? ''} ${r.lastReason ?? ''}`.trim() || '—'))));
    },
  };
}
