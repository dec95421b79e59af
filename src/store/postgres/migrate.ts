// Applies the pending migrations in one transaction under an advisory lock, so several instances starting at
// once apply each migration exactly once (the others wait, then find nothing to do).
import type { Pool } from 'pg';
import { VtnError } from '../../errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.js';
import { advisoryLockId } from './pg-connection.js';

export interface MigrationResult {
  /** Versions applied by this call (empty when the schema was current). */
  applied: number[];
  schemaVersion: number;
}

export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockId('migrations')]);
    await client.query(`CREATE TABLE IF NOT EXISTS vtn_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM vtn_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > latest) {
      throw new VtnError(
        'E_STORE_UNAVAILABLE',
        `The database schema is at version ${current}, newer than this VTN knows (${latest})`,
        'Run the VTN release that migrated this database (or a newer one); an older release must not write to it',
      );
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO vtn_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return { applied, schemaVersion: Math.max(current, latest) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export { LATEST_SCHEMA_VERSION };
