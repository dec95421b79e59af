// `vtn start` through tsx in a child process, on a temporary state folder, for the durability tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCli, type CliVtn } from '../../src/bench/cli-process.js';

const REPO = join(import.meta.dirname, '..', '..');
const TSX_CLI = [process.execPath, '--import', 'tsx', join(REPO, 'src', 'cli.ts')];

/** A store logger that says nothing. */
export const quiet = { info() {}, warn() {}, error() {} };

/** Writes `<work>/vtn.json` (open enrollment, state in `<work>/data`) and returns both paths. */
export function writeCliConfig(work: string, vtnId: string): { dataDir: string; config: string } {
  const dataDir = join(work, 'data');
  const config = join(work, 'vtn.json');
  writeFileSync(config, JSON.stringify({ vtnId, host: '127.0.0.1', port: 0, dataDir, openEnrollment: true, logLevel: 'warn' }));
  return { dataDir, config };
}

/** cwd is the repository so that `--import tsx` resolves; every path in the config is absolute. */
export const startVtnCli = (config: string, timeoutMs: number): Promise<CliVtn> =>
  startCli(TSX_CLI, ['start', '--config', config], { cwd: REPO, timeoutMs });

export const baseOf = (vtn: CliVtn): string => new URL(vtn.url).origin;
