// A TypeScript VEN for integration tests: writes its own XML (ven-xml/), talks HTTP to a listening VTN,
// XSD-checks every XML reply and remembers venID/registrationID after registering.
import { randomUUID } from 'node:crypto';
import * as X from './ven-xml/index.js';
import { parseReplyBody, type VenReply } from './ven-xml/reply-parse.js';
import { payloadRequestIdOf, registrationIdOf, requestIdOf, responseCode, venIdOf } from './ven-xml/reply-extract.js';
import { eventsOf } from './ven-xml/event-extract.js';
import { expectValidOadr } from './xsd.js';

export type { VenReply } from './ven-xml/reply-parse.js';
export * from './ven-xml/reply-extract.js';
export * from './ven-xml/event-extract.js';
export * from './ven-xml/report-extract.js';

export type OadrService = 'EiRegisterParty' | 'EiEvent' | 'EiReport' | 'EiOpt' | 'OadrPoll';

export interface TestVenOptions {
  baseUrl: string;
  /** Service prefix; default /OpenADR2/Simple/2.0b. */
  prefix?: string;
  venName: string;
  style?: X.Style;
  /** XSD-check every XML reply (default true). */
  validate?: boolean;
  /** Per-request time-out; default 5000 ms. */
  timeoutMs?: number;
  /** Replaces the default check (expectValidOadr from test/helpers/xsd.ts); must reject on invalid XML. */
  validator?: (xml: string) => Promise<void>;
}

export class TestVen {
  readonly baseUrl: string;
  readonly prefix: string;
  readonly venName: string;
  style: X.Style;
  validate: boolean;
  readonly timeoutMs: number;
  venId: string | undefined;
  registrationId: string | undefined;
  readonly #validator: ((xml: string) => Promise<void>) | undefined;

  constructor(opts: TestVenOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.prefix = (opts.prefix ?? '/OpenADR2/Simple/2.0b').replace(/\/+$/, '');
    this.venName = opts.venName;
    this.style = opts.style ?? 'standard';
    this.validate = opts.validate ?? true;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.#validator = opts.validator;
  }

  /** A fresh requestID for each outgoing request. */
  newRequestId(): string {
    return `req-${randomUUID().slice(0, 8)}`;
  }

  /** POSTs a raw body (default Content-Type application/xml) and returns the parsed, checked reply. */
  async post(service: string, xmlOrBody: string | Uint8Array, headers: Record<string, string> = {}): Promise<VenReply> {
    const res = await fetch(`${this.baseUrl}${this.prefix}/${service}`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8', ...headers },
      body: xmlOrBody,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = await res.text();
    const contentType = res.headers.get('content-type') ?? undefined;
    const reply: VenReply = { status: res.status, contentType, body, ...parseReplyBody(body) };
    if (this.validate && reply.doc !== undefined) {
      await (this.#validator ?? expectValidOadr)(body);
    }
    return reply;
  }

  #opts(): X.RenderOptions {
    return { style: this.style };
  }

  #requireVenId(venId?: string): string {
    const id = venId ?? this.venId;
    if (id === undefined) throw new Error(`TestVen ${this.venName}: no venID yet — register() first or pass one`);
    return id;
  }

  async queryRegistration(requestId = this.newRequestId()): Promise<VenReply> {
    return this.post('EiRegisterParty', X.oadrQueryRegistration({ requestId }, this.#opts()));
  }

  /** Registers (or re-registers when opts.registrationId is given); remembers the IDs on a 200. */
  async register(opts: Partial<X.CreatePartyRegistrationInput> = {}): Promise<VenReply> {
    const input: X.CreatePartyRegistrationInput = { requestId: this.newRequestId(), venName: this.venName, ...opts };
    const reply = await this.post('EiRegisterParty', X.oadrCreatePartyRegistration(input, this.#opts()));
    if (reply.type === 'oadrCreatedPartyRegistration' && responseCode(reply) === '200') {
      this.venId = venIdOf(reply) || this.venId;
      this.registrationId = registrationIdOf(reply) || this.registrationId;
    }
    return reply;
  }

  async poll(venId?: string): Promise<VenReply> {
    return this.post('OadrPoll', X.oadrPoll({ venId: this.#requireVenId(venId) }, this.#opts()));
  }

  async requestEvent(opts: { replyLimit?: number; requestId?: string } = {}): Promise<VenReply> {
    const input = { requestId: opts.requestId ?? this.newRequestId(), venId: this.#requireVenId(), replyLimit: opts.replyLimit };
    return this.post('EiEvent', X.oadrRequestEvent(input, this.#opts()));
  }

  /** oadrCreatedEvent; the overall eiResponse echoes opts.requestId, else the first response's requestId. */
  async createdEvent(responses: X.EventResponseInput[], opts: Partial<X.ResponseInput> = {}): Promise<VenReply> {
    const response: X.ResponseInput = { requestId: responses[0]?.requestId ?? '', ...opts };
    return this.post('EiEvent', X.oadrCreatedEvent({ response, eventResponses: responses, venId: this.#requireVenId() }, this.#opts()));
  }

  /** Answers every event of a distribute with the same optType (or a per-event choice). */
  async respondToEvents(distribute: VenReply, optType: X.OptTypeInput | ((eventId: string) => X.OptTypeInput) = 'optIn'): Promise<VenReply> {
    const requestId = payloadRequestIdOf(distribute) ?? '';
    const responses = eventsOf(distribute).map((e) => ({
      eventId: e.eventId,
      modificationNumber: e.modificationNumber,
      optType: typeof optType === 'function' ? optType(e.eventId) : optType,
      requestId,
    }));
    return this.createdEvent(responses, { requestId });
  }

  async createOpt(input: Omit<X.CreateOptInput, 'requestId' | 'venId'> & { requestId?: string; venId?: string }): Promise<VenReply> {
    const full: X.CreateOptInput = { ...input, requestId: input.requestId ?? this.newRequestId(), venId: this.#requireVenId(input.venId) };
    return this.post('EiOpt', X.oadrCreateOpt(full, this.#opts()));
  }

  async cancelOpt(optId: string, requestId = this.newRequestId()): Promise<VenReply> {
    return this.post('EiOpt', X.oadrCancelOpt({ requestId, optId, venId: this.#requireVenId() }, this.#opts()));
  }

  async cancelRegistration(registrationId = this.registrationId, requestId = this.newRequestId()): Promise<VenReply> {
    if (registrationId === undefined) throw new Error(`TestVen ${this.venName}: no registrationID to cancel`);
    return this.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId, registrationId, venId: this.venId }, this.#opts()));
  }

  /** Answers the VTN's oadrCancelPartyRegistration (a poll reply), echoing its requestID and registrationID. */
  async answerCanceledPartyRegistration(cancel: VenReply | { requestId: string; registrationId?: string }, code: string | number = 200): Promise<VenReply> {
    const echo = 'status' in cancel
      ? { requestId: requestIdOf(cancel) ?? '', registrationId: registrationIdOf(cancel) }
      : cancel;
    return this.post('EiRegisterParty', X.oadrCanceledPartyRegistration({
      response: { code, requestId: echo.requestId }, registrationId: echo.registrationId ?? this.registrationId, venId: this.venId,
    }, this.#opts()));
  }

  /** oadrRegisterReport; default offers TELEMETRY_USAGE (power, energy, voltage) and TELEMETRY_STATUS. */
  async registerReports(
    reports: X.ReportInput[] = [X.telemetryUsageMetadata(), X.telemetryStatusMetadata()],
    opts: { requestId?: string; reportRequestId?: string } = {},
  ): Promise<VenReply> {
    const input = { requestId: opts.requestId ?? this.newRequestId(), reports, venId: this.#requireVenId(), reportRequestId: opts.reportRequestId };
    return this.post('EiReport', X.oadrRegisterReport(input, this.#opts()));
  }

  /** Answers the VTN's oadrRegisterReport; pass the poll reply or its requestID. */
  async registeredReport(opts: { requestId: string | VenReply; code?: string | number; reportRequests?: X.ReportRequestInput[] }): Promise<VenReply> {
    const requestId = typeof opts.requestId === 'string' ? opts.requestId : (requestIdOf(opts.requestId) ?? '');
    return this.post('EiReport', X.oadrRegisteredReport({
      response: { code: opts.code, requestId }, reportRequests: opts.reportRequests, venId: this.#requireVenId(),
    }, this.#opts()));
  }

  async createdReport(opts: { requestId: string; pendingReports: string[]; code?: string | number }): Promise<VenReply> {
    return this.post('EiReport', X.oadrCreatedReport({
      response: { code: opts.code, requestId: opts.requestId }, pendingReports: opts.pendingReports, venId: this.#requireVenId(),
    }, this.#opts()));
  }

  async updateReport(reports: X.ReportInput[], opts: { requestId?: string } = {}): Promise<VenReply> {
    const input = { requestId: opts.requestId ?? this.newRequestId(), reports, venId: this.#requireVenId() };
    return this.post('EiReport', X.oadrUpdateReport(input, this.#opts()));
  }

  async canceledReport(opts: { requestId: string; pendingReports: string[]; code?: string | number }): Promise<VenReply> {
    return this.post('EiReport', X.oadrCanceledReport({
      response: { code: opts.code, requestId: opts.requestId }, pendingReports: opts.pendingReports, venId: this.#requireVenId(),
    }, this.#opts()));
  }

  /** A bare oadrResponse (e.g. to oadrRequestReregistration); the VTN answers 200 with an empty body. */
  async sendResponse(opts: { requestId: string; code?: string | number; description?: string; service?: OadrService }): Promise<VenReply> {
    const xml = X.oadrResponse({
      response: { code: opts.code, description: opts.description, requestId: opts.requestId }, venId: this.venId,
    }, this.#opts());
    return this.post(opts.service ?? 'EiEvent', xml);
  }
}
