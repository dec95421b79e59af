// Options for createVtn(), their defaults, and normalisation into settings.
import { DEFAULT_MAX_BYTES } from '../oadr/xml-guard.js';
import type { Store } from '../store/store.js';
import type { TelemetryStore } from '../telemetry/telemetry-store.js';
import type { Logger, VtnSettings } from './context.js';
import { toMs } from './events/to-ms.js';
import { resolveLimits, type VenLimits } from './limits.js';
import { ownAddressesFor } from './own-addresses.js';
import { fieldTimerSettings, type FieldVenOptions } from './field-timers.js';
import type { Timers } from './timers.js';
import type { SigningSettings, TlsSettings, TrustedProxySettings } from '../security/security-settings.js';

export interface VtnOptions {
  /** Identifies this VTN to VENs; keep at least one uppercase letter (OpenLEADR VENs reject all-lowercase). */
  vtnId?: string;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 8080, 0 picks a free one. */
  port?: number;
  /** Path prefix of the OpenADR services; default /OpenADR2/Simple/2.0b. */
  prefix?: string;
  /** Poll frequency requested from VENs, ms or ISO 8601; default PT10S. */
  pollFreq?: number | string;
  /** Folder of the state files (snapshot, journal, lock); default ./data. Ignored when `store` is given. */
  dataDir?: string;
  /** A ready-made store (e.g. `new MemoryStore()` in tests). */
  store?: Store;
  /** A ready-made, opened telemetry store for report values; createVtn opens one under dataDir/telemetry. */
  telemetry?: TelemetryStore;
  /** How long report values are kept (ms or ISO 8601; default P7D) and how many per series (default 100,000). */
  telemetryRetention?: { maxAge?: number | string; maxPerSeries?: number };
  /** Keep everything in memory (nothing survives a restart). */
  inMemory?: boolean;
  /** Largest accepted request body in bytes; default 1 MiB. */
  bodyLimit?: number;
  /** market context used when an event names none; default oadr://unknown.context. */
  defaultMarketContext?: string;
  /** Accept every registration when no onCreatePartyRegistration handler is installed; default false. */
  openEnrollment?: boolean;
  /** How long a cancelled event without expected acknowledgement stays listed; ms or ISO; default PT1H. */
  cancelledRetention?: number | string;
  /** Compatibility for VEN libraries that expect dtstart on every interval; default false. */
  intervalDtstart?: boolean;
  /** A pino-compatible logger, `false` for silence; default: JSON logs at info level. */
  logger?: Logger | false;
  /**
   * How long this instance may answer a VEN's poll "nothing new" without reading the store, ms; default 15,000;
   * 0 reads the store on every poll. A change notice ends it at once: the bound only matters if one was lost.
   */
  idlePollCacheMs?: number;
  /**
   * Bytes of decoded unsigned polls kept by their exact body, so a VEN's repeated poll skips the XML reader; default
   * 16 MiB (19,000 polls of 360 bytes); 0 decodes every body. Only polls the identity gate proved are kept.
   */
  repeatedPollCacheBytes?: number;
  /** Retention: how long completed and cancelled events stay in the live set (ms or ISO; default P7D) and in the archive (default P90D). */
  eventRetention?: { live?: number | string; archive?: number | string; sweepEvery?: number | string };
  /** Clock, for tests and simulations. */
  now?: () => Date;
  /** Timer functions for the timers that follow `now` (push wake-ups), for tests that drive the clock; default the real ones. */
  timers?: Timers;
  /** ID generator; default crypto.randomUUID. */
  newId?: () => string;
  /** Per-VEN caps (offers, subscriptions, opts, series) and the refused-registration table; see DEFAULT_LIMITS. */
  limits?: Partial<VenLimits>;
  /** Mutual TLS (https with required client certificates); plain HTTP when absent. */
  tls?: TlsSettings;
  /** Sign every reply and set the replay window for signed VEN messages. */
  signing?: SigningSettings;
  /** A TLS-terminating proxy that passes the client certificate (or its fingerprint) in a header. */
  trustedProxy?: TrustedProxySettings;
  /** HTTP push to VENs that register with oadrHttpPullModel false (see README "HTTP push"). */
  push?: PushOptions;
  /** Report-request fallback and cancellation grace (README "Field VENs"). */
  fieldVens?: FieldVenOptions;
}

export interface PushOptions {
  /** Accept push registrations and push to them; default true for createVtn (a bare Vtn cannot push). */
  enabled?: boolean;
  /** Let VENs name loopback targets (tests, demos on one machine); default false. */
  allowLoopback?: boolean;
  /** Time for one push request, connect to last byte; ms or ISO 8601; default PT10S. */
  timeout?: number | string;
  /** Tries per message on transport errors and 5xx, including the first; default 3. */
  attempts?: number;
  /** Wait before the first retry, doubled for each next one; ms or ISO 8601; default 500 ms. */
  retryBackoff?: number | string;
  /** Push requests in flight at once, over all VENs; default 128. */
  concurrency?: number;
  /** Largest reply body read from a VEN; default bodyLimit. */
  maxResponseBytes?: number;
  /** More ports of this host that are never a target (the admin port; vtn start adds it). */
  ownPorts?: number[];
}

export const DEFAULTS = {
  vtnId: 'VTN-1',
  host: '127.0.0.1',
  port: 8080,
  prefix: '/OpenADR2/Simple/2.0b',
  pollFreq: 'PT10S',
  dataDir: 'data',
  // The HTTP body limit and the XML reader's size bound are one number.
  bodyLimit: DEFAULT_MAX_BYTES,
  repeatedPollCacheBytes: 16 * 1024 * 1024,
  defaultMarketContext: 'oadr://unknown.context',
  cancelledRetention: 'PT1H',
  eventLiveRetention: 'P7D',
  eventArchiveRetention: 'P90D',
} as const;

export function settingsFrom(o: VtnOptions): VtnSettings {
  const pollFreqMs = toMs(o.pollFreq ?? DEFAULTS.pollFreq);
  return {
    vtnId: o.vtnId ?? DEFAULTS.vtnId,
    pollFreqMs,
    defaultMarketContext: o.defaultMarketContext ?? DEFAULTS.defaultMarketContext,
    openEnrollment: o.openEnrollment ?? false,
    cancelledRetentionMs: toMs(o.cancelledRetention ?? DEFAULTS.cancelledRetention),
    intervalDtstart: o.intervalDtstart ?? false,
    limits: resolveLimits(o.limits),
    retention: {
      liveMs: toMs(o.eventRetention?.live ?? DEFAULTS.eventLiveRetention),
      archiveMs: toMs(o.eventRetention?.archive ?? DEFAULTS.eventArchiveRetention),
      sweepEveryMs: toMs(o.eventRetention?.sweepEvery ?? 60_000),
    },
    field: fieldTimerSettings(o.fieldVens, pollFreqMs),
    push: {
      enabled: o.push?.enabled ?? false,
      rules: {
        allowLoopback: o.push?.allowLoopback ?? false,
        httpsOnly: Boolean(o.tls),
        ownPorts: [...(o.push?.ownPorts ?? []), ...(o.port ? [o.port] : [])],
        ownAddresses: ownAddressesFor(o.host ?? DEFAULTS.host),
      },
    },
  };
}

/** Path prefix without a trailing slash, with a leading one. */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
