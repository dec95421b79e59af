// Scenario (e): a fresh `vtn start` process on a state (files or PostgreSQL) — time until it answers a poll, its RSS,
// and for files the snapshot and journal sizes.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { BenchState } from './bench-state.js';
import { rssOf, startCli } from './cli-process.js';
import { pollXml } from './xml-bodies.js';

export interface StartupResult { startupMs: number; rssBytes: number; stateFileBytes: number; journalBytes: number }

export async function measureStartup(opts: { packageRoot: string; state: BenchState; workDir: string; venId: string }): Promise<StartupResult> {
  const config = join(opts.workDir, `startup-config-${opts.state.kind}.json`);
  const { dataDir, store } = opts.state;
  writeFileSync(config, JSON.stringify({ vtnId: 'VTN-BENCH', host: '127.0.0.1', port: 0, dataDir, logLevel: 'warn', ...(store ? { store } : {}) }));
  const started = performance.now();
  const vtn = await startCli([process.execPath, join(opts.packageRoot, 'dist', 'cli.js')], ['start', '--config', config], { cwd: opts.workDir, env: withoutDatabaseUrl() });
  try {
    const res = await request(`${vtn.url}/OadrPoll`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: pollXml(opts.venId) });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !text.includes('oadrResponse')) throw new Error(`first poll after start-up failed: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
    const startupMs = Math.round(performance.now() - started);
    return { startupMs, rssBytes: rssOf(vtn.child.pid!), stateFileBytes: sizeOf(join(dataDir, 'vtn.json')), journalBytes: sizeOf(join(dataDir, 'vtn.journal')) };
  } finally {
    vtn.child.kill('SIGTERM');
    const code = await vtn.exited;
    // Killed before its signal handlers were installed also counts as stopped; anything else is a failure.
    if (code !== 0 && code !== 'SIGTERM') throw new Error(`vtn start did not stop cleanly (exit ${String(code)}):\n${vtn.output()}`);
  }
}

// VTN_DATABASE_URL in the runner's environment would win over the config and put the file run on PostgreSQL.
function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.VTN_DATABASE_URL;
  return env;
}

const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
