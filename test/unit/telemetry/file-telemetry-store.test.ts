import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileTelemetryStore, type FileTelemetryOptions } from '../../../src/telemetry/file-telemetry-store.js';
import { Clock, START, tempDir, value } from './telemetry-fixtures.js';

const HOUR = 3_600_000;
const s0 = START.getTime();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(o: Partial<FileTelemetryOptions> = {}) {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const clock = new Clock();
  const segDir = join(t.dir, 'telemetry');
  const make = () => new FileTelemetryStore({ dataDir: t.dir, now: clock.now, ...o });
  const files = () => readdirSync(segDir).sort();
  return { clock, segDir, make, files };
}

describe('FileTelemetryStore on disk', () => {
  it('has the message on disk when append returns, before close', async () => {
    const { make, segDir, files } = setup();
    const store = make();
    await store.open();
    await store.append([value('VEN-1', s0, 1.5)]);
    expect(files()).toEqual(['2024-05-01T12.ndjson']);
    expect(readFileSync(join(segDir, '2024-05-01T12.ndjson'), 'utf8')).toMatch(/^\[.*"VEN-1".*1\.5.*\]\n$/);
    await store.close();
  });

  it('restores every value and field on reopen, status objects included', async () => {
    const { make } = setup();
    const status = { online: false, manualOverride: true, loadControlState: { levelOffset: { current: 1 } } };
    const written = [
      value('VEN-1', s0, 2.5, { durationMs: 10_000, confidence: 95, accuracy: 0.5, dataQuality: 'Quality Good - Non Specific' }),
      value('VEN-1', s0 + 10_000, 3.5),
      value('0012', s0, status, { rId: 's1', measurement: undefined, unit: undefined, scale: undefined }),
    ];
    const a = make();
    await a.open();
    await a.append(written.slice(0, 2));
    await a.append(written.slice(2));
    await a.close();
    const b = make();
    await b.open();
    expect(await b.query({})).toEqual([written[0], written[2], written[1]]);
    expect(await b.stats()).toMatchObject({ values: 3, series: 2, skippedLines: 0, tornBytes: 0 });
    await b.close();
  });

  it('tolerates a torn last line: drops it, cuts it off and appends cleanly after it', async () => {
    const { make, segDir } = setup();
    const a = make();
    await a.open();
    await a.append([value('VEN-1', s0, 1)]);
    await a.close();
    const file = join(segDir, '2024-05-01T12.ndjson');
    const goodBytes = statSync(file).size;
    const torn = '[[["VEN-1","rr-1","p1"],[[1714564800000,2';
    appendFileSync(file, torn);
    const b = make();
    await b.open();
    expect((await b.query({})).map((v) => v.value)).toEqual([1]);
    expect(await b.stats()).toMatchObject({ tornBytes: torn.length, bytesOnDisk: goodBytes });
    expect(statSync(file).size).toBe(goodBytes);
    await b.append([value('VEN-1', s0 + 1000, 3)]);
    await b.close();
    const c = make();
    await c.open();
    expect((await c.query({})).map((v) => v.value)).toEqual([1, 3]);
    expect((await c.stats()).skippedLines).toBe(0);
    await c.close();
  });

  it('skips an undecodable line in the middle and keeps the rest', async () => {
    const { make, segDir } = setup();
    const a = make();
    await a.open();
    await a.append([value('VEN-1', s0, 1)]);
    await a.close();
    const file = join(segDir, '2024-05-01T12.ndjson');
    appendFileSync(file, 'not json\n[{"odd":true}]\n');
    const b = make();
    await b.open();
    await b.append([value('VEN-1', s0 + 1, 2)]);
    expect((await b.query({})).map((v) => v.value)).toEqual([1, 2]);
    expect((await b.stats()).skippedLines).toBe(2);
    await b.close();
  });

  it('writes one segment per UTC hour of arrival and deletes whole segments once past maxAge', async () => {
    const { make, clock, files, segDir } = setup({ maxAgeMs: 2 * HOUR });
    const store = make();
    await store.open();
    for (let h = 0; h < 4; h += 1) {
      await store.append([value('VEN-1', clock.ms, h)]);
      clock.advance(HOUR);
    }
    // Now 16:00; the cutoff 14:00 leaves the 14:00 and 15:00 values.
    await store.append([value('VEN-1', clock.ms, 4)]);
    expect(files()).toEqual(['2024-05-01T14.ndjson', '2024-05-01T15.ndjson', '2024-05-01T16.ndjson']);
    expect((await store.query({})).map((v) => v.value)).toEqual([2, 3, 4]);
    const onDisk = files().reduce((n, f) => n + statSync(join(segDir, f)).size, 0);
    expect((await store.stats()).bytesOnDisk).toBe(onDisk);
    await store.close();
  });

  it('deletes a segment once count retention has trimmed all its values', async () => {
    const { make, clock, files } = setup({ maxPerSeries: 2 });
    const store = make();
    await store.open();
    await store.append([value('VEN-1', clock.ms, 0)]);
    clock.advance(HOUR);
    await store.append([value('VEN-1', clock.ms, 1)]);
    expect(files()).toHaveLength(2);
    clock.advance(HOUR);
    await store.append([value('VEN-1', clock.ms, 2)]);
    expect(files()).toEqual(['2024-05-01T13.ndjson', '2024-05-01T14.ndjson']);
    await store.close();
  });

  it('applies retention to what it reads on reopen and deletes segments left empty', async () => {
    const { make, clock, files } = setup({ maxAgeMs: HOUR });
    const a = make();
    await a.open();
    await a.append([value('VEN-1', clock.ms, 1)]);
    clock.advance(HOUR);
    await a.append([value('VEN-1', clock.ms, 2)]);
    await a.close();
    expect(files()).toEqual(['2024-05-01T12.ndjson', '2024-05-01T13.ndjson']);
    clock.advance(HOUR / 2);
    const b = make();
    await b.open();
    expect((await b.query({})).map((v) => v.value)).toEqual([2]);
    expect(files()).toEqual(['2024-05-01T13.ndjson']);
    await b.close();
  });

  it('refuses to append before open and ignores foreign files in the directory', async () => {
    const { make, segDir } = setup();
    const store = make();
    await expect(store.append([value('VEN-1', s0, 1)])).rejects.toThrow(/before open/);
    await store.open();
    writeFileSync(join(segDir, 'notes.txt'), 'keep me');
    await store.close();
    await store.open();
    expect(existsSync(join(segDir, 'notes.txt'))).toBe(true);
    await store.close();
  });
});
