// `npm run bench -- …`: scenarios, stores and sizes from the command line and BENCH_* variables; bad input is refused.
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../src/bench/bench-args.js';

describe('parseBenchArgs', () => {
  it('runs load, year, push and openadr3 on both stores at full size by default', () => {
    const a = parseBenchArgs([], {});
    expect(a.scenarios).toEqual(['load', 'year', 'push', 'openadr3']);
    expect(a.stores).toEqual(['file', 'postgres']);
    expect(a.quick).toBe(false);
    expect(a.sizes).toMatchObject({ vens: 10_000, yearVens: 10_000, yearDays: 365 });
  });

  it('takes scenarios, --store and --quick; BENCH_* variables win over the mode', () => {
    const a = parseBenchArgs(['year', '--store=postgres', '--quick'], { BENCH_YEAR_DAYS: '12' });
    expect(a.scenarios).toEqual(['year']);
    expect(a.stores).toEqual(['postgres']);
    expect(a.quick).toBe(true);
    expect(a.sizes.yearDays).toBe(12);
    expect(a.sizes.yearVens).toBe(1_000);
    expect(parseBenchArgs(['push'], {}).scenarios).toEqual(['push']);
    expect(parseBenchArgs(['telemetry', '--store=postgres'], {})).toMatchObject({ scenarios: ['telemetry'], stores: ['postgres'] });
    expect(parseBenchArgs(['--store=both', 'load', 'load'], { BENCH_QUICK: '1' })).toMatchObject({ scenarios: ['load'], stores: ['file', 'postgres'], quick: true });
    expect(parseBenchArgs(['--store=file,postgres'], {}).stores).toEqual(['file', 'postgres']);
  });

  it('refuses an unknown scenario, store or size with the usage', () => {
    expect(() => parseBenchArgs(['yaer'], {})).toThrow(/unknown bench argument "yaer".*usage: npm run bench/);
    expect(() => parseBenchArgs(['--store=mysql'], {})).toThrow(/unknown store "mysql"/);
    expect(() => parseBenchArgs([], { BENCH_VENS: 'lots' })).toThrow(/BENCH_VENS must be a non-negative number, got "lots"/);
  });
});
