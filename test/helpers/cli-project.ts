// `vtn start` (the real CLI, through tsx) on a copy of the shipped project (config/ and rules/), with the
// OpenADR and admin ports picked by the OS; the test edits the copy's files and talks to both servers.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { startCli, type CliVtn } from '../../src/bench/cli-process.js';

const REPO = join(import.meta.dirname, '..', '..');

export interface CliProject {
  root: string;
  vtn: CliVtn;
  /** e.g. http://127.0.0.1:40123 */
  adminUrl: string;
  /** fetch on the admin server with the token; `body` is sent as JSON. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: () => Promise<any>; text: () => Promise<string> }>;
  stop(): Promise<void>;
}

export const CLI_TOKEN = 'cli-project-token-0123456789';

/** Copies config/ and rules/ into a temporary folder, then starts `vtn start` on it (in-memory state). */
export async function startCliProject(prefix: string, settings: Record<string, unknown> = {}): Promise<CliProject> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await cp(join(REPO, 'config'), join(root, 'config'), { recursive: true });
  await cp(join(REPO, 'rules'), join(root, 'rules'), { recursive: true });
  const config = join(root, 'config', 'vtn.json');
  await writeFile(config, JSON.stringify({ host: '127.0.0.1', port: 0, inMemory: true, openEnrollment: true, logLevel: 'info', admin: { port: 0 }, ...settings }));
  const env = { ...process.env, VTN_ADMIN_TOKEN: CLI_TOKEN, VTN_LOG_FORMAT: 'json' };
  const vtn = await startCli([process.execPath, '--import', 'tsx', join(REPO, 'src', 'cli.ts')], ['start', '--config', config], { cwd: REPO, env, timeoutMs: 60_000 });
  const adminUrl = await vi.waitFor(() => {
    const m = /admin API at (http:\/\/\S+)\/admin\/v1/.exec(vtn.output());
    if (!m) throw new Error(`no admin API line yet:\n${vtn.output()}`);
    return m[1]!;
  }, { timeout: 20_000, interval: 50 });
  return {
    root, vtn, adminUrl,
    async admin(method, path, body) {
      const res = await fetch(`${adminUrl}${path}`, {
        method, headers: { authorization: `Bearer ${CLI_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: () => res.json(), text: () => res.text() };
    },
    async stop() {
      if (vtn.child.exitCode === null) vtn.child.kill('SIGTERM');
      await vtn.exited;
      await rm(root, { recursive: true, force: true });
    },
  };
}
