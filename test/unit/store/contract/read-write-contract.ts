// Contract, part 1: keyed reads and writes, read-your-writes, index queries and paging with a unit's own overlay.
import { expect, it } from 'vitest';
import { ven } from '../store-test-kit.js';
import { event, type Harness } from './harness.js';

type Ev = ReturnType<typeof event>;
const ids = (rows: { eventId: string }[]) => rows.map((r) => r.eventId);

export function readWriteContract(h: Harness): void {
  it('puts, gets, creates and deletes records, committed when the unit resolves', async () => {
    const store = await h.open();
    await store.unit(async (u) => {
      u.meta.put('a', { n: 1 });
      u.meta.create('b', { n: 2 });
    });
    expect(await store.unit((u) => u.meta.get('a'))).toEqual({ n: 1 });
    expect(await store.unit(async (u) => [await u.meta.has('b'), await u.meta.has('zz')])).toEqual([true, false]);
    expect(await store.unit(async (u) => [...(await u.meta.getMany(['a', 'zz', 'b'])).keys()])).toEqual(['a', 'b']);
    await store.unit(async (u) => u.meta.delete('a'));
    expect(await store.unit((u) => u.meta.get('a'))).toBeUndefined();
    expect(await store.unit((u) => u.meta.count())).toBe(1);
    // Keys may hold \u0000 (delivery and opt keys do) and values any JSON.
    await store.unit(async (u) => u.collection('odd').put('x\u0000y', { s: 'nul\u0000 \ud800 é', list: [null, 1.5] }));
    expect(await store.unit((u) => u.collection('odd').list())).toEqual([{ key: 'x\u0000y', value: { s: 'nul\u0000 \ud800 é', list: [null, 1.5] }, version: 1 }]);
  });

  it('lets a unit read its own writes through every query', async () => {
    const store = await h.open();
    await store.unit(async (u) => u.collection<Ev>('events').put('e1', event('e1', ['v1'])));
    const seen = await store.unit(async (u) => {
      const events = u.collection<Ev>('events');
      events.put('e2', event('e2', ['v1', 'v2']));
      events.delete('e1');
      return {
        get: await events.get('e2'),
        gone: await events.get('e1'),
        find: ids(await events.find('venId', 'v1')),
        list: (await events.list()).map((r) => r.key),
        count: await events.count(),
      };
    });
    expect(seen).toEqual({ get: event('e2', ['v1', 'v2']), gone: undefined, find: ['e2'], list: ['e2'], count: 1 });
  });

  it('finds, ranges, lists and counts committed rows merged with the unit\'s overlay, honouring limits', async () => {
    const store = await h.open();
    await store.unit(async (u) => {
      const events = u.collection<Ev>('events');
      // endsAt = dtstart + duration: e1 13:00, e2 14:00, e3 15:00, e4 16:00, e5 17:00.
      for (let i = 1; i <= 5; i++) events.put(`e${i}`, event(`e${i}`, i % 2 ? ['v1', 'v2'] : ['v2'], { duration: i * 3_600_000 }));
    });
    const r = await store.unit(async (u) => {
      const events = u.collection<Ev>('events');
      events.delete('e1');
      events.put('e3', event('e3', ['v2'], { duration: 3 * 3_600_000 }));
      events.put('e0', event('e0', ['v1'], { duration: 30 * 60_000 }));
      return {
        v1: ids(await events.find('venId', 'v1')),
        v1limit: ids(await events.find('venId', 'v1', { limit: 1 })),
        v2: ids(await events.find('venId', 'v2', { limit: 3 })),
        range: ids(await events.range('endsAt', { from: '2026-06-01T12:00:00.000Z', to: '2026-06-01T16:00:00.000Z' })),
        rangeLimit: ids(await events.range('endsAt', { from: '2026-06-01T12:00:00.000Z', limit: 2 })),
        open: ids(await events.range('endsAt', { to: '2026-06-01T14:30:00.000Z' })),
        list: (await events.list({ after: 'e1', limit: 2 })).map((x) => x.key),
        count: await events.count(),
      };
    });
    expect(r).toEqual({
      v1: ['e0', 'e5'],
      v1limit: ['e0'],
      v2: ['e2', 'e3', 'e4'],
      range: ['e0', 'e2', 'e3'],
      rangeLimit: ['e0', 'e2'],
      open: ['e0', 'e2'],
      list: ['e2', 'e3'],
      count: 5,
    });
    // The unit that threw nothing committed: the next one sees the same overlay as committed rows.
    expect(await store.unit(async (u) => ids(await u.collection<Ev>('events').find('venId', 'v1')))).toEqual(['e0', 'e5']);
    expect(await store.unit(async (u) => ids(await u.collection<Ev>('events').range('endsAt', { from: '2026-06-01T16:00:00.000Z' })))).toEqual(['e4', 'e5']);
  });

  it('refuses an undeclared index and writes after close', async () => {
    const store = await h.open();
    await expect(store.unit((u) => u.meta.find('nope', 'x'))).rejects.toThrow(/no index "nope"/);
    await store.close();
    await expect(store.unit(async (u) => u.meta.put('k', 1))).rejects.toThrow(/not open/);
  });

  it.runIf(h.durable)('keeps every record and version across close and open', async () => {
    const store = await h.open();
    await store.unit(async (u) => {
      u.vens.put('v1', ven('v1'));
      u.collection<Ev>('events').put('e1', event('e1', ['v1']));
    });
    await store.unit(async (u) => u.vens.put('v1', ven('v1', { venName: 'second' })));
    await store.close();
    const again = await h.open();
    const r = await again.unit(async (u) => ({
      ven: await u.vens.get('v1'),
      byRegistration: (await u.vens.find('registrationId', 'reg-v1')).map((v) => v.venId),
      found: ids(await u.collection<Ev>('events').find('venId', 'v1')),
    }));
    expect(r).toEqual({ ven: ven('v1', { venName: 'second' }), byRegistration: ['v1'], found: ['e1'] });
    // A write conditional on a read after the restart still commits (versions carry on where they matter).
    await again.unit(async (u) => u.vens.put('v1', { ...(await u.vens.get('v1'))!, venName: 'third' }));
    expect((await again.unit((u) => u.vens.get('v1')))?.venName).toBe('third');
  });
}
