// The side-by-side report: a column per store, PASS only when every judged store meets the target.
import { describe, expect, it } from 'vitest';
import { allPassed, formatSideTable, perStore, verdict } from '../../../src/bench/side-table.js';

describe('side-by-side rows', () => {
  const row = perStore('a', 'p99', { file: 4, postgres: 12 }, (ms) => `${ms} ms`, { target: '< 10 ms', ok: (ms) => ms < 10 });

  it('judges each store and names the ones that missed', () => {
    expect(row.values).toEqual({ file: '4 ms', postgres: '12 ms' });
    expect(verdict(row)).toBe('NO (postgres)');
    expect(verdict(perStore('a', 'p99', { file: 4 }, String, { target: '< 10', ok: (ms) => ms < 10 }))).toBe('PASS');
    expect(verdict(perStore('a', 'size', { file: 4 }, String))).toBe('');
    expect(allPassed([row])).toBe(false);
    expect(allPassed([perStore('a', 'size', { file: 4 }, String)])).toBe(true);
  });

  it('prints the chosen stores as columns, a dash where a store has no figure', () => {
    const lines = formatSideTable([row, { scenario: 'b', metric: 'pg only', values: { postgres: '61 %' } }], ['file', 'postgres']).split('\n');
    expect(lines[0]).toMatch(/^scenario\s+metric\s+file\s+postgres\s+target\s+met$/);
    expect(lines[2]).toMatch(/^a\s+p99\s+4 ms\s+12 ms\s+< 10 ms\s+NO \(postgres\)$/);
    expect(lines[3]).toMatch(/^b\s+pg only\s+—\s+61 %$/);
  });
});
