// The one error the wire layer throws for bad input, carrying what the HTTP layer needs to answer in-band.
import { clipText } from '../clip-text.js';
import { VtnError } from '../errors.js';
import { MAX_ID_CHARS } from './decode-limits.js';
import type { OadrMessageType } from './model.js';

export type WireErrorCode = 'E_XML' | 'E_PAYLOAD';

/** What could be read from a rejected payload, so a 454 reply can echo it. */
export interface WireErrorContext {
  messageType?: OadrMessageType;
  requestId?: string;
  venId?: string;
}

/** Longest reason a refusal carries (it goes back in-band and into the 400 body); longer ones are clipped. */
export const MAX_REASON_CHARS = 512;
const echoable = (id: string | undefined): id is string => id !== undefined && id.length <= MAX_ID_CHARS;

export class OadrWireError extends VtnError {
  declare readonly code: WireErrorCode;
  /** Plain-language reason, e.g. "oadrCreatedEvent: …/ei:eventID is missing". */
  readonly reason: string;
  readonly messageType?: OadrMessageType;
  readonly requestId?: string;
  readonly venId?: string;

  constructor(code: WireErrorCode, reason: string, context: WireErrorContext = {}) {
    const clipped = clipText(reason, MAX_REASON_CHARS);
    super(code, clipped);
    this.name = 'OadrWireError';
    this.reason = clipped;
    if (context.messageType !== undefined) this.messageType = context.messageType;
    // An ID too long to be real is left out of the refusal, never echoed cut (a cut ID would name someone else).
    if (echoable(context.requestId)) this.requestId = context.requestId;
    if (echoable(context.venId)) this.venId = context.venId;
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
