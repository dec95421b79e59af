// Refuse values that could not be stored faithfully (NaN time, non-finite float, NUL in a label) before anything is written.
import { VtnError } from '../errors.js';
import type { ReportValue } from './report-value.js';

// NUL and unpaired surrogates: no XML document carries them, and PostgreSQL text and jsonb refuse them.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LABELS = ['venId', 'reportRequestId', 'rId', 'resourceId', 'measurement', 'unit', 'scale', 'dataQuality'] as const;

function problem(v: ReportValue): string | undefined {
  if (typeof v.venId !== 'string' || typeof v.rId !== 'string' || typeof v.reportRequestId !== 'string') return 'venId, reportRequestId and rId must be strings';
  const bad = LABELS.find((k) => typeof v[k] === 'string' && UNSTORABLE.test(v[k] as string));
  if (bad) return `${bad} holds a NUL character or an unpaired surrogate`;
  if (!(v.time instanceof Date) || !Number.isFinite(v.time.getTime())) return 'time is not a valid Date';
  if (typeof v.value === 'number') return Number.isFinite(v.value) ? undefined : `value ${v.value} is not a finite number`;
  if (typeof v.value !== 'object' || v.value === null || typeof v.value.online !== 'boolean') return 'value is neither a number nor a resource status';
  return undefined;
}

export function checkValues(values: readonly ReportValue[]): void {
  values.forEach((v, i) => {
    const why = problem(v);
    if (why) {
      throw new VtnError('E_PAYLOAD', `report value ${i} (VEN ${String(v?.venId)}, rID ${String(v?.rId)}): ${why}`, 'nothing of this message was stored');
    }
  });
}
