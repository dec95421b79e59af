// `vtn start` on a port another process holds (issue #13): one line naming the port and how to change it, exit 1,
// no state lock left behind and nothing half-started (no policy installed, no OpenADR listener without the admin API).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
const held: Server[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of held.splice(0)) await new Promise((r) => s.close(r));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A port this test process listens on, as a stranger to the VTN would. */
async function holdPort(): Promise<number> {
  const server = createServer();
  held.push(server);
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (server.address() as { port: number }).port;
}

/** A project with the shipped policy (so a start that went too far would log "policy loaded"). */
function project(config: object): { root: string; dataDir: string; config: string } {
  const root = mkdtempSync(join(tmpdir(), 'vtn-ports-'));
  dirs.push(root);
  mkdirSync(join(root, 'config'));
  for (const f of ['vens.json', 'programs.json', 'templates.json']) cpSync(join(REPO, 'config', f), join(root, 'config', f));
  cpSync(join(REPO, 'rules'), join(root, 'rules'), { recursive: true });
  const dataDir = join(root, 'data');
  writeFileSync(join(root, 'config', 'vtn.json'), JSON.stringify({ host: '127.0.0.1', port: 0, dataDir, openEnrollment: true, admin: { port: 0 }, ...config }));
  return { root, dataDir, config: join(root, 'config', 'vtn.json') };
}

/** Runs `vtn start` to its end (it must end by itself); stdout and stderr apart. */
function runStart(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'start', ...args], {
    cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolve) => child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); }));
}

/** The run ended with exactly one error line (no stack), and started nothing before it. */
function expectOneCleanLine(run: { code: number | null; stdout: string; stderr: string }, dataDir: string): string {
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |EADDRINUSE/);
  expect(run.stdout).not.toMatch(/policy loaded|listening at|admin API at|scheduler started/);
  expect(existsSync(join(dataDir, 'vtn.lock'))).toBe(false);
  return lines[0]!;
}

describe('vtn start on a taken port', () => {
  it('a taken OpenADR port: one line with the port, who holds it and --port / VTN_PORT; exit 1, no lock', async () => {
    const port = await holdPort();
    const p = project({});
    const line = expectOneCleanLine(await runStart(['--config', p.config, '--port', String(port)]), p.dataDir);
    expect(line).toMatch(new RegExp(`^error E_PORT: the OpenADR port ${port} on 127\\.0\\.0\\.1 is in use by process ${process.pid} \\(`));
    expect(line).toContain('--port');
    expect(line).toContain('VTN_PORT');
  }, 30_000);

  it('a taken admin port (VTN_ADMIN_PORT): one line with --admin-port / VTN_ADMIN_PORT; the OpenADR port never opens', async () => {
    const port = await holdPort();
    const p = project({});
    const line = expectOneCleanLine(await runStart(['--config', p.config], { VTN_ADMIN_PORT: String(port) }), p.dataDir);
    expect(line).toMatch(new RegExp(`^error E_PORT: the admin API port ${port} on 127\\.0\\.0\\.1 is in use by process ${process.pid} \\(`));
    expect(line).toContain('--admin-port');
    expect(line).toContain('VTN_ADMIN_PORT');
    expect(line).toContain('"admin": { "enabled": false }');
  }, 30_000);

  it('--admin-port overrides the config file and VTN_ADMIN_PORT', async () => {
    const port = await holdPort();
    const p = project({ admin: { port } });
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'start', '--config', p.config, '--admin-port', '0'], {
      cwd: REPO, env: { ...process.env, VTN_ADMIN_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    const exited = new Promise((r) => child.once('close', r));
    try {
      await expect.poll(() => /admin API at http:\/\/127\.0\.0\.1:(\d+)\/admin\/v1/.exec(out)?.[1], { timeout: 25_000, interval: 100 }).toMatch(/^\d+$/);
      expect(Number(/admin API at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1])).not.toBe(port);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);

  it('one port for both servers is refused before anything opens', async () => {
    const port = await holdPort();
    const p = project({ port, admin: { port } });
    const line = expectOneCleanLine(await runStart(['--config', p.config]), p.dataDir);
    expect(line).toMatch(new RegExp(`^error E_PORT: the OpenADR port and the admin API port are both ${port} — `));
  }, 30_000);
});
