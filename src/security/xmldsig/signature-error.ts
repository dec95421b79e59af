// One failure of an incoming XML signature, with a reason the VEN can act on.
export type SignatureFailure =
  | 'missing' // the VEN registered with oadrXmlSignature but sent an unsigned message
  | 'structure' // not the one-Signature, one-oadrSignedObject shape (wrapping attempts land here)
  | 'algorithm' // an algorithm other than RSA-SHA256 or ECDSA-SHA256 (matching the key) / SHA-256 / C14N 1.0
  | 'certificate' // no certificate in KeyInfo, or not the VEN's registered one
  | 'invalid' // digest or signature value does not verify
  | 'timestamp' // ReplayProtect timestamp outside the window
  | 'replay'; // (timestamp, nonce) seen before

export class SignatureError extends Error {
  readonly failure: SignatureFailure;
  constructor(failure: SignatureFailure, reason: string) {
    super(reason);
    this.name = 'SignatureError';
    this.failure = failure;
  }
}
