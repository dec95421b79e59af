// Which incoming messages must be signed, against which certificate, and what the VTN then trusts (the signed bytes only).
import { decodeOadrPayload, type DecodedPayload } from '../oadr/index.js';
import type { OadrMessage } from '../oadr/model.js';
import type { SignatureCheck } from '../vtn/identity-gate.js';
import type { ReplayGuard, ReplayPair } from './replay-guard.js';
import { SignatureError } from './xmldsig/signature-error.js';
import { verifySignedPayload } from './xmldsig/verify-payload.js';

/** What the VTN knows about the sender the message claims to be (by venID or registrationID, still unverified). */
export interface SenderRecord {
  xmlSignature: boolean;
  fingerprint?: string;
}

export interface InboundResult {
  message: OadrMessage;
  /** Fingerprint of the signing certificate, when the message was signed. */
  signerFingerprint?: string;
  /** The ReplayProtect pair to record in the store (refused there when another instance saw it). */
  replay?: ReplayPair;
}

// Only a registration may introduce a certificate the VTN has not seen; every other message is checked against one on record.
const MAY_INTRODUCE_CERTIFICATE = new Set<string>(['oadrCreatePartyRegistration', 'oadrQueryRegistration']);

export class InboundSignatures {
  readonly #guard: ReplayGuard;
  readonly #maxBytes: number;

  constructor(guard: ReplayGuard, maxBytes: number) {
    this.#guard = guard;
    this.#maxBytes = maxBytes;
  }

  /** Throws SignatureError; returns the message to dispatch (decoded from the signed bytes when signed). */
  check(xml: string, decoded: DecodedPayload, sender: SenderRecord | undefined, connFingerprint: string | undefined): InboundResult {
    const outer = decoded.message;
    if (!decoded.signed) {
      if (sender?.xmlSignature) throw new SignatureError('missing', `${outer.type} is not signed, but this VEN registered with oadrXmlSignature true`);
      return { message: outer };
    }
    const expected = sender?.fingerprint ?? connFingerprint;
    if (expected === undefined && !MAY_INTRODUCE_CERTIFICATE.has(outer.type)) {
      throw new SignatureError('certificate', `no certificate is on record for this VEN to check the signature of ${outer.type} against; register (over TLS or signed) first`);
    }
    const verified = failClosed(() => verifySignedPayload(xml, { ...(expected ? { expectedFingerprint: expected } : {}), maxBytes: this.#maxBytes }));
    const replay = this.#guard.accept(verified.timestamp, verified.nonce);
    const inner = failClosed(() => decodeOadrPayload(verified.payloadXml, { maxBytes: this.#maxBytes }).message);
    // The outer parse only chose the certificate; it must agree with what was signed.
    if (inner.type !== outer.type || venIdOf(inner) !== venIdOf(outer) || registrationIdOf(inner) !== registrationIdOf(outer)) {
      throw new SignatureError('structure', 'the signed payload differs from the message the VTN was asked to process');
    }
    return { message: inner, signerFingerprint: verified.signerFingerprint, replay };
  }

  /** The check as the identity gate calls it: with the sender it found, answering a refusal instead of throwing. */
  checkFor(xml: string, decoded: DecodedPayload, connFingerprint: string | undefined): SignatureCheck {
    return (sender) => {
      try {
        const { message, signerFingerprint, replay } = this.check(xml, decoded, sender, connFingerprint);
        return { ok: true, message, ...(signerFingerprint ? { signerFingerprint } : {}), ...(replay ? { replay } : {}) };
      } catch (err) {
        if (!(err instanceof SignatureError)) throw err;
        return { ok: false, failure: err.failure, reason: err.message };
      }
    };
  }
}

// Anything unexpected while checking a signature is a refusal, never a 500.
function failClosed<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof SignatureError) throw err;
    throw new SignatureError('structure', `the signed message cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const venIdOf = (m: OadrMessage): string | undefined => ('venId' in m ? m.venId : undefined);
const registrationIdOf = (m: OadrMessage): string | undefined => ('registrationId' in m ? m.registrationId : undefined);
