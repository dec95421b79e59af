// Retention on PostgreSQL: delete values past the age cutoff, then the oldest values of each series over the
// count cap, in bounded batches; each batch lowers the series counts in the same statement. One instance at a time.
import type { Pool, PoolClient } from 'pg';
import { advisoryLockId } from '../../store/postgres/pg-connection.js';
import { retryRace } from './retry-race.js';

/** Rows per DELETE: keeps each statement's locks and WAL small while appends go on. */
const BATCH = 5_000;

const LOWER_COUNTS = `
  per AS (SELECT ven_id, resource_id, measurement, count(*) AS k FROM gone GROUP BY ven_id, resource_id, measurement),
  lowered AS (
    UPDATE vtn_telemetry_series s SET n = s.n - per.k FROM per
    WHERE s.ven_id = per.ven_id AND s.resource_id = per.resource_id AND s.measurement = per.measurement)
  SELECT coalesce(sum(k), 0)::int AS deleted FROM per`;

const BY_AGE = `
  WITH gone AS (
    DELETE FROM vtn_telemetry WHERE ctid = ANY(ARRAY(SELECT ctid FROM vtn_telemetry WHERE t < $1 LIMIT $2))
    RETURNING ven_id, resource_id, measurement
  ), ${LOWER_COUNTS}`;

/** The oldest values of one series (ties: the first stored goes first, as in the local stores). */
const BY_COUNT = `
  WITH gone AS (
    DELETE FROM vtn_telemetry WHERE ctid = ANY(ARRAY(
      SELECT ctid FROM vtn_telemetry WHERE ven_id = $1 AND resource_id = $2 AND measurement = $3 ORDER BY t, id LIMIT $4))
    RETURNING ven_id, resource_id, measurement
  ), ${LOWER_COUNTS}`;

export interface RetentionLimits {
  cutoff: Date;
  maxPerSeries: number;
}

async function deleteAll(client: PoolClient, sql: string, params: (limit: number) => unknown[], total: number = Number.POSITIVE_INFINITY): Promise<number> {
  let deleted = 0;
  while (deleted < total) {
    const limit = Math.min(BATCH, total - deleted);
    const { rows } = await retryRace(() => client.query<{ deleted: number }>(sql, params(limit)));
    const n = rows[0]?.deleted ?? 0;
    deleted += n;
    if (n < limit) break;
  }
  return deleted;
}

async function pruneLocked(client: PoolClient, limits: RetentionLimits): Promise<number> {
  let deleted = await deleteAll(client, BY_AGE, (limit) => [limits.cutoff, limit]);
  const over = await client.query<{ ven_id: string; resource_id: string; measurement: string; excess: string }>(
    'SELECT ven_id, resource_id, measurement, n - $1 AS excess FROM vtn_telemetry_series WHERE n > $1 ORDER BY ven_id, resource_id, measurement',
    [limits.maxPerSeries],
  );
  for (const s of over.rows) {
    deleted += await deleteAll(client, BY_COUNT, (limit) => [s.ven_id, s.resource_id, s.measurement, limit], Number(s.excess));
  }
  // An append that raised a count meanwhile holds its row: the recheck after its commit keeps the row.
  await client.query('DELETE FROM vtn_telemetry_series WHERE n <= 0');
  return deleted;
}

/** Runs retention under a session advisory lock (another instance's run is waited for); returns rows deleted. */
export async function pruneTelemetry(pool: Pool, limits: RetentionLimits): Promise<number> {
  const client = await pool.connect();
  const lock = advisoryLockId('telemetry-retention');
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lock]);
    const deleted = await pruneLocked(client, limits);
    await client.query('SELECT pg_advisory_unlock($1)', [lock]);
    client.release();
    return deleted;
  } catch (err) {
    // Closing the connection drops its session lock too, whatever state the failure left it in.
    client.release(true);
    throw err;
  }
}
