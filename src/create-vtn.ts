// createVtn(): open the state, build the logger and the app. The one entry point programmers need.
import { pino } from 'pino';
import { openStore } from './store/index.js';
import { VtnServer } from './http/vtn-server.js';
import type { Logger } from './vtn/context.js';
import { silentLogger } from './vtn/context.js';
import { DEFAULTS, type VtnOptions } from './vtn/vtn-options.js';

export async function createVtn(options: VtnOptions = {}): Promise<VtnServer> {
  const pinoLogger = options.logger === undefined ? pino({ level: process.env.VTN_LOG_LEVEL ?? 'info' }) : undefined;
  const log: Logger = options.logger === false ? silentLogger : (options.logger ?? pinoLogger!);
  const store = options.store ?? (await openStore({
    ...(options.inMemory ? { memory: true } : { dataDir: options.dataDir ?? DEFAULTS.dataDir }),
    logger: log,
  }));
  if (options.store && !options.store.isReady()) await options.store.open();
  return new VtnServer(options, store, log, pinoLogger);
}
