// Load for the kill -9 test: workers register VENs, send opt responses and EiOpt creates, and record every
// change the VTN acknowledged (HTTP 200 with responseCode 200) — plus the one in flight when the VTN died.
import { TestVen, responseCode } from '../helpers/test-ven.js';

export interface Acknowledged {
  /** venId → registrationId */
  registrations: Map<string, string>;
  /** `${venId}/${optId}` of acknowledged oadrCreateOpt */
  opts: Set<string>;
  /** venId → optType values whose acknowledgement may be last: the last acknowledged one and any in flight after it */
  optResponses: Map<string, { acked?: string; inFlight?: string }>;
}

export interface LoadPlan {
  baseUrl: string;
  /** Pre-registered VENs in the seeded event, one set per worker so a VEN's changes never race each other. */
  seededVenIds: string[];
  eventId: string;
  workers: number;
  /** Distinguishes names and optIds across kill rounds. */
  round: number;
}

const ok = (reply: { status: number }, code: string | undefined) => reply.status === 200 && code === '200';

export interface LoadRun {
  /** Requests answered so far. */
  readonly requests: number;
  /** Resolves with the number of answered requests once every worker has stopped. */
  done: Promise<number>;
  /** No new requests after this; the ones in flight finish or fail. */
  stop(): void;
}

/** Starts the workers; they run until stop() and never throw for a dead VTN. */
export function driveLoad(plan: LoadPlan, ack: Acknowledged): LoadRun {
  let stopped = false;
  let requests = 0;
  const worker = async (w: number) => {
    const mine = plan.seededVenIds.filter((_, i) => i % plan.workers === w);
    for (let step = 0; !stopped; step++) {
      try {
        // 1. a new registration, then an EiOpt schedule from that VEN
        const ven = new TestVen({ baseUrl: plan.baseUrl, venName: `r${plan.round}-w${w}-s${step}`, validate: false, timeoutMs: 2000 });
        const reg = await ven.register();
        requests++;
        if (!ok(reg, responseCode(reg))) throw new Error(`registration refused: ${reg.body.slice(0, 200)}`);
        ack.registrations.set(ven.venId!, ven.registrationId!);
        const optId = `opt-${plan.round}-${w}-${step}`;
        const opt = await ven.createOpt({ optId, optType: 'optOut', optReason: 'economic', vavailability: [{ dtstart: '2027-01-01T00:00:00Z', duration: 'PT1H' }] });
        requests++;
        if (ok(opt, responseCode(opt))) ack.opts.add(`${ven.venId}/${optId}`);
        // 2. an opt response to the seeded event, alternating in and out
        const venId = mine[step % mine.length]!;
        const optType = (step + plan.round) % 2 === 0 ? 'optIn' : 'optOut';
        const seeded = new TestVen({ baseUrl: plan.baseUrl, venName: venId, validate: false, timeoutMs: 2000 });
        seeded.venId = venId;
        const state = ack.optResponses.get(venId) ?? {};
        ack.optResponses.set(venId, { ...state, inFlight: optType });
        const created = await seeded.createdEvent([{ eventId: plan.eventId, modificationNumber: 0, optType }], { requestId: `resp-${plan.round}-${w}-${step}` });
        requests++;
        if (ok(created, responseCode(created))) ack.optResponses.set(venId, { acked: optType });
      } catch {
        // The VTN was killed mid-request (or refused): nothing new counts as acknowledged.
        if (stopped) return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: plan.workers }, (_, w) => worker(w))).then(() => requests);
  return { get requests() { return requests; }, done, stop: () => { stopped = true; } };
}
