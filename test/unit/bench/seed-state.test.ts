// The benchmark's seeded fleet: written in units of at most SEED_BATCH records, read back whole by a FileStore.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SEED_BATCH, seedState } from '../../../src/bench/seed-state.js';
import { FileStore } from '../../../src/store/index.js';
import type { Unit } from '../../../src/store/store.js';
import { countOf, readAll } from '../../helpers/read-store.js';

const work = mkdtempSync(join(tmpdir(), 'seed-state-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const quiet = { info() {}, warn() {}, error() {} };

describe('seedState', () => {
  it('2,500 VENs and 2 events (1,250 deliveries each) in units of at most 1,000 records', async () => {
    const dataDir = join(work, 'fleet');
    const sizes: number[] = [];
    const unit = FileStore.prototype.unit;
    // Members bound to the real object (repositories keep private fields).
    const member = (t: object, p: string | symbol) => { const v = Reflect.get(t, p) as unknown; return typeof v === 'function' ? v.bind(t) : v; };
    // Counts the records each unit writes by wrapping its repositories' put.
    const spy = vi.spyOn(FileStore.prototype, 'unit').mockImplementation(function (this: FileStore, fn, options) {
      return unit.call(this, async (u: Unit) => {
        let n = 0;
        const counted = (repo: Unit['vens']) => new Proxy(repo, { get: (t, p) => (p === 'put' ? (k: string, v: never) => { n++; t.put(k, v); } : member(t, p)) });
        const result = await fn(new Proxy(u, { get: (t, p) => (p === 'vens' || p === 'events' || p === 'deliveries' ? counted(Reflect.get(t, p) as Unit['vens']) : member(t, p)) }));
        sizes.push(n);
        return result;
      }, options);
    });
    const seeded = await seedState({ state: { kind: 'file', dataDir }, vens: 2500, events: 2, now: new Date('2026-06-01T00:00:00Z') });
    spy.mockRestore();
    expect(seeded.venIds).toHaveLength(2500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(SEED_BATCH);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2500 + 2 + 2500);

    const store = new FileStore({ dataDir, logger: quiet });
    await store.open();
    try {
      expect([await countOf(store, 'vens'), await countOf(store, 'events'), await countOf(store, 'deliveries')]).toEqual([2500, 2, 2500]);
      const events = await readAll<{ eventId: string; venIds: string[] }>(store, 'events');
      expect(events.map((e) => [e.eventId, e.venIds.length])).toEqual([['seed-event-1', 1250], ['seed-event-2', 1250]]);
    } finally {
      await store.close();
    }
  });
});
