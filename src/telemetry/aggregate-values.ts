// Reduce matched values to one number.
import { VtnError } from '../errors.js';
import type { ReportValue } from './report-value.js';
import type { AggregateFn } from './telemetry-store.js';

const REDUCERS: Record<Exclude<AggregateFn, 'count'>, (nums: number[]) => number> = {
  sum: (nums) => nums.reduce((a, b) => a + b, 0),
  avg: (nums) => nums.reduce((a, b) => a + b, 0) / nums.length,
  min: (nums) => nums.reduce((a, b) => Math.min(a, b)),
  max: (nums) => nums.reduce((a, b) => Math.max(a, b)),
};

/** Throws for an unknown function even when nothing matched, so a typo never reads as "no data". */
export function checkAggregateFn(fn: string): asserts fn is AggregateFn {
  if (fn !== 'count' && !Object.hasOwn(REDUCERS, fn)) {
    throw new VtnError('E_TELEMETRY_QUERY', `unknown aggregate function ${JSON.stringify(fn)}`, 'use sum, avg, min, max or count');
  }
}

export function aggregateValues(values: readonly ReportValue[], fn: AggregateFn): number | undefined {
  checkAggregateFn(fn);
  if (fn === 'count') return values.length;
  // Status payloads are objects; only floats take part in arithmetic.
  const nums: number[] = [];
  for (const v of values) if (typeof v.value === 'number') nums.push(v.value);
  return nums.length === 0 ? undefined : REDUCERS[fn](nums);
}
