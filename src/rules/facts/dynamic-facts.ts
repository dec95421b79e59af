// Parameterised facts (group.sum, ven.average, event.optOutShare …): computed on demand from the running VTN.
import type { Almanac, Engine } from 'json-rules-engine';
import { parseDuration } from '../../oadr/duration.js';
import type { AggregateFn } from '../../telemetry/telemetry-store.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Trigger } from './fact-catalogue.js';
import type { FactSources } from './fact-sources.js';

/** Runtime fact carrying the FactSources of this evaluation (never shown in traces). */
export const SOURCES_FACT = '$sources';

type Params = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function sourcesOf(almanac: Almanac): Promise<FactSources> {
  return almanac.factValue<FactSources>(SOURCES_FACT);
}

function windowOf(sources: FactSources, params: Params): { from: Date; to: Date } {
  const now = sources.now().getTime();
  const windowMs = parseDuration(String(params.window));
  // `to` is exclusive in the telemetry store: include a value stamped exactly now.
  return { from: new Date(now - windowMs), to: new Date(now + 1) };
}

function venAggregate(fn: AggregateFn) {
  return async (params: Params, almanac: Almanac): Promise<number | null> => {
    const sources = await sourcesOf(almanac);
    const venId = await almanac.factValue<string>('ven.id');
    const resourceId = str(params.resourceId);
    const v = await sources.aggregate({ venId, measurement: str(params.measurement), ...(resourceId ? { resourceId } : {}), ...windowOf(sources, params), fn });
    return v ?? null;
  };
}

function groupAggregate(catalogue: Catalogue, kind: 'sum' | 'average' | 'max' | 'min' | 'count') {
  return async (params: Params, almanac: Almanac): Promise<number | null> => {
    const sources = await sourcesOf(almanac);
    const members = catalogue.membersOf(String(params.group), await sources.registeredVens());
    const range = windowOf(sources, params);
    const measurement = str(params.measurement);
    const per = async (fn: AggregateFn) => (await Promise.all(members.map((venId) => sources.aggregate({ venId, measurement, ...range, fn }))))
      .filter((v): v is number => v !== undefined);
    if (kind === 'sum') {
      // The group's draw: each VEN's average over the window, added up.
      const avgs = await per('avg');
      return avgs.length ? avgs.reduce((a, b) => a + b, 0) : null;
    }
    if (kind === 'count') return (await per('count')).reduce((a, b) => a + b, 0);
    if (kind === 'max' || kind === 'min') {
      const values = await per(kind);
      return values.length ? (kind === 'max' ? Math.max(...values) : Math.min(...values)) : null;
    }
    const [sums, counts] = await Promise.all([per('sum'), per('count')]);
    const n = counts.reduce((a, b) => a + b, 0);
    return n && sums.length ? sums.reduce((a, b) => a + b, 0) / n : null;
  };
}

function optShare(catalogue: Catalogue, optType: 'optIn' | 'optOut') {
  return async (params: Params, almanac: Almanac): Promise<number | null> => {
    const sources = await sourcesOf(almanac);
    const eventId = await almanac.factValue<string | null>('event.id');
    if (!eventId) return null;
    let states = await sources.optStates(eventId);
    const group = str(params.group);
    if (group) {
      const members = new Set(catalogue.membersOf(group, await sources.registeredVens()));
      states = states.filter((s) => members.has(s.venId));
    }
    return states.length ? states.filter((s) => s.effective === optType).length / states.length : null;
  };
}

/** Adds the parameterised facts of `trigger` to an engine. */
export function addDynamicFacts(engine: Engine, trigger: Trigger, catalogue: Catalogue): void {
  if (trigger === 'telemetry') {
    engine.addFact('ven.latest', async (params: Params, almanac: Almanac) => {
      const sources = await sourcesOf(almanac);
      const value = await sources.latest(await almanac.factValue<string>('ven.id'), str(params.resourceId), str(params.measurement));
      return value ?? null;
    });
    engine.addFact('ven.sum', venAggregate('sum'));
    engine.addFact('ven.average', venAggregate('avg'));
    engine.addFact('ven.max', venAggregate('max'));
    engine.addFact('ven.min', venAggregate('min'));
    for (const kind of ['sum', 'average', 'max', 'min', 'count'] as const) engine.addFact(`group.${kind}`, groupAggregate(catalogue, kind));
    engine.addFact('group.vens', async (params: Params, almanac: Almanac) => {
      const sources = await sourcesOf(almanac);
      return catalogue.membersOf(String(params.group), await sources.registeredVens()).length;
    });
    engine.addFact('group.activeEvents', async (params: Params, almanac: Almanac) => {
      const sources = await sourcesOf(almanac);
      const members = catalogue.membersOf(String(params.group), await sources.registeredVens());
      return members.length ? await sources.openEventCount(members, str(params.signalName)) : 0;
    });
  }
  if (trigger === 'opt') {
    engine.addFact('event.optOutShare', optShare(catalogue, 'optOut'));
    engine.addFact('event.optInShare', optShare(catalogue, 'optIn'));
  }
}
