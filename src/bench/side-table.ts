// The benchmark's results with the stores side by side: one line per figure, a column per store, the target and
// PASS/NO (a line passes when every store it judges meets the target).
import type { BenchStoreKind } from './bench-state.js';

export interface SideRow {
  scenario: string;
  metric: string;
  /** The figure per store; a store that did not run (or the figure does not apply to) has none. */
  values: Partial<Record<BenchStoreKind, string>>;
  target?: string;
  /** Per store judged; no entry = no target for that store. */
  met?: Partial<Record<BenchStoreKind, boolean>>;
}

export function verdict(row: SideRow): string {
  const judged = Object.entries(row.met ?? {});
  if (judged.length === 0) return '';
  const failed = judged.filter(([, ok]) => !ok).map(([kind]) => kind);
  return failed.length === 0 ? 'PASS' : `NO (${failed.join(', ')})`;
}

export function formatSideTable(rows: readonly SideRow[], kinds: readonly BenchStoreKind[]): string {
  const header = ['scenario', 'metric', ...kinds, 'target', 'met'];
  const cells = [header, ...rows.map((r) => [r.scenario, r.metric, ...kinds.map((k) => r.values[k] ?? '—'), r.target ?? '', verdict(r)])];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** True when every judged line passed. */
export const allPassed = (rows: readonly SideRow[]): boolean => rows.every((r) => verdict(r) === '' || verdict(r) === 'PASS');

/** The same figure for each store that has it: `values` and `met` from one function per store. */
export function perStore<T>(scenario: string, metric: string, results: Partial<Record<BenchStoreKind, T>>, show: (r: T) => string,
  judge?: { target: string; ok: (r: T, kind: BenchStoreKind) => boolean }): SideRow {
  const entries = Object.entries(results) as [BenchStoreKind, T][];
  return {
    scenario, metric,
    values: Object.fromEntries(entries.map(([k, r]) => [k, show(r)])),
    ...(judge ? { target: judge.target, met: Object.fromEntries(entries.map(([k, r]) => [k, judge.ok(r, k)])) } : {}),
  };
}
