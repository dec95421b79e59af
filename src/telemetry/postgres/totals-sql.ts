// Per-bucket totals in one statement: each series' average per bucket, then those added up per bucket.
import type { TotalsQuery } from '../telemetry-store.js';
import { IS_NUMBER, NUMBER, where, type Sql } from './telemetry-sql.js';

export interface TotalsRow {
  b: number;
  value: number;
  series: number;
  unit: string | null;
  scale: string | null;
}

export function totalsSql(q: TotalsQuery, cutoff: Date): Sql {
  const { bucketMs, ...filter } = q;
  const w = where(filter, cutoff);
  const from = w.values.push(q.from.getTime());
  const width = w.values.push(bucketMs);
  return {
    text: `SELECT b, sum(a)::float8 AS value, count(*)::int AS series, min(unit) AS unit, min(scale) AS scale FROM (
        SELECT floor((extract(epoch FROM t) * 1000 - $${from}) / $${width})::int AS b, avg(${NUMBER}) AS a,
          min(value->>'unit') AS unit, min(value->>'scale') AS scale
        FROM vtn_telemetry WHERE ${w.text} AND ${IS_NUMBER}
        GROUP BY 1, ven_id, resource_id, measurement) s
      GROUP BY b ORDER BY b`,
    values: w.values,
  };
}
