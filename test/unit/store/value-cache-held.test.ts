// The PostgreSQL value cache hands out the same event object while anything still holds it, also after its LRU
// slot went to other records: one copy of an event for 10,000 VENs, not one per VEN-rows read that missed.
import { expect, it } from 'vitest';
import { ValueCache } from '../../../src/store/postgres/value-cache.js';

it('keeps a held event findable after eviction, at its version only; per-VEN records are not kept that way', () => {
  const cache = new ValueCache(2);
  const event = { eventId: 'e1', venIds: Array.from({ length: 10_000 }, (_, i) => `ven-${i}`) };
  const delivery = { eventId: 'e1', venId: 'ven-1' };
  cache.set('events', 'e1', 3, event);
  cache.set('deliveries', 'e1|ven-1', 1, delivery);
  for (let i = 0; i < 5; i++) cache.set('vens', `ven-${i}`, 1, { venId: `ven-${i}` });
  expect(cache.get('events', 'e1', 3)?.value).toBe(event);
  expect(cache.get('events', 'e1', 2)).toBeUndefined();
  expect(cache.peek('deliveries', 'e1|ven-1')).toBeUndefined();
  // An older version read late does not replace the held newer one; a newer one does.
  cache.set('events', 'e1', 2, { eventId: 'e1', stale: true });
  expect(cache.peek('events', 'e1')?.value).toBe(event);
  const modified = { ...event, modificationNumber: 1 };
  cache.set('events', 'e1', 4, modified);
  for (let i = 0; i < 5; i++) cache.set('vens', `ven-${i}`, 2, { venId: `ven-${i}` });
  expect(cache.get('events', 'e1', 4)?.value).toBe(modified);
  cache.drop('events', 'e1');
  expect(cache.peek('events', 'e1')).toBeUndefined();
});

it('keeps no value of a collection another cache holds, and every value of the others', () => {
  const cache = new ValueCache(10, new Set(['deliveries']));
  cache.set('deliveries', 'e1|ven-1', 1, { state: 'sent' });
  expect(cache.peek('deliveries', 'e1|ven-1')).toBeUndefined();
  cache.set('events', 'e1', 1, { eventId: 'e1' });
  expect(cache.get('events', 'e1', 1)?.value).toEqual({ eventId: 'e1' });
  // Made without the exclusion (the VEN-rows cache off), the cache keeps that collection too.
  const all = new ValueCache(10);
  all.set('deliveries', 'e1|ven-1', 1, { state: 'sent' });
  expect(all.get('deliveries', 'e1|ven-1', 1)?.value).toEqual({ state: 'sent' });
});
