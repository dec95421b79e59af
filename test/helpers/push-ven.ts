// A push-mode test VEN: its own small HTTP(S) server on 127.0.0.1 (the VTN POSTs to <base>/EiEvent, /EiReport, …)
// and a TestVen for the requests it makes itself. By default it behaves like the open-source field VEN of issue
// #14: a distribute gets an empty 200 and a later oadrCreatedEvent (empty requestID), report requests are answered
// in the HTTP response, everything else is refused.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { TestVen, eventsOf, reportRequestsOf, cancelReportOf } from './test-ven.js';
import * as X from './ven-xml/index.js';
import { parseReplyBody, type VenReply } from './ven-xml/reply-parse.js';
import { textOf, child } from './ven-xml/reply-parse.js';

export interface Received {
  service: string; type: string | undefined; body: string; parsed: VenReply; clientCertificate?: string;
  /** performance.now() when the request's headers arrived (for delays measured from the VTN side's actions). */
  at: number;
}
export interface PushAnswer { status: number; body?: string; headers?: Record<string, string> }
export type Responder = (m: Received, ven: PushVen) => PushAnswer | Promise<PushAnswer>;

export interface PushVenOptions {
  /** The VEN's own requests go through this (a TlsVen over mutual TLS). */
  client: TestVen;
  /** Serve https with this certificate, asking for the VTN's client certificate signed by `ca`. */
  tls?: { cert: string; key: string; ca: string };
  /** Signs the XML it answers in HTTP responses (when the VEN registered with signatures). */
  signBody?: (xml: string) => string;
  responder?: Responder;
}

export class PushVen {
  readonly client: TestVen;
  readonly received: Received[] = [];
  /** The VTN's answers to this VEN's own oadrCreatedEvent requests. */
  readonly createdEventReplies: VenReply[] = [];
  responder: Responder;
  readonly #server: Server;
  readonly #opts: PushVenOptions;
  #base = '';

  private constructor(opts: PushVenOptions) {
    this.#opts = opts;
    this.client = opts.client;
    this.responder = opts.responder ?? fieldVen;
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.#handle(req, res);
    this.#server = opts.tls ? createHttpsServer({ ...opts.tls, requestCert: true, rejectUnauthorized: true }, handler) : createHttpServer(handler);
  }

  static async start(opts: PushVenOptions): Promise<PushVen> {
    const ven = new PushVen(opts);
    await new Promise<void>((resolve) => ven.#server.listen(0, '127.0.0.1', resolve));
    const { port } = ven.#server.address() as AddressInfo;
    ven.#base = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/ven/${encodeURIComponent(opts.client.venName)}/OpenADR2/Simple/2.0b`;
    return ven;
  }

  /** The oadrTransportAddress: the base URL of this VEN's services. */
  get transportAddress(): string {
    return this.#base;
  }

  register(opts: Partial<X.CreatePartyRegistrationInput> = {}): Promise<VenReply> {
    return this.client.register({ httpPullModel: false, transportAddress: this.#base, ...opts });
  }

  /** Messages of `type` received so far. */
  all(type: string): Received[] {
    return this.received.filter((m) => m.type === type);
  }

  sign(xml: string): string {
    return this.#opts.signBody ? this.#opts.signBody(xml) : xml;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const prefix = new URL(this.#base).pathname;
    const service = req.url?.startsWith(`${prefix}/`) ? req.url.slice(prefix.length + 1) : '';
    const peer = 'getPeerX509Certificate' in req.socket ? (req.socket as TLSSocket).getPeerX509Certificate() : undefined;
    const m: Received = { service, type: undefined, body, at, parsed: { status: 0, contentType: undefined, body }, ...(peer ? { clientCertificate: peer.toString() } : {}) };
    try {
      m.parsed = { ...m.parsed, ...parseReplyBody(body) };
      m.type = m.parsed.type;
    } catch {
      // Not XML: recorded as it is, the responder decides.
    }
    this.received.push(m);
    const answer = await this.responder(m, this);
    res.writeHead(answer.status, { ...(answer.body ? { 'content-type': 'application/xml; charset=utf-8' } : {}), ...answer.headers });
    res.end(answer.body ?? '');
  }
}

/** The field VEN: what issue #14 observed on an open-source push VEN. */
export const fieldVen: Responder = (m, ven) => {
  if (m.service === 'EiEvent' && m.type === 'oadrDistributeEvent') {
    // Empty 200 now; the opt response follows as the VEN's own request, its eiResponse requestID left empty.
    setTimeout(() => void answerEvents(ven, m.parsed), 20);
    return { status: 200 };
  }
  if (m.service === 'EiReport' && m.type === 'oadrCreateReport') {
    const requests = reportRequestsOf(m.parsed).map((r) => r.reportRequestId);
    return { status: 200, body: ven.sign(X.oadrCreatedReport({ response: { requestId: requestIdIn(m) }, pendingReports: requests, venId: ven.client.venId })) };
  }
  if (m.service === 'EiReport' && m.type === 'oadrCancelReport') {
    const { requestId } = cancelReportOf(m.parsed);
    return { status: 200, body: ven.sign(X.oadrCanceledReport({ response: { requestId }, pendingReports: [], venId: ven.client.venId })) };
  }
  return { status: m.service === 'EiEvent' || m.service === 'EiReport' ? 400 : 404 };
};

async function answerEvents(ven: PushVen, distribute: VenReply): Promise<void> {
  const responses = eventsOf(distribute).map((e) => ({ eventId: e.eventId, modificationNumber: e.modificationNumber, optType: 'optIn' as const, requestId: '' }));
  ven.createdEventReplies.push(await ven.client.createdEvent(responses, { requestId: '' }));
}

export const requestIdIn = (m: Received): string => textOf(child(m.parsed.payload, 'requestID')) ?? '';
