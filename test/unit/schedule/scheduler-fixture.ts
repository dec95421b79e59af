// A real Vtn on a given store with a test clock, plus a scheduler over entries written inline.
import { MemoryStore } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/store.js';
import { Vtn } from '../../../src/vtn/vtn.js';
import { silentLogger, type Logger } from '../../../src/vtn/context.js';
import { compileSchedule } from '../../../src/schedule/compile-schedule.js';
import type { ScheduleSet } from '../../../src/schedule/load-schedules.js';
import { Scheduler } from '../../../src/schedule/scheduler.js';
import type { SchedulerOptions } from '../../../src/schedule/scheduler-types.js';
import type { CalendarMap, ScheduleEntry } from '../../../src/schedule/schedule-types.js';
import type { VenRecord } from '../../../src/store/records.js';
import { TestClock } from '../../helpers/start-vtn.js';

export { TestClock };

/** Records log lines so tests can assert that every fire and skip is logged. */
export class RecordingLogger implements Logger {
  lines: { level: string; msg: string; obj: object }[] = [];
  #push = (level: string) => (obj: object | string, msg?: string) => { this.lines.push({ level, msg: msg ?? String(obj), obj: typeof obj === 'object' ? obj : {} }); };
  info = this.#push('info');
  warn = this.#push('warn');
  error = this.#push('error');
  debug = this.#push('debug');
  messages(): string[] {
    return this.lines.map((l) => l.msg);
  }
}

export function entry(over: Omit<Partial<ScheduleEntry>, 'event'> & { event?: Partial<ScheduleEntry['event']> } = {}): ScheduleEntry {
  return {
    name: 'peak', cron: '0 12 * * *', timezone: 'America/New_York', ...over,
    event: { signalName: 'SIMPLE', signalType: 'level', intervals: [{ duration: 'PT2H', payload: 1 }], startAt: '16:00', marketContext: 'http://mc/peak', targets: { venIds: ['ven-1'] }, ...over.event },
  };
}

export function scheduleSet(entries: ScheduleEntry[], calendars: CalendarMap = new Map()): ScheduleSet {
  const catalogue = { present: true, vens: [
    { name: 'maple-3', groups: ['residential'], resources: [], programs: ['summer-peak'] },
    { name: 'oak-7', venId: 'ven-oak', groups: ['residential', 'feeder-7'], resources: ['hvac-1'], programs: [] },
  ] };
  const schedules = entries.map((e, i) => {
    const { schedule, problems } = compileSchedule(e, {
      file: 'schedules.json', pointer: `/schedules/${i}`, defaults: { catchUp: 'create-if-still-relevant', onRemove: 'keep' }, calendars, templates: new Map(), catalogue,
    });
    if (!schedule) throw new Error(JSON.stringify(problems));
    return schedule;
  });
  return { schedules, calendars, templates: new Map(), programs: new Map(), catalogue };
}

export async function registerVen(vtn: Vtn, venId: string, venName = venId): Promise<void> {
  const rec: VenRecord = { venId, venName, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: '2026-01-01T00:00:00Z' };
  await vtn.store.unit(async (u) => u.vens.put(venId, rec));
}

export async function makeVtn(clock: TestClock, store: Store = new MemoryStore()): Promise<Vtn> {
  if (!store.isReady()) await store.open();
  let n = 0;
  return new Vtn({ now: clock.now, newId: () => `ev-${++n}-${Math.random().toString(36).slice(2, 6)}` }, store, silentLogger);
}

export function makeScheduler(vtn: Vtn, clock: TestClock, set: ScheduleSet, over: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler({ vtn, set, now: clock.now, ...over });
}
