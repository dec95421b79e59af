// What PostgreSQL text and jsonb cannot hold, made storable without changing order or meaning: keys and index
// values may contain \u0000 (deliveryKey, optKey), and a JSON record may hold \u0000 or a lone surrogate.

// A prefix code: \u0000 → \u0001\u0001, \u0001 → \u0001\u0002. Byte order (COLLATE "C") of encoded strings is the
// order of the originals, so find/range sort as the local stores do.
export function encodeText(s: string): string {
  return /[\u0000\u0001]/.test(s) ? s.replace(/[\u0000\u0001]/g, (c) => (c === '\u0000' ? '\u0001\u0001' : '\u0001\u0002')) : s;
}

export function decodeText(s: string): string {
  return s.includes('\u0001') ? s.replace(/\u0001([\u0001\u0002])/g, (_m, c: string) => (c === '\u0001' ? '\u0000' : '\u0001')) : s;
}

/** The columns a record is stored in: jsonb normally, text when jsonb would refuse its JSON. */
export interface StoredValue {
  json: string | null;
  text: string | null;
}

const JSONB_REFUSES = /\\u(0000|d[89a-f])/i;

export function encodeValue(value: unknown): StoredValue {
  const json = JSON.stringify(value);
  // JSON.stringify writes \u only for a control character or a lone surrogate: most texts skip the regex.
  return json.includes('\\u') && JSONB_REFUSES.test(json) ? { json: null, text: json } : { json, text: null };
}

/** `value` is the parsed jsonb column (pg parses it), `valueText` the text column. */
export function decodeValue(value: unknown, valueText: string | null): unknown {
  return valueText === null ? value : JSON.parse(valueText);
}

/**
 * A text[] parameter of JSON texts (or nulls) as one array literal. JSON.stringify quotes a JSON text exactly as an
 * array element needs (`"` and `\` escaped; a JSON text holds no raw control character or lone surrogate, so no
 * other escape appears), natively: pg's own array encoding runs two regex replaces per element, the largest part
 * of a group commit's parameter encoding (a 10,000-VEN push fan-out's record values).
 */
export function jsonTextArray(texts: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    out += (i === 0 ? '' : ',') + (t === null || t === undefined ? 'NULL' : JSON.stringify(t));
  }
  return `${out}}`;
}
