// `npm run bench -- telemetry`: scenario (c) alone on each chosen store, on the state scenario (c) meets inside
// `load` (the seeded fleet, and one event to every VEN as the fan-out leaves it), without the other scenarios.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchArgs } from './bench-args.js';
import type { BenchPostgres } from './bench-postgres.js';
import { newState, type BenchStoreKind } from './bench-state.js';
import { ChildHandle } from './child-ipc.js';
import { seedState } from './seed-state.js';
import { measureTelemetry, type TelemetryResult } from './telemetry-scenario.js';
import { perStore, type SideRow } from './side-table.js';
import type { VtnChildReady } from './vtn-child.js';

export type TelemetryOnStore = TelemetryResult | string;

export async function runTelemetryOnStores(opts: { args: BenchArgs; pg: BenchPostgres | undefined; work: string; here: string; logLevel: string; execArgv: string[]; stage: (s: string) => void }): Promise<Partial<Record<BenchStoreKind, TelemetryOnStore>>> {
  const { sizes, stores } = opts.args;
  const out: Partial<Record<BenchStoreKind, TelemetryOnStore>> = {};
  const loader = new ChildHandle(join(opts.here, 'load-worker.js'), []);
  try {
    await loader.ready;
    for (const kind of stores) {
      const state = await newState(kind, join(opts.work, `${kind}-telemetry`), opts.pg, 'telemetry');
      mkdirSync(state.dataDir, { recursive: true });
      opts.stage(`${kind}: seeding ${sizes.vens} VENs and ${sizes.events} events`);
      const seeded = await seedState({ state, vens: sizes.vens, events: sizes.events, now: new Date() });
      const child = new ChildHandle(join(opts.here, 'vtn-child.js'), [state.dataDir, opts.logLevel, '', state.store ? JSON.stringify(state.store) : ''], { execArgv: opts.execArgv });
      try {
        const vtn = (await child.ready) as VtnChildReady;
        await child.call('addEvent', { venIds: seeded.venIds });
        opts.stage(`${kind}: (c) telemetry ingest`);
        out[kind] = await measureTelemetry({ loader, vtnChild: child, url: vtn.url, venIds: seeded.venIds.slice(0, 50), seconds: sizes.seconds });
      } finally {
        await child.stop();
      }
    }
    return out;
  } finally {
    await loader.stop().catch(() => undefined);
  }
}

export function telemetryOnlyRows(byStore: Partial<Record<BenchStoreKind, TelemetryOnStore>>): SideRow[] {
  const show = (f: (t: TelemetryResult) => string) => (t: TelemetryOnStore) => (typeof t === 'string' ? t : f(t));
  return [
    perStore('c telemetry', 'values/s stored (10 values per update, 50 conns)', byStore, show((t) => `${t.valuesPerS} (${t.messages} updates, p99 ${t.p99} ms, err ${t.errors})`),
      { target: 'file ≥ 20000; postgres ≥ 10000', ok: (t, k) => typeof t !== 'string' && t.errors === 0 && t.valuesPerS >= (k === 'file' ? 20_000 : 10_000) }),
    perStore('c telemetry', 'database statements per update (store and telemetry)', byStore, show((t) => t.statementsPerUpdate.toFixed(2))),
  ];
}
