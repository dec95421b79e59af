// The inline event form: VENs, signal, level, start and duration become one POST /events.
import { describeError } from './api.js';
import { h } from './element.js';
import { toLocalInput } from './time-format.js';

const DEFAULT_LEAD_MS = 5 * 60_000;

/** The request body for the form's values; throws with a plain message when a field is unusable. */
export function eventBody({ venIds, signal, level, start, durationMinutes }) {
  if (venIds.length === 0) throw new Error('Pick at least one VEN.');
  const [signalName, signalType] = signal.split('|');
  const payload = Number(level);
  if (level === '' || !Number.isFinite(payload)) throw new Error('Level / value must be a number.');
  const dtstart = new Date(start);
  if (!start || Number.isNaN(dtstart.getTime())) throw new Error('Start must be a date and time.');
  const minutes = Number(durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error('Duration must be a whole number of minutes, at least 1.');
  return { venIds, signalName, signalType, dtstart: dtstart.toISOString(), intervals: [{ duration: `PT${minutes}M`, payload }] };
}

export function createEventForm(form, result, { api, onChange }) {
  const vens = form.querySelector('#event-vens');
  const start = form.querySelector('#event-start');
  start.value = toLocalInput(new Date(Date.now() + DEFAULT_LEAD_MS));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    let body;
    try {
      body = eventBody({
        venIds: [...vens.selectedOptions].map((o) => o.value),
        signal: form.elements.signal.value,
        level: form.elements.level.value,
        start: start.value,
        durationMinutes: form.elements.duration.value,
      });
    } catch (err) {
      return say(err.message, 'alert');
    }
    button.disabled = true;
    try {
      const created = await api.post('/events', body);
      say(`Created event ${created.eventId} for ${created.venIds.length} VEN(s); status ${created.status}.`, 'ok');
      onChange();
    } catch (err) {
      say(`The VTN refused the event: ${describeError(err)}`, 'alert');
    } finally {
      button.disabled = false;
    }
  });

  function say(text, kind) {
    result.textContent = text;
    result.className = kind;
  }

  return {
    /** Keeps the VEN list current without losing what the operator picked. */
    setVens(list) {
      const picked = new Set([...vens.selectedOptions].map((o) => o.value));
      const sorted = [...list].sort((a, b) => (a.venName ?? a.venId).localeCompare(b.venName ?? b.venId));
      const key = sorted.map((v) => `${v.venId}:${v.venName}:${v.online}`).join('|');
      if (vens.dataset.key === key) return;
      vens.dataset.key = key;
      vens.replaceChildren(...sorted.map((v) => h('option', { value: v.venId, selected: picked.has(v.venId) },
        `${v.venName ?? v.venId}${v.online ? '' : ' (offline)'}`)));
    },
  };
}
