// Outbox leases on one shared store: a change whose instance stopped renewing is taken over by exactly one other
// instance, a held lease is left alone, and a change that never settles is given up after MAX_FAN_OUTS fan-outs.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { MAX_FAN_OUTS, OUTBOX, WebhookOutbox, type OutboxRecord } from '../../../src/openadr3/notify/webhook-outbox.js';

const change = { objectType: 'EVENT' as const, operation: 'CREATE' as const, object: { id: 'e1' } };

function instances(store: MemoryStore, clock: { t: number }, names: string[]) {
  const refanned: Record<string, OutboxRecord[]> = {};
  const outboxes = names.map((name) => {
    refanned[name] = [];
    return new WebhookOutbox({ store, log: silentLogger, instance: name, leaseMs: 1000, now: () => new Date(clock.t), refanOut: async (rec) => { refanned[name]!.push(rec); } });
  });
  return { outboxes, refanned };
}

describe('webhook outbox leases', () => {
  it('leaves a held lease alone, and after it ran out exactly one of two instances takes the change over', async () => {
    const store = new MemoryStore();
    await store.open();
    const clock = { t: Date.parse('2026-06-01T12:00:00Z') };
    const { outboxes: [a, b, c], refanned } = instances(store, clock, ['a', 'b', 'c']);
    const id = await a!.record(change);
    await Promise.all([b!.sweep(), c!.sweep()]);
    expect(refanned.b!.length + refanned.c!.length).toBe(0);
    a!.close(); // a stops renewing
    clock.t += 1500;
    await Promise.all([b!.sweep(), c!.sweep()]);
    const takers = [...refanned.b!, ...refanned.c!];
    expect(takers.map((r) => [r.id, r.fanOuts])).toEqual([[id, 2]]);
    const owner = refanned.b!.length === 1 ? b! : c!;
    expect((await store.unit((u) => u.collection<OutboxRecord>(OUTBOX).get(id)))?.owner).toBe(refanned.b!.length === 1 ? 'b' : 'c');
    // The old owner's late done() does not remove the new owner's record; the new owner's does.
    await a!.done(id);
    expect(await store.unit((u) => u.collection(OUTBOX).count())).toBe(1);
    await owner.done(id);
    expect(await store.unit((u) => u.collection(OUTBOX).count())).toBe(0);
    await store.close();
  });

  it(`gives a change up after ${MAX_FAN_OUTS} fan-outs that never settled`, async () => {
    const store = new MemoryStore();
    await store.open();
    const clock = { t: Date.parse('2026-06-01T12:00:00Z') };
    const { outboxes: [a, b], refanned } = instances(store, clock, ['a', 'b']);
    await a!.record(change);
    a!.close();
    for (let i = 0; i < MAX_FAN_OUTS + 2; i++) {
      clock.t += 1500;
      // b dies after each take-over (a fresh instance with b's name would not hold it): emulate by a new instance each time.
      const { outboxes: [fresh], refanned: r } = instances(store, clock, [`b${i}`]);
      await fresh!.sweep();
      refanned.b!.push(...r[`b${i}`]!);
      fresh!.close();
    }
    expect(refanned.b!.map((r) => r.fanOuts)).toEqual([2, 3, 4, 5]);
    expect(await store.unit((u) => u.collection(OUTBOX).count())).toBe(0);
    b!.close();
    await store.close();
  });
});
