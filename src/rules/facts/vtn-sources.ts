// FactSources backed by a running Vtn, through its public API only.
import type { Vtn } from '../../vtn/vtn.js';
import type { FactSources } from './fact-sources.js';

const CLOSED = new Set(['completed', 'cancelled']);
/** Up to this many VENs, open events are read per VEN (the events' venId index) rather than all listed. */
const PER_VEN_LOOKUPS = 20;

export function vtnSources(vtn: Vtn): FactSources {
  return {
    now: () => (vtn.options.now ? vtn.options.now() : new Date()),
    registeredVens: async () => vtn.listVens(),
    aggregate: async (q) => vtn.telemetry.aggregate(q),
    latest: async (venId, resourceId, measurement) => (await vtn.telemetry.latest(venId, resourceId, measurement))?.value,
    openEventCount: async (venIds, signalName) => {
      const views = venIds.length <= PER_VEN_LOOKUPS
        ? (await Promise.all([...new Set(venIds)].map((venId) => vtn.listEvents({ venId, withVens: false })))).flat()
        : await vtn.listEvents({ withVens: false });
      const open = new Set<string>();
      for (const v of views) {
        if (CLOSED.has(v.status) || !v.event.venIds.some((id) => venIds.includes(id))) continue;
        if (signalName === undefined || v.event.signals.some((s) => s.signalName === signalName)) open.add(v.event.eventId);
      }
      return open.size;
    },
    optStates: async (eventId) => (await vtn.getEvent(eventId))?.vens ?? [],
  };
}
