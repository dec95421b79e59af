// Helpers for the guide's examples: the test VEN pointed at an OpenADRServer, what the examples print, stopping servers.
import { afterEach, vi } from 'vitest';
import type { OpenADRServer } from '../../../src/openleadr/index.js';
import { TestVen } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';

const started: OpenADRServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  vi.restoreAllMocks();
});

/** Stops the server after the test (the guide runs it forever). */
export function stopLater<S extends OpenADRServer>(server: S): S {
  started.push(server);
  return server;
}

/** Base URL without the service prefix, for the test VEN. */
export function baseUrlOf(server: OpenADRServer, prefix = '/OpenADR2/Simple/2.0b'): string {
  const url = server.url;
  if (!url) throw new Error('server.run() has not resolved yet');
  return url.slice(0, url.length - prefix.length);
}

export const venFor = (server: OpenADRServer, venName: string) => new TestVen({ baseUrl: baseUrlOf(server), venName });

/** Lines the guide's code prints with print(), here console.log. */
export function printed(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  return lines;
}

/** Registered and past the VTN's own oadrRegisterReport, as every VEN is after its first poll. */
export async function registered(ven: TestVen): Promise<TestVen> {
  const reply = await ven.register();
  if (!ven.venId) throw new Error(`registration refused: ${reply.body}`);
  const first = await ven.poll();
  if (first.type !== 'oadrRegisterReport') throw new Error(`expected oadrRegisterReport, got ${first.type}`);
  await ven.registeredReport({ requestId: first });
  return ven;
}

export const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi, s));

/** One oadrUpdateReport interval per rID, all at `at`. */
export function update(reportRequestId: string, reportSpecifierId: string, at: Date, values: Record<string, X.ReportPayloadInput['value']>): X.ReportInput {
  return {
    reportRequestId, reportSpecifierId, reportName: reportSpecifierId, dtstart: at, duration: 'PT10S',
    intervals: [{ dtstart: at, duration: 'PT10S', payloads: Object.entries(values).map(([rId, value]) => ({ rId, value })) }],
  };
}
