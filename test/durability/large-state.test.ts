// Issue #11 "state never bricks the VTN": ~300 refused registrations with 900 KB names left a journal past
// 512 MiB and every later start failed with ERR_STRING_TOO_LONG. This builds that state for real (a
// journal, then a snapshot, each larger than one JS string can be) rather than instrumenting the reader:
// on this machine it costs ~1.1 GB of disk for half a minute and proves the real start/stop path end to end.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants as bufferLimits } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliVtn } from '../../src/bench/cli-process.js';
import { DEFAULT_SHUTDOWN_MS } from '../../src/admin/graceful-shutdown.js';
import { FileStore } from '../../src/store/file-store.js';
import { TestVen } from '../helpers/test-ven.js';
import { baseOf, quiet, startVtnCli, writeCliConfig } from './cli-vtn.js';
import { writeAttackJournal } from './large-state-files.js';

/** More bytes than the longest string V8 can build (2^29 - 24 characters), so no whole-file read can work. */
const BEYOND_ONE_STRING = bufferLimits.MAX_STRING_LENGTH + 16 * 1024 * 1024;

let work: string;
let dataDir: string;
let config: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vtn-large-state-'));
  ({ dataDir, config } = writeCliConfig(work, 'VTN-LARGE'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Started and fully up: `vtn start` installs its SIGTERM handler after the admin API listens. */
async function start(): Promise<CliVtn> {
  const vtn = await startVtnCli(config, 60_000);
  await vi.waitFor(() => expect(vtn.output()).toContain('admin API at'), { timeout: 30_000, interval: 20 });
  return vtn;
}
async function timed<T>(what: string, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  const ms = Math.round(performance.now() - t0);
  console.log(`large state: ${what} ${ms} ms`);
  return { value, ms };
}
async function stop(vtn: CliVtn): Promise<{ code: number | string | null; ms: number }> {
  const { value: code, ms } = await timed('SIGTERM to exit', () => {
    vtn.child.kill('SIGTERM');
    return vtn.exited;
  });
  return { code, ms };
}

describe('a state larger than one JS string (VTN CLI in a child process)', () => {
  it('starts on a > 512 MiB journal of refused 900 KB registrations, stops within the SIGTERM bound, and starts again on the > 512 MiB snapshot', async () => {
    mkdirSync(dataDir, { recursive: true });
    const journal = join(dataDir, 'vtn.journal');
    const written = writeAttackJournal(journal, BEYOND_ONE_STRING);
    console.log(`large state: journal of ${written.records} records, ${written.bytes} bytes`);
    expect(written.bytes).toBeGreaterThan(bufferLimits.MAX_STRING_LENGTH);

    // 1. Start-up replays the journal as it streams (this is where ERR_STRING_TOO_LONG was thrown).
    const first = (await timed('start on the journal', start)).value;
    const ven = new TestVen({ baseUrl: baseOf(first), venName: 'after-the-attack', validate: false });
    expect((await ven.register()).status).toBe(200);
    // 2. SIGTERM stops within the bound (exit 0, not the bound's exit 1): it writes the snapshot if that fits its
    //    budget, else leaves the journal for the next start.
    const stopped = await stop(first);
    expect(stopped.code, first.output()).toBe(0);
    expect(stopped.ms).toBeLessThan(DEFAULT_SHUTDOWN_MS);
    const snapshot = join(dataDir, 'vtn.json');
    const compacted = existsSync(snapshot) && statSync(snapshot).size > bufferLimits.MAX_STRING_LENGTH;
    console.log(`large state: the stop ${compacted ? 'wrote the snapshot' : 'left the journal (snapshot over the stop budget)'}`);
    if (!compacted) {
      // Without a stop budget, here: the rest of the test needs the large snapshot.
      const store = new FileStore({ dataDir, compactIntervalMs: 0, logger: quiet, closeBudgetMs: 600_000 });
      await timed('open + flush in the test process', async () => {
        await store.open();
        await store.close();
      });
    }
    expect(statSync(snapshot).size).toBeGreaterThan(bufferLimits.MAX_STRING_LENGTH);
    expect(statSync(journal).size).toBe(0);
    // What lowdb's JSONFile (and the old journal reader) did — one string for the whole file — cannot work here.
    expect(() => readFileSync(snapshot, 'utf8')).toThrow(/longer than|ERR_STRING_TOO_LONG/);

    // 3. The next start reads the snapshot record by record; the VEN registered before is known.
    const second = (await timed('start on the snapshot', start)).value;
    const known = new TestVen({ baseUrl: baseOf(second), venName: 'after-the-attack' });
    known.venId = ven.venId;
    expect((await known.poll()).type).not.toBe('oadrRequestReregistration');
    // 4. A change, so this stop has a large snapshot to rewrite — the slowest stop there is.
    const another = new TestVen({ baseUrl: baseOf(second), venName: 'one-more', validate: false });
    expect((await another.register()).status).toBe(200);
    const again = await stop(second);
    expect(again.code, second.output()).toBe(0);
    expect(again.ms).toBeLessThan(DEFAULT_SHUTDOWN_MS);
  }, 180_000);
});
