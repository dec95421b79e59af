// OpenADRServer: OpenLEADR's server surface (keyword names, positional handlers, the internal queue) on createVtn.
import { createVtn, VtnError, type Logger, type OptType, type VtnServer } from '../index.js';
import { handlerInstaller } from './add-handler.js';
import { toOadrEvent } from './event-model.js';
import { toAddEventOptions, toOptCallback } from './event-options.js';
import { checkKeywords } from './keywords.js';
import { printFingerprint, toCreateOptions, type ServerKeywords } from './server-options.js';
import type { AddEventKeywords, AddRawEventKeywords, OpenLeadrHandlerName, OpenLeadrHandlers } from './types.js';

export class OpenADRServer {
  readonly vtn_id: string;
  /** The VTN once opened, with every handler added so far installed (handlers install in call order). */
  #ready: Promise<VtnServer>;
  #server: VtnServer | undefined;
  #customPoll = false;
  readonly #log: Logger | false;

  constructor(keywords: ServerKeywords) {
    const { options, signingCert } = toCreateOptions(keywords);
    this.vtn_id = keywords.vtn_id;
    this.#log = options.logger ?? false;
    this.#ready = createVtn(options).then((vtn) => (this.#server = vtn));
    this.#quiet();
    if (keywords.ven_lookup) this.add_handler('ven_lookup', keywords.ven_lookup);
    if (signingCert && keywords.show_fingerprint !== false) printFingerprint(signingCert);
  }

  /** The typed VTN underneath (openadr-vtn's VtnServer), for what OpenLEADR's surface does not say. */
  get vtn(): Promise<VtnServer> {
    return this.#ready;
  }

  /** Base URL of the OpenADR services once run() resolved. */
  get url(): string | undefined {
    return this.#server?.url;
  }

  add_handler<N extends OpenLeadrHandlerName>(name: N, handler: OpenLeadrHandlers[N]): void {
    const install = handlerInstaller(name, handler);
    if (name === 'on_poll') this.#customPoll = true;
    this.#ready = this.#ready.then((vtn) => (install(vtn), vtn));
    this.#quiet();
  }

  /** An event with one signal for one VEN; resolves to its event_id. */
  async add_event(keywords: AddEventKeywords): Promise<string> {
    const options = toAddEventOptions(keywords);
    this.#refuseWithCustomPoll('add_event');
    const handle = await (await this.#ready).addEvent(options);
    return handle.eventId;
  }

  /** An event given whole (objects.Event or the same dict); resolves to its event_id. */
  async add_raw_event(keywords: AddRawEventKeywords): Promise<string> {
    checkKeywords(keywords, ['ven_id', 'event', 'callback'], 'add_raw_event()', 'E_EVENT_INVALID');
    const callback = toOptCallback(keywords.callback, 'add_raw_event()');
    this.#refuseWithCustomPoll('add_raw_event');
    const vtn = await this.#ready;
    const event = toOadrEvent(keywords.event, vtn.options.now?.() ?? new Date());
    return (await vtn.addRawEvent(keywords.ven_id, event, callback)).eventId;
  }

  /** The VEN's opt status for an event: the one it gave already, else the next (the guide's future, as a Promise). */
  async opt_response(ven_id: string, event_id: string): Promise<OptType> {
    return (await this.#ready).optResponse(event_id, ven_id);
  }

  async run(): Promise<void> {
    const vtn = await this.#ready;
    const url = await vtn.listen();
    if (this.#log) this.#log.info({ url }, 'Your VTN Server is now running');
  }

  /** Stops a running server; one that never opened (its error surfaced in run()) has nothing to stop. */
  async stop(): Promise<void> {
    const vtn = await this.#ready.catch(() => undefined);
    await vtn?.close();
  }

  // As in OpenLEADR: with your own on_poll, the internal queue is off and events are yours to deliver.
  #refuseWithCustomPoll(method: string): void {
    if (this.#customPoll) {
      throw new VtnError('E_EVENT_INVALID', `${method}() cannot be used after an on_poll handler was added: on_poll delivers the events.`,
        'Return the event from on_poll, or remove the on_poll handler to use the internal message queue.');
    }
  }

  // A failure to open surfaces in run()/add_event(); until then it must not be an unhandled rejection.
  #quiet(): void {
    this.#ready.catch(() => undefined);
  }
}
