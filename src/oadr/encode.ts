// encodeOadrPayload: typed OadrMessage -> XSD-valid OpenADR 2.0b XML, built as strings on the hot poll path.
import { createdEventXml, distributeEventXml, requestEventXml } from './encode-event.js';
import {
  cancelOptXml, cancelPartyRegistrationXml, canceledOptXml, canceledPartyRegistrationXml, createOptXml, createPartyRegistrationXml,
  createdOptXml, createdPartyRegistrationXml, responseXml,
} from './encode-registration-opt.js';
import {
  cancelReportXml, createReportXml, createdReportXml, registerReportXml, registeredReportXml, updateReportXml, updatedReportXml,
} from './encode-report.js';
import { OADR_NS, type MessageOf, type OadrMessage, type OadrMessageType } from './model.js';
import { leaf } from './xml-write.js';

export interface EncodeOptions {
  /** Compatibility: give every signal/baseline interval its computed xcal:dtstart (off by default; the harness flags it). */
  intervalDtstart?: boolean;
}

// Built once: every namespace is declared on the root so the payload and a detached signature share them.
const DECLARATIONS = (['oadr', 'ei', 'pyld', 'emix', 'power', 'scale', 'xcal', 'strm', 'ds', 'dsp', 'xsi'] as const)
  .map((p) => ` xmlns:${p}="${OADR_NS[p]}"`).join('');
const HEAD = `<?xml version="1.0" encoding="utf-8"?>\n<oadr:oadrPayload${DECLARATIONS}><oadr:oadrSignedObject oadr:Id="oadrSignedObject">`;
const TAIL = '</oadr:oadrSignedObject></oadr:oadrPayload>';

type BodyEncoders = { [T in OadrMessageType]: (m: MessageOf<T>, intervalDtstart: boolean) => string };

const BODY: BodyEncoders = {
  oadrDistributeEvent: distributeEventXml,
  oadrCreatedEvent: createdEventXml,
  oadrRequestEvent: requestEventXml,
  oadrResponse: responseXml,
  oadrCancelOpt: cancelOptXml,
  oadrCanceledOpt: canceledOptXml,
  oadrCreateOpt: createOptXml,
  oadrCreatedOpt: createdOptXml,
  oadrCancelReport: cancelReportXml,
  oadrCanceledReport: createdReportXml,
  oadrCreateReport: createReportXml,
  oadrCreatedReport: createdReportXml,
  oadrRegisterReport: registerReportXml,
  oadrRegisteredReport: registeredReportXml,
  oadrUpdateReport: updateReportXml,
  oadrUpdatedReport: updatedReportXml,
  oadrCancelPartyRegistration: cancelPartyRegistrationXml,
  oadrCanceledPartyRegistration: canceledPartyRegistrationXml,
  oadrCreatePartyRegistration: createPartyRegistrationXml,
  oadrCreatedPartyRegistration: createdPartyRegistrationXml,
  oadrRequestReregistration: (m) => leaf('ei:venID', m.venId),
  oadrQueryRegistration: (m) => leaf('pyld:requestID', m.requestId),
  oadrPoll: (m) => leaf('ei:venID', m.venId),
};

/** Encodes one message as a full oadrPayload document. */
export function encodeOadrPayload(msg: OadrMessage, options: EncodeOptions = {}): string {
  const encodeBody = BODY[msg.type] as (m: OadrMessage, intervalDtstart: boolean) => string;
  const body = encodeBody(msg, options.intervalDtstart === true);
  return `${HEAD}<oadr:${msg.type} ei:schemaVersion="2.0b">${body}</oadr:${msg.type}>${TAIL}`;
}
