// A push over plain HTTP through undici's dispatcher: less than half the client CPU of node:http per request
// (see sendPlainPush), which is most of a 10,000-VEN fan-out's client side. No redirect is followed (a bare
// dispatcher has no redirect handling); the connection goes to the pinned address.
import { isIP } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import type { PushRequest, PushResponse } from './push-request.js';
import { pushHeaders, STOPPING, tooLarge, tooSlow } from './push-request-parts.js';

// Idle keep-alive connections are unreferenced by undici: they never hold a stopping process.
const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

/**
 * The low-level dispatch API: no response stream, promise wrapper or AbortSignal per request (2.5 kB POSTs on
 * loopback, 64 at a time: node:http 114-150 µs of client CPU each, undici's request() 124-136 µs, dispatch 40-67 µs).
 */
export function sendPlainPush(req: PushRequest): Promise<PushResponse> {
  const { url, address, port } = req.target;
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    const done = (r: PushResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onStop);
      controller?.abort(new Error('push ended'));
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, error: tooSlow(req) }), req.timeoutMs);
    const onStop = () => done({ ok: false, error: STOPPING });
    if (req.signal?.aborted) return onStop();
    req.signal?.addEventListener('abort', onStop, { once: true });
    const options: Dispatcher.DispatchOptions = {
      // The pinned address, not the name: the name was resolved and checked once, for this request.
      origin: `http://${isIP(address) === 6 ? `[${address}]` : address}:${port}`,
      path: `${url.pathname}${url.search}`, method: req.method ?? 'POST',
      headers: pushHeaders(req),
      body: req.method === 'GET' ? null : req.body,
    };
    const chunks: Buffer[] = [];
    let size = 0;
    let status = 0;
    let contentType: string | undefined;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        // A request still queued when its time ran out goes no further.
        if (settled) c.abort(new Error('push ended'));
        else controller = c;
      },
      onResponseStart(_c, statusCode, headers) {
        status = statusCode;
        const type = headers['content-type'];
        contentType = Array.isArray(type) ? type[0] : type;
      },
      onResponseData(_c, chunk) {
        size += chunk.length;
        if (size > req.maxResponseBytes) done({ ok: false, error: tooLarge(req) });
        else chunks.push(chunk);
      },
      onResponseEnd() {
        controller = undefined;
        done({ ok: true, status, body: Buffer.concat(chunks).toString('utf8'), contentType });
      },
      onResponseError(_c, err) {
        controller = undefined;
        done({ ok: false, error: describe(err) });
      },
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (err) {
      // Options undici refuses (a header it will not send) fail this push, not the caller.
      done({ ok: false, error: describe(err as Error) });
    }
  });
}

/** The transport error as the node:http path words it: the system code first (ECONNREFUSED: …). */
function describe(err: Error): string {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const inner = e.cause && typeof e.cause === 'object' ? e.cause : e;
  return inner.code && !inner.code.startsWith('UND_') ? `${inner.code}: ${inner.message}` : inner.message;
}
