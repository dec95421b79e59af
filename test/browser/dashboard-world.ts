// A running VTN, an AdminServer on a free loopback port with a token, rule/schedule status stand-ins and a
// test VEN that has offered and sent power telemetry: what the dashboard test looks at.
import type { NextOccurrence, PolicyStatus, PolicyStatusSource, ScheduleStatus, ScheduleStatusSource } from '../../src/admin/index.js';
import { AdminServer } from '../../src/admin/index.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../helpers/start-vtn.js';
import { reportRequestsOf, TestVen } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';

export const TOKEN = 'dashboard-test-token-0123456789';
export const RULE_PROBLEM = 'rules/opt.json:3:14 P_UNKNOWN_FACT fact "venGroup" is not known';

/** A rules layer whose last edit was rejected while the previous version keeps running. */
export class RejectedEditPolicy implements PolicyStatusSource {
  reloads = 0;
  status(): PolicyStatus {
    return {
      version: '3f2a9c81d0e4b7aa', loadedAt: new Date(Date.now() - 600_000).toISOString(), files: ['rules/opt.json', 'rules/registration.json'],
      lastReload: { at: new Date(Date.now() - 60_000).toISOString(), ok: false, errors: [RULE_PROBLEM] },
      reloads: { succeeded: 1, failed: 1 + this.reloads },
    };
  }
  async reload(): Promise<PolicyStatus> {
    this.reloads++;
    return this.status();
  }
}

class RunningSchedules implements ScheduleStatusSource {
  constructor(private readonly occurrences: NextOccurrence[]) {}
  status(): ScheduleStatus {
    return { running: true, schedules: 1, version: 'a1b2c3d4e5f6', loadedAt: new Date().toISOString(), files: ['config/schedules.json'], reloads: { succeeded: 1, failed: 0 }, lastReload: { at: new Date().toISOString(), ok: true, errors: [] } };
  }
  async reload(): Promise<ScheduleStatus> {
    return this.status();
  }
  next(count: number): NextOccurrence[] {
    return this.occurrences.slice(0, count);
  }
}

export interface DashboardWorld {
  vtn: RunningTestVtn;
  admin: AdminServer;
  adminUrl: string;
  ven: TestVen;
  /** The power values the VEN sent, oldest first. */
  sentKw: number[];
  close(): Promise<void>;
}

/** A VEN that registered, offered a power meter (subscribed at PT1M) and sent `kw`, one value a minute up to now. */
export async function reportingVen(vtn: RunningTestVtn, venName: string, kw: readonly number[]): Promise<TestVen> {
  vtn.vtn.addHandler('onRegisterReport', (offer) => (offer.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
  const ven = new TestVen({ baseUrl: vtn.baseUrl, venName });
  await ven.register();
  if (!ven.venId) throw new Error('the test VEN could not register');
  await ven.poll(); // takes the VTN's oadrRegisterReport out of the queue
  const requests = reportRequestsOf(await ven.registerReports([X.telemetryUsageMetadata({ resourceId: 'meter-1' })]));
  const usage = requests.find((q) => q.reportSpecifierId === 'TELEMETRY_USAGE');
  if (!usage) throw new Error('the VTN did not subscribe to the usage report');
  const first = vtn.clock.now().getTime() - kw.length * 60_000;
  await ven.updateReport([{
    reportRequestId: usage.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE',
    dtstart: new Date(first), duration: `PT${kw.length}M`,
    intervals: kw.map((value, i) => ({ dtstart: new Date(first + i * 60_000), duration: 'PT1M', payloads: [{ rId: 'powerReal', value }] })),
  }]);
  return ven;
}

export async function startDashboardWorld(): Promise<DashboardWorld> {
  // The page measures windows and "x ago" with the browser's clock, so the VTN's clock starts at the real time.
  const clock = new TestClock(new Date());
  const vtn = await startTestVtn({ clock });
  const admin = new AdminServer({ vtn: vtn.vtn, config: { port: 0, token: TOKEN }, processMetrics: false, env: {} });
  const inOneHour = clock.now().getTime() + 3_600_000;
  admin.attach({
    policy: new RejectedEditPolicy(),
    schedules: new RunningSchedules([
      { scheduleId: 'summer-weekday-peak', fireTime: new Date(inOneHour).toISOString(), eventStart: new Date(inOneHour + 86_400_000).toISOString(), eventEnd: new Date(inOneHour + 86_400_000 + 7_200_000).toISOString() },
      { scheduleId: 'summer-weekday-peak', fireTime: new Date(inOneHour + 86_400_000).toISOString(), eventStart: new Date(inOneHour + 2 * 86_400_000).toISOString(), skip: { reason: 'holiday', detail: 'Independence Day (us-federal)' } },
    ]),
  });
  const adminUrl = await admin.listen();

  const sentKw = [4.2, 4.8, 5.5, 7.1, 6.4, 5.9, 8.3, 7.7, 6.2, 5.1];
  const ven = await reportingVen(vtn, 'meter-ven', sentKw);

  return {
    vtn, admin, adminUrl, ven, sentKw,
    async close() {
      await admin.close();
      await vtn.close();
    },
  };
}
