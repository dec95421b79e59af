// Times the FileStore on large state (journal replay, snapshot write, snapshot read, stop with backup):
//   node --import tsx test/durability/measure-state-io.ts [records|attack|many|all]
// Prints one line per step; the README's "State and durability" figures come from here.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../src/store/file-store.js';
import { writeAttackJournal } from './large-state-files.js';

const quiet = { info() {}, warn() {}, error() {} };
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Wall time, and CPU time of this process in parentheses (the machine is shared: wall time includes waiting for a core). */
async function time<T>(run: () => Promise<T>): Promise<[T, string]> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await run();
  const cpu = process.cpuUsage(cpu0);
  return [value, `${Math.round(performance.now() - t0)} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)`];
}

/** Replay the journal, write the snapshot, read it back, then change one record and stop (backup + write). */
async function measure(label: string, fill: (dir: string, store?: FileStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vtn-measure-'));
  try {
    await fill(dir);
    const journalBytes = statSync(join(dir, 'vtn.journal')).size;
    const store = new FileStore({ dataDir: dir, compactIntervalMs: 0, compactEvery: 1e9, logger: quiet });
    const [, replayMs] = await time(() => store.open());
    const [, writeMs] = await time(() => store.flush());
    await store.close();
    const snapshotBytes = statSync(join(dir, 'vtn.json')).size;
    const reader = new FileStore({ dataDir: dir, compactIntervalMs: 0, logger: quiet });
    const [, readMs] = await time(() => reader.open());
    await reader.unit(async (u) => u.meta.put('touched', 1));
    const [, stopMs] = await time(() => reader.close());
    const stopWrote = !existsSync(join(dir, 'vtn.journal.prev'));
    const heap = process.memoryUsage();
    console.log(
      `${label}: journal ${mb(journalBytes)} replayed in ${replayMs}; snapshot ${mb(snapshotBytes)} written in ${writeMs}, ` +
        `read in ${readMs}; stop after one change ${stopMs}, ${stopWrote ? 'snapshot written' : 'over the stop budget: journal kept'}; rss ${mb(heap.rss)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `count` records of about `valueChars` characters each, written through a FileStore's journal. */
function journalOf(count: number, valueChars: number) {
  return async (dir: string) => {
    const store = new FileStore({ dataDir: dir, compactIntervalMs: 0, compactEvery: 1e9, logger: quiet });
    await store.open();
    const padding = 'p'.repeat(Math.max(0, valueChars - 200));
    // One unit (one journal line) per record, as one message writes one.
    for (let i = 0; i < count; i++) {
      const venId = `ven-${i}`;
      await store.unit(async (u) => u.vens.put(venId, { venId, registrationId: `reg-${i}`, venName: `name-${i}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: '2026-01-01T00:00:00.000Z', note: padding } as never));
    }
    // Left as a killed process leaves it: journal only, no snapshot (close would compact).
    rmSync(join(dir, 'vtn.lock'));
  };
}

const scenarios: Record<string, () => Promise<void>> = {
  records: () => measure('100,000 records of ~300 B', journalOf(100_000, 300)),
  many: () => measure('1,000,000 records of ~600 B', journalOf(1_000_000, 600)),
  attack: () => measure('308 refused registrations with 900 KB names (the #11 attack)', async (dir) => {
    writeAttackJournal(join(dir, 'vtn.journal'), 554_000_000);
  }),
};

const which = process.argv[2] ?? 'all';
for (const [name, run] of Object.entries(scenarios)) if (which === 'all' || which === name) await run();
