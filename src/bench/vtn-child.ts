// The VTN under load, in its own process: opens a data directory, listens on an ephemeral loopback port and
// takes commands (add an event, count acknowledgements, report memory) from the benchmark runner over IPC.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { pino } from 'pino';
import { createVtn } from '../create-vtn.js';
import type { SigningSettings } from '../security/security-settings.js';
import type { StoreSettings } from '../store/index.js';
import type { PushOptions } from '../vtn/vtn-options.js';
import { serveIpc } from './child-ipc.js';

export interface VtnChildReady { url: string; baseUrl: string; prefix: string; startMs: number; pid: number }

const [dataDir, logLevel = 'silent', signingJson, storeJson, pushJson] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: vtn-child.js <dataDir> [logLevel] [signing settings as JSON or ""] [store settings as JSON or ""] [push options as JSON]');
// Scenario (d): XML signatures on (replies signed, signed VEN messages verified).
const signing = signingJson ? (JSON.parse(signingJson) as SigningSettings) : undefined;
// The PostgreSQL runs: { kind: 'postgres', url } (telemetry segments still go under dataDir).
const storeSettings = storeJson ? (JSON.parse(storeJson) as StoreSettings) : undefined;
// The push fan-out: push options (loopback targets allowed).
const push = pushJson ? (JSON.parse(pushJson) as PushOptions) : undefined;

const started = performance.now();
/** Sampling interval of the event-loop delay histogram (ms). */
const LOOP_SAMPLE_MS = 1;
let loop: IntervalHistogram | undefined;
let profiler: Session | undefined;
// Logs go to the child's stdout, which the runner discards: the cost of writing them is still paid.
const vtn = await createVtn({
  dataDir, host: '127.0.0.1', port: 0, vtnId: 'VTN-BENCH', openEnrollment: true, ...(signing ? { signing } : {}), ...(storeSettings ? { store: storeSettings } : {}), ...(push ? { push } : {}),
  logger: logLevel === 'silent' ? false : pino({ level: logLevel }),
});
const url = await vtn.listen();
const ready: VtnChildReady = { url, baseUrl: url.slice(0, url.length - vtn.prefix.length), prefix: vtn.prefix, startMs: performance.now() - started, pid: process.pid };

serveIpc({
  /** One event for the given VENs, starting in an hour or `startInH` hours (far from every seeded event). */
  addEvent: async (args: { venIds: string[]; eventId?: string; startInH?: number }) => {
    const t = performance.now();
    const handle = await vtn.addEvent({
      ...(args.eventId ? { eventId: args.eventId } : {}), venIds: args.venIds, signalName: 'SIMPLE', signalType: 'level', marketContext: 'oadr://bench.fanout',
      intervals: [{ dtstart: new Date(Date.now() + (args.startInH ?? 1) * 3_600_000), duration: 'PT1H', payload: 2 }],
    });
    return { eventId: handle.eventId, addMs: performance.now() - t };
  },
  /** How many VENs the VTN has recorded an opt response from, for this event. */
  countResponses: async (args: { eventId: string }) => {
    const deliveries = await vtn.store.unit((u) => u.deliveries.find('eventId', args.eventId), { label: 'bench read' });
    return deliveries.filter((d) => d.optType !== undefined).length;
  },
  /** A periodic TELEMETRY_USAGE subscription per VEN (each must have offered it already). */
  requestTelemetry: (args: { venIds: string[] }) => Promise.all(args.venIds.map(async (venId) => ({
    venId, ...(await vtn.requestReport({ venId, reportName: 'TELEMETRY_USAGE', kind: 'periodic', samplingInterval: 'PT1S' })),
  }))),
  telemetryValues: async () => (await vtn.telemetry.stats()).values,
  memory: () => process.memoryUsage(),
  /** CPU time this process has used so far (user + system), ms: the push fan-out divides it per VEN. */
  cpuMs: () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; },
  pushSummary: () => vtn.push.summary(),
  /** `start`: a CPU profile of this process from now; otherwise stop it and write it to `path` (one scenario step alone). */
  profile: async (args: { start?: boolean; path?: string }) => {
    if (args.start) {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      return null;
    }
    if (!profiler) return null;
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    if (args.path) writeFileSync(args.path, JSON.stringify(profile));
    return null;
  },
  /** `start`: measure the event loop's delay from now; otherwise stop and return its p99 and max, ms. */
  loopDelay: (args: { start?: boolean }) => {
    if (args.start) { loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS }); loop.enable(); return null; }
    loop?.disable();
    // The histogram holds whole intervals between samples: the delay is what exceeds the sampling interval.
    const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS);
    return loop ? { p99Ms: late(loop.percentile(99)), maxMs: late(loop.max) } : null;
  },
  /** Statements sent to PostgreSQL so far by the store and the telemetry store (0 on files: no round trips). */
  storeQueries: () => ((vtn.store as { stats?: () => { queries: number } }).stats?.().queries ?? 0) + ((vtn.telemetry as { statements?: number }).statements ?? 0),
  venCount: () => vtn.store.unit((u) => u.vens.count(), { label: 'bench read' }),
}, ready, () => {
  vtn.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
});
