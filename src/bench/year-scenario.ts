// "A year": one event a day to the whole fleet for `days` days with retention on, the clock advancing a day per
// event. A sample of VENs polls and acknowledges through vtn.dispatch each day (the real message path); the rest
// of the fleet's acknowledgements are written in bulk through store units, as the dispatcher would leave them.
import { createVtn } from '../create-vtn.js';
import { decodeOadrPayload } from '../oadr/index.js';
import type { DeliveryRecord } from '../store/records.js';
import { deliveryKey } from '../store/store.js';
import { EVENT_ARCHIVE } from '../vtn/event-archive.js';
import type { BenchState } from './bench-state.js';
import { BatchWriter, benchVenId, seedVens } from './seed-state.js';
import { createdEventXml, pollXml } from './xml-bodies.js';

export interface YearOptions { state: BenchState; vens: number; days: number; sampled: number; progress?: (line: string) => void }
export interface YearResult {
  days: number; vens: number; seconds: number;
  /** Polls and acknowledgements that went through vtn.dispatch. */
  dispatched: number;
  /** What is left at the end: live events and deliveries, archive summaries. */
  live: { events: number; deliveries: number; archived: number };
  /** Wall time of the last day (event, acknowledgements, sweep), ms. */
  lastDayMs: number;
  /** Total ms per phase over the year: addEvent, sampled polls + acks via dispatch, bulk acks, retention sweeps. */
  phases: { addEvent: number; dispatched: number; bulk: number; sweep: number };
  venIds: string[];
}

const DAY = 86_400_000;
/** Acknowledgements per unit: fewer, larger commits (one journal line, one transaction each). */
const BULK_BATCH = 5000;
const RETENTION = { live: 'P7D', archive: 'P90D', sweepEvery: 0 } as const;

export async function runYear(opts: YearOptions): Promise<YearResult> {
  const began = performance.now();
  // The year ends now, so the fresh `vtn start` afterwards sees the state as on the day after.
  let clock = Date.now() - opts.days * DAY;
  const { dataDir, store } = opts.state;
  const vtn = await createVtn({ dataDir, ...(store ? { store } : {}), vtnId: 'VTN-BENCH', logger: false, now: () => new Date(clock), eventRetention: RETENTION });
  const venIds = Array.from({ length: opts.vens }, (_, i) => benchVenId(i + 1));
  let dispatched = 0;
  let lastDayMs = 0;
  const phases = { addEvent: 0, dispatched: 0, bulk: 0, sweep: 0 };
  const timed = async <T>(phase: keyof typeof phases, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try { return await fn(); } finally { phases[phase] += performance.now() - t; }
  };
  try {
    await seedVens(vtn.store, venIds, new Date(clock));
    for (let day = 0; day < opts.days; day++) {
      const dayStart = performance.now();
      const { eventId } = await timed('addEvent', () => vtn.addEvent({
        venIds, signalName: 'SIMPLE', signalType: 'level', marketContext: 'oadr://bench.year',
        intervals: [{ dtstart: new Date(clock + 3_600_000), duration: 'PT4H', payload: 1 + (day % 3) }],
      }));
      const sample = new Set(Array.from({ length: Math.min(opts.sampled, venIds.length) }, (_, i) => venIds[(day * opts.sampled + i) % venIds.length]!));
      await timed('dispatched', async () => { for (const venId of sample) dispatched += await pollAndAcknowledge(vtn, venId, eventId); });
      await timed('bulk', () => acknowledgeInBulk(vtn.store, venIds.filter((v) => !sample.has(v)), eventId, new Date(clock)));
      clock += DAY;
      await timed('sweep', () => vtn.sweepRetention());
      lastDayMs = performance.now() - dayStart;
      if (day % 30 === 29 || day === opts.days - 1) opts.progress?.(`${opts.state.kind}: day ${day + 1}/${opts.days} (last day ${lastDayMs.toFixed(0)} ms; ms so far ${JSON.stringify(phases, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))})`);
    }
    const live = await vtn.store.unit(async (u) => ({
      events: await u.events.count(), deliveries: await u.deliveries.count(), archived: await u.collection(EVENT_ARCHIVE).count(),
    }), { label: 'bench read' });
    return { days: opts.days, vens: opts.vens, seconds: (performance.now() - began) / 1000, dispatched, live, lastDayMs, phases, venIds };
  } finally {
    await vtn.close();
  }
}

type Dispatching = Pick<Awaited<ReturnType<typeof createVtn>>, 'dispatch'>;

/** One VEN's poll (must carry the event) and its oadrCreatedEvent (must be accepted); returns messages sent. */
async function pollAndAcknowledge(vtn: Dispatching, venId: string, eventId: string): Promise<number> {
  const reply = await vtn.dispatch('OadrPoll', decodeOadrPayload(pollXml(venId)).message);
  if (reply?.type !== 'oadrDistributeEvent' || !reply.events.some((e) => e.descriptor.eventId === eventId)) {
    throw new Error(`year: the poll of ${venId} did not carry ${eventId}: ${JSON.stringify(reply).slice(0, 300)}`);
  }
  const ack = await vtn.dispatch('EiEvent', decodeOadrPayload(createdEventXml(venId, reply.requestId, eventId, 0)).message);
  if (ack?.type !== 'oadrResponse' || ack.response.responseCode !== 200) throw new Error(`year: the acknowledgement of ${venId} was refused: ${JSON.stringify(ack).slice(0, 300)}`);
  return 2;
}

/** The delivery each VEN's poll and optIn would have left, in units of BULK_BATCH records. */
async function acknowledgeInBulk(store: Awaited<ReturnType<typeof createVtn>>['store'], venIds: readonly string[], eventId: string, at: Date): Promise<void> {
  const writer = new BatchWriter(store, BULK_BATCH);
  const respondedAt = at.toISOString();
  for (const venId of venIds) {
    const d: DeliveryRecord = { eventId, venId, deliveredModification: 0, deliveredStatus: 'far', optType: 'optIn', optModification: 0, responseCode: 200, respondedAt };
    await writer.put((u) => u.deliveries.put(deliveryKey(eventId, venId), d));
  }
  await writer.flush();
}
