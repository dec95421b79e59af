// Which VEN a delivery or opt key names (collection-specs.ts): the part of the \u0000-separated key that
// split() would give, without splitting — every commit asks, for its notice and the VEN-rows cache.
import { expect, it } from 'vitest';
import { deliveryKey } from '../../../src/store/store.js';
import { specOf } from '../../../src/store/collection-specs.js';

it('a delivery key names its VEN, an opt key without a record names its first part, like split() would', () => {
  const cases = ['plain', deliveryKey('ev-1', 'ven-1'), 'e\u0000v\u0000x', '\u0000v', 'e\u0000', '', '\u0000\u0000'];
  const deliveries = cases.map((k) => specOf('deliveries').venIdsOf(k, undefined as never));
  const opts = cases.map((k) => specOf('opts').venIdsOf(k, undefined as never));
  expect(deliveries).toEqual(cases.map((k) => [k.split('\u0000')[1] ?? k]));
  expect(opts).toEqual(cases.map((k) => [k.split('\u0000')[0] ?? k]));
  expect(specOf('deliveries').venIdsOf(deliveryKey('ev-1', 'ven-1'), undefined as never)).toEqual(['ven-1']);
  expect(specOf('opts').venIdsOf('x', { venId: 'ven-9' } as never)).toEqual(['ven-9']);
});
