// Two instances' refusal books on one store: one record per name and fingerprint with the counts of both, the later
// attempt's code and reason, and a failed write kept for the next one.
import { expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/vtn/context.js';
import { RefusalBook } from '../../../src/vtn/refusal-book.js';
import { readAll } from '../../helpers/read-store.js';

const book = (store: MemoryStore, now: () => Date) => new RefusalBook(store, { maxNames: 10, flushMs: 60_000, summaryMs: 60_000, linesPerMinute: 10, now, log: silentLogger });

it('merges what two instances counted into one record per name and fingerprint, with fleet-wide totals', async () => {
  const store = new MemoryStore();
  await store.open();
  let t = Date.parse('2026-06-01T12:00:00Z');
  const now = () => new Date(t);
  const [a, b] = [book(store, now), book(store, now)];
  a.note({ venName: 'maple', fingerprint: 'AA:01' }, 463, 'not in the catalogue');
  t += 1000;
  b.note({ venName: 'maple', fingerprint: 'AA:01' }, 452, 'venID taken');
  b.note({ venName: 'maple', fingerprint: 'BB:02' }, 463, 'not in the catalogue');
  await b.flush();
  await a.flush();
  const rows = await readAll<Record<string, unknown>>(store, 'refusals');
  expect(rows).toEqual([
    { name: 'maple', fingerprint: 'AA:01', count: 2, firstSeen: '2026-06-01T12:00:00.000Z', lastSeen: '2026-06-01T12:00:01.000Z', lastCode: 452, lastReason: 'venID taken' },
    expect.objectContaining({ name: 'maple', fingerprint: 'BB:02', count: 1 }),
  ]);
  expect(await store.unit((u) => u.meta.get('refusals.totals'))).toEqual({ total: 3, evicted: 0, byCode: { 452: 1, 463: 2 } });
  a.stop();
  b.stop();
});

it('keeps a batch the store refused and writes it with the next flush', async () => {
  const store = new MemoryStore();
  await store.open();
  const b = book(store, () => new Date('2026-06-01T12:00:00Z'));
  b.note({ venName: 'oak' }, 463, 'closed');
  const unit = store.unit.bind(store);
  store.unit = (() => Promise.reject(new Error('database down'))) as typeof store.unit;
  await b.flush();
  b.note({ venName: 'oak' }, 463, 'closed');
  store.unit = unit;
  await b.flush();
  expect(await readAll(store, 'refusals')).toEqual([expect.objectContaining({ name: 'oak', count: 2 })]);
  b.stop();
});
