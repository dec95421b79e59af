// Semantic checks of templates: unique names, known programs, SIMPLE payload range, interval sums, and
// whatever else the core would refuse when an event is built from the template.
import { VtnError } from '../../errors.js';
import { parseDuration } from '../../oadr/duration.js';
import { buildEventRecord } from '../../vtn/events/index.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { positionOf, type JsonPath, type JsonSource } from '../files/json-source.js';
import type { Problem, PolicyProblemCode } from '../files/problem.js';
import type { TemplatesFile } from './event-template.js';
import { templateToEventOptions } from './template-to-event-options.js';

const SIMPLE_LEVELS = [0, 1, 2, 3];

export function checkTemplates(src: JsonSource, catalogue: Catalogue): Problem[] {
  const file = src.data as TemplatesFile;
  const out: Problem[] = [];
  const at = (path: JsonPath, code: PolicyProblemCode, message: string, suggestion?: string): void => {
    out.push({ file: src.file, ...positionOf(src, path), code, severity: 'error', message, ...(suggestion ? { suggestion } : {}) });
  };
  const seen = new Map<string, number>();
  file.templates.forEach((t, i) => {
    const base: JsonPath = ['templates', i];
    if (seen.has(t.name)) at([...base, 'name'], 'P_SCHEMA', `template name "${t.name}" is also used by templates[${seen.get(t.name)}]`);
    else seen.set(t.name, i);
    if (t.program !== undefined && !catalogue.program(t.program)) {
      at([...base, 'program'], 'P_SCHEMA', `program "${t.program}" is not in config/programs.json`, `known: ${catalogue.programs.map((p) => p.name).join(', ') || 'none'}`);
    }
    const durations: [JsonPath, string][] = [];
    for (const k of ['duration', 'rampUp', 'notification', 'recovery', 'startAfter'] as const) if (t[k] !== undefined) durations.push([[...base, k], t[k]!]);
    t.signal.intervals.forEach((iv, j) => { if (iv.duration !== undefined) durations.push([[...base, 'signal', 'intervals', j, 'duration'], iv.duration]); });
    let badDuration = false;
    for (const [path, text] of durations) {
      try { parseDuration(text); } catch (e) { badDuration = true; at(path, 'P_DURATION', (e as Error).message); }
    }
    if (t.signal.name === 'SIMPLE') {
      t.signal.intervals.forEach((iv, j) => {
        if (!SIMPLE_LEVELS.includes(iv.payload)) at([...base, 'signal', 'intervals', j, 'payload'], 'P_SIMPLE_PAYLOAD', `SIMPLE payload ${iv.payload} is out of range`, 'use 0 (normal), 1 (moderate), 2 (high) or 3 (special)');
      });
    }
    if (badDuration) return;
    const sum = t.signal.intervals.reduce((s, iv) => s + (iv.duration ? parseDuration(iv.duration) : 0), 0);
    const allTimed = t.signal.intervals.every((iv) => iv.duration !== undefined);
    if (t.duration !== undefined && t.signal.intervals.length > 1 && allTimed && sum !== parseDuration(t.duration)) {
      at([...base, 'duration'], 'P_INTERVAL_SUM', `the intervals add up to ${sum / 60_000} min but duration is ${t.duration}`, 'make the interval durations add up to the event duration');
    }
    if (out.some((p) => p.code === 'P_SIMPLE_PAYLOAD' || p.code === 'P_INTERVAL_SUM')) return;
    // Whatever else the core refuses (signal name/type, a multi-interval template without durations…).
    try {
      const opts = templateToEventOptions(t, { start: new Date(0), venIds: ['check'] }, (name) => catalogue.program(name));
      buildEventRecord(opts, { now: new Date(0), newId: () => 'check', defaultMarketContext: 'oadr://check' });
    } catch (e) {
      if (!(e instanceof VtnError)) throw e;
      const code: PolicyProblemCode = e.code === 'E_SIMPLE_PAYLOAD' ? 'P_SIMPLE_PAYLOAD' : e.code === 'E_INTERVAL_SUM' ? 'P_INTERVAL_SUM' : 'P_TEMPLATE';
      at([...base, 'signal'], code, `the VTN would refuse events from this template: ${e.message}`);
    }
  });
  return out;
}
