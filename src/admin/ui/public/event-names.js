// Names an event the way an operator thinks of it: its program, template, schedule or rule, plus a short id.
const DEFAULT_CONTEXT = 'oadr://unknown.context';

/** The first 8 characters of the eventId: enough to tell events apart on one screen. */
export const shortId = (eventId) => (eventId.length > 8 ? eventId.slice(0, 8) : eventId);

/** The program's name from the catalogue, else the last part of the market context URI; undefined for the default. */
export function programOf(event, programs = []) {
  const mc = event.marketContext;
  if (!mc || mc === DEFAULT_CONTEXT) return undefined;
  const known = programs.find((p) => p.marketContext === mc);
  if (known) return known.name;
  const tail = mc.replace(/[/#]+$/, '').split(/[/#:]/).pop();
  return tail || mc;
}

/** Where it came from, in words: "template shed-level-2", "schedule summer-peak", "rule feeder 7 overload", "admin alice". */
export function originWords(origin = {}) {
  const parts = [];
  if (origin.template) parts.push(`template ${origin.template}`);
  if (origin.schedule) parts.push(`schedule ${origin.schedule}`);
  if (origin.rule) parts.push(`rule ${origin.rule}`);
  if (origin.source === 'admin') parts.push(`admin ${origin.actor ?? ''}`.trim());
  else if (parts.length === 0 && origin.source) parts.push(origin.source);
  return parts;
}

/** { title, detail, short }: title is the program, else the template/schedule/rule, else the signal. */
export function eventName(event, programs) {
  const program = programOf(event, programs);
  const origin = originWords(event.origin);
  const signal = event.signals?.[0]?.signalName;
  const title = program ?? origin.find((o) => !o.startsWith('admin')) ?? (signal ? `${signal} event` : 'event');
  const detail = origin.filter((x) => x !== title);
  return { title, detail, short: shortId(event.eventId) };
}

/** One line: "summer-peak · template shed-level-2 · #1a2b3c4d". */
export const eventLabel = (event, programs) => {
  const n = eventName(event, programs);
  return [n.title, ...n.detail, `#${n.short}`].join(' · ');
};
