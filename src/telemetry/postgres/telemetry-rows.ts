// ReportValue <-> vtn_telemetry row. The series labels, rID and time are columns (indexed, filtered on); the rest
// of the value (reportRequestId, the reported number or status, unit, scale, …) is the jsonb `value`, under the
// ReportValue field names. An absent resourceId or measurement is '' (as in seriesKey).
import type { ReportValue } from '../report-value.js';

/** The select list every read uses, in the shape fromRow takes. */
export const ROW_COLUMNS = `ven_id, resource_id, measurement, r_id, (extract(epoch FROM t) * 1000)::float8 AS ms, value`;

export interface TelemetryRow {
  ven_id: string;
  resource_id: string;
  measurement: string;
  r_id: string;
  ms: number;
  value: Omit<ReportValue, 'venId' | 'resourceId' | 'measurement' | 'rId' | 'time'>;
}

/** Column arrays for one multi-row INSERT … SELECT FROM unnest(…): six parameters whatever the batch size. */
export function toColumns(values: readonly ReportValue[]): [string[], string[], string[], string[], number[], string[]] {
  const cols: [string[], string[], string[], string[], number[], string[]] = [[], [], [], [], [], []];
  for (const v of values) {
    const { venId, resourceId, measurement, rId, time, ...rest } = v;
    cols[0].push(venId);
    cols[1].push(resourceId ?? '');
    cols[2].push(measurement ?? '');
    cols[3].push(rId);
    cols[4].push(time.getTime());
    cols[5].push(JSON.stringify(rest));
  }
  return cols;
}

export function fromRow(row: TelemetryRow): ReportValue {
  return {
    venId: row.ven_id,
    ...(row.resource_id !== '' && { resourceId: row.resource_id }),
    ...(row.measurement !== '' && { measurement: row.measurement }),
    rId: row.r_id,
    time: new Date(row.ms),
    ...row.value,
  };
}
