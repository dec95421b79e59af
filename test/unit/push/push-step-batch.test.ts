import { describe, expect, it } from 'vitest';
import { PushStepBatch, type StepFn } from '../../../src/push/push-step-batch.js';
import type { Claimer } from '../../../src/push/push-claims.js';
import type { VtnContext } from '../../../src/vtn/context.js';

const claimer: Claimer = { instance: 'test', nextSeq: () => 1, lifetimeMs: 1000 };

/** A context whose store only counts units and runs them; `failing` VENs' steps throw. */
function harness(failing: Set<string>) {
  const units: string[][] = [];
  // Each unit lists the VENs whose steps ran in it (units of a batch run concurrently).
  const ctx = { store: { unit: async <T>(fn: (u: { seen: string[] }) => Promise<T>) => { const u = { seen: [], prefetch: async () => undefined }; try { return await fn(u); } finally { units.push(u.seen); } } } } as unknown as VtnContext;
  const stepFn: StepFn = async (w, venId) => {
    (w.u as unknown as { seen: string[] }).seen.push(venId);
    if (failing.has(venId)) throw new Error(`step of ${venId} failed`);
    return { listed: [] };
  };
  return { units, batch: (max?: number) => new PushStepBatch(ctx, claimer, { stepFn, ...(max ? { max } : {}) }) };
}

describe('push step batch', () => {
  it('runs the steps asked in one turn in one unit, at most max per unit', async () => {
    const h = harness(new Set());
    const batch = h.batch(4);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((v) => batch.step(v, undefined, true)));
    expect(results).toHaveLength(6);
    expect(h.units.sort((x, y) => y.length - x.length)).toEqual([['a', 'b', 'c', 'd'], ['e', 'f']]);
  });

  it('a step that fails makes its batch re-run each step alone: the others complete, only its caller sees the error', async () => {
    const h = harness(new Set(['b']));
    const batch = h.batch();
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((v) => batch.step(v, undefined, true)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(h.units[0]).toEqual(['a', 'b']);
    expect(h.units.slice(1).sort()).toEqual([['a'], ['b'], ['c']]);
  });
});
