// Request/reply over Node's IPC channel between the benchmark runner and its child processes.
import { fork, type ChildProcess } from 'node:child_process';

export interface IpcRequest { id: number; cmd: string; args: unknown }
export interface IpcReply { id: number; ok: boolean; value?: unknown; error?: string }
export interface ReadyMessage { ready: true; value: unknown }

type Handler = (args: never) => unknown;

/** In a child: answer each request with its handler's (awaited) result; tell the parent `ready` first. */
export function serveIpc(handlers: Record<string, Handler>, ready: unknown, onDisconnect: () => void = () => process.exit(0)): void {
  if (!process.send) throw new Error('this module runs only as a child process started with an IPC channel');
  process.on('message', (raw: IpcRequest) => {
    const handler = handlers[raw.cmd];
    const reply = (r: IpcReply) => process.send!(r);
    if (!handler) return reply({ id: raw.id, ok: false, error: `unknown command ${raw.cmd}` });
    Promise.resolve()
      .then(() => handler(raw.args as never))
      .then((value) => reply({ id: raw.id, ok: true, value }), (err: unknown) => reply({ id: raw.id, ok: false, error: String((err as Error)?.stack ?? err) }));
  });
  // Without a parent there is nothing to serve: exit rather than linger.
  process.on('disconnect', onDisconnect);
  process.send({ ready: true, value: ready } satisfies ReadyMessage);
}

/** The parent's handle on a forked child. */
export class ChildHandle {
  readonly child: ChildProcess;
  readonly ready: Promise<unknown>;
  #next = 0;
  #waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  #exited: Promise<number | null>;

  constructor(script: string, args: string[], options: { execArgv?: string[]; env?: NodeJS.ProcessEnv; startTimeoutMs?: number } = {}) {
    this.child = fork(script, args, { execArgv: options.execArgv ?? [], env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.#exited = new Promise((resolve) => this.child.once('exit', (code) => {
      for (const w of this.#waiting.values()) w.reject(new Error(`${script} exited (code ${code}) before answering`));
      this.#waiting.clear();
      resolve(code);
    }));
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not become ready in time`)), options.startTimeoutMs ?? 60_000);
      this.child.on('message', (m: IpcReply | ReadyMessage) => {
        if ('ready' in m) { clearTimeout(timer); resolve(m.value); return; }
        const w = this.#waiting.get(m.id);
        this.#waiting.delete(m.id);
        if (m.ok) w?.resolve(m.value); else w?.reject(new Error(m.error));
      });
      void this.#exited.then((code) => { clearTimeout(timer); reject(new Error(`${script} exited (code ${code}) while starting`)); });
    });
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    const id = ++this.#next;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args } satisfies IpcRequest);
    });
  }

  /** Closes the IPC channel (the child exits on disconnect) and waits; SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    if (this.child.connected) this.child.disconnect(); else this.child.kill('SIGTERM');
    await this.#exited;
    clearTimeout(timer);
  }
}
