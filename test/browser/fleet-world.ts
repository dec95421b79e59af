// The dashboard's world at fleet size: 1,200 stored VENs with presence and telemetry, one real VEN that polls
// and reports, a refused VEN that keeps trying, events for a group and for the fleet, a rejected rule edit.
import { randomUUID } from 'node:crypto';
import { AdminServer } from '../../src/admin/index.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../helpers/start-vtn.js';
import { TestVen } from '../helpers/test-ven.js';
import type { RegistrationDecision } from '../../src/vtn/handlers.js';
import { RejectedEditPolicy, reportingVen } from './dashboard-world.js';
import { FLEET_SIZE, GROUP, GROUP_SIZE, PROGRAM, seededId, seedFleet, type SeededFleet } from './fleet-seed.js';

export interface FleetWorld {
  vtn: RunningTestVtn;
  admin: AdminServer;
  adminUrl: string;
  fleet: SeededFleet;
  ven: TestVen;
  /** Events: one for the group (finished), one for the whole fleet (active now). */
  groupEventId: string;
  fleetEventId: string;
  close(): Promise<void>;
}

export async function startFleetWorld(): Promise<FleetWorld> {
  const clock = new TestClock(new Date());
  const vtn = await startTestVtn({ clock, newId: () => randomUUID() });
  vtn.vtn.addHandler('onCreatePartyRegistration', (info): RegistrationDecision => (info.venName?.startsWith('rogue-') ? { reject: true, code: 452, reason: 'not in the VEN catalogue' } : {}));
  const now = clock.now().getTime();
  const fleet = await seedFleet(vtn.vtn, now);
  const admin = new AdminServer({ vtn: vtn.vtn, config: { port: 0 }, processMetrics: false, env: {} });
  admin.attach({ policy: new RejectedEditPolicy(), catalogue: fleet.catalogue, templates: fleet.templates });
  const adminUrl = await admin.listen();

  const ven = await reportingVen(vtn, 'meter-ven', [4.2, 4.8, 5.5, 7.1, 6.4, 5.9]);
  const rogue = new TestVen({ baseUrl: vtn.baseUrl, venName: 'rogue-meter' });
  for (let i = 0; i < 3; i++) await rogue.register().catch(() => undefined);

  const group = Array.from({ length: GROUP_SIZE }, (_, i) => seededId(i));
  const groupEvent = await vtn.vtn.addEvent({
    venIds: group, target: { groupId: GROUP }, marketContext: PROGRAM.marketContext, dtstart: new Date(now - 40 * 60_000),
    signalName: 'SIMPLE', intervals: [{ duration: 'PT20M', payload: 2 }], origin: { source: 'rules', rule: 'feeder 7 overload', template: 'shed-level-2' },
  });
  const fleetEvent = await vtn.vtn.addEvent({
    venIds: Array.from({ length: FLEET_SIZE }, (_, i) => seededId(i)), dtstart: new Date(now - 10 * 60_000),
    signalName: 'SIMPLE', intervals: [{ duration: 'PT30M', payload: 1 }], origin: { schedule: 'weekday-peak', fireTime: new Date(now - 11 * 60_000).toISOString() },
  });
  return {
    vtn, admin, adminUrl, fleet, ven, groupEventId: groupEvent.eventId, fleetEventId: fleetEvent.eventId,
    async close() {
      await admin.close();
      await vtn.close();
    },
  };
}
