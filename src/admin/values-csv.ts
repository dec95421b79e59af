// Report values as CSV (RFC 4180) for spreadsheets: one row per value, status objects as JSON in the value cell.
import type { ReportValue } from '../telemetry/report-value.js';

export const CSV_COLUMNS = [
  'time', 'venId', 'resourceId', 'measurement', 'rId', 'value', 'unit', 'scale', 'durationMs',
  'confidence', 'accuracy', 'dataQuality', 'reportRequestId',
] as const;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function valuesToCsv(values: readonly ReportValue[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const v of values) rows.push(CSV_COLUMNS.map((c) => cell(v[c])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
