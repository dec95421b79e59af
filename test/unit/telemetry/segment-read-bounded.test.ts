// Telemetry segments are state too: reading one never builds a string larger than one of its lines, so a segment
// past 512 MiB (a large fleet reporting for an hour) cannot stop start-up with ERR_STRING_TOO_LONG.
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSegment } from '../../../src/telemetry/segment-files.js';
import { MAX_LINE_BYTES } from '../../../src/store/line-reader.js';
import { tempDir } from './telemetry-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).forEach((c) => c());
});

describe('telemetry segment read', () => {
  it('builds no string longer than its longest line (2.4 MB file of 24 lines), and cuts a torn tail', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, '2024-05-01T12.ndjson');
    const line = (i: number) => `[${JSON.stringify({ venId: `VEN-${i}`, pad: 'v'.repeat(100_000) })}]`;
    writeFileSync(path, Array.from({ length: 24 }, (_, i) => `${line(i)}\n`).join(''));
    appendFileSync(path, '[{"venId":"torn');
    const longest = line(23).length;
    const built: number[] = [];
    const toString = Buffer.prototype.toString;
    vi.spyOn(Buffer.prototype, 'toString').mockImplementation(function (this: Buffer, ...args: unknown[]) {
      const text = (toString as (...a: unknown[]) => string).apply(this, args);
      built.push(text.length);
      return text;
    });
    const content = readSegment(path);
    vi.restoreAllMocks();
    expect(content.lines).toEqual(Array.from({ length: 24 }, (_, i) => line(i)));
    expect(content.tornBytes).toBe('[{"venId":"torn'.length);
    expect(statSync(path).size).toBe(content.bytes);
    expect(Math.max(...built)).toBeLessThanOrEqual(longest);
  });

  it('skips a line over the 64 MiB record limit and keeps the others', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, '2024-05-01T13.ndjson');
    writeFileSync(path, '[1]\n');
    appendFileSync(path, `${'x'.repeat(MAX_LINE_BYTES + 1)}\n`);
    appendFileSync(path, '[2]\n');
    const content = readSegment(path);
    expect(content.lines).toEqual(['[1]', '[2]']);
    expect(content.tooLongLines).toBe(1);
  });
});
