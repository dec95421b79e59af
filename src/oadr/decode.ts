// decodeOadrPayload: untrusted XML text -> typed OadrMessage, or an OadrWireError with a plain reason.
import { clipText } from '../clip-text.js';
import { checkDecodeCaps } from './decode-caps.js';
import { decodeCreatedEvent, decodeDistributeEvent, decodeRequestEvent } from './decode-event.js';
import { decodeCancelOpt, decodeCanceledOpt, decodeCreateOpt, decodeCreatedOpt } from './decode-opt.js';
import {
  decodeCancelPartyRegistration, decodeCanceledPartyRegistration, decodeCreatePartyRegistration,
  decodeCreatedPartyRegistration, decodePoll, decodeQueryRegistration, decodeRequestReregistration, decodeResponse,
} from './decode-registration.js';
import {
  decodeCancelReport, decodeCanceledReport, decodeCreateReport, decodeCreatedReport, decodeRegisterReport,
  decodeRegisteredReport, decodeUpdateReport, decodeUpdatedReport,
} from './decode-report.js';
import { toJsonForm } from './json-form.js';
import { Node } from './json-read.js';
import type { OadrMessage, OadrMessageType } from './model.js';
import { checkPayloadShape } from './payload-schemas.js';
import { OadrWireError, PayloadFieldError, type WireErrorContext } from './wire-error.js';
import type { XmlLimits } from './xml-guard.js';
import { readXml, type XmlElement } from './xml-read.js';
import { SignatureBoundBuilder } from './signature-bound-builder.js';

export interface DecodedPayload {
  message: OadrMessage;
  /** True when oadrPayload carries a ds:Signature (verification is the signature module's job). */
  signed: boolean;
}

const DECODERS: { [T in OadrMessageType]: (body: Node) => OadrMessage } = {
  oadrDistributeEvent: decodeDistributeEvent,
  oadrCreatedEvent: decodeCreatedEvent,
  oadrRequestEvent: decodeRequestEvent,
  oadrResponse: decodeResponse,
  oadrCancelOpt: decodeCancelOpt,
  oadrCanceledOpt: decodeCanceledOpt,
  oadrCreateOpt: decodeCreateOpt,
  oadrCreatedOpt: decodeCreatedOpt,
  oadrCancelReport: decodeCancelReport,
  oadrCanceledReport: decodeCanceledReport,
  oadrCreateReport: decodeCreateReport,
  oadrCreatedReport: decodeCreatedReport,
  oadrRegisterReport: decodeRegisterReport,
  oadrRegisteredReport: decodeRegisteredReport,
  oadrUpdateReport: decodeUpdateReport,
  oadrUpdatedReport: decodeUpdatedReport,
  oadrCancelPartyRegistration: decodeCancelPartyRegistration,
  oadrCanceledPartyRegistration: decodeCanceledPartyRegistration,
  oadrCreatePartyRegistration: decodeCreatePartyRegistration,
  oadrCreatedPartyRegistration: decodeCreatedPartyRegistration,
  oadrRequestReregistration: decodeRequestReregistration,
  oadrQueryRegistration: decodeQueryRegistration,
  oadrPoll: decodePoll,
};

function isMessageType(local: string): local is OadrMessageType {
  return Object.hasOwn(DECODERS, local);
}

// At most five names, each clipped: a refusal never carries an attacker's 40,000 element names.
function namesOf(elements: readonly XmlElement[]): string {
  if (elements.length === 0) return 'nothing';
  const shown = elements.slice(0, 5).map((e) => clipText(e.name)).join(', ');
  return elements.length > 5 ? `${shown} and ${elements.length - 5} more` : shown;
}

/** Finds the payload element: oadrPayload -> [ds:Signature] -> oadrSignedObject -> exactly one payload. */
function unwrap(root: XmlElement): { payload: XmlElement; signed: boolean } {
  if (root.name !== 'oadr:oadrPayload') {
    throw new OadrWireError('E_XML', `the root element is ${clipText(root.name)}, expected oadrPayload in namespace http://openadr.org/oadr-2.0b/2012/07`);
  }
  const children = root.children;
  const signed = children[0]?.name === 'ds:Signature';
  const rest = signed ? children.slice(1) : children;
  if (rest.length !== 1 || rest[0]?.name !== 'oadr:oadrSignedObject') {
    const names = namesOf(children);
    throw new OadrWireError('E_XML', `oadrPayload must contain [ds:Signature] then oadrSignedObject, found ${names}`);
  }
  const inner = rest[0].children;
  if (inner.length !== 1 || !inner[0]) {
    throw new OadrWireError('E_XML', `oadrSignedObject must contain exactly one payload element, found ${inner.length}`);
  }
  return { payload: inner[0], signed };
}

// requestID and venID sit at most two levels below the payload (inside eiCreatedEvent, eiRequestEvent, eiResponse).
// An over-cap value is never echoed: OadrWireError leaves it out.
function findText(element: XmlElement, name: string, depth = 2): string | undefined {
  for (const child of element.children) {
    if (child.name === name) return child.text;
  }
  if (depth === 0) return undefined;
  for (const child of element.children) {
    if (child.name === 'ei:eiTarget') continue;
    const found = findText(child, name, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function contextOf(payload: XmlElement, messageType: OadrMessageType): WireErrorContext {
  const context: WireErrorContext = { messageType };
  const requestId = findText(payload, 'pyld:requestID');
  if (requestId !== undefined) context.requestId = requestId;
  const venId = findText(payload, 'ei:venID');
  if (venId !== undefined) context.venId = venId;
  return context;
}

/** Decodes an OpenADR 2.0b document; throws OadrWireError (E_XML: not XML / not 2.0b, E_PAYLOAD: invalid content). */
export function decodeOadrPayload(xml: string, limits?: XmlLimits): DecodedPayload {
  // 1. secure read into a namespace-resolved tree
  const root = readXml(xml, limits, new SignatureBoundBuilder(limits));
  // 2. envelope and message type
  const { payload, signed } = unwrap(root);
  const local = payload.name.startsWith('oadr:') ? payload.name.slice(5) : '';
  if (!isMessageType(local)) {
    throw new OadrWireError('E_XML', `${clipText(payload.name)} is not an OpenADR 2.0b payload type`);
  }
  const context = contextOf(payload, local);
  try {
    // 3. sizes and counts (decode-limits.ts), 4. shape check against the JSON Schema, 5. mapping to the model
    checkDecodeCaps(payload);
    const body = toJsonForm(payload, '');
    const problem = checkPayloadShape(local, body);
    if (problem) throw new OadrWireError('E_PAYLOAD', `${local}: ${problem}`, context);
    return { message: DECODERS[local](Node.of(body, '')), signed };
  } catch (err) {
    if (err instanceof PayloadFieldError) {
      throw new OadrWireError('E_PAYLOAD', `${local}: ${err.path.replace(/^\//, '')} ${err.problem}`, context);
    }
    throw err;
  }
}
