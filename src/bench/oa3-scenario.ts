// `npm run bench -- openadr3`: 3.1 VENs reading their events (GET /events?targets= with their own tokens) at the
// largest rate the machine gives and at 1,000 requests/s over the whole fleet (p99 < 10 ms), and the webhook
// fan-out of one event to one subscription per VEN (< 10 s). The VTN (on each store asked for: a data folder, or a
// PostgreSQL database of its own) and the receiver run in their own processes.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { TokenService } from '../openadr3/auth/token-service.js';
import type { Store } from '../store/store.js';
import type { BenchPostgres } from './bench-postgres.js';
import { newState, type BenchStoreKind } from './bench-state.js';
import { ChildHandle } from './child-ipc.js';
import { runRate } from './load-rate.js';
import { perStore, type SideRow } from './side-table.js';
import type { Oa3ChildReady } from './oa3-vtn-child.js';

const VTN_ID = 'VTN-BENCH';
const SECRET = 'bench-only-token-secret-of-at-least-32-characters';
const GROUPS = 100;
const TARGET_P99_MS = 10;
const TARGET_FANOUT_S = 10;

export interface Oa3BenchJob { here: string; work: string; vens: number; seconds: number; rateSeconds: number; execArgv: string[]; stage: (s: string) => void }

export interface Oa3StoresJob extends Oa3BenchJob { stores: readonly BenchStoreKind[]; pg: BenchPostgres | undefined }

export interface Oa3BenchResult {
  vens: number;
  maxRps: number; maxP99: number; maxErrors: number;
  rate: { achievedRps: number; p50: number; p99: number; failed: number };
  fanout: { subscriptions: number; received: number; seconds: number; failed: number };
}

async function bearer(tokens: TokenService, clientID: string, role: 'bl' | 'ven'): Promise<string> {
  return (await tokens.issue({ clientID, name: clientID, role, secretHash: '' })).access_token;
}

async function post(base: string, token: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id: string };
}

const eventBody = (programID: string, targets: string[], hoursAhead: number) => ({
  programID, targets, intervalPeriod: { start: new Date(Date.now() + hoursAhead * 3_600_000).toISOString(), duration: 'PT1H' },
  intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
});

/** The scenario once per store, one after another (each on a fresh state). */
export async function runOpenadr3OnStores(job: Oa3StoresJob): Promise<Partial<Record<BenchStoreKind, Oa3BenchResult>>> {
  const out: Partial<Record<BenchStoreKind, Oa3BenchResult>> = {};
  for (const kind of job.stores) {
    const state = await newState(kind, join(job.work, `oa3-${kind}`), job.pg, 'openadr3');
    mkdirSync(state.dataDir, { recursive: true });
    job.stage(`openadr3 on ${kind}`);
    out[kind] = await runOpenadr3Bench(job, state.dataDir, state.store ? JSON.stringify(state.store) : '');
  }
  return out;
}

async function runOpenadr3Bench(job: Oa3BenchJob, dataDir: string, storeJson: string): Promise<Oa3BenchResult> {
  const vtn = new ChildHandle(join(job.here, 'oa3-vtn-child.js'), [dataDir, VTN_ID, SECRET, storeJson], { execArgv: job.execArgv });
  const receiver = new ChildHandle(join(job.here, 'oa3-receiver-child.js'), []);
  try {
    const { base } = (await vtn.ready) as Oa3ChildReady;
    const { origin } = (await receiver.ready) as { origin: string };
    // Tokens as POST /auth/token would sign them (same secret and issuer); the store is not needed with a secret.
    const tokens = new TokenService({ ttlSeconds: 7200, issuer: `openadr-vtn:${VTN_ID}`, secret: SECRET }, undefined as unknown as Store);
    const bl = await bearer(tokens, 'bench-bl', 'bl');
    const venTokens = await Promise.all(Array.from({ length: job.vens }, (_, i) => bearer(tokens, `bench-ven-${i}`, 'ven')));
    job.stage(`openadr3: seeding ${job.vens} ven objects, a program and ${GROUPS} targeted events`);
    await vtn.call('seedVens', { count: job.vens, groups: GROUPS });
    const program = await post(base, bl, '/programs', { programName: 'bench-program' });
    for (let g = 0; g < GROUPS; g++) await post(base, bl, '/events', eventBody(program.id, [`group-${g}`], 2 + 2 * g));
    const request = (i: number) => {
      const v = (i * 7919) % job.vens;
      return { path: `/openadr3/3.1.0/events?targets=group-${v % GROUPS}`, method: 'GET' as const, headers: { authorization: `Bearer ${venTokens[v]!}` } };
    };
    const path = new URL(base).pathname;
    const requestAt = (i: number) => ({ ...request(i), path: request(i).path.replace('/openadr3/3.1.0', path) });

    job.stage(`openadr3: GET /events at the largest rate for ${job.seconds} s`);
    let next = 0;
    const max = await autocannon({
      url: new URL(base).origin, connections: 32, duration: job.seconds,
      requests: [{ setupRequest: (req) => ({ ...req, ...requestAt(next++) }) }],
    });

    job.stage(`openadr3: GET /events at 1,000 requests/s for ${job.rateSeconds} s over ${job.vens} VEN clients`);
    const rate = await runRate({
      origin: new URL(base).origin, path: '', venIds: [], rate: 1000, durationS: job.rateSeconds, connections: 64,
      request: requestAt, accept: (status, text) => status === 200 && text.startsWith('[{'),
    });

    job.stage(`openadr3: fan-out of one event to ${job.vens} subscriptions`);
    await vtn.call('seedSubscriptions', { count: job.vens, callbackUrl: `${origin}/hook` });
    const t0 = Date.now();
    await post(base, bl, '/events', eventBody(program.id, ['all'], 2 + 2 * GROUPS));
    let got = { received: 0, lastAt: t0 };
    const deadline = t0 + 120_000;
    while (got.received < job.vens && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      got = await receiver.call<{ received: number; lastAt: number }>('count');
    }
    const outcomes = await vtn.call<{ failed: number; refused: number; dropped: number }>('webhooks');
    return {
      vens: job.vens,
      maxRps: Math.round(max.requests.total / job.seconds), maxP99: max.latency.p99, maxErrors: max.errors + max.timeouts + max.non2xx,
      rate: { achievedRps: rate.achievedRps, p50: rate.p50, p99: rate.p99, failed: rate.failed },
      fanout: { subscriptions: job.vens, received: got.received, seconds: (got.lastAt - t0) / 1000, failed: outcomes.failed + outcomes.refused + outcomes.dropped },
    };
  } finally {
    await Promise.all([vtn.stop(), receiver.stop()]);
  }
}

export function openadr3Rows(results: Partial<Record<BenchStoreKind, Oa3BenchResult>>): SideRow[] {
  const any = Object.values(results)[0];
  if (!any) return [];
  return [
    perStore('openadr3', `GET /events?targets by ${any.vens} VEN clients, largest rate (32 connections)`, results, (r) => `${r.maxRps} req/s, p99 ${r.maxP99} ms, ${r.maxErrors} errors`),
    perStore('openadr3', `GET /events?targets p99 at 1,000 req/s over ${any.vens} VEN clients`, results,
      (r) => `${r.rate.p99} ms (p50 ${r.rate.p50}, ${r.rate.achievedRps} req/s, ${r.rate.failed} failed)`,
      { target: `< ${TARGET_P99_MS} ms`, ok: (r) => r.rate.p99 < TARGET_P99_MS && r.rate.failed === 0 }),
    perStore('openadr3', `webhook fan-out of one event to ${any.fanout.subscriptions} subscriptions`, results,
      (r) => `${r.fanout.seconds.toFixed(2)} s (${r.fanout.received} received, ${r.fanout.failed} failed)`,
      { target: `< ${TARGET_FANOUT_S} s`, ok: (r) => r.fanout.received >= r.fanout.subscriptions && r.fanout.seconds < TARGET_FANOUT_S }),
  ];
}
