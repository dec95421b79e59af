// The VTN under attack, in its own process: production-like (no open enrollment, the shipped policy without its
// DEMO rule, XML signatures on; plain HTTP), with an event-loop delay monitor the runner reads over IPC.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { createVtn } from '../create-vtn.js';
import { installPolicy } from '../rules/index.js';
import type { SigningSettings } from '../security/security-settings.js';
import { serveIpc } from './child-ipc.js';
import type { VtnChildReady } from './vtn-child.js';

const [dataDir, projectDir, rulesDir, configDir, signingJson, logLevel = 'info'] = process.argv.slice(2);
if (!dataDir || !projectDir || !rulesDir || !configDir || !signingJson) throw new Error('usage: hostile-vtn-child.js <dataDir> <projectDir> <rulesDir> <configDir> <signing JSON> [logLevel]');

const started = performance.now();
// Logs go to stdout (discarded by the runner): their cost, and what they hold, are part of the measurement.
const vtn = await createVtn({
  dataDir, host: '127.0.0.1', port: 0, vtnId: 'VTN-HOSTILE', openEnrollment: false,
  signing: JSON.parse(signingJson) as SigningSettings, logger: pino({ level: logLevel }),
});
const policy = installPolicy(vtn, { rulesDir, configDir, baseDir: projectDir, watch: false });
const url = await vtn.listen();
const ready: VtnChildReady = { url, baseUrl: url.slice(0, url.length - vtn.prefix.length), prefix: vtn.prefix, startMs: performance.now() - started, pid: process.pid };

// A 1 ms timer: its largest lateness is the longest time anything held the event loop since the last reset.
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  policy.close();
  await vtn.close();
  process.exit(code);
}
// As `vtn start` does: SIGTERM finishes in-flight work, writes the snapshot, exits 0.
process.once('SIGTERM', () => { stop(0).catch((err: unknown) => { console.error(err); process.exit(1); }); });

serveIpc({
  loopReset: () => { loop.reset(); return true; },
  /** Longest event-loop block since the last reset, ms. */
  loopMaxMs: () => loop.max / 1e6,
  /** RSS after a full collection (run with --expose-gc), so garbage not yet collected is not counted as growth. */
  memory: () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  },
  /** What strangers may have left behind: registered VENs and stored decision records. */
  counts: async () => ({ vens: await vtn.store.unit((u) => u.vens.count(), { label: 'bench read' }) }),
}, ready, () => { stop(0).catch(() => process.exit(1)); });
