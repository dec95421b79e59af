// "A year" on every chosen store: the simulated year, then the state's size and a fresh `vtn start` on it
// (time to the first answered poll, RSS), each store in its column against the targets.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchArgs } from './bench-args.js';
import type { BenchPostgres } from './bench-postgres.js';
import { newState, stateBytes, type BenchStoreKind } from './bench-state.js';
import { mb } from './report-table.js';
import { perStore, type SideRow } from './side-table.js';
import { measureStartup, type StartupResult } from './startup-scenario.js';
import { runYear, type YearResult } from './year-scenario.js';

export type YearOnStore = Omit<YearResult, 'venIds'> & {
  stateBytes: number; startup: StartupResult;
  /** PostgreSQL: live rows, and the tables' size once VACUUM FULL has returned the space of deleted rows. */
  rows?: { records: number; index: number }; vacuumedBytes?: number;
};

export async function runYearOnStores(opts: { args: BenchArgs; pg: BenchPostgres | undefined; work: string; packageRoot: string; stage: (s: string) => void }): Promise<Partial<Record<BenchStoreKind, YearOnStore>>> {
  const { yearVens, yearDays, yearSampled } = opts.args.sizes;
  const out: Partial<Record<BenchStoreKind, YearOnStore>> = {};
  for (const kind of opts.args.stores) {
    const state = await newState(kind, join(opts.work, `year-${kind}`), opts.pg, 'year');
    mkdirSync(state.dataDir, { recursive: true });
    opts.stage(`${kind}: a year — ${yearDays} daily events to ${yearVens} VENs, ${yearSampled} VENs a day through vtn.dispatch, retention live P7D / archive P90D`);
    const { venIds, ...year } = await runYear({ state, vens: yearVens, days: yearDays, sampled: yearSampled, progress: opts.stage });
    const bytes = await stateBytes(state, opts.pg);
    const rows = state.store?.url ? await opts.pg!.rowCounts(state.store.url) : undefined;
    opts.stage(`${kind}: a fresh \`vtn start\` on the year's state (${mb(bytes)})`);
    const startup = await measureStartup({ packageRoot: opts.packageRoot, state, workDir: opts.work, venId: venIds[0]! });
    const vacuumedBytes = state.store?.url ? await vacuumedSize(opts.pg!, state.store.url) : undefined;
    out[kind] = { ...year, stateBytes: bytes, startup, ...(rows ? { rows } : {}), ...(vacuumedBytes !== undefined ? { vacuumedBytes } : {}) };
  }
  return out;
}

// Deleted rows keep their pages until a vacuum: the gap between the two sizes is churn, not state.
async function vacuumedSize(pg: BenchPostgres, url: string): Promise<number> {
  await pg.sql(url, 'VACUUM FULL');
  return pg.stateBytes(url);
}

export function yearRows(byStore: Partial<Record<BenchStoreKind, YearOnStore>>, args: BenchArgs): SideRow[] {
  const { yearVens, yearDays } = args.sizes;
  const scenario = 'f a year';
  return [
    perStore(scenario, `${yearDays} daily events × ${yearVens} VENs simulated (messages through dispatch)`, byStore, (y) => `${y.seconds.toFixed(0)} s (${y.dispatched})`),
    perStore(scenario, 'live at the end: events / deliveries / archived summaries', byStore, (y) => `${y.live.events} / ${y.live.deliveries} / ${y.live.archived}`,
      { target: 'events ≤ 9 (7 days live)', ok: (y) => y.live.events <= 9 }),
    perStore(scenario, 'the last day: event + acknowledgements + sweep', byStore, (y) => `${y.lastDayMs.toFixed(0)} ms`),
    perStore(scenario, 'state size (file: data folder; postgres: VTN tables)', byStore, (y) => mb(y.stateBytes)),
    perStore(scenario, 'postgres: the same tables after VACUUM FULL', byStore, (y) => (y.vacuumedBytes !== undefined ? mb(y.vacuumedBytes) : '—')),
    perStore(scenario, 'rows in vtn_records / vtn_index', byStore, (y) => (y.rows ? `${y.rows.records} / ${y.rows.index}` : '—')),
    perStore(scenario, 'ms over the year: addEvent / dispatched / bulk acks / sweeps', byStore, (y) => Object.values(y.phases).map((ms) => (ms / 1000).toFixed(0)).join(' / ') + ' s'),
    perStore(scenario, '`vtn start` → first poll answered', byStore, (y) => `${y.startup.startupMs} ms`, { target: '< 2000 ms', ok: (y) => y.startup.startupMs < 2000 }),
    perStore(scenario, 'RSS after the first poll', byStore, (y) => mb(y.startup.rssBytes), { target: '< 300 MB', ok: (y) => y.startup.rssBytes < 300 * 1024 * 1024 }),
  ];
}
