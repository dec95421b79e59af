// A fleet of 1,200 VENs written straight into the store (registrations, presence) and the telemetry store (an
// hour of power readings each, one a minute), with a catalogue of one group and one program and a template.
import { catalogueSource, templateSource } from '../../src/admin/index.js';
import type { FleetCatalogueSource, EventTemplateSource } from '../../src/admin/index.js';
import type { VenRecord } from '../../src/store/records.js';
import type { ReportValue } from '../../src/telemetry/report-value.js';
import type { Vtn } from '../../src/vtn/vtn.js';
import { putAll } from '../helpers/read-store.js';

export const FLEET_SIZE = 1200;
export const PROGRAM = { name: 'summer-peak', marketContext: 'http://utility.example/programs/summer-peak' };
export const GROUP = 'feeder-7';
/** VENs of GROUP: the first 300. */
export const GROUP_SIZE = 300;
const STEP_MS = 60_000;

export const seededId = (i: number): string => `ven-${String(i).padStart(5, '0')}`;
/** Every 100th VEN is a plant, the rest houses. */
export const seededName = (i: number): string => (i % 100 === 0 ? `plant-${i}` : `house-${i}`);
/** Two in three have polled a moment ago; of the rest, half polled two hours ago and half never. */
export const seededOnline = (i: number): boolean => i % 3 !== 0;

export interface SeededFleet {
  online: number;
  neverSeen: number;
  catalogue: FleetCatalogueSource;
  templates: EventTemplateSource;
}

export async function seedFleet(vtn: Vtn, now: number): Promise<SeededFleet> {
  const vens: [string, VenRecord][] = [];
  const presence: [string, unknown][] = [];
  const values: ReportValue[] = [];
  for (let i = 0; i < FLEET_SIZE; i++) {
    const venId = seededId(i);
    vens.push([venId, {
      venId, venName: seededName(i), registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp',
      httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: new Date(now - 86_400_000).toISOString(),
    }]);
    if (seededOnline(i)) presence.push([venId, { venId, lastSeenAt: new Date(now - 1000).toISOString() }]);
    else if (i % 2 === 0) presence.push([venId, { venId, lastSeenAt: new Date(now - 7_200_000).toISOString() }]);
    for (let k = 60; k >= 1; k--) {
      values.push({ venId, reportRequestId: 'seed', rId: 'powerReal', resourceId: 'meter', measurement: 'powerReal', unit: 'W', scale: 'k', time: new Date(now - k * STEP_MS), value: 1 + (i % 5) * 0.5 });
    }
  }
  await putAll(vtn.store, 'vens', vens);
  await putAll(vtn.store, 'presence', presence);
  await vtn.telemetry.append(values);
  const entries = vens.map(([venId], i) => ({ venName: seededName(i), venId, groups: i < GROUP_SIZE ? [GROUP] : [], programs: i % 2 === 0 ? [PROGRAM.name] : [] }));
  return {
    online: presence.filter(([, p]) => Date.parse((p as { lastSeenAt: string }).lastSeenAt) > now - 60_000).length,
    neverSeen: FLEET_SIZE - presence.length,
    catalogue: catalogueSource(() => ({ vens: entries, programs: [PROGRAM] }), vtn),
    templates: templateSource(() => new Map([['shed-level-2', { level: 2 }]]), (t, fill) => ({
      venIds: fill.venIds, dtstart: fill.start, marketContext: PROGRAM.marketContext, signalName: 'SIMPLE',
      intervals: [{ duration: fill.duration ?? 'PT1H', payload: fill.level ?? t.level }],
    })),
  };
}
