// Load on one instance for the kill -9 test: each worker registers new VENs, offers their reports, sends an
// EiOpt schedule and answers a shared event, and records every change the instance acknowledged (200/200).
import { responseCode, TestVen, type VenReply } from '../../helpers/test-ven.js';

export interface Acknowledged {
  /** venId → registrationId */
  registrations: Map<string, string>;
  /** venId whose oadrRegisterReport (report offers) was acknowledged */
  offers: Set<string>;
  /** `${venId}/${optId}` of acknowledged oadrCreateOpt */
  opts: Set<string>;
  /** answering venId → the last acknowledged optType and the one in flight when the instance died */
  responses: Map<string, { acked?: string; inFlight?: string }>;
}

export interface LoadRun {
  readonly requests: number;
  /** Resolves once every worker has stopped. */
  done: Promise<void>;
  stop(): void;
}

const ok = (reply: VenReply) => reply.status === 200 && responseCode(reply) === '200';

/** `answering[w]` is worker w's own registered VEN in `eventId`, so no two workers race on one delivery. */
export function loadInstance(baseUrl: string, answering: TestVen[], eventId: string, ack: Acknowledged): LoadRun {
  let stopped = false;
  let requests = 0;
  const send = async (call: () => Promise<VenReply>, onAck: () => void) => {
    const reply = await call();
    requests++;
    if (ok(reply)) onAck();
  };
  const worker = async (w: number) => {
    const answerer = answering[w]!;
    for (let step = 0; !stopped; step++) {
      try {
        const ven = new TestVen({ baseUrl, venName: `load-${w}-${step}`, validate: false, timeoutMs: 3000 });
        await send(() => ven.register(), () => ack.registrations.set(ven.venId!, ven.registrationId!));
        if (!ven.venId) continue;
        await send(() => ven.registerReports(), () => ack.offers.add(ven.venId!));
        const optId = `opt-${w}-${step}`;
        await send(() => ven.createOpt({ optId, optType: 'optOut', optReason: 'economic', vavailability: [{ dtstart: '2027-01-01T00:00:00Z', duration: 'PT1H' }] }),
          () => ack.opts.add(`${ven.venId}/${optId}`));
        const optType = step % 2 === 0 ? 'optIn' : 'optOut';
        ack.responses.set(answerer.venId!, { ...ack.responses.get(answerer.venId!), inFlight: optType });
        await send(() => answerer.createdEvent([{ eventId, modificationNumber: 0, optType }], { requestId: `resp-${w}-${step}` }),
          () => ack.responses.set(answerer.venId!, { acked: optType }));
      } catch {
        // The instance died mid-request: nothing in flight counts as acknowledged.
      }
    }
  };
  const done = Promise.all(answering.map((_, w) => worker(w))).then(() => undefined);
  return { get requests() { return requests; }, done, stop: () => { stopped = true; } };
}
