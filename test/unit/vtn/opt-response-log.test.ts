// The opt-response log: a debug line per message, one info summary per interval with the busiest events first.
import { describe, expect, it } from 'vitest';
import { OptResponseLog } from '../../../src/vtn/opt-response-log.js';

function recorder() {
  const lines: { level: string; obj: Record<string, unknown>; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object | string, msg?: string) => { lines.push({ level, obj: obj as Record<string, unknown>, msg }); };
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } };
}

describe('opt-response log', () => {
  it('sums up an interval\'s responses in one info line, the events with most answers first, then starts again', async () => {
    const { lines, log } = recorder();
    const optLog = new OptResponseLog(log, { everyMs: 50 });
    for (let i = 0; i < 30; i++) optLog.record(`ven-${i}`, [{ eventId: 'big', optType: i < 28 ? 'optIn' : 'optOut', modificationNumber: 0 }, ...(i < 3 ? [{ eventId: 'small', optType: 'optIn' as const, modificationNumber: 0 }] : [])]);
    expect(lines.filter((l) => l.level === 'debug')).toHaveLength(30);
    expect(lines.filter((l) => l.level === 'info')).toHaveLength(0);
    await expect.poll(() => lines.filter((l) => l.level === 'info').length).toBe(1);
    const summary = lines.find((l) => l.level === 'info')!;
    expect(summary.obj).toMatchObject({ optIn: 31, optOut: 2, eventCount: 2, events: [{ eventId: 'big', optIn: 28, optOut: 2 }, { eventId: 'small', optIn: 3, optOut: 0 }] });
    expect(summary.msg).toMatch(/^opt responses recorded: 31 optIn, 2 optOut for 2 events in [\d.]+ s/);
    optLog.flush();
    expect(lines.filter((l) => l.level === 'info')).toHaveLength(1);
    optLog.record('ven-x', [{ eventId: 'later', optType: 'optIn', modificationNumber: 1 }], 'openadr3 report');
    expect(lines.at(-1)).toMatchObject({ level: 'debug', obj: { venId: 'ven-x', via: 'openadr3 report' } });
    optLog.flush();
    expect(lines.filter((l) => l.level === 'info').at(-1)!.obj).toMatchObject({ optIn: 1, optOut: 0, eventCount: 1 });
  });

  it('names at most 20 events per line; the totals count all; a message without responses logs nothing', () => {
    const { lines, log } = recorder();
    const optLog = new OptResponseLog(log);
    optLog.record('ven-0', []);
    for (let e = 0; e < 25; e++) optLog.record(`ven-${e}`, [{ eventId: `ev-${e}`, optType: 'optIn', modificationNumber: 0 }]);
    optLog.flush();
    const info = lines.filter((l) => l.level === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]!.obj).toMatchObject({ optIn: 25, eventCount: 25 });
    expect((info[0]!.obj.events as unknown[]).length).toBe(20);
    expect(lines.filter((l) => l.level === 'debug')).toHaveLength(25);
  });
});
