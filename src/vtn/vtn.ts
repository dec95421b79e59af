// The programmatic VTN: handlers, event authoring, registration control, and the message pipeline entry.
import { randomUUID } from 'node:crypto';
import type { OadrEvent, OadrMessage, OadrService, OptType } from '../oadr/model.js';
import { VtnError } from '../errors.js';
import type { EventRecord, VenRecord, OptRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { inUnit, type Logger, type VtnContext, type Work } from './context.js';
import { silentLogger } from './context.js';
import { dispatch, type MessageHandler } from './dispatcher.js';
import { IdlePolls } from './idle-polls.js';
import { PresenceBook } from './presence-book.js';
import {
  assertNoOverlap, buildEventRecord, cancelEventRecord, eventStatus, modifyEventRecord,
  type AddEventOptions, type ModifyEventOptions,
} from './events/index.js';
import { HandlerRegistry, type HandlerName, type Handlers } from './handlers.js';
import { OptListeners, type OptCallback } from './opt-listeners.js';
import { OptResponseLog } from './opt-response-log.js';
import { optStateFor, optStateOf, type OptState } from './opt-service.js';
import { firstAnswer } from './opt-answer.js';
import type { Connection } from './identity-gate.js';
import { rebindFingerprint } from './registration.js';
import { rawEventToOptions } from './raw-event.js';
import { installReportService } from './reports/report-service.js';
import { ReportCallbacks } from './reports/report-callbacks.js';
import { cancelReport, requestReport, type RequestReportOptions } from './reports/request-report.js';
import { offerRecords, subscriptions, subscriptionsOf } from './reports/report-records.js';
import type { ReportSubscription } from './reports/report-subscription.js';
import type { ReportOffer } from './reports/offers.js';
import type { TelemetryStore } from '../telemetry/telemetry-store.js';
import { MemoryTelemetryStore } from '../telemetry/memory-telemetry-store.js';
import { addPending } from './ven-state.js';
import { MessageObservers, Observers, type MessageObserver } from './message-observers.js';
import { settingsFrom, type VtnOptions } from './vtn-options.js';
import { RefusalBook } from './refusal-book.js';
import { RetentionTimer } from './retention-timer.js';
import { followRemoteOptResponses } from './remote-opt-responses.js';
import { sweep, type SweepCounts } from './retention.js';
import { EVENT_ARCHIVE, type ArchivedEvent } from './event-archive.js';
import { PushControl } from './push-control.js';
import { LockedTimer } from './locked-timer.js';
import { cancellationIn, queueCancellation, sweepCancellations } from './registration-cancel.js';
import { listRetired, type RetiredVen } from './retired-vens.js';
import type { PendingItem } from '../store/records.js';

/** A VTN-initiated cancellation as the operator sees it. */
export interface CancellationView {
  registrationId: string;
  requestedAt?: string;
  /** The VEN is retired then, confirmed or not. */
  retireAt?: string;
  /** oadrCancelPartyRegistration sent so far. */
  sends: number;
  lastSentAt?: string;
}

function cancellationView(item: Extract<PendingItem, { kind: 'cancelRegistration' }>): CancellationView {
  return {
    registrationId: item.registrationId, ...(item.requestedAt ? { requestedAt: item.requestedAt } : {}), ...(item.retireAt ? { retireAt: item.retireAt } : {}),
    sends: item.sends ?? 0, ...(item.lastSentAt ? { lastSentAt: item.lastSentAt } : {}),
  };
}

export interface AddEventCallbacks {
  /** Called for every opt response (oadrCreatedEvent or event-scoped EiOpt) to this event. */
  callback?: OptCallback;
  onResponse?: OptCallback;
}

/** What addEvent returns: the id, and a promise per VEN for its opt response. */
export interface EventHandle {
  eventId: string;
  venIds: string[];
  /** Resolves on the first opt response of `venId` (any VEN when omitted): one already recorded, else the next. */
  response(venId?: string): Promise<OptType>;
}

/** What happened to an event: told after the change is committed, on the instance that made it. */
export interface EventChange {
  /** 'removed': retention took the (ended) event out of the live set; `event` is the record as it was. */
  kind: 'created' | 'modified' | 'cancelled' | 'removed';
  event: EventRecord;
}

export type EventChangeObserver = (change: EventChange) => void;

export interface EventView {
  event: EventRecord;
  status: string;
  vens: OptState[];
}

export class Vtn {
  readonly ctx: VtnContext;
  readonly options: VtnOptions;
  #messageHandlers = new Map<string, MessageHandler>();
  readonly #retention: RetentionTimer;
  readonly #cancellations: LockedTimer;
  /** Told about every OpenADR message handled (the HTTP layer reports them). */
  readonly messages = new MessageObservers();
  /** Push health per VEN, a summary and resume (the pusher registers itself here). */
  readonly push: PushControl;
  readonly #eventChanges = new Observers<EventChange>();

  constructor(options: VtnOptions, store: Store, log: Logger) {
    this.options = options;
    const now = options.now ?? (() => new Date());
    const settings = settingsFrom(options);
    this.ctx = {
      store,
      handlers: new HandlerRegistry(),
      settings,
      log: log ?? silentLogger,
      idle: new IdlePolls(store, options.idlePollCacheMs ?? 15_000),
      presence: new PresenceBook(store, settings.pollFreqMs, log ?? silentLogger),
      optListeners: new OptListeners(),
      optLog: new OptResponseLog(log ?? silentLogger),
      pendingRenderers: new Map(),
      telemetry: options.telemetry ?? new MemoryTelemetryStore(),
      reportCallbacks: new ReportCallbacks(),
      refusals: new RefusalBook(store, {
        maxNames: settings.limits.refusedNames, flushMs: settings.limits.refusalFlushSeconds * 1000, summaryMs: settings.limits.refusalSummarySeconds * 1000,
        linesPerMinute: settings.limits.refusalLogLinesPerMinute, now, log: log ?? silentLogger,
      }),
      now,
      newId: options.newId ?? randomUUID,
    };
    this.push = new PushControl(this.ctx);
    installReportService(this.ctx, (type, handler) => this.registerMessageHandler(type, handler));
    this.#retention = new RetentionTimer(this.ctx, this.#told('removed'));
    this.#cancellations = new LockedTimer(this.ctx, { everyMs: settings.field.sweepEveryMs, lock: 'cancellation-grace', what: 'cancellation grace sweep', run: sweepCancellations });
    followRemoteOptResponses(this.ctx);
    if (!/[A-Z]/.test(this.ctx.settings.vtnId)) {
      this.ctx.log.warn({ vtnId: this.ctx.settings.vtnId }, 'vtnId has no uppercase letter: OpenLEADR VENs treat it as invalid and opt out of every event');
    }
  }

  get store(): Store {
    return this.ctx.store;
  }

  /** Install a hook by its camelCase name. Unknown names throw E_HANDLER_NAME, OpenLEADR's snake_case ones E_HANDLER_SNAKE_CASE. */
  addHandler<N extends HandlerName>(name: N | string, fn: Handlers[N]): void {
    const canonical = this.ctx.handlers.set(name, fn);
    if (canonical === 'onPoll') this.ctx.log.info({}, 'custom onPoll installed: the built-in message queue is bypassed');
  }

  /** Subscribe to every handled OpenADR message (type, venId, response code, duration); returns an unsubscribe. */
  onMessage(observer: MessageObserver): () => void {
    return this.messages.add(observer);
  }

  /** Subscribe to events created, modified or cancelled through this VTN (admin API, rules, schedules, embedders); returns an unsubscribe. */
  onEventChange(observer: EventChangeObserver): () => void {
    return this.#eventChanges.add(observer);
  }

  /** Extension point for optional services (EiReport): handle `type` with `handler`. */
  registerMessageHandler(type: OadrMessage['type'], handler: MessageHandler): void {
    this.#messageHandlers.set(type, handler);
  }

  /** Decode-free entry: route an already decoded message. Used by the HTTP layer and by tests. */
  dispatch(service: OadrService, msg: OadrMessage, conn: Connection = {}): Promise<OadrMessage | null> {
    return dispatch(this.ctx, service, msg, conn, this.#messageHandlers);
  }

  async addEvent(options: AddEventOptions & AddEventCallbacks): Promise<EventHandle> {
    const rec = buildEventRecord(options, {
      now: this.ctx.now(), newId: this.ctx.newId, defaultMarketContext: this.ctx.settings.defaultMarketContext,
    });
    return this.#insert(rec, options.callback ?? options.onResponse);
  }

  /** Add a fully specified event (model form), for what addEvent's shorthand cannot say. */
  addRawEvent(venIds: string | string[], event: OadrEvent, callback?: OptCallback): Promise<EventHandle> {
    return this.addEvent({ ...rawEventToOptions(event), venIds: Array.isArray(venIds) ? venIds : [venIds], ...(callback ? { callback } : {}) });
  }

  async #insert(rec: EventRecord, callback?: OptCallback): Promise<EventHandle> {
    await this.#unit('addEvent', async (w) => {
      if (await w.u.events.has(rec.eventId)) {
        throw new VtnError('E_EVENT_DUPLICATE', `An event with eventId ${rec.eventId} exists already.`, 'Use modifyEvent to change it, or choose another eventId.');
      }
      assertNoOverlap(rec, await liveEventsNear(w, rec), this.ctx.now());
      const known = await w.u.vens.getMany(rec.venIds);
      const unknown = rec.venIds.filter((v) => !known.has(v));
      if (unknown.length) this.ctx.log.warn({ eventId: rec.eventId, venIds: unknown.slice(0, 20), unknown: unknown.length }, 'event targets VENs that are not registered (yet); they get it once they register');
      w.u.events.create(rec.eventId, rec);
      w.u.afterCommit(() => this.#eventChanges.notify({ kind: 'created', event: rec }));
    });
    if (callback) this.ctx.optListeners.addCallback(rec.eventId, callback);
    this.ctx.log.info({ eventId: rec.eventId, vens: rec.venIds.length, dtstart: rec.dtstart, duration: rec.duration, marketContext: rec.marketContext }, 'event added');
    return this.#handle(rec);
  }

  #handle(rec: EventRecord): EventHandle {
    return { eventId: rec.eventId, venIds: [...rec.venIds], response: (venId?: string) => firstAnswer(this.ctx, rec.eventId, venId) };
  }

  /** Change an event; its modificationNumber goes up by one and every VEN gets the new version. */
  async modifyEvent(eventId: string, changes: ModifyEventOptions): Promise<EventRecord> {
    const after = await this.#unit('modifyEvent', async (w) => {
      const before = await mustGetEvent(w, eventId);
      const next = modifyEventRecord(before, changes, this.ctx.now());
      if (next === before) return before;
      assertNoOverlap(next, (await liveEventsNear(w, next)).filter((e) => e.eventId !== eventId), this.ctx.now());
      w.u.events.put(eventId, next);
      w.u.afterCommit(() => this.#eventChanges.notify({ kind: 'modified', event: next }));
      // VENs dropped from the audience get their list once more, without this event (kept across restarts).
      const kept = new Set(next.venIds);
      for (const venId of before.venIds) if (!kept.has(venId)) await addPending(w, venId, { kind: 'resendEvents' });
      return next;
    });
    this.ctx.log.info({ eventId, modificationNumber: after.modificationNumber, reason: after.modificationReason }, 'event modified');
    return after;
  }

  /** Cancel an event; VENs get it once more as cancelled, then it leaves their lists. */
  async cancelEvent(eventId: string, reason?: string): Promise<EventRecord> {
    return this.#unit('cancelEvent', async (w) => {
      const before = await mustGetEvent(w, eventId);
      const after = cancelEventRecord(before, this.ctx.now(), reason);
      if (after !== before) {
        w.u.events.put(eventId, after);
        w.u.afterCommit(() => {
          this.ctx.log.info({ eventId, modificationNumber: after.modificationNumber }, 'event cancelled');
          this.#eventChanges.notify({ kind: 'cancelled', event: after });
        });
      }
      return after;
    });
  }

  async getEvent(eventId: string): Promise<EventView | undefined> {
    return this.#unit('getEvent', async (w) => {
      const event = await w.u.events.get(eventId);
      return event ? viewOf(w, event, this.ctx.now()) : undefined;
    });
  }

  /** Events in eventId order; `venId` uses the audience index, `limit`/`after` page through a long history. */
  async listEvents(filter: { status?: string; venId?: string; marketContext?: string; limit?: number; after?: string; withVens?: boolean } = {}): Promise<EventView[]> {
    const now = this.ctx.now();
    return this.#unit('listEvents', async (w) => {
      const events = filter.venId
        ? (await w.u.events.find('venId', filter.venId)).filter((e) => filter.after === undefined || e.eventId > filter.after)
        : (await w.u.events.list({ ...(filter.after !== undefined ? { after: filter.after } : {}) })).map((r) => r.value);
      const out: EventView[] = [];
      for (const event of events) {
        if (filter.limit !== undefined && out.length >= filter.limit) break;
        const status = eventStatus(event, now);
        if (filter.status && filter.status !== status) continue;
        if (filter.marketContext && filter.marketContext !== event.marketContext) continue;
        // A list view without per-VEN opt states costs no reads per VEN (withVens: false).
        out.push(filter.withVens === false ? { event, status, vens: [] } : await viewOf(w, event, now));
      }
      return out;
    });
  }

  /** Opt state of one VEN for one event (response, EiOpt schedules, and the effective result). */
  async optState(eventId: string, venId: string): Promise<OptState> {
    return this.#unit('optState', async (w) => optStateFor(w, await mustGetEvent(w, eventId), venId));
  }

  /** The VEN's answer to an event: the one already given (any instance), else the next one. */
  async optResponse(eventId: string, venId: string): Promise<OptType> {
    return firstAnswer(this.ctx, eventId, venId);
  }

  /** Registered VENs in venId order (`limit`/`after` page through a large fleet). */
  async listVens(page: { limit?: number; after?: string } = {}): Promise<VenRecord[]> {
    return this.#unit('listVens', async (w) => (await w.u.vens.list(page)).map((r) => r.value));
  }

  async getVen(venId: string): Promise<VenRecord | undefined> {
    return this.#unit('getVen', (w) => w.u.vens.get(venId));
  }

  async listOpts(venId?: string): Promise<OptRecord[]> {
    return this.#unit('listOpts', async (w) => (venId ? w.u.opts.find('venId', venId) : (await w.u.opts.list()).map((r) => r.value)));
  }

  /** Ask the VEN to register again (oadrRequestReregistration on its next poll). */
  async requestReregistration(venId: string): Promise<void> {
    await this.#unit('requestReregistration', async (w) => {
      await mustGetVen(w, venId);
      await addPending(w, venId, { kind: 'requestReregistration' });
    });
    this.ctx.log.info({ venId }, 're-registration requested');
  }

  /**
   * Cancel the VEN's registration: oadrCancelPartyRegistration on each poll (or push) until the VEN confirms it; at the
   * end of the grace (fieldVens.cancelGrace) the VEN is retired whether it confirmed or not. Asking again keeps the grace.
   */
  async cancelRegistration(venId: string): Promise<CancellationView> {
    const item = await this.#unit('cancelRegistration', async (w) => queueCancellation(w, await mustGetVen(w, venId)));
    this.ctx.log.info({ venId, registrationId: item.registrationId, retireAt: item.retireAt }, 'registration cancellation queued; re-sent until confirmed, retired at retireAt in any case');
    return cancellationView(item);
  }

  /** The VTN-initiated cancellation waiting for this VEN, if any. */
  async cancellation(venId: string): Promise<CancellationView | undefined> {
    const item = await this.#unit('cancellation', async (w) => cancellationIn((await w.u.pending.get(venId))?.items ?? []));
    return item ? cancellationView(item) : undefined;
  }

  /** Retire the VENs whose cancellation grace is over (also run every fieldVens.sweepEvery by one instance). */
  sweepCancellations(): Promise<number> {
    return sweepCancellations(this.ctx);
  }

  /** Registrations that ended (newest first): how each ended (ven, confirmed, grace, replaced) and when. */
  listRetiredVens(o: { venId?: string; limit?: number } = {}): Promise<RetiredVen[]> {
    return this.#unit('listRetiredVens', (w) => listRetired(w.u, o));
  }

  /** Operator re-binding: the VEN's venID now belongs to this certificate fingerprint (registering never moves it). */
  rebindVen(venId: string, fingerprint: string): Promise<VenRecord> {
    return this.#unit('rebindVen', (w) => rebindFingerprint(w, venId, fingerprint));
  }

  /** Flush presence, then release the state and the telemetry store (called by close()). */
  async closeState(): Promise<void> {
    this.#retention.stop();
    this.#cancellations.stop();
    this.ctx.presence.stop();
    await this.ctx.presence.flush();
    this.ctx.refusals.stop();
    await this.ctx.refusals.flush();
    this.ctx.optLog.flush();
    await this.ctx.telemetry.close();
    await this.ctx.store.close();
  }

  /** Report values received from VENs (query, latest, aggregate). */
  get telemetry(): TelemetryStore {
    return this.ctx.telemetry;
  }

  /** Ask a VEN for a report later: one-shot, periodic or a history window (oadrCreateReport on its next poll). */
  requestReport(options: RequestReportOptions): Promise<{ reportRequestId: string }> {
    return this.#unit('requestReport', (w) => requestReport(w, options));
  }

  /** Stop a report (oadrCancelReport on the next poll, or inside the next oadrUpdatedReport). */
  async cancelReport(reportRequestId: string, options: { reportToFollow?: boolean } = {}): Promise<void> {
    await this.#unit('cancelReport', (w) => cancelReport(w, reportRequestId, options.reportToFollow ?? false));
  }

  async listReportSubscriptions(venId?: string): Promise<ReportSubscription[]> {
    return this.#unit('listReportSubscriptions', async (w) => (venId ? subscriptionsOf(w, venId) : (await subscriptions(w).list()).map((r) => r.value)));
  }

  /** The data points a VEN offered in its latest report registration. */
  async reportOffers(venId: string): Promise<ReportOffer[]> {
    return this.#unit('reportOffers', async (w) => (await offerRecords(w).get(venId))?.offers ?? []);
  }

  /** Run retention now (it also runs every eventRetention.sweepEvery on the instance holding the 'retention' lock). */
  sweepRetention(): Promise<SweepCounts> {
    return sweep(this.ctx, this.#told('removed'));
  }

  /** Tells event-change observers of one kind of change (for work outside this class, such as retention). */
  #told(kind: EventChange['kind']): (event: EventRecord) => void {
    return (event) => this.#eventChanges.notify({ kind, event });
  }

  /** Summaries of events that left the live set, oldest first (`after` an eventId, `limit`). */
  async listEventArchive(page: { after?: string; limit?: number } = {}): Promise<ArchivedEvent[]> {
    return this.#unit('listEventArchive', async (w) => (await w.u.collection<ArchivedEvent>(EVENT_ARCHIVE).list(page)).map((r) => r.value));
  }

  #unit<T>(label: string, fn: (w: Work) => Promise<T>): Promise<T> {
    return inUnit(this.ctx, label, fn);
  }
}

async function mustGetEvent(w: Work, eventId: string): Promise<EventRecord> {
  const rec = await w.u.events.get(eventId);
  if (!rec) throw new VtnError('E_EVENT_UNKNOWN', `No event with eventId ${eventId}.`, 'List events with vtn.listEvents().');
  return rec;
}

async function mustGetVen(w: Work, venId: string): Promise<VenRecord> {
  const ven = await w.u.vens.get(venId);
  if (!ven) throw new VtnError('E_VEN_UNKNOWN', `No registered VEN with venId ${venId}.`, 'List VENs with vtn.listVens().');
  return ven;
}

/** Events that have not ended by the new event's start (the only ones it can overlap), by the end-time index. */
async function liveEventsNear(w: Work, rec: EventRecord): Promise<EventRecord[]> {
  const [ending, openEnded] = await Promise.all([
    w.u.events.range('endsAt', { from: rec.dtstart }),
    w.u.events.find('openEnded', 'open'),
  ]);
  const seen = new Map(ending.map((e) => [e.eventId, e]));
  for (const e of openEnded) if (!seen.has(e.eventId)) seen.set(e.eventId, e);
  return [...seen.values()];
}

/** An event with its status and every VEN's opt state (its 2.0b audience, then the 3.1 VENs that answered); deliveries are read in one call. */
async function viewOf(w: Work, event: EventRecord, now: Date): Promise<EventView> {
  const deliveries = await w.u.deliveries.find('eventId', event.eventId);
  const byVen = new Map(deliveries.map((d) => [d.venId, d]));
  const audience = new Set(event.venIds);
  const answered3 = deliveries.filter((d) => d.protocol === 'openadr3' && !audience.has(d.venId)).sort((a, b) => a.venId.localeCompare(b.venId));
  // Opts matter only for VENs that have any: one indexed read per VEN would be 10,000 reads for a fleet-wide event.
  const opts = await w.u.opts.find('eventId', event.eventId);
  const scheduled = event.venIds.length <= 200 ? await Promise.all(event.venIds.map((v) => w.u.opts.find('venId', v))) : undefined;
  return {
    event,
    status: eventStatus(event, now),
    vens: [
      ...event.venIds.map((v, i) => optStateOf(event, v, byVen.get(v), scheduled?.[i] ?? opts.filter((o) => o.venId === v))),
      ...answered3.map((d) => optStateOf(event, d.venId, d, [])),
    ],
  };
}
