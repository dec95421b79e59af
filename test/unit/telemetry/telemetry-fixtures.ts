// A controllable clock, temp dirs and value builders for telemetry store tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportValue } from '../../../src/telemetry/report-value.js';

export const START = new Date('2024-05-01T12:00:00Z');

export class Clock {
  ms = START.getTime();
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vtn-telemetry-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function value(venId: string, timeMs: number, v: ReportValue['value'], extra: Partial<ReportValue> = {}): ReportValue {
  return {
    venId, reportRequestId: 'rr-1', rId: 'p1', resourceId: 'dev-1', measurement: 'powerReal', unit: 'W', scale: 'k',
    time: new Date(timeMs), value: v, ...extra,
  };
}
