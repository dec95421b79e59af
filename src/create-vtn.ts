// createVtn(): open the state, build the logger and the app. The one entry point programmers need.
import { pino, type Logger as PinoLogger } from 'pino';
import { openStore, type StoreSettings } from './store/open-store.js';
import type { PostgresStore } from './store/postgres/postgres-store.js';
import type { Store } from './store/store.js';
import { VtnServer } from './http/vtn-server.js';
import type { Logger } from './vtn/context.js';
import { silentLogger } from './vtn/context.js';
import { DEFAULTS, type VtnOptions } from './vtn/vtn-options.js';
import { parseDuration } from './oadr/duration.js';
import { FileTelemetryStore } from './telemetry/file-telemetry-store.js';
import { MemoryTelemetryStore } from './telemetry/memory-telemetry-store.js';
import type { TelemetryStore } from './telemetry/telemetry-store.js';

/** `store` may also be the configuration's settings ({ kind: 'postgres', url }): createVtn opens that store. */
export type CreateVtnOptions = Omit<VtnOptions, 'store'> & { store?: Store | StoreSettings };

export async function createVtn(createOptions: CreateVtnOptions = {}): Promise<VtnServer> {
  const settings = isStore(createOptions.store) ? undefined : createOptions.store;
  const options: VtnOptions = { ...createOptions, store: isStore(createOptions.store) ? createOptions.store : undefined };
  const pinoLogger = options.logger === undefined ? pino({ level: process.env.VTN_LOG_LEVEL ?? 'info' }) : undefined;
  const log: Logger = options.logger === false ? silentLogger : (options.logger ?? pinoLogger!);
  const store = options.store ?? (await openStore({
    ...(options.inMemory ? { memory: true } : { dataDir: options.dataDir ?? DEFAULTS.dataDir }),
    ...(settings ? { store: settings } : {}),
    logger: log,
  }));
  if (options.store && !options.store.isReady()) await options.store.open();
  const telemetry = options.telemetry ?? (await openTelemetry(options, store, log));
  // A pino logger handed in (vtn start) also serves fastify, so its own errors reach the same log.
  const fastifyLogger = pinoLogger ?? (isPino(options.logger) ? options.logger : undefined);
  return new VtnServer({ ...options, telemetry }, store, log, fastifyLogger);
}

function isStore(store: Store | StoreSettings | undefined): store is Store {
  return typeof (store as Store | undefined)?.unit === 'function';
}

function isPino(logger: VtnOptions['logger']): logger is Logger & PinoLogger {
  return typeof logger === 'object' && ['child', 'fatal', 'trace'].every((m) => typeof (logger as unknown as Record<string, unknown>)[m] === 'function')
    && typeof (logger as { level?: unknown }).level === 'string';
}

/** Report values live beside the state: in the same PostgreSQL database, or in hourly segment files under <dataDir>/telemetry. */
async function openTelemetry(options: VtnOptions, store: Store, log: Logger): Promise<TelemetryStore> {
  const retention = options.telemetryRetention ?? {};
  const maxAge = retention.maxAge;
  const opts = {
    ...(maxAge !== undefined ? { maxAgeMs: typeof maxAge === 'number' ? maxAge : parseDuration(maxAge) } : {}),
    ...(retention.maxPerSeries !== undefined ? { maxPerSeries: retention.maxPerSeries } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const onRetentionError = (err: unknown) => log.warn({ err }, 'telemetry retention failed; the next run tries again');
  // The PostgreSQL telemetry store is imported only for a PostgreSQL state (it brings `pg`).
  const telemetry = store.kind === 'postgres'
    ? new (await import('./telemetry/postgres-telemetry-store.js')).PostgresTelemetryStore({ ...opts, pool: (store as PostgresStore).pool, onRetentionError })
    : options.inMemory || (options.store && options.dataDir === undefined)
    ? new MemoryTelemetryStore(opts)
    : new FileTelemetryStore({ ...opts, dataDir: options.dataDir ?? DEFAULTS.dataDir });
  await telemetry.open();
  return telemetry;
}
