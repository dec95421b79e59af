// Percentiles of a latency sample (nearest-rank), in milliseconds rounded to 0.01.
export interface LatencySummary { count: number; p50: number; p90: number; p99: number; max: number }

export function summarise(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[sorted.length - 1]!) };
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
