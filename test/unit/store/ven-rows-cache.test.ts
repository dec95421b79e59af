// VenRowsCache without a database: a read overtaken by a change is not kept, this instance's commits update the
// entries of the VENs a record names before and after, notices drop what they name, and the bounds hold.
import { describe, expect, it } from 'vitest';
import { VenRowsCache } from '../../../src/store/postgres/ven-rows-cache.js';
import type { VenRows } from '../../../src/store/unit/ven-rows.js';
import { VEN_ROW_COLLECTIONS } from '../../../src/store/unit/ven-rows.js';

const ALL = VEN_ROW_COLLECTIONS;
const rowsOf = (venId: string, events: string[] = []): VenRows => ({
  collections: new Set(ALL),
  byKey: new Map<string, { version: number; value: unknown }>([
    [`vens\u0000${venId}`, { version: 1, value: { venId } }],
    ...events.map((e) => [`events\u0000${e}`, { version: 1, value: { eventId: e, venIds: [venId] } }] as [string, { version: number; value: unknown }]),
  ]),
  byIndex: new Map([['events', events.map((e) => ({ key: e, version: 1, value: { eventId: e, venIds: [venId] } }))], ['deliveries', []], ['reportSubscriptions', []]]),
});

describe('VenRowsCache', () => {
  const make = (clock = { t: 0 }, maxEntries = 100) => new VenRowsCache({ maxMs: 1_000, maxEntries, now: () => clock.t });
  const store = (cache: VenRowsCache, venId: string, rows: VenRows) => cache.finish(cache.begin(venId), rows, cache.now());

  it('keeps a read only if no change for its VEN was seen while it was in flight', () => {
    const cache = make();
    const overtaken = cache.begin('v1');
    cache.forget({ collections: ['vens'], venIds: ['v1'] });
    cache.finish(overtaken, rowsOf('v1'), 0);
    expect(cache.get('v1', ALL)).toBeUndefined();
    const committedMeanwhile = cache.begin('v1');
    cache.apply([{ write: { collection: 'vens', key: 'v1', value: { venId: 'v1', n: 2 }, expected: 1 }, version: 2 }]);
    cache.finish(committedMeanwhile, rowsOf('v1'), 0);
    expect(cache.get('v1', ALL)).toBeUndefined();
    const other = cache.begin('v1');
    cache.forget({ collections: ['vens'], venIds: ['v2'] });
    cache.forget({ collections: ['opts'], venIds: ['v1'] }); // not a collection of the VEN's rows
    cache.finish(other, rowsOf('v1'), 0);
    expect(cache.get('v1', ALL)).toBeDefined();
  });

  it('gives this instance\'s commits to the entries of every VEN the record names, before and after, without changing rows handed out', () => {
    const cache = make();
    store(cache, 'v1', rowsOf('v1', ['e1']));
    store(cache, 'v2', rowsOf('v2'));
    const handedOut = cache.get('v1', ALL)!;
    const moved = { eventId: 'e1', venIds: ['v2'] };
    cache.apply([{ write: { collection: 'events', key: 'e1', value: moved, expected: 1, before: { eventId: 'e1', venIds: ['v1'] } }, version: 2 }]);
    expect(cache.get('v1', ALL)!.byIndex.get('events')).toEqual([]);
    expect(cache.get('v1', ALL)!.byKey.has('events\u0000e1')).toBe(false);
    expect(cache.get('v2', ALL)!.byIndex.get('events')).toEqual([{ key: 'e1', version: 2, value: moved }]);
    expect(handedOut.byIndex.get('events')).toHaveLength(1);
    // A delete nobody read cannot say whose it was: every entry goes.
    cache.apply([{ write: { collection: 'reportSubscriptions', key: 'r1', value: undefined, expected: undefined }, version: undefined }]);
    expect(cache.get('v2', ALL)).toBeUndefined();
  });

  it('a write that did not read its record reaches exactly the VENs whose entries hold that record', () => {
    const cache = make();
    store(cache, 'v1', rowsOf('v1', ['e1']));
    store(cache, 'v2', rowsOf('v2', ['e2']));
    // Blind: no `before`, not a create. The new value names only v3, yet v1's entry held e1.
    cache.apply([{ write: { collection: 'events', key: 'e1', value: { eventId: 'e1', venIds: ['v3'] }, expected: undefined }, version: 2 }]);
    expect(cache.get('v1', ALL)!.byIndex.get('events')).toEqual([]);
    expect(cache.get('v2', ALL)!.byIndex.get('events')).toHaveLength(1);
    // v1 no longer holds e1: a second blind write of it leaves v1 alone; v2 took e3 through a commit and is found by it.
    cache.apply([{ write: { collection: 'events', key: 'e3', value: { eventId: 'e3', venIds: ['v2'] }, expected: 0 }, version: 1 }]);
    cache.apply([{ write: { collection: 'events', key: 'e3', value: { eventId: 'e3', venIds: [] }, expected: undefined }, version: 2 }]);
    expect(cache.get('v2', ALL)!.byIndex.get('events')!.map((r) => r.key)).toEqual(['e2']);
    cache.apply([{ write: { collection: 'events', key: 'e1', value: { eventId: 'e1', venIds: ['v1'] }, expected: undefined }, version: 3 }]);
    expect(cache.get('v1', ALL)!.byIndex.get('events')!.map((r) => r.key)).toEqual(['e1']);
  });

  it('serves an entry only for the collections it read, until its bound, and keeps at most maxEntries', () => {
    const clock = { t: 0 };
    const cache = make(clock, 2);
    const narrow: VenRows = { ...rowsOf('v1'), collections: new Set(['vens', 'pending', 'reportSubscriptions']) };
    store(cache, 'v1', narrow);
    expect(cache.get('v1', ['vens', 'reportSubscriptions'])).toBe(narrow);
    expect(cache.get('v1', ALL)).toBeUndefined();
    clock.t = 1_000;
    expect(cache.get('v1', ['vens'])).toBeUndefined();
    for (const v of ['a', 'b', 'c']) store(cache, v, rowsOf(v));
    expect(cache.stats().size).toBe(2);
    expect(cache.get('a', ALL)).toBeUndefined();
    cache.forget({ collections: ['*'], venIds: ['*'] });
    expect(cache.stats().size).toBe(0);
  });
});
