import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, summariseBody } from '../../../src/admin/audit-log.js';
import { csvCell, valuesToCsv } from '../../../src/admin/values-csv.js';
import { routedPath } from '../../../src/admin/audit-hooks.js';

describe('audit log', () => {
  it('summarises bodies on one line, masks secrets and shortens long ones', () => {
    expect(summariseBody(undefined)).toBeUndefined();
    expect(summariseBody({ reason: 'x', token: 'abc', nested: { apiKey: 'k' } })).toBe('{"reason":"x","token":"***","nested":{"apiKey":"***"}}');
    const long = summariseBody({ text: 'y'.repeat(1000) })!;
    expect(long.length).toBeLessThan(530);
    expect(long).toMatch(/… \(1011 characters\)$/);
  });

  it('appends JSON lines to the file (creating its folder) and keeps recent entries', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-'));
    try {
      const log = new AuditLog(join(dir, 'nested', 'audit.log'));
      const entry = { time: '2026-06-01T12:00:00.000Z', actor: 'admin', method: 'POST', path: '/admin/v1/events', result: { status: 201 } };
      void log.append(entry);
      await log.append({ ...entry, result: { status: 400, code: 'E_BAD_REQUEST' } });
      const lines = (await readFile(join(dir, 'nested', 'audit.log'), 'utf8')).split('\n');
      expect(lines).toHaveLength(3);
      expect(JSON.parse(lines[1]!)).toEqual({ ...entry, result: { status: 400, code: 'E_BAD_REQUEST' } });
      expect(log.recent).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('audit paths', () => {
  it('are percent-decoded like the router, without the query, malformed escapes kept, long ones cut', () => {
    expect(routedPath('/%61dmin/v1/events?x=1')).toBe('/admin/v1/events');
    expect(routedPath('/admin/v1/vens/a%2Fb%20c/reregister')).toBe('/admin/v1/vens/a/b c/reregister');
    expect(routedPath('/admin/v1/%E0%A4%A')).toBe('/admin/v1/%E0%A4%A');
    const long = routedPath(`/admin/${'x'.repeat(5000)}`);
    expect(long.length).toBeLessThan(300);
    expect(long).toMatch(/… \(5007 characters\)$/);
  });
});

describe('CSV cells against formula injection', () => {
  it('text starting with = + - @ tab or CR gets a leading quote (then RFC 4180 quoting)', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+cmd|/c calc')).toBe("'+cmd|/c calc");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('-12.5')).toBe("'-12.5"); // a text column: a VEN's id that looks like a number is still text
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('ven-1=ok')).toBe('ven-1=ok');
  });

  it('numbers stay numbers: negative values, exponents, zero', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(-1e-7)).toBe('-1e-7');
    expect(csvCell(0)).toBe('0');
  });

  it('a row: the value column keeps -12.5 while venId, rId and names are neutralised', () => {
    const csv = valuesToCsv([{ venId: '=evil', reportRequestId: '@r', rId: '+p', resourceId: '-res', measurement: 'powerReal', unit: '=W', time: new Date('2026-06-01T00:00:00Z'), value: -12.5, scale: 'k' }]);
    expect(csv.split('\r\n')[1]).toBe("2026-06-01T00:00:00.000Z,'=evil,'-res,powerReal,'+p,-12.5,'=W,k,,,,,'@r");
  });
});

describe('valuesToCsv', () => {
  it('writes a header and quotes cells with commas, quotes or newlines; status objects as JSON', () => {
    const csv = valuesToCsv([
      { venId: 'v,1', reportRequestId: 'r1', rId: 'p', time: new Date('2026-06-01T00:00:00Z'), value: 1.5, measurement: 'powerReal' },
      { venId: 'v2', reportRequestId: 'r2', rId: 's', time: new Date('2026-06-01T00:01:00Z'), value: { online: true, manualOverride: false } },
    ]);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('time,venId,resourceId,measurement,rId,value,unit,scale,durationMs,confidence,accuracy,dataQuality,reportRequestId');
    expect(rows[1]).toBe('2026-06-01T00:00:00.000Z,"v,1",,powerReal,p,1.5,,,,,,,r1');
    expect(rows[2]).toBe('2026-06-01T00:01:00.000Z,v2,,,s,"{""online"":true,""manualOverride"":false}",,,,,,,r2');
    expect(rows[3]).toBe('');
  });
});
