// The programmatic VTN: handlers, event authoring, registration control, and the message pipeline entry.
import { randomUUID } from 'node:crypto';
import type { OadrEvent, OadrMessage, OadrService, OptType } from '../oadr/model.js';
import { VtnError } from '../errors.js';
import type { EventRecord, VenRecord, OptRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Logger, VtnContext } from './context.js';
import { silentLogger } from './context.js';
import { dispatch, type MessageHandler } from './dispatcher.js';
import { EventIndex } from './event-index.js';
import {
  assertNoOverlap, buildEventRecord, cancelEventRecord, eventStatus, modifyEventRecord,
  type AddEventOptions, type ModifyEventOptions,
} from './events/index.js';
import { HandlerRegistry, type HandlerName, type Handlers } from './handlers.js';
import { OptListeners, type OptCallback } from './opt-listeners.js';
import { optStateFor, type OptState } from './opt-service.js';
import type { Connection } from './identity-gate.js';
import { rebindFingerprint } from './registration.js';
import { rawEventToOptions } from './raw-event.js';
import { installReportService } from './reports/report-service.js';
import { ReportCallbacks } from './reports/report-callbacks.js';
import { cancelReport, requestReport, type RequestReportOptions } from './reports/request-report.js';
import { offerRecords, subscriptions } from './reports/report-records.js';
import type { ReportSubscription } from './reports/report-subscription.js';
import type { ReportOffer } from './reports/offers.js';
import type { TelemetryStore } from '../telemetry/telemetry-store.js';
import { MemoryTelemetryStore } from '../telemetry/memory-telemetry-store.js';
import { addPending } from './ven-state.js';
import { MessageObservers, type MessageObserver } from './message-observers.js';
import { settingsFrom, type VtnOptions } from './vtn-options.js';
import { RefusedRegistrations } from './refused-registrations.js';

export interface AddEventCallbacks {
  /** Called for every opt response (oadrCreatedEvent or event-scoped EiOpt) to this event. */
  callback?: OptCallback;
  onResponse?: OptCallback;
}

/** What addEvent returns: the id, and a promise per VEN for its opt response. */
export interface EventHandle {
  eventId: string;
  venIds: string[];
  /** Resolves on the first opt response of `venId` (any VEN when omitted). */
  response(venId?: string): Promise<OptType>;
}

export interface EventView {
  event: EventRecord;
  status: string;
  vens: OptState[];
}

export class Vtn {
  readonly ctx: VtnContext;
  readonly options: VtnOptions;
  #messageHandlers = new Map<string, MessageHandler>();
  /** Told about every OpenADR message handled (the HTTP layer reports them). */
  readonly messages = new MessageObservers();

  constructor(options: VtnOptions, store: Store, log: Logger) {
    this.options = options;
    const now = options.now ?? (() => new Date());
    const settings = settingsFrom(options);
    this.ctx = {
      store,
      handlers: new HandlerRegistry(),
      settings,
      log: log ?? silentLogger,
      index: new EventIndex(store),
      optListeners: new OptListeners(),
      pendingRenderers: new Map(),
      telemetry: options.telemetry ?? new MemoryTelemetryStore(),
      reportCallbacks: new ReportCallbacks(),
      refusals: new RefusedRegistrations({ maxNames: settings.limits.refusedNames, linesPerMinute: settings.limits.refusalLogLinesPerMinute, now }),
      now,
      newId: options.newId ?? randomUUID,
    };
    installReportService(this.ctx, (type, handler) => this.registerMessageHandler(type, handler));
    if (!/[A-Z]/.test(this.ctx.settings.vtnId)) {
      this.ctx.log.warn({ vtnId: this.ctx.settings.vtnId }, 'vtnId has no uppercase letter: OpenLEADR VENs treat it as invalid and opt out of every event');
    }
  }

  get store(): Store {
    return this.ctx.store;
  }

  /** Install a hook by name (camelCase, or OpenLEADR's snake_case). Unknown names throw E_HANDLER_NAME. */
  addHandler<N extends HandlerName>(name: N | string, fn: Handlers[N]): void {
    const canonical = this.ctx.handlers.set(name, fn);
    if (canonical === 'onPoll') this.ctx.log.info({}, 'custom onPoll installed: the built-in message queue is bypassed');
  }

  /** Subscribe to every handled OpenADR message (type, venId, response code, duration); returns an unsubscribe. */
  onMessage(observer: MessageObserver): () => void {
    return this.messages.add(observer);
  }

  /** Extension point for optional services (EiReport): handle `type` with `handler`. */
  registerMessageHandler(type: OadrMessage['type'], handler: MessageHandler): void {
    this.#messageHandlers.set(type, handler);
  }

  /** Decode-free entry: route an already decoded message. Used by the HTTP layer and by tests. */
  dispatch(service: OadrService, msg: OadrMessage, conn: Connection = {}): Promise<OadrMessage | null> {
    return dispatch(this.ctx, service, msg, conn, this.#messageHandlers);
  }

  addEvent(options: AddEventOptions & AddEventCallbacks): EventHandle {
    const rec = buildEventRecord(options, {
      now: this.ctx.now(), newId: this.ctx.newId, defaultMarketContext: this.ctx.settings.defaultMarketContext,
    });
    return this.#insert(rec, options.callback ?? options.onResponse);
  }

  /** Add a fully specified event (model form), for what addEvent's shorthand cannot say. */
  addRawEvent(venIds: string | string[], event: OadrEvent, callback?: OptCallback): EventHandle {
    return this.addEvent({ ...rawEventToOptions(event), venIds: Array.isArray(venIds) ? venIds : [venIds], ...(callback ? { callback } : {}) });
  }

  #insert(rec: EventRecord, callback?: OptCallback): EventHandle {
    if (this.ctx.store.events.has(rec.eventId)) {
      throw new VtnError('E_EVENT_DUPLICATE', `An event with eventId ${rec.eventId} exists already.`, 'Use modifyEvent to change it, or choose another eventId.');
    }
    assertNoOverlap(rec, this.ctx.store.events.values(), this.ctx.now());
    const unknown = rec.venIds.filter((v) => !this.ctx.store.vens.has(v));
    if (unknown.length) this.ctx.log.warn({ eventId: rec.eventId, venIds: unknown }, 'event targets VENs that are not registered (yet); they get it once they register');
    this.ctx.store.events.put(rec.eventId, rec);
    this.ctx.index.add(rec);
    if (callback) this.ctx.optListeners.addCallback(rec.eventId, callback);
    this.ctx.log.info({ eventId: rec.eventId, venIds: rec.venIds, dtstart: rec.dtstart, duration: rec.duration, marketContext: rec.marketContext }, 'event added');
    return this.#handle(rec);
  }

  #handle(rec: EventRecord): EventHandle {
    const listeners = this.ctx.optListeners;
    return { eventId: rec.eventId, venIds: [...rec.venIds], response: (venId?: string) => listeners.wait(rec.eventId, venId) };
  }

  /** Change an event; its modificationNumber goes up by one and every VEN gets the new version. */
  modifyEvent(eventId: string, changes: ModifyEventOptions): EventRecord {
    const before = this.#mustGetEvent(eventId);
    const after = modifyEventRecord(before, changes, this.ctx.now());
    if (after === before) return before;
    const others = [...this.ctx.store.events.values()].filter((e) => e.eventId !== eventId);
    assertNoOverlap(after, others, this.ctx.now());
    this.ctx.store.events.put(eventId, after);
    this.ctx.index.update(before, after);
    this.ctx.log.info({ eventId, modificationNumber: after.modificationNumber, reason: after.modificationReason }, 'event modified');
    return after;
  }

  /** Cancel an event; VENs get it once more as cancelled, then it leaves their lists. */
  cancelEvent(eventId: string, reason?: string): EventRecord {
    const before = this.#mustGetEvent(eventId);
    const after = cancelEventRecord(before, this.ctx.now(), reason);
    if (after !== before) {
      this.ctx.store.events.put(eventId, after);
      this.ctx.log.info({ eventId, modificationNumber: after.modificationNumber }, 'event cancelled');
    }
    return after;
  }

  getEvent(eventId: string): EventView | undefined {
    const event = this.ctx.store.events.get(eventId);
    if (!event) return undefined;
    return { event, status: eventStatus(event, this.ctx.now()), vens: event.venIds.map((v) => optStateFor(this.ctx, event, v)) };
  }

  listEvents(filter: { status?: string; venId?: string; marketContext?: string } = {}): EventView[] {
    const now = this.ctx.now();
    const out: EventView[] = [];
    for (const event of this.ctx.store.events.values()) {
      const status = eventStatus(event, now);
      if (filter.status && filter.status !== status) continue;
      if (filter.venId && !event.venIds.includes(filter.venId)) continue;
      if (filter.marketContext && filter.marketContext !== event.marketContext) continue;
      out.push({ event, status, vens: event.venIds.map((v) => optStateFor(this.ctx, event, v)) });
    }
    return out;
  }

  /** Opt state of one VEN for one event (response, EiOpt schedules, and the effective result). */
  optState(eventId: string, venId: string): OptState {
    return optStateFor(this.ctx, this.#mustGetEvent(eventId), venId);
  }

  listVens(): VenRecord[] {
    return [...this.ctx.store.vens.values()];
  }

  getVen(venId: string): VenRecord | undefined {
    return this.ctx.store.vens.get(venId);
  }

  listOpts(venId?: string): OptRecord[] {
    return [...this.ctx.store.opts.values()].filter((o) => !venId || o.venId === venId);
  }

  /** Ask the VEN to register again (oadrRequestReregistration on its next poll). */
  requestReregistration(venId: string): void {
    this.#mustGetVen(venId);
    addPending(this.ctx, venId, { kind: 'requestReregistration' });
    this.ctx.log.info({ venId }, 're-registration requested');
  }

  /** Cancel the VEN's registration (oadrCancelPartyRegistration on its next poll; state retires on its answer). */
  cancelRegistration(venId: string): void {
    const ven = this.#mustGetVen(venId);
    addPending(this.ctx, venId, { kind: 'cancelRegistration', registrationId: ven.registrationId });
    this.ctx.log.info({ venId }, 'registration cancellation queued');
  }

  /** Operator re-binding: the VEN's venID now belongs to this certificate fingerprint (registering never moves it). */
  rebindVen(venId: string, fingerprint: string): VenRecord {
    return rebindFingerprint(this.ctx, venId, fingerprint);
  }

  /** Flush and release the state and the telemetry store (called by close()). */
  async closeState(): Promise<void> {
    await this.ctx.telemetry.close();
    await this.ctx.store.close();
  }

  /** Report values received from VENs (query, latest, aggregate). */
  get telemetry(): TelemetryStore {
    return this.ctx.telemetry;
  }

  /** Ask a VEN for a report later: one-shot, periodic or a history window (oadrCreateReport on its next poll). */
  requestReport(options: RequestReportOptions): { reportRequestId: string } {
    return requestReport(this.ctx, options);
  }

  /** Stop a report (oadrCancelReport on the next poll, or inside the next oadrUpdatedReport). */
  cancelReport(reportRequestId: string, options: { reportToFollow?: boolean } = {}): void {
    cancelReport(this.ctx, reportRequestId, options.reportToFollow ?? false);
  }

  listReportSubscriptions(venId?: string): ReportSubscription[] {
    return [...subscriptions(this.ctx).values()].filter((s) => !venId || s.venId === venId);
  }

  /** The data points a VEN offered in its latest report registration. */
  reportOffers(venId: string): ReportOffer[] {
    return offerRecords(this.ctx).get(venId)?.offers ?? [];
  }

  #mustGetEvent(eventId: string): EventRecord {
    const rec = this.ctx.store.events.get(eventId);
    if (!rec) throw new VtnError('E_EVENT_UNKNOWN', `No event with eventId ${eventId}.`, 'List events with vtn.listEvents().');
    return rec;
  }

  #mustGetVen(venId: string): VenRecord {
    const ven = this.ctx.store.vens.get(venId);
    if (!ven) throw new VtnError('E_VEN_UNKNOWN', `No registered VEN with venId ${venId}.`, 'List VENs with vtn.listVens().');
    return ven;
  }
}
