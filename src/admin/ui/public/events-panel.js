// Events: a timeline, then a table with each event's per-VEN delivery and opt answer and a cancel button.
import { describeError } from './api.js';
import { h, showPanelError } from './element.js';
import { deliverySummary, optWords, orderEvents } from './event-order.js';
import { renderTimeline } from './event-timeline.js';
import { formatDuration, formatTime } from './time-format.js';

/** Per-VEN delivery is one request per event, so only this many events are shown in detail. */
const MAX_SHOWN = 25;
const CANCELLABLE = new Set(['far', 'near', 'active']);

export function createEventsPanel(section, { api, onChange }) {
  const filter = section.querySelector('#events-status');
  const timeline = section.querySelector('#events-timeline');
  const rows = section.querySelector('#events-rows');
  const note = section.querySelector('#events-note');
  const action = section.querySelector('#events-action');
  // <details> elements are rebuilt on every refresh; remember which ones the operator opened.
  const open = new Set();
  filter.addEventListener('change', () => onChange());

  async function cancel(eventId) {
    if (!window.confirm(`Cancel event ${eventId}? Its VENs get it once more as cancelled.`)) return;
    try {
      await api.post(`/events/${encodeURIComponent(eventId)}/cancel`, { reason: 'cancelled from the dashboard' });
      action.textContent = `Cancelled event ${eventId}.`;
      action.className = 'ok';
    } catch (err) {
      action.textContent = `Could not cancel ${eventId}: ${describeError(err)}`;
      action.className = 'alert';
    }
    onChange();
  }

  function vensCell(eventId, deliveries, names) {
    const sum = deliverySummary(deliveries);
    const details = h('details', { open: open.has(eventId) },
      h('summary', {}, `delivered ${sum.delivered}/${sum.total} · opted in ${sum.optIn} · opted out ${sum.optOut} · no answer ${sum.waiting}`),
      h('ul', { class: 'ven-list' }, deliveries.map((d) => h('li', { 'data-ven-id': d.venId },
        h('span', { class: 'ven-name' }, names.get(d.venId) ?? d.venId), ': ',
        h('span', { class: d.delivered ? 'delivered' : 'pending' }, d.delivered ? 'delivered' : 'waiting for its poll'), ' · ',
        h('span', { class: 'opt' }, optWords(d))))));
    details.addEventListener('toggle', () => (details.open ? open.add(eventId) : open.delete(eventId)));
    return details;
  }

  function row(view, deliveries, names) {
    const { event, status } = view;
    const signal = event.signals?.[0];
    return h('tr', { 'data-event-id': event.eventId, class: `status-${status}` },
      h('th', { scope: 'row' }, h('code', {}, event.eventId), event.testEvent ? h('span', { class: 'muted' }, ' (test)') : null),
      h('td', {}, h('span', { class: `badge status-${status}` }, status)),
      h('td', {}, formatTime(event.dtstart)),
      h('td', {}, formatDuration(event.duration)),
      h('td', {}, signal ? `${signal.signalName} ${signal.signalType} ${signal.intervals.map((iv) => iv.payload).join(' / ')}` : '—'),
      h('td', {}, vensCell(event.eventId, deliveries, names)),
      h('td', {}, CANCELLABLE.has(status)
        ? h('button', { type: 'button', class: 'danger', 'aria-label': `Cancel event ${event.eventId}`, onclick: () => cancel(event.eventId) }, 'Cancel')
        : null));
  }

  return {
    async refresh(names) {
      try {
        const views = orderEvents(await api.get('/events', { status: filter.value }));
        const shown = views.slice(0, MAX_SHOWN);
        const deliveries = await Promise.all(shown.map((v) => api.get(`/events/${encodeURIComponent(v.event.eventId)}/vens`)));
        const svg = renderTimeline(shown, Date.now());
        timeline.replaceChildren(...(svg ? [svg] : []));
        rows.replaceChildren(...(shown.length
          ? shown.map((v, i) => row(v, deliveries[i], names))
          : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, filter.value ? `No ${filter.value} events.` : 'No events yet.'))]));
        note.textContent = views.length > MAX_SHOWN ? `Showing ${MAX_SHOWN} of ${views.length} events; pick a status to narrow the list.` : '';
        showPanelError(section, '');
      } catch (err) {
        showPanelError(section, `Events could not be loaded: ${describeError(err)}`);
        throw err;
      }
    },
  };
}
