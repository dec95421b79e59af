// A Vtn with its HTTP face: listen() and close() around the fastify app.
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { Store } from '../store/store.js';
import type { Logger } from '../vtn/context.js';
import type { IdentityResolver } from '../security/client-identity.js';
import { createMessageSecurity } from '../security/message-security.js';
import { Vtn } from '../vtn/vtn.js';
import { DEFAULTS, normalisePrefix, type VtnOptions } from '../vtn/vtn-options.js';
import { buildApp } from './build-app.js';
import { RepeatedPolls } from './repeated-polls.js';
import { PushService } from '../push/push-service.js';
import { resolvePushSettings } from '../push/push-settings.js';
import { pushClientTls } from '../push/push-tls.js';

export class VtnServer extends Vtn {
  readonly app: FastifyInstance;
  readonly prefix: string;
  #url: string | undefined;
  readonly #scheme: 'http' | 'https';
  readonly #signing: boolean;
  #closing: Promise<void> | undefined;

  /** HTTP push to VENs registered with oadrHttpPullModel false; absent with push.enabled false. */
  readonly pusher: PushService | undefined;

  /** The caller's certificate fingerprint (TLS or trusted proxy), the one identity gate every protocol on this server asks. */
  readonly identify: IdentityResolver | undefined;

  /** Decoded polls kept by their bytes: hits, misses and size for the operator. */
  readonly repeatedPolls: RepeatedPolls;

  constructor(options: VtnOptions, store: Store, log: Logger, pino?: PinoLogger) {
    // A server can push: push registrations are accepted unless switched off.
    super({ ...options, push: { ...options.push, enabled: options.push?.enabled ?? true } }, store, log);
    this.prefix = normalisePrefix(options.prefix ?? DEFAULTS.prefix);
    const bodyLimit = options.bodyLimit ?? DEFAULTS.bodyLimit;
    // Throws E_CONFIG for half-set TLS or signing: the VTN never falls back to plain HTTP silently.
    const security = createMessageSecurity({
      bodyLimit,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.signing ? { signing: options.signing } : {}),
      ...(options.trustedProxy ? { trustedProxy: options.trustedProxy } : {}),
    }, { now: this.ctx.now, log: this.ctx.log });
    this.identify = security.identify;
    this.#scheme = security.https ? 'https' : 'http';
    this.#signing = Boolean(security.sign);
    this.repeatedPolls = new RepeatedPolls(options.repeatedPollCacheBytes ?? DEFAULTS.repeatedPollCacheBytes);
    this.app = buildApp(this, { prefix: this.prefix, bodyLimit, security, repeatedPolls: this.repeatedPolls, ...(pino ? { logger: pino } : {}) });
    if (this.ctx.settings.push.enabled) {
      const tls = security.https ? pushClientTls(security.https) : undefined;
      this.pusher = new PushService(this, { settings: resolvePushSettings(options.push, bodyLimit), security, ...(tls ? { tls } : {}) });
      this.push.pusher = this.pusher;
    }
  }

  /** Base URL of the OpenADR services once listening (e.g. http://127.0.0.1:8080/OpenADR2/Simple/2.0b). */
  get url(): string | undefined {
    return this.#url;
  }

  async listen(): Promise<string> {
    const host = this.options.host ?? DEFAULTS.host;
    const port = this.options.port ?? DEFAULTS.port;
    await this.app.listen({ host, port });
    const address = this.app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.#url = `${this.#scheme}://${shownHost}:${actualPort}${this.prefix}`;
    // A VEN may not make the VTN call itself: the port is known only now (0 picks one).
    this.ctx.settings.push.rules.ownPorts.push(actualPort);
    await this.pusher?.start();
    this.ctx.log.info({ url: this.#url, vtnId: this.ctx.settings.vtnId, mutualTls: this.#scheme === 'https', signing: this.#signing }, 'VTN listening');
    return this.#url;
  }

  /** Stop accepting requests, finish in-flight ones, flush and release the state. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.pusher?.stop();
      await this.app.close();
      await this.closeState();
      this.ctx.log.info({}, 'VTN stopped');
    })();
    return this.#closing;
  }
}
