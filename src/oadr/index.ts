// Public surface of the OpenADR 2.0b wire layer.
export { parseDuration, formatDuration } from './duration.js';
export { parseDateTime, formatDateTime } from './datetime.js';
export { decodeOadrPayload, type DecodedPayload } from './decode.js';
export { encodeOadrPayload, type EncodeOptions } from './encode.js';
export { OadrWireError, type WireErrorCode, type WireErrorContext } from './wire-error.js';
export { readXml, type XmlElement } from './xml-read.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type XmlLimits } from './xml-guard.js';
