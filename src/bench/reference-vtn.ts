// The VTN as it was before the async store (commit c1bf0d1), run beside today's on the same seeded fleet: the file
// store's "no worse than before" is then a same-run ratio to that code, not to a figure taken on another day.
// BENCH_REFERENCE_VTN names a built checkout of that commit (README Performance says how to make one).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChildHandle } from './child-ipc.js';
import type { VtnChildReady } from './vtn-child.js';

/** The commit the reference checkout must be at: the last one whose core was synchronous. */
export const REFERENCE_COMMIT = 'c1bf0d1';

export interface ReferenceVtn { child: ChildHandle; vtn: VtnChildReady; venIds: string[] }

interface OldSeed { seedState(opts: { dataDir: string; vens: number; events: number; now: Date }): Promise<{ venIds: string[] }> }

/** Seeds the reference's own state (its seeder, its file format) and starts its VTN child; undefined without a checkout. */
export async function startReferenceVtn(opts: { checkout: string | undefined; workDir: string; vens: number; events: number; stage: (s: string) => void }): Promise<ReferenceVtn | undefined> {
  if (!opts.checkout) return undefined;
  const bench = join(opts.checkout, 'dist', 'bench');
  if (!existsSync(join(bench, 'vtn-child.js'))) {
    throw new Error(`BENCH_REFERENCE_VTN=${opts.checkout} has no dist/bench/vtn-child.js: check out ${REFERENCE_COMMIT} there and run npm ci && npm run build`);
  }
  const dataDir = join(opts.workDir, 'reference-data');
  mkdirSync(dataDir, { recursive: true });
  opts.stage(`reference (${REFERENCE_COMMIT}, ${opts.checkout}): seeding ${opts.vens} VENs and ${opts.events} events`);
  const seed = (await import(pathToFileURL(join(bench, 'seed-state.js')).href)) as OldSeed;
  const { venIds } = await seed.seedState({ dataDir, vens: opts.vens, events: opts.events, now: new Date() });
  const child = new ChildHandle(join(bench, 'vtn-child.js'), [dataDir, 'info']);
  return { child, vtn: (await child.ready) as VtnChildReady, venIds };
}
