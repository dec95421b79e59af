// The process logger: pino JSON lines for machines, pino-pretty when a person watches a terminal.
import { createRequire } from 'node:module';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import type PinoPrettyModule from 'pino-pretty';

// Loaded only for a terminal: pino-pretty and its dependencies cost ~100 ms of every start otherwise.
const requireOnDemand = createRequire(import.meta.url);

export interface LoggerSettings {
  /** pino level name; default info. */
  level?: string;
  /** Force pretty (true) or JSON (false); default: pretty exactly when stdout is a TTY. */
  pretty?: boolean;
  /** Where JSON lines go (tests); default stdout. Ignored when pretty. */
  destination?: DestinationStream;
}

/** Pretty output only for people: pipes, files and log shippers always get one JSON object per line. */
export function shouldPrettyPrint(settings: Pick<LoggerSettings, 'pretty'>, stdoutIsTty: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (settings.pretty !== undefined) return settings.pretty;
  if (env.VTN_LOG_FORMAT === 'json') return false;
  if (env.VTN_LOG_FORMAT === 'pretty') return true;
  return stdoutIsTty === true;
}

export function createLogger(settings: LoggerSettings = {}): PinoLogger {
  const level = settings.level ?? 'info';
  if (shouldPrettyPrint(settings, process.stdout.isTTY)) {
    // A synchronous stream (not a worker transport) so the last lines before exit are never lost.
    const PinoPretty = requireOnDemand('pino-pretty') as typeof PinoPrettyModule;
    const stream = PinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true });
    return pino({ level }, stream);
  }
  return settings.destination ? pino({ level }, settings.destination) : pino({ level });
}
