// Without a token the admin API is for this machine's own callers: a loopback Host (no DNS rebinding) and, when a
// browser sends one, its own Origin (no cross-site request from a page the operator happens to have open).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clipText } from '../clip-text.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** "127.0.0.1:8081" → name and port; IPv6 literals keep their brackets. */
export function splitHost(host: string): { name: string; port: string | undefined } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host.toLowerCase());
  return m ? { name: m[1]!, port: m[2] } : { name: host.toLowerCase(), port: undefined };
}

/** The socket's own address as a Host name would spell it, when it is loopback (e.g. bound to 127.0.0.2). */
function boundLoopbackName(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const v4 = address.replace(/^::ffff:/, '');
  if (/^127\.\d+\.\d+\.\d+$/.test(v4)) return v4;
  return address === '::1' ? '[::1]' : undefined;
}

/** Why a tokenless request is refused, or undefined when it may be answered. */
export function loopbackRefusal(headers: { host?: string | undefined; origin?: string | undefined }, local: { address?: string | undefined; port?: number | undefined }): string | undefined {
  const port = local.port;
  const own = `http://127.0.0.1${port !== undefined ? `:${port}` : ''}`;
  const fix = `The admin API has no token, so it answers only requests addressed to this machine: open ${own} (not a host name), or set admin.token / VTN_ADMIN_TOKEN to use it under other names.`;
  const host = headers.host ?? '';
  const { name, port: hostPort } = splitHost(host);
  const nameOk = LOOPBACK_NAMES.has(name) || name === boundLoopbackName(local.address);
  // Port 80 may be left out of Host; any other must be the one the request arrived on (unknown for in-process calls).
  const portOk = port === undefined || (hostPort === undefined ? port === 80 : Number(hostPort) === port);
  if (!nameOk || !portOk) return `Host "${clipText(host)}" is not a loopback address of this server. ${fix}`;
  const origin = headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    return `Origin "${clipText(origin)}" is another site than this admin API (${`http://${host}`}). ${fix}`;
  }
  return undefined;
}

/** onRequest hook for the tokenless server: 403 E_FORBIDDEN with the reason and the fix. */
export async function loopbackGuard(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const reason = loopbackRefusal(req.headers, { address: req.socket.localAddress, port: req.socket.localPort });
  if (reason !== undefined) await reply.code(403).send({ code: 'E_FORBIDDEN', message: reason });
}
