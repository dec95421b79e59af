// enable_default_logging(): like Python's logging, warnings show by default and this turns on the info lines.
import { pino } from 'pino';
import type { Logger } from '../index.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

let level: LogLevel = 'warn';

/** Servers created after this call log at `level` (default info) to standard output. */
export function enable_default_logging(logLevel: LogLevel = 'info'): void {
  level = logLevel;
}

/** JSON lines on process.stdout (a stream, so whoever captures stdout sees them). */
export function defaultLogger(): Logger {
  return pino({ level, base: { name: 'openleadr' } }, process.stdout);
}
