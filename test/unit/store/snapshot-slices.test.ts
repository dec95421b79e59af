// A snapshot is written in time slices: after a few milliseconds of encoding records the adapter writes what it has,
// and that write's wait lets queued polls run, so a compaction never holds the event loop for the whole state.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMAT, type SnapshotDocument } from '../../../src/store/snapshot-layout.js';
import { StreamedSnapshotAdapter } from '../../../src/store/streamed-snapshot-adapter.js';
import { makeTempDir, removeTempDirs } from './store-test-kit.js';

afterEach(() => removeTempDirs());

const RECORDS = 1000;
const document = (): SnapshotDocument => ({
  format: SNAPSHOT_FORMAT,
  savedAt: '2026-06-01T12:00:00.000Z',
  collections: new Map([['vens', new Map(Array.from({ length: RECORDS }, (_, i) => [`v${i}`, { venId: `v${i}`, n: i }]))]]),
});

async function writeWith(now: () => number): Promise<{ writes: number; records: number }> {
  const path = join(makeTempDir(), 'vtn.json');
  const adapter = new StreamedSnapshotAdapter(path, { fsync: false, now });
  await adapter.write(document());
  const read = await new StreamedSnapshotAdapter(path, { fsync: false }).read();
  return { writes: adapter.lastWrite!.writes, records: [...(read!.collections.get('vens') ?? [])].length };
}

describe('snapshot slices', () => {
  it('a small state encoded quickly is one write', async () => {
    const result = await writeWith(() => 0);
    expect(result).toEqual({ writes: 1, records: RECORDS });
  });

  it('when encoding takes longer than a slice, the records are written in many slices and all read back', async () => {
    let t = 0;
    // Each look at the clock finds 10 ms more: every check ends the slice.
    const result = await writeWith(() => (t += 10));
    expect(result.records).toBe(RECORDS);
    expect(result.writes).toBeGreaterThanOrEqual(RECORDS / 32);
  });
});
