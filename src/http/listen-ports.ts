// The ports `vtn start` listens on, tried before the policy and the listeners start: a taken one is one line
// naming the port, who holds it and how to pick another, and the start stops there with nothing opened.
import { createServer } from 'node:net';
import { VtnError } from '../errors.js';
import { portHolder } from './port-holder.js';

export interface PortUse {
  /** "OpenADR", "admin API" */
  what: string;
  host: string;
  port: number;
  /** How to choose another port: flag, environment variable, config key. */
  change: string;
}

/** Throws E_PORT for the first port that cannot be listened on (port 0 always can: the system picks one). */
export async function checkPortsFree(uses: readonly PortUse[]): Promise<void> {
  const fixed = uses.filter((u) => u.port !== 0);
  fixed.forEach((u, i) => {
    const twin = fixed.slice(i + 1).find((o) => o.port === u.port);
    if (twin) throw new VtnError('E_PORT', `the ${u.what} port and the ${twin.what} port are both ${u.port}`, `give one another port: ${twin.change}`);
  });
  for (const u of fixed) {
    const err = await tryListen(u.host, u.port);
    if (err) throw portError(u, err);
  }
}

function tryListen(host: string, port: number): Promise<unknown> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', resolve);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/** A failed listen in plain words (E_PORT); an error that is not about the port comes back unchanged. */
export function portError(u: PortUse, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `the ${u.what} port ${u.port} on ${u.host}`;
  if (code === 'EADDRINUSE') {
    const holder = portHolder(u.port);
    return new VtnError('E_PORT', `${where} is in use by ${holder ?? 'another program'}`, `stop ${holder ? 'it' : 'that program'}, or ${u.change}`);
  }
  if (code === 'EACCES') return new VtnError('E_PORT', `${where} needs privileges this process lacks (ports below 1024 do)`, u.change);
  if (code === 'EADDRNOTAVAIL') return new VtnError('E_PORT', `${u.host} is not an address of this machine, so ${where} cannot be opened`, 'set host to one of its addresses, or 127.0.0.1');
  return err;
}
