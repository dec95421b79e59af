// Prints the benchmark's rows as an aligned table; the same rows also go out as one JSON line.
export interface Row {
  scenario: string;
  metric: string;
  value: string;
  target?: string;
  /** undefined when there is no target or the scenario did not run. */
  met?: boolean;
}

export function formatTable(rows: Row[]): string {
  const header: Row = { scenario: 'scenario', metric: 'metric', value: 'value', target: 'target' };
  const cells = [header, ...rows].map((r) => [r.scenario, r.metric, r.value, r.target ?? '', r === header ? 'met' : r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
