// The dashboard's pure parts for a large fleet, run in Node: errors with their hint once, times with their zone,
// events by name, the poll period in use, the from-template body, event windows for the plots, the health banner.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_ASSET_DIR } from '../../src/admin/ui/dashboard-plugin.js';

type Fn = (...args: any[]) => any;
const load = async (file: string): Promise<Record<string, Fn>> => (await import(join(DASHBOARD_ASSET_DIR, file))) as Record<string, Fn>;
let api: Record<string, Fn>, time: Record<string, Fn>, names: Record<string, Fn>, vens: Record<string, Fn>;
let form: Record<string, Fn>, windows: Record<string, Fn>, banner: Record<string, Fn>, pager: Record<string, Fn>;

beforeAll(async () => {
  const mods = await Promise.all(['api.js', 'time-format.js', 'event-names.js', 'vens-panel.js', 'event-form.js', 'event-windows.js', 'health-banner.js', 'table-pager.js'].map(load));
  [api, time, names, vens, form, windows, banner, pager] = mods as [typeof api, typeof api, typeof api, typeof api, typeof api, typeof api, typeof api, typeof api];
});

const event = (extra: Record<string, unknown> = {}) => ({
  eventId: '1a2b3c4d-5e6f-7a8b-9c0d-112233445566', marketContext: 'http://utility.example/programs/summer-peak',
  dtstart: '2026-06-01T14:00:00Z', duration: 3_600_000, signals: [{ signalName: 'SIMPLE', intervals: [{ payload: 2 }] }], venIds: ['v1'], target: {}, ...extra,
});

describe('dashboard logic for a fleet', () => {
  it('shows a refusal\'s hint once, also when the VTN message already carries it', () => {
    const err = new (api.ApiError as unknown as new (...a: unknown[]) => Error)(400, 'E_SIMPLE_PAYLOAD', 'intervals[0].payload is 5 — SIMPLE levels are 0, 1, 2 or 3', 'SIMPLE levels are 0, 1, 2 or 3');
    const line = api.describeError!(err) as string;
    expect(line).toBe('intervals[0].payload is 5 — SIMPLE levels are 0, 1, 2 or 3 (E_SIMPLE_PAYLOAD)');
    expect(line.split('SIMPLE levels').length - 1).toBe(1);
    const bare = new (api.ApiError as unknown as new (...a: unknown[]) => Error)(404, 'E_NOT_FOUND', 'no template named x', 'use one of a, b');
    expect(api.describeError!(bare)).toBe('no template named x — use one of a, b (E_NOT_FOUND)');
  });

  it('names the zone with every time (the browser test checks a named zone)', () => {
    const at = new Date('2026-06-01T14:00:00Z');
    const zone = time.zoneAbbreviation!(at) as string;
    expect(zone).toMatch(/^[A-Z]{2,5}([+-]\d{1,2}(:\d\d)?)?$/);
    expect(time.formatTime!(at.toISOString())).toMatch(new RegExp(`^2026-06-0[12] \\d\\d:\\d\\d:00 ${zone.replace('+', '\\+')}$`));
  });

  it('names events by program, template, schedule or rule with a short id, never by the bare UUID', () => {
    const programs = [{ name: 'summer-peak', marketContext: 'http://utility.example/programs/summer-peak' }];
    expect(names.eventName!(event({ origin: { source: 'admin', actor: 'alice', template: 'shed-level-2' } }), programs))
      .toEqual({ title: 'summer-peak', detail: ['template shed-level-2', 'admin alice'], short: '1a2b3c4d' });
    expect(names.eventLabel!(event({ origin: { schedule: 'weekday-peak', fireTime: 'x' } }), programs)).toBe('summer-peak · schedule weekday-peak · #1a2b3c4d');
    // Without the catalogue: the tail of the market context; the default context is no program at all.
    expect(names.eventName!(event(), []).title).toBe('summer-peak');
    const plain = event({ marketContext: 'oadr://unknown.context', origin: { source: 'rules', rule: 'feeder 7 overload' } });
    expect(names.eventLabel!(plain, [])).toBe('rule feeder 7 overload · #1a2b3c4d');
    expect(names.eventLabel!(event({ marketContext: 'oadr://unknown.context', origin: { source: 'admin', actor: 'admin' } }), [])).toBe('SIMPLE event · admin admin · #1a2b3c4d');
  });

  it('says which poll period a VEN uses instead of "default"', () => {
    expect(vens.pollPeriodText!({ pollPeriodMs: 10_000 }, 10_000)).toBe('10 s (VTN default)');
    expect(vens.pollPeriodText!({ pollFreqMs: 30_000, pollPeriodMs: 30_000 }, 10_000)).toBe('30 s');
    expect(vens.pollPeriodText!({}, 60_000)).toBe('1 min (VTN default)');
  });

  it('builds the from-template body with only the fields given', () => {
    const base = { venIds: ['v1'], template: 'shed-level-2', level: '', start: '2026-06-01T14:30', durationMinutes: '' };
    expect(form.templateBody!(base)).toEqual({ template: 'shed-level-2', venIds: ['v1'], start: new Date('2026-06-01T14:30').toISOString() });
    expect(form.templateBody!({ ...base, level: '3', durationMinutes: '45' })).toMatchObject({ level: 3, duration: 'PT45M' });
    expect(() => form.templateBody!({ ...base, template: '' })).toThrow('Pick a template.');
    expect(() => form.templateBody!({ ...base, venIds: [] })).toThrow('Pick at least one VEN.');
  });

  it('shades the events of the plotted VENs that overlap the window, open-ended ones to the edge', () => {
    const from = Date.parse('2026-06-01T12:00:00Z');
    const to = Date.parse('2026-06-01T18:00:00Z');
    const views = [
      { status: 'active', event: event() },
      { status: 'cancelled', event: event({ eventId: 'c' }) },
      { status: 'far', event: event({ eventId: 'later', dtstart: '2026-06-02T00:00:00Z' }) },
      { status: 'active', event: event({ eventId: 'open', duration: 0, target: { groupIds: ['feeder-7'] } }) },
    ];
    const all = windows.eventWindows!(views, { from, to, programs: [] });
    expect(all.map((w: { eventId: string }) => w.eventId)).toEqual(['1a2b3c4d-5e6f-7a8b-9c0d-112233445566', 'open']);
    expect(all[1].to).toBe(to);
    const group = windows.eventWindows!(views, { from, to, programs: [], keep: (e: unknown) => windows.targetsGroup!(e, 'feeder-7') });
    expect(group.map((w: { eventId: string }) => w.eventId)).toEqual(['open']);
  });

  it('puts a degraded policy with file:line:column and an unavailable store in the banner; nothing when all is well', () => {
    const ok = { status: 'ok', detail: 'fine', problems: [] };
    expect(banner.bannerLines!({ store: ok, policy: ok, schedules: { status: 'not installed', detail: '', problems: [] } })).toEqual([]);
    const lines = banner.bannerLines!({
      store: { status: 'down', detail: 'state store is not open', problems: [] },
      policy: { status: 'degraded', detail: 'the last rules edit was rejected: rules/opt.json:3:14 P_UNKNOWN_FACT x; version v1 keeps serving', problems: [{ file: 'rules/opt.json', line: 3, column: 14, code: 'P_UNKNOWN_FACT', message: 'x' }] },
      schedules: ok,
    });
    expect(lines.map((l: { text: string }) => l.text)).toEqual([
      'Store unavailable: state store is not open',
      'Rules degraded: the last rules edit was rejected: rules/opt.json:3:14 P_UNKNOWN_FACT x; version v1 keeps serving',
    ]);
    expect(lines[1].problems).toEqual(['rules/opt.json:3:14 P_UNKNOWN_FACT x']);
  });

  it('keeps the VEN page across a refresh and a late typing pause for the same search; a new search starts at page 1', () => {
    const at = pager.createVenPager!() as { at: number; cursorFor(f: string): string | undefined; next(id: string): void; previous(): boolean };
    expect(at.cursorFor('["",""]')).toBeUndefined();
    at.next('ven-050');
    expect(at.cursorFor('["",""]')).toBe('ven-050');
    // The CI failure: a refresh had already used the cleared search, then the typing pause came — still page 2.
    expect(at.cursorFor('["",""]')).toBe('ven-050');
    expect(at.at).toBe(1);
    at.next('ven-100');
    expect(at.previous()).toBe(true);
    expect(at.cursorFor('["",""]')).toBe('ven-050');
    expect(at.cursorFor('["plant",""]')).toBeUndefined();
    expect(at.at).toBe(0);
    expect(at.previous()).toBe(false);
  });

  it('keeps the refused VENs\' page across a late typing pause for the same search; a new search starts at the first', () => {
    const at = pager.createOffsetPager!(25) as { offsetFor(q: string): number; next(): void; previous(): void };
    expect(at.offsetFor('')).toBe(0);
    at.next();
    expect(at.offsetFor('')).toBe(25);
    expect(at.offsetFor('')).toBe(25);
    at.previous();
    at.previous();
    expect(at.offsetFor('')).toBe(0);
    at.next();
    expect(at.offsetFor('rogue')).toBe(0);
  });
});
