// What the multi-instance tests share: a registered VEN, an event body for the admin API, a VEN polling until a type.
import { responseCode, TestVen, type VenReply } from '../../helpers/test-ven.js';
import type { Instance } from './instances.js';
import { until } from './until.js';

/** A VEN registered through `on` (the instance it sends its registration to). */
export async function registeredVen(on: Instance, venName: string): Promise<TestVen> {
  const ven = new TestVen({ baseUrl: on.base, venName });
  const reply = await ven.register();
  if (responseCode(reply) !== '200') throw new Error(`registration of ${venName} on ${on.name} refused: ${reply.body}`);
  return ven;
}

/** A VEN already registered (by venID) talking to `to`. */
export function knownVen(to: Instance, venId: string, registrationId?: string): TestVen {
  const ven = new TestVen({ baseUrl: to.base, venName: venId });
  ven.venId = venId;
  ven.registrationId = registrationId;
  return ven;
}

/** The same VEN talking to another instance (same venID, same XML). */
export const viaInstance = (ven: TestVen, to: Instance): TestVen => knownVen(to, ven.venId!, ven.registrationId);

/** Body for POST /admin/v1/events: a SIMPLE level event an hour from now. */
export function eventBody(venIds: string[], over: Record<string, unknown> = {}): Record<string, unknown> {
  const dtstart = new Date(Date.now() + 3_600_000).toISOString();
  return { venIds, signalName: 'SIMPLE', signalType: 'level', dtstart, intervals: [{ duration: 'PT1H', payload: 2 }], ...over };
}

/** Polls `ven` until a reply of `type` (or the deadline); every reply seen is returned, the matching one last. */
export async function pollUntil(ven: TestVen, type: string, what: string, timeoutMs = 10_000): Promise<VenReply[]> {
  const seen: VenReply[] = [];
  await until(async () => {
    const reply = await ven.poll();
    seen.push(reply);
    return reply.type === type;
  }, { what, timeoutMs, everyMs: 5 });
  return seen;
}
