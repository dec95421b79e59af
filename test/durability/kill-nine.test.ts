// Issue #8: every change acknowledged to a VEN survives `kill -9` of the VTN process, three times over, and
// a damaged state file stops start-up with a clear message naming the last good backup.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliVtn } from '../../src/bench/cli-process.js';
import { FileStore } from '../../src/store/file-store.js';
import { deliveryKey, optKey } from '../../src/store/store.js';
import { buildEventRecord } from '../../src/vtn/events/index.js';
import { TestVen } from '../helpers/test-ven.js';
import { baseOf, quiet, startVtnCli, writeCliConfig } from './cli-vtn.js';
import { driveLoad, type Acknowledged } from './durable-load.js';

const SEEDED = Array.from({ length: 24 }, (_, i) => `seeded-ven-${i}`);
const EVENT_ID = 'durable-event';

let work: string;
let dataDir: string;
let config: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'vtn-kill9-'));
  ({ dataDir, config } = writeCliConfig(work, 'VTN-KILL9'));
  // VENs and an event to answer, written the way the VTN itself would (through the FileStore).
  const store = new FileStore({ dataDir, logger: quiet });
  await store.open();
  const now = new Date();
  const event = buildEventRecord({ eventId: EVENT_ID, venIds: SEEDED, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(now.getTime() + 86_400_000), duration: 'PT1H', payload: 1 }] },
    { now, newId: () => `sig-${Math.random().toString(36).slice(2)}`, defaultMarketContext: 'oadr://durable' });
  await store.unit(async (u) => {
    for (const venId of SEEDED) {
      u.vens.put(venId, { venId, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: now.toISOString() });
    }
    u.events.put(EVENT_ID, event);
  });
  await store.close();
});

afterAll(async () => { await rm(work, { recursive: true, force: true }); });

const start = (): Promise<CliVtn> => startVtnCli(config, 20_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the state as the next VTN would (snapshot + journal) and checks every acknowledged change is in it. */
async function expectAcknowledgedPresent(ack: Acknowledged): Promise<void> {
  const store = new FileStore({ dataDir, logger: quiet });
  await store.open();
  try {
    const { vens, opts, deliveries } = await store.unit(async (u) => ({
      vens: await u.vens.getMany([...ack.registrations.keys()]),
      opts: await u.opts.getMany([...ack.opts].map((key) => optKey(...(key.split('/') as [string, string])))),
      deliveries: await u.deliveries.getMany([...ack.optResponses.keys()].map((venId) => deliveryKey(EVENT_ID, venId))),
    }));
    for (const [venId, registrationId] of ack.registrations) expect(vens.get(venId)?.registrationId, `registration of ${venId}`).toBe(registrationId);
    for (const key of ack.opts) {
      const [venId, optId] = key.split('/') as [string, string];
      expect(opts.has(optKey(venId, optId)), `EiOpt ${key}`).toBe(true);
    }
    for (const [venId, { acked, inFlight }] of ack.optResponses) {
      const stored = deliveries.get(deliveryKey(EVENT_ID, venId))?.optType;
      // The last acknowledged answer, or a later one the VTN applied but could not acknowledge before dying.
      expect([acked, inFlight], `opt response of ${venId}`).toContain(stored);
      ack.optResponses.set(venId, { acked: stored });
    }
  } finally {
    await store.close();
  }
}

describe('kill -9 durability (VTN CLI in a child process)', () => {
  it('keeps every acknowledged registration, opt response and EiOpt across three kills under load', async () => {
    const ack: Acknowledged = { registrations: new Map(), opts: new Set(), optResponses: new Map() };
    for (let round = 1; round <= 3; round++) {
      const vtn = await start();
      const load = driveLoad({ baseUrl: baseOf(vtn), seededVenIds: SEEDED, eventId: EVENT_ID, workers: 6, round }, ack);
      // Kill at a different point each round, once the load is well under way (bounded by a deadline).
      const killAt = 40 + 25 * round;
      const deadline = Date.now() + 10_000;
      while (load.requests < killAt && Date.now() < deadline) await sleep(5);
      vtn.child.kill('SIGKILL');
      load.stop();
      const requests = await load.done;
      expect(await vtn.exited).toBe('SIGKILL');
      expect(requests, `round ${round} put the VTN under load`).toBeGreaterThanOrEqual(killAt);
      // The snapshot, when there is one, is always a whole document.
      if (existsSync(join(dataDir, 'vtn.json'))) expect(() => JSON.parse(readFileSync(join(dataDir, 'vtn.json'), 'utf8'))).not.toThrow();

      // Restart: it must come up on the same files and know the VENs it acknowledged.
      const again = await start();
      const known = [...ack.registrations.keys()].slice(-3);
      for (const venId of known) {
        const ven = new TestVen({ baseUrl: baseOf(again), venName: venId });
        ven.venId = venId;
        expect((await ven.poll()).type, `poll of ${venId} after restart`).not.toBe('oadrRequestReregistration');
      }
      again.child.kill('SIGTERM');
      expect(await again.exited, again.output()).toBe(0);
      await expectAcknowledgedPresent(ack);
    }
    expect(ack.registrations.size).toBeGreaterThan(30);
    expect(ack.opts.size).toBeGreaterThan(30);
    expect([...ack.optResponses.values()].filter((s) => s.acked).length).toBeGreaterThan(10);
  }, 180_000); // six VTN processes start and stop: minutes on a loaded 2-core machine

  it('refuses to start on a truncated vtn.json, naming the file and the last good backup, with exit code 1', async () => {
    const snapshot = join(dataDir, 'vtn.json');
    // Graceful stops above wrote the snapshot more than once, so a backup of a good one exists.
    expect(existsSync(`${snapshot}.bak`)).toBe(true);
    const text = readFileSync(snapshot, 'utf8');
    writeFileSync(snapshot, text.slice(0, Math.floor(text.length / 2)));
    const failed = start();
    await expect(failed).rejects.toThrow(/exited \(1\) before listening/);
    const message = await failed.catch((e: Error) => e.message);
    expect(message).toContain('E_STATE_CORRUPT');
    expect(message).toContain(snapshot);
    expect(message).toContain(`${snapshot}.bak`);
  }, 30_000);
});
