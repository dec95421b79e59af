// The event form: VENs, then either an inline signal (POST /events) or a template of config/templates.json
// (POST /events/from-template) with an optional level and duration, and a start in the browser's zone.
import { describeError } from './api.js';
import { h } from './element.js';
import { browserZone, toLocalInput } from './time-format.js';

const DEFAULT_LEAD_MS = 5 * 60_000;

function startIso(start) {
  const dtstart = new Date(start);
  if (!start || Number.isNaN(dtstart.getTime())) throw new Error('Start must be a date and time.');
  return dtstart.toISOString();
}

function minutesOf(durationMinutes, optional) {
  if (optional && durationMinutes === '') return undefined;
  const minutes = Number(durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error('Duration must be a whole number of minutes, at least 1.');
  return minutes;
}

/** The request body for the inline form's values; throws with a plain message when a field is unusable. */
export function eventBody({ venIds, signal, level, start, durationMinutes }) {
  if (venIds.length === 0) throw new Error('Pick at least one VEN.');
  const [signalName, signalType] = signal.split('|');
  const payload = Number(level);
  if (level === '' || !Number.isFinite(payload)) throw new Error('Level / value must be a number.');
  const dtstart = startIso(start);
  return { venIds, signalName, signalType, dtstart, intervals: [{ duration: `PT${minutesOf(durationMinutes, false)}M`, payload }] };
}

/** The from-template body: level and duration only when given (the template's own otherwise). */
export function templateBody({ venIds, template, level, start, durationMinutes }) {
  if (venIds.length === 0) throw new Error('Pick at least one VEN.');
  if (!template) throw new Error('Pick a template.');
  const body = { template, venIds, start: startIso(start) };
  if (level !== '') {
    const n = Number(level);
    if (!Number.isFinite(n)) throw new Error('Level / value must be a number, or empty for the template\'s.');
    body.level = n;
  }
  const minutes = minutesOf(durationMinutes, true);
  if (minutes !== undefined) body.duration = `PT${minutes}M`;
  return body;
}

export function createEventForm(form, result, { api, onChange }) {
  const vens = form.querySelector('#event-vens');
  const start = form.querySelector('#event-start');
  const mode = form.querySelector('#event-mode');
  const template = form.querySelector('#event-template');
  const level = form.elements.level;
  const duration = form.elements.duration;
  start.value = toLocalInput(new Date(Date.now() + DEFAULT_LEAD_MS));
  form.querySelector('#event-start-zone').textContent = browserZone();

  const fromTemplate = () => mode.value === 'template';
  function showMode() {
    for (const el of form.querySelectorAll('.inline-only')) el.hidden = fromTemplate();
    for (const el of form.querySelectorAll('.template-only')) el.hidden = !fromTemplate();
    level.required = !fromTemplate();
    duration.required = !fromTemplate();
    level.placeholder = fromTemplate() ? "template's" : '';
    duration.placeholder = fromTemplate() ? "template's" : '';
    if (fromTemplate()) level.value = duration.value = '';
  }
  mode.addEventListener('change', showMode);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    const fields = { venIds: [...vens.selectedOptions].map((o) => o.value), level: level.value, start: start.value, durationMinutes: duration.value };
    let body;
    try {
      body = fromTemplate() ? templateBody({ ...fields, template: template.value }) : eventBody({ ...fields, signal: form.elements.signal.value });
    } catch (err) {
      return say(err.message, 'alert');
    }
    button.disabled = true;
    try {
      const created = await api.post(fromTemplate() ? '/events/from-template' : '/events', body);
      say(`Created event ${created.eventId} for ${created.venIds.length} VEN(s)${fromTemplate() ? ` from template ${body.template}` : ''}; status ${created.status}.`, 'ok');
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
    /** Offers the VENs of the table's page, keeping those the operator picked (from earlier pages too). */
    setVens(list) {
      const picked = [...vens.selectedOptions].map((o) => ({ venId: o.value, label: o.textContent }));
      const offered = list.map((v) => ({ venId: v.venId, label: `${v.venName ?? v.venId}${v.online ? '' : ' (offline)'}` }));
      const all = [...picked.filter((p) => !offered.some((o) => o.venId === p.venId)), ...offered];
      const key = all.map((o) => `${o.venId}:${o.label}`).join('|');
      if (vens.dataset.key === key) return;
      vens.dataset.key = key;
      const keep = new Set(picked.map((p) => p.venId));
      vens.replaceChildren(...all.map((o) => h('option', { value: o.venId, selected: keep.has(o.venId) }, o.label)));
    },
    /** names: the templates, or undefined without a template catalogue (the mode is then inline only). */
    setTemplates(names) {
      const available = Array.isArray(names) && names.length > 0;
      mode.querySelector('option[value="template"]').disabled = !available;
      if (!available && fromTemplate()) {
        mode.value = 'inline';
        showMode();
      }
      const key = (names ?? []).join('|');
      if (template.dataset.key === key) return;
      template.dataset.key = key;
      const keep = template.value;
      template.replaceChildren(...(names ?? []).map((n) => h('option', { value: n }, n)));
      if ((names ?? []).includes(keep)) template.value = keep;
    },
  };
}
