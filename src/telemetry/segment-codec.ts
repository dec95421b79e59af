// One NDJSON line per appended message: values grouped by their labels so each value costs only its row.
// Line: [[header, rows], …]; header [venId, reportRequestId, rId, resourceId, measurement, unit, scale];
// row [timeMs, value, durationMs, confidence, accuracy, dataQuality]; absent fields are null, trailing nulls cut.
import type { ResourceStatus } from '../oadr/model.js';
import type { ReportValue } from './report-value.js';

type Cell = string | number | ResourceStatus | null;

function trimNulls(cells: Cell[]): Cell[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === null) n -= 1;
  return cells.slice(0, n);
}

// Length-prefixed, so the concatenated key is unambiguous whatever the labels contain; absent is '-'.
const label = (s: string | undefined): string => (s === undefined ? '-' : `${s.length}:${s}`);

export function encodeLine(values: readonly ReportValue[]): string {
  const groups = new Map<string, [Cell[], Cell[][]]>();
  for (const v of values) {
    // A string key built without JSON.stringify of a header array per value.
    const key = label(v.venId) + label(v.reportRequestId) + label(v.rId) + label(v.resourceId) + label(v.measurement) + label(v.unit) + label(v.scale);
    let group = groups.get(key);
    if (!group) {
      group = [trimNulls([v.venId, v.reportRequestId, v.rId, v.resourceId ?? null, v.measurement ?? null, v.unit ?? null, v.scale ?? null]), []];
      groups.set(key, group);
    }
    group[1].push(trimNulls([v.time.getTime(), v.value, v.durationMs ?? null, v.confidence ?? null, v.accuracy ?? null, v.dataQuality ?? null]));
  }
  return JSON.stringify([...groups.values()]);
}

const str = (c: unknown): string | undefined => (typeof c === 'string' ? c : undefined);
const num = (c: unknown): number | undefined => (typeof c === 'number' ? c : undefined);

function isStatus(c: unknown): c is ResourceStatus {
  return typeof c === 'object' && c !== null && typeof (c as ResourceStatus).online === 'boolean';
}

/** Decode one line; throws on anything that is not a line this codec wrote. */
export function decodeLine(line: string): ReportValue[] {
  const groups: unknown = JSON.parse(line);
  if (!Array.isArray(groups)) throw new Error('segment line is not an array');
  const out: ReportValue[] = [];
  for (const group of groups) {
    if (!Array.isArray(group) || !Array.isArray(group[0]) || !Array.isArray(group[1])) throw new Error('bad group');
    const h = group[0] as unknown[];
    const [venId, reportRequestId, rId] = [str(h[0]), str(h[1]), str(h[2])];
    if (venId === undefined || reportRequestId === undefined || rId === undefined) throw new Error('bad header');
    const [resourceId, measurement, unit, scale] = [str(h[3]), str(h[4]), str(h[5]), str(h[6])];
    for (const row of group[1] as unknown[]) {
      if (!Array.isArray(row)) throw new Error('bad row');
      const t = num(row[0]);
      const value: unknown = row[1];
      if (t === undefined || (typeof value !== 'number' && !isStatus(value))) throw new Error('bad row');
      const [durationMs, confidence, accuracy, dataQuality] = [num(row[2]), num(row[3]), num(row[4]), str(row[5])];
      out.push({
        venId, reportRequestId, rId,
        ...(resourceId !== undefined && { resourceId }),
        ...(measurement !== undefined && { measurement }),
        ...(unit !== undefined && { unit }),
        ...(scale !== undefined && { scale }),
        time: new Date(t),
        ...(durationMs !== undefined && { durationMs }),
        value,
        ...(confidence !== undefined && { confidence }),
        ...(accuracy !== undefined && { accuracy }),
        ...(dataQuality !== undefined && { dataQuality }),
      });
    }
  }
  return out;
}
