// Seeds a store (files or PostgreSQL) with registered VENs, far-future events and their deliveries, so a benchmark
// starts from a realistic fleet without thousands of HTTP registrations. The VTN then loads it like any other state.
import { openBenchStore, type BenchState } from './bench-state.js';
import type { DeliveryRecord, VenRecord } from '../store/records.js';
import { deliveryKey, type Store, type Unit } from '../store/store.js';
import { buildEventRecord } from '../vtn/events/index.js';

export interface SeedOptions {
  state: BenchState;
  vens: number;
  events: number;
  /** Clock of the seeded records; events start a year after it. */
  now: Date;
  /** The first `count` VENs registered in push mode at `address(venId)` (the push fan-out). */
  push?: { count: number; address: (venId: string) => string };
}

export interface SeededState {
  venIds: string[];
  eventIds: string[];
}

const DAY = 86_400_000;
/** Records per unit of work: one journal line each, none of them a fleet-sized string. */
export const SEED_BATCH = 1000;

/** Buffers writes and commits them `batch` (default SEED_BATCH) at a time. */
export class BatchWriter {
  readonly #store: Store;
  readonly #batch: number;
  #writes: ((u: Unit) => void)[] = [];

  constructor(store: Store, batch = SEED_BATCH) {
    this.#store = store;
    this.#batch = batch;
  }

  async put(write: (u: Unit) => void): Promise<void> {
    this.#writes.push(write);
    if (this.#writes.length >= this.#batch) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.#writes;
    this.#writes = [];
    if (batch.length) await this.#store.unit(async (u) => { for (const w of batch) w(u); }, { label: 'bench seed' });
  }
}

export const benchVenId = (i: number): string => `ven-${String(i).padStart(6, '0')}`;

/** Writes the state and closes the store (a file store compacts it into vtn.json). */
export async function seedState(opts: SeedOptions): Promise<SeededState> {
  if (opts.vens < 1 || opts.events < 0 || opts.events > opts.vens) {
    throw new Error(`seedState: need 1 ≤ vens and 0 ≤ events ≤ vens, got vens=${opts.vens} events=${opts.events}`);
  }
  const store = await openBenchStore(opts.state);
  const venIds = Array.from({ length: opts.vens }, (_, i) => benchVenId(i + 1));
  await seedVens(store, venIds, opts.now, opts.push);
  const writer = new BatchWriter(store);
  const eventIds: string[] = [];
  // Each event goes to an equal slice of the fleet, so every VEN has an event it has already been sent.
  const perEvent = opts.events ? Math.floor(opts.vens / opts.events) : 0;
  let serial = 0;
  for (let e = 0; e < opts.events; e++) {
    const audience = venIds.slice(e * perEvent, (e + 1) * perEvent);
    const rec = buildEventRecord({
      eventId: `seed-event-${e + 1}`,
      venIds: audience,
      signalName: 'SIMPLE',
      signalType: 'level',
      intervals: [{ dtstart: new Date(opts.now.getTime() + 365 * DAY + e * 3_600_000), duration: 'PT1H', payload: 1 }],
    }, { now: opts.now, newId: () => `seed-${++serial}`, defaultMarketContext: 'oadr://bench.context' });
    await writer.put((u) => u.events.put(rec.eventId, rec));
    eventIds.push(rec.eventId);
    for (const venId of audience) {
      const delivery: DeliveryRecord = { eventId: rec.eventId, venId, deliveredModification: 0, deliveredStatus: 'far' };
      await writer.put((u) => u.deliveries.put(deliveryKey(rec.eventId, venId), delivery));
    }
  }
  await writer.flush();
  await store.close();
  return { venIds, eventIds };
}

/** Registers `venIds` straight in the store (SEED_BATCH per unit): for in-process benchmarks without HTTP. */
export async function seedVens(store: Store, venIds: readonly string[], now: Date, push?: SeedOptions['push']): Promise<void> {
  const writer = new BatchWriter(store);
  for (const [i, venId] of venIds.entries()) {
    const rec = venRecord(venId, now);
    const record: VenRecord = push && i < push.count ? { ...rec, httpPullModel: false, transportAddress: push.address(venId) } : rec;
    await writer.put((u) => u.vens.put(venId, record));
  }
  await writer.flush();
}

function venRecord(venId: string, now: Date): VenRecord {
  return {
    venId, venName: `name-${venId}`, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp',
    httpPullModel: true, xmlSignature: false, reportOnly: false, pollFreqMs: 10_000, registeredAt: now.toISOString(),
  };
}
