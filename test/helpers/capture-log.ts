// A pino logger whose JSON lines land in an array, for tests that assert what was (not) logged.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export function capturedPino(level = 'info'): { lines: Record<string, unknown>[]; logger: Logger; bytes(): number } {
  const lines: Record<string, unknown>[] = [];
  let bytes = 0;
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) { bytes += l.length; lines.push(JSON.parse(l) as Record<string, unknown>); }
      done();
    },
  });
  return { lines, logger: pino({ level }, stream), bytes: () => bytes };
}
