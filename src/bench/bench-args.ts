// `npm run bench -- [load] [telemetry] [year] [push] [hostile] [openadr3] [--store=file|postgres|both] [--quick]`: which scenarios
// on which stores (telemetry is load's scenario (c) alone), and the sizes (the full run by default; --quick or BENCH_QUICK=1 for a short local check). BENCH_* variables win.
import { STORE_KINDS, type BenchStoreKind } from './bench-state.js';

export type Scenario = 'load' | 'telemetry' | 'year' | 'push' | 'hostile' | 'openadr3';
const SCENARIOS: readonly Scenario[] = ['load', 'telemetry', 'year', 'push', 'hostile', 'openadr3'];

export interface BenchSizes {
  vens: number; events: number; seconds: number; rounds: number; rateSeconds: number;
  yearVens: number; yearDays: number; yearSampled: number;
}

export interface BenchArgs {
  scenarios: Scenario[]; stores: BenchStoreKind[]; quick: boolean; sizes: BenchSizes;
  /** BENCH_REFERENCE_VTN: a built checkout of the VTN before the async store, run beside the file store in (a). */
  referenceVtn?: string;
}

const FULL: BenchSizes = { vens: 10_000, events: 1_000, seconds: 4, rounds: 4, rateSeconds: 10, yearVens: 10_000, yearDays: 365, yearSampled: 10 };
const QUICK: BenchSizes = { vens: 1_000, events: 100, seconds: 1, rounds: 1, rateSeconds: 3, yearVens: 1_000, yearDays: 30, yearSampled: 10 };
const ENV: Record<keyof BenchSizes, string> = {
  vens: 'BENCH_VENS', events: 'BENCH_EVENTS', seconds: 'BENCH_SECONDS', rounds: 'BENCH_ROUNDS', rateSeconds: 'BENCH_RATE_SECONDS',
  yearVens: 'BENCH_YEAR_VENS', yearDays: 'BENCH_YEAR_DAYS', yearSampled: 'BENCH_YEAR_SAMPLED',
};

export const USAGE = 'usage: npm run bench -- [load] [telemetry] [year] [push] [hostile] [openadr3] [--store=file|postgres|both] [--quick]';

export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const scenarios: Scenario[] = [];
  let stores: BenchStoreKind[] = [...STORE_KINDS];
  let quick = env.BENCH_QUICK === '1';
  for (const arg of argv) {
    const store = /^--store=(.*)$/.exec(arg)?.[1];
    if (store !== undefined) stores = parseStores(store);
    else if (arg === '--quick') quick = true;
    else if ((SCENARIOS as readonly string[]).includes(arg)) scenarios.push(arg as Scenario);
    else throw new Error(`unknown bench argument "${arg}"; ${USAGE}`);
  }
  const base = quick ? QUICK : FULL;
  const sizes = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, numberFrom(env, ENV[k as keyof BenchSizes], v)])) as unknown as BenchSizes;
  const referenceVtn = env.BENCH_REFERENCE_VTN || undefined;
  return { scenarios: scenarios.length ? [...new Set(scenarios)] : ['load', 'year', 'push', 'openadr3'], stores, quick, sizes, ...(referenceVtn ? { referenceVtn } : {}) };
}

function parseStores(value: string): BenchStoreKind[] {
  if (value === 'both') return [...STORE_KINDS];
  const kinds = value.split(',');
  const bad = kinds.filter((k) => !(STORE_KINDS as readonly string[]).includes(k));
  if (bad.length || kinds.length === 0) throw new Error(`unknown store "${bad.join(',') || value}": use file, postgres or both; ${USAGE}`);
  return [...new Set(kinds as BenchStoreKind[])];
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}
