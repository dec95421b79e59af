import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, summariseBody } from '../../../src/admin/audit-log.js';
import { valuesToCsv } from '../../../src/admin/values-csv.js';

describe('audit log', () => {
  it('summarises bodies on one line, masks secrets and shortens long ones', () => {
    expect(summariseBody(undefined)).toBeUndefined();
    expect(summariseBody({ reason: 'x', token: 'abc', nested: { apiKey: 'k' } })).toBe('{"reason":"x","token":"***","nested":{"apiKey":"***"}}');
    const long = summariseBody({ text: 'y'.repeat(1000) })!;
    expect(long.length).toBeLessThan(530);
    expect(long).toMatch(/… \(1011 chars\)$/);
  });

  it('appends JSON lines to the file (creating its folder) and keeps recent entries', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-'));
    try {
      const log = new AuditLog(join(dir, 'nested', 'audit.log'));
      const entry = { time: '2026-06-01T12:00:00.000Z', actor: 'admin', method: 'POST', path: '/admin/v1/events', result: { status: 201 } };
      log.append(entry);
      log.append({ ...entry, result: { status: 400, code: 'E_BAD_REQUEST' } });
      const lines = (await readFile(join(dir, 'nested', 'audit.log'), 'utf8')).split('\n');
      expect(lines).toHaveLength(3);
      expect(JSON.parse(lines[1]!)).toEqual({ ...entry, result: { status: 400, code: 'E_BAD_REQUEST' } });
      expect(log.recent).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
