// The dashboard modules' pure parts run in Node too: axis ticks, event ordering and opt words, rule problems
// in plain words, the event form's request body, time formats and telemetry series (more in dashboard-fleet-logic).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_ASSET_DIR } from '../../src/admin/ui/dashboard-plugin.js';

// The modules are plain browser JavaScript without type declarations; these are the shapes the tests use.
interface Modules {
  scale: { valueRange(v: number[]): { lo: number; hi: number }; niceTicks(lo: number, hi: number, n?: number): number[]; formatNumber(v: number): string };
  order: {
    orderEvents<T extends { status: string; event: { dtstart: string } }>(v: T[]): T[];
    optWords(d: Record<string, unknown>): string;
  };
  policy: { describeProblem(line: string): { where: string; text: string } };
  form: { eventBody(f: { venIds: string[]; signal: string; level: string; start: string; durationMinutes: string }): Record<string, unknown> };
  time: { formatDuration(ms: number): string; formatRelative(iso: string, now: number): string };
  telemetry: { toSeries(values: Record<string, unknown>[]): { label: string; points: { t: number; v: number }[] }[]; unitOf(v: Record<string, unknown>): string };
}

const load = async <T>(file: string): Promise<T> => (await import(join(DASHBOARD_ASSET_DIR, file))) as T;
let m: Modules;

beforeAll(async () => {
  m = {
    scale: await load('plot-scale.js'), order: await load('event-order.js'), policy: await load('policy-panel.js'),
    form: await load('event-form.js'), time: await load('time-format.js'), telemetry: await load('telemetry-panel.js'),
  };
});

describe('dashboard logic', () => {
  it('plot axes cover every value with round ticks, also for a flat series', () => {
    const { lo, hi } = m.scale.valueRange([4.2, 8.3, 5.1]);
    expect(lo).toBeGreaterThan(3.5);
    expect(lo).toBeLessThan(4.2);
    expect(hi).toBeGreaterThan(8.3);
    expect(m.scale.valueRange([1, 8.3]).lo).toBe(0); // near zero compared with the spread: the axis starts at zero
    expect(m.scale.niceTicks(0, 9)).toEqual([0, 2, 4, 6, 8]);
    expect(m.scale.niceTicks(230.1, 230.9)).toEqual([230.2, 230.4, 230.6, 230.8]);
    const flat = m.scale.valueRange([5, 5]);
    expect(flat.lo).toBeLessThan(5);
    expect(flat.hi).toBeGreaterThan(5);
    expect(m.scale.valueRange([0, 0])).toEqual({ lo: -1, hi: 1 });
    expect(m.scale.formatNumber(1 / 3)).toBe('0.333');
  });

  it('orders running and coming events first by start, finished ones newest first', () => {
    const v = (id: string, status: string, dtstart: string) => ({ id, status, event: { dtstart } });
    const ordered = m.order.orderEvents([
      v('done-old', 'completed', '2026-06-01T08:00:00Z'), v('far-late', 'far', '2026-06-03T00:00:00Z'),
      v('cancelled', 'cancelled', '2026-06-02T00:00:00Z'), v('far-soon', 'far', '2026-06-02T00:00:00Z'),
      v('done-new', 'completed', '2026-06-01T10:00:00Z'), v('active', 'active', '2026-06-01T11:00:00Z'), v('near', 'near', '2026-06-01T12:30:00Z'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['active', 'near', 'far-soon', 'far-late', 'done-new', 'done-old', 'cancelled']);
  });

  it('says how a VEN stands on an event, the state to act on first', () => {
    expect(m.order.optWords({ response: 'optOut', effective: 'optIn' })).toBe('opted in');
    expect(m.order.optWords({ response: 'optOut' })).toBe('opted out');
    expect(m.order.optWords({ responseCode: 460, response: 'optOut' })).toBe('answered 460');
    expect(m.order.optWords({})).toBe('no answer yet');
  });

  it('puts a rule problem in plain words with where to look; other lines stay as they are', () => {
    expect(m.policy.describeProblem('rules/registration.json:12:7 P_UNKNOWN_FACT fact "x" is not known (did you mean "venName"?)')).toEqual({
      where: 'rules/registration.json:12:7',
      text: 'In rules/registration.json, line 12, column 7: fact "x" is not known (did you mean "venName"?) (P_UNKNOWN_FACT)',
    });
    expect(m.policy.describeProblem('C:\\vtn\\rules\\opt.json:1:1 P_JSON unexpected end').where).toBe('C:\\vtn\\rules\\opt.json:1:1');
    expect(m.policy.describeProblem('the rules folder is missing')).toEqual({ where: '', text: 'the rules folder is missing' });
  });

  it('turns the form into an addEvent body and refuses unusable fields with a plain message', () => {
    const good = { venIds: ['v1', 'v2'], signal: 'SIMPLE|level', level: '2', start: '2026-06-01T14:30', durationMinutes: '90' };
    expect(m.form.eventBody(good)).toEqual({
      venIds: ['v1', 'v2'], signalName: 'SIMPLE', signalType: 'level', dtstart: new Date('2026-06-01T14:30').toISOString(),
      intervals: [{ duration: 'PT90M', payload: 2 }],
    });
    expect(m.form.eventBody({ ...good, signal: 'ELECTRICITY_PRICE|price', level: '0.25' })).toMatchObject({ signalName: 'ELECTRICITY_PRICE', signalType: 'price', intervals: [{ payload: 0.25 }] });
    expect(() => m.form.eventBody({ ...good, venIds: [] })).toThrow('Pick at least one VEN.');
    expect(() => m.form.eventBody({ ...good, level: '' })).toThrow('Level / value must be a number.');
    expect(() => m.form.eventBody({ ...good, start: '' })).toThrow('Start must be a date and time.');
    expect(() => m.form.eventBody({ ...good, durationMinutes: '0' })).toThrow(/at least 1/);
    expect(() => m.form.eventBody({ ...good, durationMinutes: '1.5' })).toThrow(/whole number/);
  });

  it('formats durations and relative times for people', () => {
    expect(m.time.formatDuration(0)).toBe('open-ended');
    expect(m.time.formatDuration(5_400_000)).toBe('1 h 30 min');
    expect(m.time.formatDuration(3_600_000)).toBe('1 h');
    expect(m.time.formatDuration(30_000)).toBe('30 s');
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(m.time.formatRelative('2026-06-01T11:59:48Z', now)).toBe('12 s ago');
    expect(m.time.formatRelative('2026-06-01T12:05:00Z', now)).toBe('in 5 min');
    expect(m.time.formatRelative('2026-05-30T12:00:00Z', now)).toBe('2 d ago');
  });

  it('groups numeric telemetry into one sorted series per resource and rID and skips status objects', () => {
    const series = m.telemetry.toSeries([
      { venId: 'v', resourceId: 'm1', rId: 'powerReal', time: '2026-06-01T12:01:00Z', value: 2 },
      { venId: 'v', resourceId: 'm1', rId: 'powerReal', time: '2026-06-01T12:00:00Z', value: 1 },
      { venId: 'v', resourceId: 'm2', rId: 'powerReal', time: '2026-06-01T12:00:00Z', value: 5 },
      { venId: 'v', rId: 'status', time: '2026-06-01T12:00:00Z', value: { online: true } },
    ]);
    expect(series.map((x) => x.label)).toEqual(['m1 · powerReal', 'm2 · powerReal']);
    expect(series[0]!.points.map((p) => p.v)).toEqual([1, 2]);
    expect(m.telemetry.unitOf({ unit: 'W', scale: 'k' })).toBe('kW');
    expect(m.telemetry.unitOf({ unit: 'V', scale: 'none' })).toBe('V');
  });
});
