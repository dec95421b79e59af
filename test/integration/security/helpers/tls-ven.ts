// The test VEN over mutual TLS (undici Agent with a client certificate), optionally signing what it sends.
import { Agent, request } from 'undici';
import { TestVen, type TestVenOptions, type VenReply } from '../../../helpers/test-ven.js';
import { parseReplyBody } from '../../../helpers/ven-xml/reply-parse.js';
import { expectValidOadr } from '../../../helpers/xsd.js';
import { signAsVen, verifyAsVen } from './ven-signer.js';

export interface TlsClientOptions {
  cert?: string;
  key?: string;
  ca: string;
  ciphers?: string;
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface TlsVenOptions extends TestVenOptions {
  tls: TlsClientOptions;
  /** Sign every outgoing message with this certificate and key. */
  sign?: { cert: string; key: string; now: () => Date };
  /** When set, every XML reply must carry a valid signature by this certificate. */
  vtnSigningCert?: string;
}

export function tlsAgent(o: TlsClientOptions): Agent {
  return new Agent({
    connect: {
      ca: o.ca,
      ...(o.cert ? { cert: o.cert } : {}),
      ...(o.key ? { key: o.key } : {}),
      ...(o.ciphers ? { ciphers: o.ciphers } : {}),
      ...(o.maxVersion ? { maxVersion: o.maxVersion } : {}),
    },
  });
}

export class TlsVen extends TestVen {
  readonly agent: Agent;
  readonly #opts: TlsVenOptions;

  constructor(opts: TlsVenOptions) {
    super({ ...opts, validate: false });
    this.#opts = opts;
    this.agent = tlsAgent(opts.tls);
  }

  override async post(service: string, xmlOrBody: string | Uint8Array, headers: Record<string, string> = {}): Promise<VenReply> {
    const s = this.#opts.sign;
    const body = s && typeof xmlOrBody === 'string' ? signAsVen(xmlOrBody, { cert: s.cert, key: s.key, timestamp: s.now() }) : xmlOrBody;
    return this.postRaw(service, body, headers);
  }

  /** POSTs exactly these bytes (no signing); checks XSD and, when configured, the VTN's signature. */
  async postRaw(service: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<VenReply> {
    const res = await request(`${this.baseUrl}${this.prefix}/${service}`, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { 'content-type': 'application/xml; charset=utf-8', ...headers },
      body,
    });
    const text = await res.body.text();
    const contentType = [res.headers['content-type']].flat()[0];
    const reply: VenReply = { status: res.statusCode, contentType, body: text, ...parseReplyBody(text) };
    if (reply.doc !== undefined) {
      await expectValidOadr(text);
      if (this.#opts.vtnSigningCert) verifyAsVen(text, this.#opts.vtnSigningCert);
    }
    return reply;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
