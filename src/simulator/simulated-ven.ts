// One simulated VEN: registers, polls at the granted frequency, answers what the VTN sends, reports its load.
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  OadrCancelReport, OadrCreateReport, OadrDistributeEvent, OadrMessage, OadrService, ReportRequest,
} from '../oadr/model.js';
import { EventBook } from './event-book.js';
import { randomLoadShape } from './load-curve.js';
import type { OptPolicy } from './opt-policy.js';
import { ReportJobs, type DueReport } from './report-jobs.js';
import { OFFERED } from './report-offers.js';
import type { SimulationCounters } from './simulation-summary.js';
import { VenRequestError, type VenClient } from './ven-client.js';
import { VenMeter } from './ven-meter.js';
import { expectReply, register, registerReports, type Registration } from './ven-registration.js';

export interface SimulatedVenOptions {
  venName: string;
  client: VenClient;
  counters: SimulationCounters;
  policy: OptPolicy;
  random: () => number;
  /** The shortest sampling period the VEN offers. */
  reportEveryMs: number;
  /** Where in the poll period this VEN polls, 0 ≤ phase < 1, so N VENs do not poll in lockstep. */
  phase: number;
  stop: AbortSignal;
}

// A poll that brings a message is followed at once by another, up to this many, so queues drain quickly.
const MAX_DRAIN = 10;
const RETRY_MS = 5000;

export class SimulatedVen {
  readonly venName: string;
  registration: Registration | undefined;
  /** Set when the VTN cancelled the registration: this VEN stays off. */
  retired = false;
  readonly #o: SimulatedVenOptions;
  readonly #book: EventBook;
  readonly #jobs: ReportJobs;
  readonly #meter: VenMeter;
  #requestSeq = 0;
  #kick = new AbortController();

  constructor(options: SimulatedVenOptions) {
    this.#o = options;
    this.venName = options.venName;
    this.#book = new EventBook(() => options.policy.decide(options.random));
    this.#jobs = new ReportJobs(options.reportEveryMs);
    this.#meter = new VenMeter(randomLoadShape(options.random), options.random, (at) => this.#book.curtailing(at));
  }

  /** Runs until the stop signal (or a VTN-side cancellation); never rejects. */
  async run(): Promise<void> {
    await Promise.all([this.#pollLoop(), this.#reportLoop()]);
  }

  get #stopped(): boolean {
    return this.#o.stop.aborted || this.retired;
  }

  #newRequestId = (): string => `${this.venName}-${++this.#requestSeq}`;

  async #pollLoop(): Promise<void> {
    let firstPoll = true;
    while (!this.#stopped) {
      try {
        if (!this.registration) {
          await this.#register();
          if (firstPoll) await this.#pause(this.#o.phase * this.registration!.pollFreqMs);
          firstPoll = false;
          continue;
        }
        await this.#pollAndDrain();
      } catch (err) {
        if (this.#stopped) break;
        this.#o.counters.error(`${this.venName}: ${(err as Error).message}`);
        if (!this.registration) await this.#pause(RETRY_MS);
      }
      if (this.registration) await this.#pause(this.registration.pollFreqMs);
    }
    this.#kickReports();
  }

  async #register(previous?: Registration): Promise<void> {
    this.registration = undefined;
    this.#o.counters.setRegistered(this.venName, false);
    const reg = await register(this.#o.client, this.venName, this.#newRequestId, previous);
    this.registration = reg;
    this.#o.counters.setRegistered(this.venName, true);
    // A new report registration replaces the VTN's earlier requests.
    this.#jobs.clear();
    const registered = await registerReports(this.#o.client, reg.venId, `${this.venName}-meter`, this.#o.reportEveryMs, this.#newRequestId(), new Date());
    await this.#acceptReportRequests(registered.reportRequests, registered.response.requestId);
  }

  async #pollAndDrain(): Promise<void> {
    for (let i = 0; i < MAX_DRAIN && !this.#stopped && this.registration; i++) {
      this.#o.counters.add('polls');
      const reply = await this.#o.client.send('OadrPoll', { type: 'oadrPoll', venId: this.registration.venId });
      if (!reply || reply.type === 'oadrResponse') {
        if (reply && reply.response.responseCode === 463) await this.#register(this.registration);
        return;
      }
      await this.#handle(reply);
    }
  }

  async #handle(msg: OadrMessage): Promise<void> {
    const venId = this.registration!.venId;
    switch (msg.type) {
      case 'oadrDistributeEvent':
        return this.#onDistribute(msg, venId);
      case 'oadrRegisterReport':
        // The VTN offers no reports we want: acknowledge with no requests.
        return this.#post('EiReport', { type: 'oadrRegisteredReport', response: { responseCode: 200, requestId: msg.requestId }, reportRequests: [], venId });
      case 'oadrCreateReport':
        return this.#onCreateReport(msg);
      case 'oadrCancelReport':
        return this.#onCancelReport(msg, venId);
      case 'oadrRequestReregistration':
        return this.#register(this.registration);
      case 'oadrCancelPartyRegistration': {
        const registrationId = this.registration!.registrationId;
        await this.#post('EiRegisterParty', { type: 'oadrCanceledPartyRegistration', response: { responseCode: 200, requestId: msg.requestId }, registrationId, venId });
        this.registration = undefined;
        this.retired = true;
        this.#o.counters.setRegistered(this.venName, false);
        this.#jobs.clear();
        return;
      }
      default:
        throw new VenRequestError(`poll brought ${msg.type}, which a VEN does not expect`);
    }
  }

  async #onDistribute(msg: OadrDistributeEvent, venId: string): Promise<void> {
    const update = this.#book.apply(msg.events);
    this.#o.counters.add('eventsSeen', update.newVersions);
    if (!update.responses.length) return;
    this.#o.counters.add('optIns', update.optIns);
    this.#o.counters.add('optOuts', update.optOuts);
    await this.#post('EiEvent', {
      type: 'oadrCreatedEvent', response: { responseCode: 200, requestId: msg.requestId }, venId,
      eventResponses: update.responses.map((r) => ({ ...r, requestId: msg.requestId })),
    });
  }

  async #onCreateReport(msg: OadrCreateReport): Promise<void> {
    await this.#acceptReportRequests(msg.reportRequests, msg.requestId);
  }

  async #acceptReportRequests(requests: readonly ReportRequest[], requestId: string): Promise<void> {
    if (!requests.length) return;
    const { accepted, refused } = this.#jobs.accept(requests, OFFERED, new Date());
    const code = accepted.length || !refused.length ? 200 : 461;
    await this.#post('EiReport', {
      type: 'oadrCreatedReport', response: { responseCode: code, requestId, ...(refused.length ? { responseDescription: `not offered: ${refused.join(', ')}` } : {}) },
      pendingReports: this.#jobs.activeIds(), venId: this.registration!.venId,
    });
    this.#kickReports();
  }

  async #onCancelReport(msg: OadrCancelReport, venId: string): Promise<void> {
    const { cancelled, last } = this.#jobs.cancel(msg.reportRequestIds, new Date(), msg.reportToFollow);
    await this.#post('EiReport', {
      type: 'oadrCanceledReport', response: { responseCode: 200, requestId: msg.requestId },
      pendingReports: msg.reportToFollow ? cancelled : [], venId,
    });
    if (last.length) await this.#sendReports(last);
  }

  /** POSTs a message whose answer must be an oadrResponse 200 (or an empty body). */
  async #post(service: Exclude<OadrService, 'any'>, msg: OadrMessage): Promise<void> {
    const reply = await this.#o.client.send(service, msg);
    if (reply) expectReply(reply, 'oadrResponse', msg.type);
  }

  async #reportLoop(): Promise<void> {
    while (!this.#stopped) {
      const next = this.#jobs.nextDueAt();
      await this.#pause(next === undefined ? 60_000 : Math.max(0, next - Date.now()), true);
      if (this.#stopped || !this.registration) continue;
      try {
        await this.#sendReports(this.#jobs.takeDue(new Date()));
      } catch (err) {
        if (!this.#stopped) this.#o.counters.error(`${this.venName}: ${(err as Error).message}`);
      }
    }
  }

  async #sendReports(due: readonly DueReport[]): Promise<void> {
    if (!due.length || !this.registration) return;
    const now = new Date();
    const reports = due.map((d) => this.#meter.report(d, now));
    const reply = await this.#o.client.send('EiReport', { type: 'oadrUpdateReport', requestId: this.#newRequestId(), reports, venId: this.registration.venId });
    const updated = expectReply(reply, 'oadrUpdatedReport', 'update report');
    this.#o.counters.add('valuesSent', reports.reduce((n, r) => n + r.intervals.reduce((m, iv) => m + iv.payloads.length, 0), 0));
    // The VTN may piggy-back a cancellation on its answer.
    if (updated.cancelReport) await this.#onCancelReport(updated.cancelReport, this.registration.venId);
  }

  #kickReports(): void {
    this.#kick.abort();
  }

  /** Waits, ending early on stop (and, for the report loop, when the report requests change). */
  async #pause(ms: number, kickable = false): Promise<void> {
    if (kickable) this.#kick = new AbortController();
    const signals = kickable ? [this.#o.stop, this.#kick.signal] : [this.#o.stop];
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any(signals) });
    } catch {
      // Stopped or kicked: the loops check why.
    }
  }
}
