// VENs a page at a time, searched on the server by venName/venId, with the fleet's online/offline counts on top.
import { describeError } from './api.js';
import { h, onTypingPause, showPanelError } from './element.js';
import { formatDuration, formatRelative, formatTime } from './time-format.js';
import { reportRequestRow } from './report-request-form.js';
import { createVenPager } from './table-pager.js';

export const VEN_PAGE_SIZE = 50;
const count = (n) => n.toLocaleString('en-US');

/** "10 s (VTN default)" when the VEN was granted no period of its own. */
export const pollPeriodText = (v, defaultMs) => {
  const ms = v.pollPeriodMs ?? v.pollFreqMs ?? defaultMs;
  if (!ms) return 'VTN default';
  return v.pollFreqMs ? formatDuration(ms) : `${formatDuration(ms)} (VTN default)`;
};

export function createVensPanel(section, { api, onPlot, onChange }) {
  const rows = section.querySelector('#vens-rows');
  const heading = section.querySelector('#vens-count');
  const summary = section.querySelector('#fleet-summary');
  const search = section.querySelector('#vens-search');
  const state = section.querySelector('#vens-state');
  const prev = section.querySelector('#vens-prev');
  const next = section.querySelector('#vens-next');
  const range = section.querySelector('#vens-range');
  const pager = createVenPager();
  let page = [];
  let nextCursor;
  const forms = new Map(); // venId → its open report-request form row
  const filter = () => JSON.stringify([search.value.trim(), state.value]);

  // The pager notices a changed search itself, so a pause in typing only asks for a refresh sooner.
  onTypingPause(search, onChange);
  state.addEventListener('change', onChange);
  prev.addEventListener('click', () => { if (pager.previous()) onChange(); });
  next.addEventListener('click', () => {
    if (nextCursor === undefined) return;
    pager.next(nextCursor);
    onChange();
  });

  function renderSummary(fleet) {
    heading.textContent = `(${count(fleet.online)} of ${count(fleet.registered)} online)`;
    const stat = (cls, n, label) => h('div', { class: `stat ${cls}` }, h('strong', {}, count(n)), ` ${label}`);
    summary.replaceChildren(
      stat('registered', fleet.registered, 'registered'), stat('online', fleet.online, 'online'), stat('offline', fleet.offline, 'offline'),
      stat('never', fleet.neverSeen, 'never seen'),
      h('div', { class: 'stat muted' }, `default poll period ${formatDuration(fleet.defaultPollFreqMs)}`));
  }

  function renderRows(fleet, shownAt) {
    const now = Date.now();
    const first = shownAt * VEN_PAGE_SIZE + 1;
    range.textContent = page.length ? `VENs ${count(first)}–${count(first + page.length - 1)}${search.value.trim() ? ` matching “${search.value.trim()}”` : ''}` : '';
    prev.disabled = shownAt === 0;
    next.disabled = nextCursor === undefined;
    if (page.length === 0) {
      const text = search.value.trim() || state.value ? 'No VEN matches this search.' : 'No VEN has registered yet.';
      rows.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, text)));
      return;
    }
    rows.replaceChildren(...page.flatMap((v) => [h('tr', { 'data-ven-id': v.venId },
      h('th', { scope: 'row' }, v.venName ?? '—', v.httpPullModel === false ? [' ', h('span', { class: 'badge push', title: `HTTP push to ${v.transportAddress ?? '?'}; health in GET /admin/v1/vens/{venId}` }, 'push')] : null),
      h('td', {}, h('code', {}, v.venId)),
      h('td', {}, h('span', { class: `badge ${v.online ? 'online' : 'offline'}` }, v.online ? 'online' : 'offline')),
      h('td', { title: v.lastSeen ? formatTime(v.lastSeen) : '' }, v.lastSeen ? formatRelative(v.lastSeen, now) : 'not seen yet'),
      h('td', {}, pollPeriodText(v, fleet.defaultPollFreqMs)),
      h('td', {}, formatTime(v.registeredAt)),
      h('td', {},
        h('button', { type: 'button', class: 'small', 'aria-label': `Plot ${v.venName ?? v.venId}`, onclick: () => onPlot(v) }, 'Plot'), ' ',
        h('button', { type: 'button', class: 'small', 'aria-label': `Ask ${v.venName ?? v.venId} for a report`, onclick: (e) => toggleReportForm(e.currentTarget.closest('tr'), v) }, 'Report'))),
      // An open form outlives the refresh (same element: what was typed and its status stay).
      forms.get(v.venId)]).filter(Boolean));
    for (const venId of forms.keys()) if (!page.some((v) => v.venId === venId)) forms.delete(venId);
  }

  // One form row under the VEN's row; a second click closes it.
  function toggleReportForm(row, ven) {
    const open = forms.get(ven.venId);
    if (open) {
      forms.delete(ven.venId);
      return open.remove();
    }
    const form = reportRequestRow(api, ven, 7);
    forms.set(ven.venId, form);
    row.after(form);
  }

  return {
    /** The VENs on the page shown (the form and the telemetry panel offer these). */
    page: () => page,
    async refresh() {
      try {
        const after = pager.cursorFor(filter());
        const shownAt = pager.at; // a click on Next while this page loads must not relabel it
        const query = { limit: VEN_PAGE_SIZE, q: search.value.trim(), online: state.value, after };
        const [list, fleet] = await Promise.all([api.get('/vens', query), api.get('/fleet')]);
        page = list;
        nextCursor = list.length === VEN_PAGE_SIZE ? list[list.length - 1].venId : undefined;
        renderSummary(fleet);
        renderRows(fleet, shownAt);
        showPanelError(section, '');
      } catch (err) {
        showPanelError(section, `VENs could not be loaded: ${describeError(err)}`);
        throw err;
      }
    },
  };
}
