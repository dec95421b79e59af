// Everything a service module needs, passed explicitly so services stay small and testable.
import type { Store, Unit } from '../store/store.js';
import type { IdlePolls } from './idle-polls.js';
import type { PresenceBook } from './presence-book.js';
import type { HandlerRegistry } from './handlers.js';
import type { OptListeners } from './opt-listeners.js';
import type { OptResponseLog } from './opt-response-log.js';
import type { PendingRenderer } from './poll.js';
import type { PendingItem } from '../store/records.js';
import type { TelemetryStore } from '../telemetry/telemetry-store.js';
import type { ReportCallbacks } from './reports/report-callbacks.js';
import type { VenLimits } from './limits.js';
import type { RefusalBook } from './refusal-book.js';
import type { PushTargetRules } from './push-target.js';
import type { FieldTimerSettings } from './field-timers.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export interface VtnSettings {
  vtnId: string;
  /** Poll frequency offered to VENs, ms. */
  pollFreqMs: number;
  defaultMarketContext: string;
  /** Accept every registration when no onCreatePartyRegistration handler is installed. */
  openEnrollment: boolean;
  /** How long a cancelled event stays in a VEN's list when no acknowledgement is expected, ms. */
  cancelledRetentionMs: number;
  /** Compatibility: emit dtstart on every signal interval. */
  intervalDtstart: boolean;
  /** Per-VEN caps and refusal bookkeeping bounds. */
  limits: VenLimits;
  /** Ended events stay live for liveMs, then their summary stays in the archive for archiveMs. */
  retention: { liveMs: number; archiveMs: number; sweepEveryMs: number };
  /** Field VENs: report-request fallback and cancellation grace (field-timers.ts); undefined = poll periods of the VEN. */
  field: FieldTimerSettings;
  /** HTTP push: accepted only when a pusher runs (VtnServer); `rules.ownPorts` gains the listen port at listen(). */
  push: { enabled: boolean; rules: PushTargetRules };
}

export interface VtnContext {
  readonly store: Store;
  readonly handlers: HandlerRegistry;
  readonly settings: VtnSettings;
  readonly log: Logger;
  /** VENs known to have nothing waiting: their polls are answered without a store round trip. */
  readonly idle: IdlePolls;
  /** Last-seen times, written to the store at most once per two poll periods per VEN. */
  readonly presence: PresenceBook;
  readonly optListeners: OptListeners;
  /** Accepted opt responses: debug per message, an info summary per interval. */
  readonly optLog: OptResponseLog;
  /** Renderers for queued messages owned by optional modules (reports). */
  readonly pendingRenderers: Map<PendingItem['kind'], PendingRenderer>;
  /** Where report values go (never the main state document). */
  readonly telemetry: TelemetryStore;
  /** Per-subscription value callbacks given by report decisions (code, so in memory only). */
  readonly reportCallbacks: ReportCallbacks;
  /** Refused registrations: counted here, written to the store's bounded refusal table in batches, logged sparingly. */
  readonly refusals: RefusalBook;
  now(): Date;
  newId(): string;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** A VtnContext inside one unit of work: every read and write of one message goes through `u`. */
export interface Work extends VtnContext {
  readonly u: Unit;
}

/** Runs `fn` as one unit of work (committed before it resolves; re-run on a write conflict). */
export function inUnit<T>(ctx: VtnContext, label: string, fn: (w: Work) => Promise<T>): Promise<T> {
  return ctx.store.unit((u) => fn({ ...ctx, u }), { label });
}
