// Options of `vtn simulate` / runSimulation(), checked up front so a typo fails with a clear message.
import { VtnError } from '../errors.js';
import { parseDuration } from '../oadr/duration.js';
import { parseOptPolicy, type OptPolicy } from './opt-policy.js';
import type { SimulationSummary } from './simulation-summary.js';

export interface SimulationOptions {
  /** The VTN: its origin (http://127.0.0.1:8080) or the full service base; nothing else is contacted. */
  url: string;
  /** Path of the OpenADR services, appended unless the URL already ends with it; default /OpenADR2/Simple/2.0b. */
  prefix?: string;
  /** How many VENs to simulate (1–10,000). */
  vens: number;
  /** Stop after this many seconds; default: run until `signal` aborts. */
  seconds?: number;
  /** always-in (default), always-out or random:<p>. */
  opt?: string;
  /** Shortest sampling period the VENs offer, ISO 8601 or ms; default PT10S. */
  reportEvery?: string | number;
  /** VEN names are <namePrefix>01, <namePrefix>02 …; default sim-. */
  namePrefix?: string;
  /** Seed of the load curves, noise and random opt answers; default: random. */
  seed?: number;
  /** Stops the simulation (e.g. on SIGINT). */
  signal?: AbortSignal;
  /** Called every summaryEveryMs (default 10 s) and once at the end with final = true. */
  onSummary?: (summary: SimulationSummary, final: boolean) => void;
  summaryEveryMs?: number;
  /** Per-request time-out; default 10 s. */
  requestTimeoutMs?: number;
}

export interface ResolvedSimulation {
  serviceBase: string;
  vens: number;
  durationMs: number | undefined;
  policy: OptPolicy;
  reportEveryMs: number;
  namePrefix: string;
  seed: number;
  summaryEveryMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_PREFIX = '/OpenADR2/Simple/2.0b';
const MAX_VENS = 10_000;

function fail(message: string, hint?: string): never {
  throw new VtnError('E_SIMULATE', message, hint);
}

/** The service base: <origin><path>, with the prefix appended once. */
export function serviceBaseOf(url: string, prefix = DEFAULT_PREFIX): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`--url "${url}" is not a URL`, 'e.g. --url http://127.0.0.1:8080');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(`--url "${url}" must start with http:// or https://`);
  if (parsed.search || parsed.hash) fail(`--url "${url}" must not carry a query or fragment`);
  const cleanPrefix = `/${prefix.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  const base = `${parsed.origin}${path}`;
  return cleanPrefix && !path.endsWith(cleanPrefix) ? `${base}${cleanPrefix}` : base;
}

function positiveMs(value: string | number, what: string): number {
  const ms = typeof value === 'number' ? value : (() => {
    try {
      return parseDuration(value);
    } catch {
      return fail(`${what} "${value}" is not an ISO 8601 duration`, 'e.g. PT10S or PT1M');
    }
  })();
  if (!Number.isFinite(ms) || ms < 1000) fail(`${what} must be at least one second, got ${String(value)}`);
  return ms;
}

export function resolveSimulationOptions(o: SimulationOptions): ResolvedSimulation {
  if (!Number.isInteger(o.vens) || o.vens < 1 || o.vens > MAX_VENS) fail(`--vens must be a whole number from 1 to ${MAX_VENS}, got ${String(o.vens)}`);
  if (o.seconds !== undefined && (!Number.isFinite(o.seconds) || o.seconds <= 0)) fail(`--seconds must be a positive number, got ${String(o.seconds)}`);
  const namePrefix = o.namePrefix ?? 'sim-';
  if (!/^[A-Za-z0-9._-]+$/.test(namePrefix)) fail(`--name-prefix "${namePrefix}" may hold only letters, digits, dot, dash and underscore`);
  return {
    serviceBase: serviceBaseOf(o.url, o.prefix),
    vens: o.vens,
    durationMs: o.seconds === undefined ? undefined : o.seconds * 1000,
    policy: parseOptPolicy(o.opt ?? 'always-in'),
    reportEveryMs: positiveMs(o.reportEvery ?? 'PT10S', '--report-every'),
    namePrefix,
    seed: o.seed ?? Math.floor(Math.random() * 2 ** 32),
    summaryEveryMs: o.summaryEveryMs ?? 10_000,
    requestTimeoutMs: o.requestTimeoutMs ?? 10_000,
  };
}
