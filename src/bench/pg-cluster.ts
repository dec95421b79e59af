// A throw-away PostgreSQL cluster for the benchmark when no server URL is given: Debian's initdb/pg_ctl run as the
// postgres user (the server refuses root), data in a temporary folder, listening on 127.0.0.1 only, removed at stop.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** postgres://bench:…@127.0.0.1:<port>/postgres, a superuser on the throw-away cluster. */
  url: string;
  stop(): void;
}

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or an explanation of what is missing. */
function serverBin(): string {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (!newest) throw new Error(`no PostgreSQL server under ${PG_ROOT}: install Debian's postgresql, or set VTN_BENCH_DATABASE_URL`);
  return join(PG_ROOT, newest, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a server program as the postgres user when we are root (as ourselves otherwise). */
function asPostgres(program: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startCluster(log: (line: string) => void): Promise<Cluster> {
  const bin = serverBin();
  const dir = mkdtempSync(join(tmpdir(), 'vtn-bench-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`);
  // The postgres user must own the folder (and read the password file) when we run as root.
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  chmodSync(dir, 0o700);
  const port = await freePort();
  log(`PostgreSQL: initdb ${data} (${bin}), superuser "bench", password auth on 127.0.0.1:${port}`);
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'bench', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  rmSync(pwfile);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`;
  asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  log(`PostgreSQL: started on 127.0.0.1:${port} (log ${join(dir, 'server.log')})`);
  let stopped = false;
  return {
    url: `postgres://bench:${password}@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
        log(`PostgreSQL: stopped, ${dir} removed`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
