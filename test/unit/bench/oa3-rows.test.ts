// The openadr3 bench reports each store it ran on in that store's column (it used to run on files whatever
// --store said, and print its figures as file's).
import { describe, expect, it } from 'vitest';
import { openadr3Rows, type Oa3BenchResult } from '../../../src/bench/oa3-scenario.js';

const result = (p99: number): Oa3BenchResult => ({
  vens: 1000, maxRps: 700, maxP99: 100, maxErrors: 0,
  rate: { achievedRps: 1000, p50: 2, p99, failed: 0 },
  fanout: { subscriptions: 1000, received: 1000, seconds: 1.2, failed: 0 },
});

describe('openadr3 bench rows', () => {
  it('puts PostgreSQL figures in the postgres column and judges each store on its own', () => {
    const rows = openadr3Rows({ file: result(5), postgres: result(150) });
    expect(rows.map((r) => Object.keys(r.values))).toEqual([['file', 'postgres'], ['file', 'postgres'], ['file', 'postgres']]);
    expect(rows[1]!.values.postgres).toMatch(/^150 ms/);
    expect(rows[1]!.met).toEqual({ file: true, postgres: false });
    expect(openadr3Rows({ postgres: result(150) })[2]!.met).toEqual({ postgres: true });
  });
});
