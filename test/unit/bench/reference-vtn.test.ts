// BENCH_REFERENCE_VTN: the VTN from before the async store, run beside the file store in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseBenchArgs } from '../../../src/bench/bench-args.js';
import { REFERENCE_COMMIT, startReferenceVtn } from '../../../src/bench/reference-vtn.js';

it('is named by BENCH_REFERENCE_VTN and absent otherwise', () => {
  expect(parseBenchArgs(['load'], { BENCH_REFERENCE_VTN: '/tmp/vtn-before' }).referenceVtn).toBe('/tmp/vtn-before');
  expect(parseBenchArgs(['load'], {})).not.toHaveProperty('referenceVtn');
});

it('starts nothing without a checkout, and says how to build one when the checkout is not built', async () => {
  const workDir = mkdtempSync(join(tmpdir(), 'vtn-ref-'));
  const stages: string[] = [];
  await expect(startReferenceVtn({ checkout: undefined, workDir, vens: 10, events: 1, stage: (s) => stages.push(s) })).resolves.toBeUndefined();
  await expect(startReferenceVtn({ checkout: workDir, workDir, vens: 10, events: 1, stage: (s) => stages.push(s) }))
    .rejects.toThrow(`has no dist/bench/vtn-child.js: check out ${REFERENCE_COMMIT} there and run npm ci && npm run build`);
  expect(stages).toEqual([]);
});
