// Report values as CSV (RFC 4180) for spreadsheets: one row per value, status objects as JSON in the value cell.
import type { ReportValue } from '../telemetry/report-value.js';

export const CSV_COLUMNS = [
  'time', 'venId', 'resourceId', 'measurement', 'rId', 'value', 'unit', 'scale', 'durationMs',
  'confidence', 'accuracy', 'dataQuality', 'reportRequestId',
] as const;

// A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a VEN chose (venId, rID, names…) that could start a formula gets a leading single quote, the usual
 * CSV-injection defence; numbers are written as numbers, so a negative reading stays "-12.5".
 */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  let text: string;
  if (typeof v === 'number') text = String(v);
  else if (v instanceof Date) text = v.toISOString();
  else {
    text = typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (FORMULA_START.test(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function valuesToCsv(values: readonly ReportValue[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const v of values) rows.push(CSV_COLUMNS.map((c) => csvCell(v[c])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}
