// What the plain (undici) and TLS (node:https) push clients share: the request headers and the words of the
// endings that are not the VEN's reply, so both paths report a push the same way.
import type { PushRequest } from './push-request.js';

/** The VEN's own Host (the connection goes to the pinned address), its content type unless a GET, extra headers. */
export function pushHeaders(req: PushRequest): Record<string, string> {
  return {
    ...req.headers, host: req.target.url.host,
    ...(req.method === 'GET' ? {} : { 'content-type': req.contentType ?? 'application/xml; charset=utf-8' }),
  };
}

export const tooLarge = (req: PushRequest) => `the reply is over ${req.maxResponseBytes} bytes`;
export const tooSlow = (req: PushRequest) => `no complete reply within ${req.timeoutMs} ms`;
export const STOPPING = 'the VTN is stopping';
