// Two (or more) real `vtn start` processes on one PostgreSQL database, each with its OpenADR and admin
// ports picked by the OS; every process started here is killed by killAll() (call it in afterEach).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliVtn } from '../../../src/bench/cli-process.js';
import { startVtnCli } from '../../durability/cli-vtn.js';
import { until } from './until.js';

export interface Instance {
  name: string;
  cli: CliVtn;
  /** http://127.0.0.1:PORT (OpenADR) */
  base: string;
  /** http://127.0.0.1:PORT/admin/v1 */
  admin: string;
  /** JSON from the admin API; throws on a status other than `expect`. */
  adminJson<T = unknown>(method: string, path: string, body?: unknown, expect?: number): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const started: Instance[] = [];
const projects: string[] = [];

/** A project folder (config/vtn.json on `databaseUrl`, plus any extra files) that several instances can share. */
export function project(databaseUrl: string, config: Record<string, unknown> = {}, files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'vtn-multi-'));
  projects.push(root);
  mkdirSync(join(root, 'config'));
  const vtn = { vtnId: 'VTN-MULTI', host: '127.0.0.1', port: 0, openEnrollment: true, logLevel: 'info', pollFreq: 'PT10S',
    store: { kind: 'postgres', url: databaseUrl, poolSize: 4 }, admin: { host: '127.0.0.1', port: 0 }, ...config };
  writeFileSync(join(root, 'config', 'vtn.json'), JSON.stringify(vtn));
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(root, rel), text);
  return root;
}

/** Starts `vtn start` on the project and resolves once both its OpenADR and its admin API listen. */
export async function startInstance(name: string, root: string): Promise<Instance> {
  const cli = await startVtnCli(join(root, 'config', 'vtn.json'), 30_000);
  const base = new URL(cli.url).origin;
  const admin = await until(() => /admin API at (http:\/\/\S+)/.exec(cli.output())?.[1], { what: `${name}: admin API listening`, timeoutMs: 10_000, output: cli.output });
  const instance: Instance = {
    name, cli, base, admin,
    async adminJson<T>(method: string, path: string, body?: unknown, expect = method === 'POST' && path === '/events' ? 201 : 200) {
      const res = await fetch(`${admin}${path}`, {
        method, signal: AbortSignal.timeout(5000),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status !== expect) throw new Error(`${name} ${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async kill(signal = 'SIGKILL') {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill(signal);
      await cli.exited;
    },
  };
  started.push(instance);
  return instance;
}

/** Starts two instances at once (as a deployment would) on the same project. */
export const startPair = (root: string): Promise<[Instance, Instance]> =>
  Promise.all([startInstance('A', root), startInstance('B', root)]);

/** afterEach: kill -9 every instance still running and remove the project folders. */
export async function killAll(): Promise<void> {
  await Promise.all(started.splice(0).map((i) => i.kill()));
  for (const root of projects.splice(0)) rmSync(root, { recursive: true, force: true });
}
