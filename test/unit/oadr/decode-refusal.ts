// The OadrWireError a document is refused with at decode; a document that decodes fails the test.
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { OadrWireError } from '../../../src/oadr/wire-error.js';

export function decodeRefusal(xml: string): OadrWireError {
  try {
    decodeOadrPayload(xml);
  } catch (err) {
    if (err instanceof OadrWireError) return err;
    throw err;
  }
  throw new Error('expected an OadrWireError, decoding succeeded');
}
