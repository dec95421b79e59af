// HTTP for a simulated VEN: encode with the VTN's own codec, POST to <service base>/<Service>, decode the reply.
import { decodeOadrPayload, encodeOadrPayload } from '../oadr/index.js';
import type { OadrMessage, OadrService } from '../oadr/model.js';

/** A reply that was not a 200 with an OpenADR payload (or an empty body). */
export class VenRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VenRequestError';
  }
}

export class VenClient {
  /** e.g. http://127.0.0.1:8080/OpenADR2/Simple/2.0b — nothing else is ever contacted. */
  readonly serviceBase: string;
  readonly #timeoutMs: number;
  readonly #stop: AbortSignal;

  constructor(serviceBase: string, timeoutMs: number, stop: AbortSignal) {
    this.serviceBase = serviceBase;
    this.#timeoutMs = timeoutMs;
    this.#stop = stop;
  }

  /** Sends one message; resolves with the reply, or null for the empty body that answers an oadrResponse. */
  async send(service: Exclude<OadrService, 'any'>, msg: OadrMessage): Promise<OadrMessage | null> {
    const url = `${this.serviceBase}/${service}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/xml; charset=utf-8' },
        body: encodeOadrPayload(msg),
        signal: AbortSignal.any([this.#stop, AbortSignal.timeout(this.#timeoutMs)]),
      });
    } catch (err) {
      throw new VenRequestError(`${msg.type} to ${url}: ${describeFetchError(err)}`);
    }
    const body = await res.text();
    if (res.status !== 200) {
      throw new VenRequestError(`${msg.type} to ${url}: HTTP ${res.status} ${body.slice(0, 200)}`.trim());
    }
    if (!body.trim()) return null;
    try {
      return decodeOadrPayload(body).message;
    } catch (err) {
      throw new VenRequestError(`${msg.type} to ${url}: the reply is not a valid OpenADR payload (${(err as Error).message})`);
    }
  }
}

function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return 'no answer in time';
  if (err.name === 'AbortError') return 'stopped';
  // fetch hides the socket error (ECONNREFUSED …) in `cause`.
  const cause = (err as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}
