// HTTP push (2.0b simpleHttp push): messages for a VEN registered with oadrHttpPullModel false are POSTed to it as
// soon as they exist. Change notices wake the VEN; one step at a time per VEN, at most `concurrency` VENs at once.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ChangeNotice } from '../store/store.js';
import type { MessageSecurity } from '../security/message-security.js';
import { nextStatusChange } from '../vtn/events/index.js';
import type { Listed } from '../vtn/distribute.js';
import type { Vtn } from '../vtn/vtn.js';
import type { Claimer, Finished, StepResult } from './push-claims.js';
import { deliver, type DeliveryDeps } from './push-delivery.js';
import { PushObservers, type PushObserver } from './push-observers.js';
import type { PushClientTls } from './push-request.js';
import { PushRoster } from './push-roster.js';
import { claimLifetimeMs, type PushSettings } from './push-settings.js';
import { PushStepBatch } from './push-step-batch.js';
import { PushTurns } from './push-turns.js';
import type { Lookup } from './resolve-target.js';
import { WakeTimer } from './wake-timer.js';

// Writes that never make a message due: acknowledgements, presence, nonces and the pusher's own records.
const QUIET = new Set(['deliveries', 'presence', 'replayNonces', 'pushStatus']);

export interface PushServiceOptions {
  settings: PushSettings;
  security?: MessageSecurity;
  tls?: PushClientTls;
  /** Name resolution (tests replace it to play DNS rebinding). */
  lookup?: Lookup;
}

export class PushService {
  readonly roster: PushRoster;
  readonly observers = new PushObservers();
  readonly #vtn: Vtn;
  readonly #delivery: DeliveryDeps;
  readonly #claimer: Claimer;
  readonly #concurrency: number;
  readonly #queue = new Set<string>();
  readonly #busy = new Set<string>();
  readonly #again = new Set<string>();
  readonly #timer: WakeTimer;
  readonly #drains = new Set<Promise<void>>();
  readonly #turns = new PushTurns();
  readonly #steps: PushStepBatch;
  #stops: (() => void)[] = [];
  #running = false;
  #stopping = false;
  readonly #abort = new AbortController();

  constructor(vtn: Vtn, o: PushServiceOptions) {
    this.#vtn = vtn;
    this.roster = new PushRoster(vtn.store);
    this.#concurrency = o.settings.concurrency;
    let seq = 0;
    this.#claimer = { instance: randomUUID(), nextSeq: () => ++seq, lifetimeMs: claimLifetimeMs(o.settings) };
    this.#steps = new PushStepBatch(vtn.ctx, this.#claimer);
    this.#delivery = {
      vtn, settings: o.settings, stopping: () => this.#stopping, signal: this.#abort.signal,
      ...(o.security ? { security: o.security } : {}), ...(o.tls ? { tls: o.tls } : {}), ...(o.lookup ? { lookup: o.lookup } : {}),
    };
    // Every push in flight listens for the stop (at most `concurrency`, each removed when its request closes).
    setMaxListeners(0, this.#abort.signal);
    this.#timer = new WakeTimer(() => vtn.ctx.now().getTime(), (venId) => this.wake(venId), vtn.options.timers);
  }

  /** Loads the push VENs and wakes each (whatever was queued while the VTN was down goes out now). */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#stops.push(this.#vtn.store.onChange((n) => this.#onChange(n)));
    this.#stops.push(this.#vtn.onMessage((m) => { if (m.venId && this.roster.get(m.venId)?.suspended) void this.#resumeOnContact(m.venId); }));
    const ids = await this.roster.loadAll();
    this.#vtn.ctx.log.info({ pushVens: ids.length, concurrency: this.#concurrency }, 'HTTP push running');
    for (const venId of ids) this.wake(venId);
  }

  /** No new pushes; requests in flight end now and their messages go back to the queue. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#abort.abort();
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#timer.stop();
    this.#queue.clear();
    this.#turns.releaseAll();
    await Promise.allSettled([...this.#drains]);
  }

  onOutcome(observer: PushObserver): () => void {
    return this.observers.add(observer);
  }

  /** VENs waiting for a push slot or being pushed to now. */
  get backlog(): { queued: number; inFlight: number } {
    return { queued: this.#queue.size, inFlight: this.#busy.size };
  }

  /** Look at this VEN again (a change, a timer, an operator's resume). */
  wake(venId: string): void {
    if (this.#stopping || !this.roster.get(venId)) return;
    if (this.#busy.has(venId)) this.#again.add(venId);
    else this.#queue.add(venId);
    this.#pump();
  }

  #onChange(n: ChangeNotice): void {
    if (this.#stopping) return;
    const all = n.venIds.includes('*') || n.collections.includes('*');
    const ids = all ? undefined : n.venIds;
    if (n.collections.includes('vens') || n.collections.includes('*')) {
      const refreshed = ids ? this.roster.refresh(ids) : this.roster.loadAll();
      void refreshed.then(() => this.#wakeAll(ids), (err: unknown) => this.#vtn.ctx.log.error({ err }, 'push roster could not be refreshed'));
      return;
    }
    if (n.collections.some((c) => !QUIET.has(c))) this.#wakeAll(ids);
  }

  #wakeAll(ids: readonly string[] | undefined): void {
    for (const venId of ids ?? this.roster.ids()) this.wake(venId);
  }

  #pump(): void {
    while (this.#busy.size < this.#concurrency && this.#queue.size > 0) {
      const venId = this.#queue.values().next().value as string;
      this.#queue.delete(venId);
      this.#busy.add(venId);
      const drain = this.#drain(venId).finally(() => {
        this.#busy.delete(venId);
        this.#drains.delete(drain);
        if (this.#again.delete(venId)) this.#queue.add(venId);
        this.#pump();
      });
      this.#drains.add(drain);
    }
  }

  /** Steps until nothing is left to push: each step settles the previous push and claims the next. */
  async #drain(venId: string): Promise<void> {
    let finished: Finished | undefined;
    let settleOnly = false;
    for (;;) {
      // Each step waits for its turn: the polls that arrived meanwhile are answered first.
      await this.#turns.next();
      // The last push took all there was and nothing changed since: this step settles it, looks for nothing more.
      settleOnly &&= !this.#again.has(venId);
      this.#again.delete(venId);
      let step: StepResult;
      try {
        step = await this.#steps.step(venId, finished, !this.#stopping && !settleOnly);
      } catch (err) {
        // The claim (if any) stays in the store; it is taken back once its lifetime is over.
        this.#vtn.ctx.log.error({ err, venId }, 'push step failed; retried when the claim expires');
        this.#timer.at(venId, this.#vtn.ctx.now().getTime() + this.#claimer.lifetimeMs);
        return;
      }
      this.#afterStep(venId, finished, step, settleOnly);
      finished = undefined;
      settleOnly = false;
      if (!step.claimed) {
        if (this.#again.has(venId) && !this.#stopping) continue;
        return;
      }
      const started = performance.now();
      const result = await deliver(this.#delivery, step.claimed);
      finished = { claim: step.claimed.claim, outcome: result.outcome };
      settleOnly = step.drained === true && result.outcome.result === 'delivered';
      this.observers.notify({ venId, kind: step.claimed.claim.kind, type: step.claimed.message.type, ...result, ms: performance.now() - started });
      this.#log(venId, step, result.outcome);
    }
  }

  /** `settleOnly`: the step listed nothing, so the wake-up set from the claim's event list stays. */
  #afterStep(venId: string, finished: Finished | undefined, step: StepResult, settleOnly: boolean): void {
    if (finished?.outcome.result === 'failed') this.roster.setSuspended(venId, true);
    if (step.busyUntil !== undefined) this.#timer.at(venId, step.busyUntil);
    else if (!settleOnly) this.#wakeAtStatusChange(venId, step.listed, step.wakeAt);
  }

  /** An event changing status with the clock (near → active, …), or a queued re-send coming due, needs no write to be sent. */
  #wakeAtStatusChange(venId: string, listed: Listed[], wakeAt = Infinity): void {
    const now = this.#vtn.ctx.now();
    let next = wakeAt;
    for (const l of listed) next = Math.min(next, nextStatusChange(l.rec, now) ?? Infinity);
    if (next < Infinity) this.#timer.at(venId, next);
    else this.#timer.cancel(venId);
  }

  #log(venId: string, step: StepResult, outcome: Finished['outcome']): void {
    const line = { venId, kind: step.claimed!.claim.kind, type: step.claimed!.message.type, target: step.claimed!.ven.transportAddress };
    const log = this.#vtn.ctx.log;
    // One line per push would be 10,000 per fan-out: deliveries are counted in the metrics and the admin API.
    if (outcome.result === 'delivered') log.debug(line, 'pushed');
    else if (outcome.result === 'refused') log.warn({ ...line, error: outcome.error }, 'push refused by the VEN or the target rules; the message waits for its next poll (see GET /admin/v1/vens/{venId})');
    else if (outcome.result === 'failed') log.warn({ ...line, error: outcome.error }, 'push failed after its retries; pushes to this VEN pause until it sends a message');
  }

  /** The VEN spoke again after its pushes were paused: resume them. */
  async #resumeOnContact(venId: string): Promise<void> {
    this.roster.setSuspended(venId, false);
    try {
      await this.#vtn.push.resume(venId, { keepRefusals: true });
    } catch (err) {
      this.#vtn.ctx.log.error({ err, venId }, 'push could not be resumed');
    }
  }
}
