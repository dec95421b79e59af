// Events: a timeline, then a table naming each event (program, template, origin, short id) with its VENs' delivery
// and opt counts, the per-VEN list on demand, and a cancel button.
import { describeError } from './api.js';
import { h, showPanelError } from './element.js';
import { eventLabel, eventName } from './event-names.js';
import { optWords, orderEvents } from './event-order.js';
import { renderTimeline } from './event-timeline.js';
import { formatDuration, formatTime } from './time-format.js';

/** Counts are one request per event, so only this many events are shown in detail. */
const MAX_SHOWN = 25;
/** VENs listed under an opened event; the counts cover the whole audience. */
const MAX_LISTED = 100;
const CANCELLABLE = new Set(['far', 'near', 'active']);

const summaryText = (s) => `delivered ${s.delivered}/${s.total} · opted in ${s.optIn} · opted out ${s.optOut} · no answer ${s.noAnswer}${s.refused ? ` · refused ${s.refused}` : ''}`;

export function createEventsPanel(section, { api, onChange }) {
  const filter = section.querySelector('#events-status');
  const timeline = section.querySelector('#events-timeline');
  const rows = section.querySelector('#events-rows');
  const note = section.querySelector('#events-note');
  const action = section.querySelector('#events-action');
  // <details> elements are rebuilt on every refresh; remember which ones the operator opened, and their lists.
  const open = new Set();
  const lists = new Map();
  // venId → venName of VENs listed under events; bounded, refilled on demand.
  const known = new Map();
  filter.addEventListener('change', () => onChange());

  async function cancel(view, programs) {
    const { eventId } = view.event;
    const label = eventLabel(view.event, programs);
    if (!window.confirm(`Cancel event ${label}? Its VENs get it once more as cancelled.`)) return;
    try {
      await api.post(`/events/${encodeURIComponent(eventId)}/cancel`, { reason: 'cancelled from the dashboard' });
      action.textContent = `Cancelled event ${eventId}.`;
      action.className = 'ok';
    } catch (err) {
      action.textContent = `Could not cancel ${label}: ${describeError(err)}`;
      action.className = 'alert';
    }
    onChange();
  }

  const loadList = async (eventId) => lists.set(eventId, await api.get(`/events/${encodeURIComponent(eventId)}/vens`, { limit: MAX_LISTED }));

  function venList(eventId, total, names) {
    const list = lists.get(eventId);
    if (!list) return h('p', { class: 'muted' }, 'Loading…');
    return [
      h('ul', { class: 'ven-list' }, list.map((d) => h('li', { 'data-ven-id': d.venId },
        h('span', { class: 'ven-name' }, names.get(d.venId) ?? d.venId), ': ',
        d.protocol === 'openadr3'
          ? h('span', { class: 'delivered' }, 'OpenADR 3.1 VEN (reads the event itself)')
          : h('span', { class: d.delivered ? 'delivered' : 'pending' }, d.delivered ? 'delivered' : 'waiting for its poll'), ' · ',
        h('span', { class: 'opt' }, optWords(d))))),
      total > list.length ? h('p', { class: 'muted' }, `The first ${list.length} of ${total} VENs; the counts above cover all of them.`) : null,
    ];
  }

  function vensCell(eventId, sum, names) {
    const details = h('details', { open: open.has(eventId) }, h('summary', {}, summaryText(sum)), open.has(eventId) ? venList(eventId, sum.total, names) : null);
    details.addEventListener('toggle', () => {
      // A closed list is forgotten: reopened, it is fetched anew (and memory stays bounded by what is open).
      if (!details.open) return void (open.delete(eventId), lists.delete(eventId));
      open.add(eventId);
      // The next refresh lists the VENs with their names.
      if (!lists.has(eventId)) onChange();
    });
    return details;
  }

  function row(view, sum, names, programs) {
    const { event, status } = view;
    const signal = event.signals?.[0];
    const name = eventName(event, programs);
    return h('tr', { 'data-event-id': event.eventId, class: `status-${status}` },
      h('th', { scope: 'row' },
        h('span', { class: 'event-title' }, name.title), ' ', h('code', { class: 'short-id', title: event.eventId }, `#${name.short}`),
        event.testEvent ? h('span', { class: 'muted' }, ' (test)') : null,
        name.detail.length ? h('div', { class: 'event-origin muted' }, name.detail.join(' · ')) : null),
      h('td', {}, h('span', { class: `badge status-${status}` }, status)),
      h('td', {}, formatTime(event.dtstart)),
      h('td', {}, formatDuration(event.duration)),
      h('td', {}, signal ? `${signal.signalName} ${signal.signalType} ${signal.intervals.map((iv) => iv.payload).join(' / ')}` : '—'),
      h('td', {}, vensCell(event.eventId, sum, names)),
      h('td', {}, CANCELLABLE.has(status)
        ? h('button', { type: 'button', class: 'danger', 'aria-label': `Cancel event ${event.eventId}`, onclick: () => cancel(view, programs) }, 'Cancel')
        : null));
  }

  return {
    /** views: every event without per-VEN states; names: venId → venName of the VENs at hand. */
    async refresh(allViews, names, programs = []) {
      try {
        const views = orderEvents(filter.value ? allViews.filter((v) => v.status === filter.value) : allViews);
        const shown = views.slice(0, MAX_SHOWN);
        // Events that left the view (completed past the list, cancelled, archived) take their open lists along.
        const shownIds = new Set(shown.map((v) => v.event.eventId));
        for (const eventId of [...open]) if (!shownIds.has(eventId)) (open.delete(eventId), lists.delete(eventId));
        const id = (v) => encodeURIComponent(v.event.eventId);
        const [sums] = await Promise.all([
          Promise.all(shown.map((v) => api.get(`/events/${id(v)}/summary`))),
          Promise.all(shown.filter((v) => open.has(v.event.eventId)).map((v) => loadList(v.event.eventId))),
        ]);
        if (known.size > 5000) known.clear();
        for (const [venId, venName] of names) known.set(venId, venName);
        for (const v of await resolveNames(shown)) known.set(v.venId, v.venName);
        const svg = renderTimeline(shown, Date.now(), (e) => ({ ...eventName(e, programs), label: eventLabel(e, programs) }));
        timeline.replaceChildren(...(svg ? [svg] : []));
        rows.replaceChildren(...(shown.length
          ? shown.map((v, i) => row(v, sums[i], known, programs))
          : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, filter.value ? `No ${filter.value} events.` : 'No events yet.'))]));
        note.textContent = views.length > MAX_SHOWN ? `Showing ${MAX_SHOWN} of ${views.length} events; pick a status to narrow the list.` : '';
        showPanelError(section, '');
      } catch (err) {
        showPanelError(section, `Events could not be loaded: ${describeError(err)}`);
        throw err;
      }
    },
  };

  /** Names of listed VENs not on the table's page (one VEN read each, at most MAX_LISTED per open event). */
  async function resolveNames(shown) {
    const missing = new Set();
    for (const v of shown) for (const d of lists.get(v.event.eventId) ?? []) if (open.has(v.event.eventId) && !known.has(d.venId)) missing.add(d.venId);
    const found = await Promise.all([...missing].map((venId) => api.get(`/vens/${encodeURIComponent(venId)}/registration`).catch(() => ({ venId }))));
    return found.map((v) => ({ venId: v.venId, venName: v.venName ?? v.venId }));
  }
}
