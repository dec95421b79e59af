import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, shouldPrettyPrint } from '../../../src/logging/create-logger.js';

describe('logging', () => {
  it('pretty only for a TTY unless forced by setting or VTN_LOG_FORMAT', () => {
    expect(shouldPrettyPrint({}, true, {})).toBe(true);
    expect(shouldPrettyPrint({}, false, {})).toBe(false);
    expect(shouldPrettyPrint({}, undefined, {})).toBe(false);
    expect(shouldPrettyPrint({}, true, { VTN_LOG_FORMAT: 'json' })).toBe(false);
    expect(shouldPrettyPrint({}, false, { VTN_LOG_FORMAT: 'pretty' })).toBe(true);
    expect(shouldPrettyPrint({ pretty: false }, true, { VTN_LOG_FORMAT: 'pretty' })).toBe(false);
  });

  it('writes one JSON object per line at the chosen level', () => {
    const lines: string[] = [];
    const destination = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const log = createLogger({ level: 'warn', pretty: false, destination });
    log.info({ a: 1 }, 'hidden');
    log.warn({ venId: 'v1' }, 'shown');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, venId: 'v1', msg: 'shown' });
  });
});
