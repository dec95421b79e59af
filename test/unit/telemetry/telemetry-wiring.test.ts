// createVtn on a PostgreSQL store keeps report values in the same database, with the configured retention.
import { afterEach, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import type { VtnServer } from '../../../src/http/vtn-server.js';
import { PostgresTelemetryStore } from '../../../src/telemetry/postgres-telemetry-store.js';
import { describePostgres } from '../../helpers/postgres.js';
import { START, value } from './telemetry-fixtures.js';

const open: VtnServer[] = [];
afterEach(async () => {
  for (const vtn of open.splice(0)) await vtn.close();
});

describePostgres('createVtn with store kind postgres', (db) => {
  it('uses the PostgreSQL telemetry store on the store\'s database and applies telemetryRetention', async () => {
    const vtn = await createVtn({
      store: { kind: 'postgres', url: db.url }, logger: false, host: '127.0.0.1', port: 0,
      telemetryRetention: { maxPerSeries: 2 }, now: () => START,
    });
    open.push(vtn);
    expect(vtn.telemetry).toBeInstanceOf(PostgresTelemetryStore);
    await vtn.telemetry.append([1, 2, 3, 4].map((n) => value('VEN-1', START.getTime() - n * 1000, n)));
    expect(await db.sql('SELECT count(*)::int AS n FROM vtn_telemetry')).toEqual([{ n: 4 }]);
    await vtn.telemetry.prune();
    expect((await vtn.telemetry.query({ venId: 'VEN-1' })).map((v) => v.value)).toEqual([2, 1]);
    expect(await db.sql('SELECT n::int FROM vtn_telemetry_series')).toEqual([{ n: 2 }]);
  });
});
