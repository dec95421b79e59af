// Contract, part 4: Unit.prefetch(venId) changes no answer. After it, the VEN's rows (registration, queue, events,
// deliveries, report subscriptions) read as without it, absent ones included, other VENs' rows and other
// collections pass through, and a write conditional on a prefetched version still loses a race.
import { expect, it } from 'vitest';
import { deliveryKey, type Unit } from '../../../../src/store/index.js';
import { ven } from '../store-test-kit.js';
import { event, type Harness } from './harness.js';

type Ev = ReturnType<typeof event>;

/** Every read a poll, an acknowledgement or a report update makes, and a few it does not. */
async function reads(u: Unit): Promise<unknown> {
  const events = u.collection<Ev>('events');
  return {
    ven: await u.vens.get('v1'),
    other: await u.vens.get('v2'),
    pending: await u.pending.get('v1'),
    noPending: await u.pending.get('v2'),
    found: (await events.find('venId', 'v1')).map((e) => e.eventId),
    foundOne: (await events.find('venId', 'v1', { limit: 1 })).map((e) => e.eventId),
    otherFound: (await events.find('venId', 'v2')).map((e) => e.eventId),
    events: [...(await events.getMany(['e1', 'e2', 'e9'])).keys()],
    deliveries: [...(await u.deliveries.getMany([deliveryKey('e1', 'v1'), deliveryKey('e2', 'v1'), deliveryKey('e1', 'v2')])).entries()],
    delivered: (await u.deliveries.find('venId', 'v1')).map((d) => d.eventId),
    subs: (await u.collection('reportSubscriptions').find('venId', 'v1')).length,
    sub: await u.collection('reportSubscriptions').get('rr-1'),
    meta: await u.meta.get('m'),
  };
}

export function prefetchContract(h: Harness): void {
  it('answers every read after prefetch(venId) as without it, absent rows and other VENs included', async () => {
    const store = await h.open();
    await store.unit(async (u) => {
      u.vens.put('v1', ven('v1'));
      u.vens.put('v2', ven('v2'));
      u.pending.put('v1', { venId: 'v1', items: [{ kind: 'resendEvents' }] });
      u.collection<Ev>('events').put('e1', event('e1', ['v1', 'v2']));
      u.collection<Ev>('events').put('e2', event('e2', ['v1']));
      u.collection<Ev>('events').put('e3', event('e3', ['v2']));
      u.deliveries.put(deliveryKey('e1', 'v1'), { eventId: 'e1', venId: 'v1', deliveredModification: 0 });
      u.deliveries.put(deliveryKey('e1', 'v2'), { eventId: 'e1', venId: 'v2', deliveredModification: 0 });
      u.collection('reportSubscriptions').put('rr-1', { venId: 'v1', reportRequestId: 'rr-1' });
      u.meta.put('m', 7);
    });
    const plain = await store.unit(reads);
    const prefetched = await store.unit(async (u) => {
      await u.prefetch('v1');
      return reads(u);
    });
    expect(prefetched).toEqual(plain);
    // An update's narrower prefetch (no events, no deliveries) answers the same: the rest passes through.
    const narrow = await store.unit(async (u) => {
      await u.prefetch('v1', ['vens', 'pending', 'reportSubscriptions']);
      return reads(u);
    });
    expect(narrow).toEqual(plain);
    expect(plain).toMatchObject({ found: ['e1', 'e2'], foundOne: ['e1'], events: ['e1', 'e2'], delivered: ['e1'], subs: 1, noPending: undefined });
    // Several VENs prefetched in one unit (the pusher's batched steps): each VEN's reads still answer as without it.
    const both = await store.unit(async (u) => {
      await Promise.all([u.prefetch('v2'), u.prefetch('v1')]);
      return reads(u);
    });
    expect(both).toEqual(plain);
    // A VEN with no rows at all: everything absent, nothing thrown.
    expect(await store.unit(async (u) => { await u.prefetch('nobody'); return [await u.vens.get('nobody'), await u.events.find('venId', 'nobody')]; })).toEqual([undefined, []]);
  });

  it('keeps a write conditional on the prefetched version: a change committed meanwhile re-runs the unit', async () => {
    const store = await h.open();
    await store.unit(async (u) => u.deliveries.put(deliveryKey('e1', 'v1'), { eventId: 'e1', venId: 'v1', deliveredModification: 0 }));
    let runs = 0;
    await store.unit(async (u) => {
      runs++;
      await u.prefetch('v1');
      const d = (await u.deliveries.get(deliveryKey('e1', 'v1')))!;
      if (runs === 1) await store.unit(async (other) => other.deliveries.put(deliveryKey('e1', 'v1'), { eventId: 'e1', venId: 'v1', deliveredModification: 10 }));
      u.deliveries.put(deliveryKey('e1', 'v1'), { eventId: 'e1', venId: 'v1', deliveredModification: d.deliveredModification! + 1 });
    });
    expect(runs).toBe(2);
    expect(await store.unit((u) => u.deliveries.get(deliveryKey('e1', 'v1')))).toMatchObject({ deliveredModification: 11 });
  });
}
