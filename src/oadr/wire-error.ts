// The one error the wire layer throws for bad input, carrying what the HTTP layer needs to answer in-band.
import { VtnError } from '../errors.js';
import type { OadrMessageType } from './model.js';

export type WireErrorCode = 'E_XML' | 'E_PAYLOAD';

/** What could be read from a rejected payload, so a 454 reply can echo it. */
export interface WireErrorContext {
  messageType?: OadrMessageType;
  requestId?: string;
  venId?: string;
}

export class OadrWireError extends VtnError {
  declare readonly code: WireErrorCode;
  /** Plain-language reason, e.g. "oadrCreatedEvent: …/ei:eventID is missing". */
  readonly reason: string;
  readonly messageType?: OadrMessageType;
  readonly requestId?: string;
  readonly venId?: string;

  constructor(code: WireErrorCode, reason: string, context: WireErrorContext = {}) {
    super(code, reason);
    this.name = 'OadrWireError';
    this.reason = reason;
    if (context.messageType !== undefined) this.messageType = context.messageType;
    if (context.requestId !== undefined) this.requestId = context.requestId;
    if (context.venId !== undefined) this.venId = context.venId;
  }
}

/** A field-level problem found while mapping; decode turns it into an OadrWireError with the message context. */
export class PayloadFieldError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'PayloadFieldError';
  }
}
