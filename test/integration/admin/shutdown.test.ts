// `vtn start` as a process: the admin API comes up beside the OpenADR port; SIGTERM/SIGINT stop it cleanly, exit 0, state flushed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestVen } from '../../helpers/test-ven.js';
import { writeAttackJournal } from '../../durability/large-state-files.js';
import { existsSync } from 'node:fs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TOKEN = 'shutdown-test-token-0123456789';
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

interface Started { child: ChildProcess; vtnUrl: string; adminUrl: string; output: () => string; exited: Promise<{ code: number | null; ms: number; signalAt: number }>; }

/** A project folder with an open-enrollment config; `prepare` may fill the data folder before the start. */
async function projectFolder(prefix: string, prepare?: (dataDir: string) => Promise<void> | void): Promise<{ root: string; dataDir: string }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(root);
  await mkdir(join(root, 'config'));
  const dataDir = join(root, 'data');
  await prepare?.(dataDir);
  await writeFile(join(root, 'config', 'vtn.json'), JSON.stringify({ port: 0, dataDir, openEnrollment: true, admin: { port: 0 } }));
  return { root, dataDir };
}

/** `vtn start` on that folder, with stdout and stderr collected. */
function spawnCli(root: string): { child: ChildProcess; output: () => string } {
  // cwd is the repository so `--import tsx` resolves; the config path is absolute.
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'start', '-c', join(root, 'config', 'vtn.json')], {
    cwd: REPO, env: { ...process.env, VTN_ADMIN_TOKEN: TOKEN, VTN_LOG_FORMAT: 'json' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
  return { child, output: () => out };
}

async function startCli(): Promise<Started & { dataDir: string }> {
  const { root, dataDir } = await projectFolder('vtn-shutdown-');
  const { child, output } = spawnCli(root);
  let signalAt = 0;
  const origKill = child.kill.bind(child);
  child.kill = (sig?: NodeJS.Signals | number) => { signalAt = Date.now(); return origKill(sig); };
  const exited = new Promise<{ code: number | null; ms: number; signalAt: number }>((resolve) => child.on('exit', (code) => resolve({ code, ms: Date.now() - signalAt, signalAt })));
  const urls = await new Promise<{ vtnUrl: string; adminUrl: string }>((resolve, reject) => {
    // Generous: tsx compiles the admin modules on the way up, which takes long beside another test worker.
    const timer = setTimeout(() => reject(new Error(`vtn start did not come up:\n${output()}`)), 45_000);
    const check = () => {
      const vtn = /^openadr-vtn \S+ listening at (https?:\/\/\S+)/m.exec(output());
      const admin = /admin API at (http:\/\/\S+)\/admin\/v1/.exec(output());
      if (vtn && admin) {
        clearTimeout(timer);
        resolve({ vtnUrl: vtn[1]!, adminUrl: admin[1]! });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', () => reject(new Error(`vtn start exited early:\n${output()}`)));
  });
  return { child, ...urls, output, exited, dataDir };
}

describe('vtn start: admin server and graceful shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: finishes, flushes the state and exits 0 within the bound', async (signal) => {
    const s = await startCli();
    const admin = (path: string, auth = true) => fetch(`${s.adminUrl}${path}`, { headers: auth ? { authorization: `Bearer ${TOKEN}` } : {} });
    expect((await admin('/healthz', false)).status).toBe(200);
    expect((await admin('/admin/v1/vens', false)).status).toBe(401);
    const ven = new TestVen({ baseUrl: s.vtnUrl.replace(/\/OpenADR2.*$/, ''), venName: 'shutdown-ven' });
    await ven.register();
    expect(ven.venId).toBeTruthy();
    await ven.poll(); // a new registration names no venID yet; the first poll makes the VEN "seen"
    const vens = (await (await admin('/admin/v1/vens')).json()) as { venId: string; online: boolean }[];
    expect(vens).toEqual([expect.objectContaining({ venId: ven.venId, online: true })]);
    // `vtn start` hands the HTTP server's repeated-poll cache to /metrics: the same poll again is a hit.
    await ven.poll();
    expect(await (await admin('/metrics')).text()).toMatch(/^vtn_repeated_polls_hits_total [1-9]\d*$/m);

    s.child.kill(signal);
    const { code, ms } = await s.exited;
    expect(code, s.output()).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(s.output()).toMatch(/"msg":"shutdown complete"/);
    // The snapshot written on close holds the registration.
    const snapshot = await readFile(join(s.dataDir, 'vtn.json'), 'utf8');
    expect(snapshot).toContain(ven.venId!);
  }, 60_000);

  it('SIGTERM while the state is still loading (before any port listens) waits for it, flushes and exits 0', async () => {
    // A long journal makes the replay window wide enough to signal into (~40 MB: about 100 ms to replay alone, seconds
    // beside another test worker — 150 MB took 4.3 s there and pushed the stop past its 10-s bound).
    const { root, dataDir } = await projectFolder('vtn-early-signal-', async (dir) => {
      await mkdir(dir);
      writeAttackJournal(join(dir, 'vtn.journal'), 40 * 1024 * 1024);
    });
    const { child, output } = spawnCli(root);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // The lock is taken when the store opens, before the journal is replayed: signal then.
    await vi.waitFor(() => { if (!existsSync(join(dataDir, 'vtn.lock'))) throw new Error('state not opening yet'); }, { timeout: 30_000, interval: 2 });
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect({ code, signal }, output()).toEqual({ code: 0, signal: null });
    expect(output(), 'the signal must land before the ports open').not.toMatch(/listening at/);
    expect(output()).toMatch(/"msg":"shutdown complete"/);
    // The stop wrote the snapshot and released the lock.
    expect(existsSync(join(dataDir, 'vtn.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'vtn.json'))).toBe(true);
  }, 60_000);
});
