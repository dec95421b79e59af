// FactSources backed by a running Vtn, through its public API only.
import type { Vtn } from '../../vtn/vtn.js';
import type { FactSources } from './fact-sources.js';

const CLOSED = new Set(['completed', 'cancelled']);

export function vtnSources(vtn: Vtn): FactSources {
  return {
    now: () => (vtn.options.now ? vtn.options.now() : new Date()),
    registeredVens: () => vtn.listVens(),
    aggregate: (q) => vtn.telemetry.aggregate(q),
    latest: async (venId, resourceId, measurement) => (await vtn.telemetry.latest(venId, resourceId, measurement))?.value,
    openEventCount: (venIds, signalName) => vtn.listEvents().filter((v) => !CLOSED.has(v.status)
      && v.event.venIds.some((id) => venIds.includes(id))
      && (signalName === undefined || v.event.signals.some((s) => s.signalName === signalName))).length,
    optStates: (eventId) => vtn.getEvent(eventId)?.vens ?? [],
  };
}
