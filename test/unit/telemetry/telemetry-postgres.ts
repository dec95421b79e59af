// The PostgreSQL maker for the telemetry contract: the file's own database, emptied before each store.
import { PostgresTelemetryStore } from '../../../src/telemetry/postgres-telemetry-store.js';
import type { RetentionOptions } from '../../../src/telemetry/telemetry-store.js';
import type { TestDatabase } from '../../helpers/postgres.js';

export function postgresTelemetryMaker(db: TestDatabase): (o: RetentionOptions) => Promise<PostgresTelemetryStore> {
  return async (o) => {
    await db.reset();
    // A short retention period, so "applies retention by itself" is seen within the test.
    return new PostgresTelemetryStore({ url: db.url, retentionEveryMs: 25, poolSize: 2, ...o });
  };
}
