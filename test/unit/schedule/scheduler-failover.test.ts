// Several schedulers on one store: the lock picks the one that fires, every occurrence is claimed once in
// the store, and a failover (the holder stops, even mid-occurrence) never fires one twice.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/index.js';
import { LAST_TICK_KEY, occurrences, readOccurrence } from '../../../src/schedule/occurrence-records.js';
import type { CreateOccurrence } from '../../../src/schedule/scheduler-types.js';
import { defaultCreateOccurrence } from '../../../src/schedule/create-occurrence.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { entry, makeScheduler, makeVtn, RecordingLogger, scheduleSet, TestClock } from './scheduler-fixture.js';
import { instanceView, LockArbiter } from './instance-views.js';

const H = 3_600_000;
const DAY1 = 'peak@2026-07-01T16:00:00.000Z';

async function twoInstances(arbiter: LockArbiter | 'always', over: { a?: CreateOccurrence; leaseMs?: number } = {}) {
  const clock = new TestClock('2026-07-01T15:00:00Z');
  const shared = new MemoryStore();
  await shared.open();
  const make = async (name: string, create?: CreateOccurrence) => {
    const vtn = await makeVtn(clock, instanceView(shared, arbiter, name));
    const log = new RecordingLogger();
    const scheduler = makeScheduler(vtn, clock, scheduleSet([entry()]), {
      log, instance: name, ...(create ? { createOccurrence: create } : {}), ...(over.leaseMs ? { claimLeaseMs: over.leaseMs } : {}),
    });
    return { vtn, log, scheduler };
  };
  return { clock, shared, a: await make('A', over.a), b: await make('B') };
}

describe('schedulers on one store', () => {
  it('both believing they hold the lock (a failover overlap), ticking at once: each occurrence fires once', async () => {
    const { clock, a, b } = await twoInstances('always');
    await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
    const created: string[] = [];
    for (let day = 0; day < 5; day++) {
      clock.set(new Date(Date.parse('2026-07-01T16:00:30Z') + day * 24 * H));
      const [ra, rb] = await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      created.push(...ra.created.map((c) => `A ${c.key}`), ...rb.created.map((c) => `B ${c.key}`));
    }
    expect(created).toHaveLength(5);
    expect(new Set(created.map((c) => c.slice(2))).size).toBe(5);
    const events = await a.vtn.listEvents();
    expect(events).toHaveLength(5);
    expect(new Set(events.map((v) => v.event.origin!.fireTime)).size).toBe(5);
    expect(await a.vtn.store.unit((u) => occurrences(u).count())).toBe(5);
  });

  it('with the lock, only the holder fires; the other stands by and says so once', async () => {
    const { clock, a, b } = await twoInstances(new LockArbiter());
    await a.scheduler.tick();
    expect(await b.scheduler.tick()).toEqual({ created: [], skipped: [], failed: [], standby: true });
    clock.set('2026-07-01T16:00:30Z');
    expect((await b.scheduler.tick()).standby).toBe(true);
    expect((await a.scheduler.tick()).created.map((c) => c.key)).toEqual([DAY1]);
    expect(a.scheduler.firing).toBe(true);
    expect(b.scheduler.firing).toBe(false);
    expect(a.log.messages()).toContain('scheduler role taken: this instance fires the schedules');
    expect(b.log.messages().filter((m) => m.includes('stands by'))).toHaveLength(1);
  });

  it('the holder stops: the other takes the role over, catches up from the stored last tick and fires nothing twice', async () => {
    const arbiter = new LockArbiter();
    const { clock, a, b } = await twoInstances(arbiter);
    await a.scheduler.tick();
    await b.scheduler.tick();
    clock.set('2026-07-01T16:00:30Z');
    expect((await a.scheduler.tick()).created).toHaveLength(1);
    await a.scheduler.stop();
    await a.vtn.store.close();
    // As if A died before its last tick was written: B's window covers the noon A fired.
    await b.vtn.store.unit(async (u) => u.meta.put(LAST_TICK_KEY, '2026-07-01T15:00:00.000Z'));
    clock.set('2026-07-01T16:01:30Z');
    expect(await b.scheduler.tick()).toEqual({ created: [], skipped: [], failed: [] });
    expect(b.log.messages()).toContain('scheduler role taken: this instance fires the schedules');
    clock.set('2026-07-02T16:00:30Z');
    expect((await b.scheduler.tick()).created.map((c) => c.key)).toEqual(['peak@2026-07-02T16:00:00.000Z']);
    expect((await b.vtn.listEvents()).map((v) => v.event.origin!.fireTime).sort()).toEqual(['2026-07-01T16:00:00.000Z', '2026-07-02T16:00:00.000Z']);
  });

  it('the holder dies after creating the event but before settling it: the next holder settles it from the event after the lease', async () => {
    const arbiter = new LockArbiter();
    let created: string | undefined;
    // A creates the event, then never returns (its process is gone).
    const dying: CreateOccurrence = async (occ, s, set, eventId) => {
      created = await defaultCreateOccurrence(dyingVtn!, silentLogger)(occ, s, set, eventId) as string;
      return new Promise(() => {});
    };
    let dyingVtn: Parameters<typeof defaultCreateOccurrence>[0] | undefined;
    const { clock, a, b } = await twoInstances(arbiter, { a: dying, leaseMs: 5 * 60_000 });
    dyingVtn = a.vtn;
    await a.scheduler.tick();
    clock.set('2026-07-01T16:00:30Z');
    void a.scheduler.tick();
    await expect.poll(() => created).toBeDefined();
    expect(await readOccurrence(b.vtn.store, DAY1)).toMatchObject({ outcome: 'claimed', by: 'A', eventId: created });
    arbiter.release('A');
    clock.set('2026-07-01T16:02:00Z'); // within the lease: B leaves the claim alone
    expect(await b.scheduler.tick()).toEqual({ created: [], skipped: [], failed: [] });
    clock.set('2026-07-01T16:06:00Z');
    expect(await b.scheduler.tick()).toEqual({ created: [], skipped: [], failed: [] });
    expect(await readOccurrence(b.vtn.store, DAY1)).toMatchObject({ outcome: 'created', by: 'B', eventId: created, reason: 'found after taking over a stale claim' });
    expect(b.log.messages()).toContain('scheduled occurrence taken over from an instance that stopped before settling it');
    expect(await b.vtn.listEvents()).toHaveLength(1);
  });

  it('the holder stalls before creating the event: the next holder creates it under the claimed id, and the stalled one cannot add a second', async () => {
    const arbiter = new LockArbiter();
    let resume: (() => void) | undefined;
    let claimedId: string | undefined;
    let dyingVtn: Parameters<typeof defaultCreateOccurrence>[0] | undefined;
    const stalling: CreateOccurrence = async (occ, s, set, eventId) => {
      claimedId = eventId;
      await new Promise<void>((r) => { resume = r; });
      return defaultCreateOccurrence(dyingVtn!, silentLogger)(occ, s, set, eventId);
    };
    const { clock, a, b } = await twoInstances(arbiter, { a: stalling, leaseMs: 60_000 });
    dyingVtn = a.vtn;
    await a.scheduler.tick();
    clock.set('2026-07-01T16:00:30Z');
    const stalled = a.scheduler.tick();
    await expect.poll(() => resume).toBeDefined();
    arbiter.release('A');
    clock.set('2026-07-01T16:02:00Z');
    const report = await b.scheduler.tick();
    expect(report.created).toEqual([{ key: DAY1, eventId: claimedId, late: false }]);
    resume!();
    const late = await stalled;
    expect(late.created).toEqual([]);
    expect(late.failed).toEqual([]);
    expect(await b.vtn.listEvents()).toHaveLength(1);
    expect(await readOccurrence(b.vtn.store, DAY1)).toMatchObject({ outcome: 'created', by: 'B', eventId: claimedId });
  });
});
