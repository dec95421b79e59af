// Idle polls are answered without a store round trip, and never hide a change (issue #12).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventsOf, TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';

const HOUR = 3_600_000;
const running: RunningTestVtn[] = [];
afterEach(async () => { for (const r of running.splice(0)) await r.close(); });

async function setup(idlePollCacheMs = 15_000) {
  const clock = new TestClock('2026-06-01T12:00:00Z');
  const r = await startTestVtn({ clock, idlePollCacheMs });
  running.push(r);
  const ven = new TestVen({ baseUrl: r.baseUrl, venName: 'idle' });
  await ven.register();
  expect((await ven.poll()).type).toBe('oadrRegisterReport');
  expect((await ven.poll()).type).toBe('oadrResponse');
  const units = vi.spyOn(r.vtn.store, 'unit');
  return { r, ven, clock, units };
}

describe('idle polls', () => {
  it('a VEN with nothing waiting is answered without a unit of work on the store', async () => {
    const { ven, units } = await setup();
    for (let i = 0; i < 5; i++) expect((await ven.poll()).type).toBe('oadrResponse');
    expect(units).not.toHaveBeenCalled();
  });

  it('an event added for the VEN reaches its very next poll (the change notice drops the idle entry)', async () => {
    const { r, ven, clock } = await setup();
    const e = await r.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + HOUR), duration: 'PT1H', payload: 1 }] });
    expect(eventsOf(await ven.poll()).map((x) => x.eventId)).toEqual([e.eventId]);
  });

  it('an event becoming active by the clock is sent on time, even within the cache time', async () => {
    const { r, ven, clock } = await setup(3_600_000);
    const e = await r.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + 60_000), duration: 'PT1H', payload: 1 }] });
    expect(eventsOf(await ven.poll())[0]).toMatchObject({ eventId: e.eventId, status: 'far' });
    expect((await ven.poll()).type).toBe('oadrResponse');
    clock.advance(60_000);
    expect(eventsOf(await ven.poll())[0]).toMatchObject({ eventId: e.eventId, status: 'active' });
  });

  it('without a notice (another writer the instance does not hear) the cache expires after idlePollCacheMs', async () => {
    const { r, ven, clock, units } = await setup(10_000);
    await r.vtn.store.unit(async (u) => { u.pending.put(ven.venId!, { venId: ven.venId!, items: [{ kind: 'requestReregistration' }] }); });
    // The local notice did drop the entry: the next poll reads the store and finds the request.
    expect((await ven.poll()).type).toBe('oadrRequestReregistration');
    expect(units).toHaveBeenCalled();
    // Now mark idle again, then change the store behind the cache's back (no notice reaches it).
    expect((await ven.poll()).type).toBe('oadrResponse');
    units.mockClear();
    idleWithoutNotice(r, ven.venId!);
    expect((await ven.poll()).type).toBe('oadrResponse');
    expect(units).not.toHaveBeenCalled();
    clock.advance(10_000);
    expect((await ven.poll()).type).toBe('oadrRequestReregistration');
  });
});

/** Writes a pending item straight into the local tables, bypassing units and notices (a lost NOTIFY). */
function idleWithoutNotice(r: RunningTestVtn, venId: string): void {
  const local = (r.vtn.store as unknown as { local: { table(n: string): { apply(k: string, v: unknown): void } } }).local;
  local.table('pending').apply(venId, { venId, items: [{ kind: 'requestReregistration' }] });
}
