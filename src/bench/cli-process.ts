// Starts `vtn start` (the real CLI) as a child process and waits for its "listening at <url>" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface CliVtn {
  child: ChildProcess;
  /** Service base URL, e.g. http://127.0.0.1:40123/OpenADR2/Simple/2.0b */
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string | null>;
}

/** `command` is the program and its leading arguments, e.g. [process.execPath, 'dist/cli.js']. */
export function startCli(command: string[], args: string[], options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<CliVtn> {
  const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { text += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { text += d; });
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`vtn start did not listen within ${options.timeoutMs ?? 30_000} ms:\n${text}`)); }, options.timeoutMs ?? 30_000);
    const check = () => {
      const url = /^openadr-vtn \S+ listening at (https?:\/\/\S+)/m.exec(text)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({ child, url, output: () => text, exited });
    };
    child.stdout!.on('data', check);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`vtn start exited (${String(code)}) before listening:\n${text}`)); });
  });
}

/** Resident set size of a running process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}
