// The SQL of the PostgreSQL telemetry store's appends and reads; every read is bounded below by the age cutoff,
// so values past maxAgeMs are never answered even before retention has deleted them.
import type { AggregateFn, TelemetryQuery } from '../telemetry-store.js';
import { ROW_COLUMNS } from './telemetry-rows.js';

export interface Sql {
  text: string;
  values: unknown[];
}

/**
 * One statement, so atomic: the values, and each series' count raised by as many. Series rows are locked in key
 * order, so two concurrent appends never deadlock on them.
 */
export const APPEND_SQL = `
  WITH v AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::jsonb[])
      AS v(ven_id, resource_id, measurement, r_id, ms, value)
  ), stored AS (
    INSERT INTO vtn_telemetry (ven_id, resource_id, measurement, r_id, t, value)
    SELECT ven_id, resource_id, measurement, r_id, to_timestamp(ms / 1000), value FROM v
  )
  INSERT INTO vtn_telemetry_series AS s (ven_id, resource_id, measurement, n)
  SELECT ven_id, resource_id, measurement, count(*) FROM v
  GROUP BY ven_id, resource_id, measurement ORDER BY ven_id, resource_id, measurement
  ON CONFLICT (ven_id, resource_id, measurement) DO UPDATE SET n = s.n + excluded.n`;

/** WHERE over vtn_telemetry for a query; `from` is never earlier than the age cutoff. */
export function where(q: TelemetryQuery & { venIds?: readonly string[] }, cutoff: Date): Sql {
  const values: unknown[] = [];
  const parts: string[] = [];
  const add = (cond: string, value: unknown) => {
    values.push(value);
    parts.push(cond.replace('?', `$${values.length}`));
  };
  if (q.venId !== undefined) add('ven_id = ?', q.venId);
  if (q.venIds !== undefined) add('ven_id = ANY(?)', [...q.venIds]);
  if (q.resourceId !== undefined) add('resource_id = ?', q.resourceId);
  if (q.measurement !== undefined) add('measurement = ?', q.measurement);
  if (q.rId !== undefined) add('r_id = ?', q.rId);
  add('t >= ?', q.from !== undefined && q.from > cutoff ? q.from : cutoff);
  if (q.to !== undefined) add('t < ?', q.to);
  return { text: parts.join(' AND '), values };
}

/** Matching rows oldest first; with a limit, the newest `limit` (the caller reverses them). */
export function querySql(q: TelemetryQuery, cutoff: Date): Sql & { newestFirst: boolean } {
  const w = where(q, cutoff);
  if (q.limit === undefined) {
    return { text: `SELECT ${ROW_COLUMNS} FROM vtn_telemetry WHERE ${w.text} ORDER BY t, id`, values: w.values, newestFirst: false };
  }
  return {
    text: `SELECT ${ROW_COLUMNS} FROM vtn_telemetry WHERE ${w.text} ORDER BY t DESC, id DESC LIMIT $${w.values.length + 1}`,
    values: [...w.values, q.limit],
    newestFirst: true,
  };
}

export const NUMBER = `(value->>'value')::float8`;
export const IS_NUMBER = `jsonb_typeof(value->'value') = 'number'`;
const REDUCE: Record<AggregateFn, string> = {
  count: 'count(*)::float8',
  sum: `sum(${NUMBER}) FILTER (WHERE ${IS_NUMBER})`,
  avg: `avg(${NUMBER}) FILTER (WHERE ${IS_NUMBER})`,
  min: `min(${NUMBER}) FILTER (WHERE ${IS_NUMBER})`,
  max: `max(${NUMBER}) FILTER (WHERE ${IS_NUMBER})`,
};

/** One number (null when nothing numeric matched), computed in the database. */
export function aggregateSql(q: TelemetryQuery, fn: AggregateFn, cutoff: Date): Sql {
  const w = where(q, cutoff);
  const rows = q.limit === undefined
    ? `SELECT value FROM vtn_telemetry WHERE ${w.text}`
    : `SELECT value FROM vtn_telemetry WHERE ${w.text} ORDER BY t DESC, id DESC LIMIT $${w.values.length + 1}`;
  return { text: `SELECT ${REDUCE[fn]} AS x FROM (${rows}) m`, values: q.limit === undefined ? w.values : [...w.values, q.limit] };
}

/** The newest value of each of the VEN's series (from the series table), then the newest of those. */
export function latestSql(venId: string, resourceId: string | undefined, measurement: string | undefined, cutoff: Date): Sql {
  const values: unknown[] = [venId, cutoff];
  let filter = '';
  if (resourceId !== undefined) filter += ` AND s.resource_id = $${values.push(resourceId)}`;
  if (measurement !== undefined) filter += ` AND s.measurement = $${values.push(measurement)}`;
  return {
    text: `SELECT x.* FROM vtn_telemetry_series s CROSS JOIN LATERAL (
        SELECT id, t, ${ROW_COLUMNS} FROM vtn_telemetry v
        WHERE v.ven_id = s.ven_id AND v.resource_id = s.resource_id AND v.measurement = s.measurement AND v.t >= $2
        ORDER BY v.t DESC, v.id DESC LIMIT 1) x
      WHERE s.ven_id = $1${filter}
      ORDER BY x.t DESC, x.id DESC LIMIT 1`,
    values,
  };
}
