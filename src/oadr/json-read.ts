// Typed reads from the validated JSON form; conversion problems become PayloadFieldErrors naming the path.
import { VtnError } from '../errors.js';
import { parseDateTime } from './datetime.js';
import { MAX_DURATION_MS } from './decode-limits.js';
import { parseNumberText, type NumberKind, type NumberRange } from './decode-numbers.js';
import { parseDuration } from './duration.js';
import { bareObject } from './bare-object.js';
import type { JsonNode, JsonObject } from './json-form.js';
import { PayloadFieldError } from './wire-error.js';

// Own properties only: a key like "constructor" or "toString" must not find what Object.prototype holds.
const own = (object: JsonObject, key: string): JsonNode | JsonNode[] | undefined => (Object.hasOwn(object, key) ? object[key] : undefined);
const EMPTY: JsonObject = Object.freeze(bareObject<JsonObject>());

/** A JSON-form object with the path it was read from, for error messages. */
export class Node {
  constructor(
    readonly value: JsonObject,
    readonly path: string,
  ) {}

  static of(node: JsonNode | undefined, path: string): Node {
    return new Node(typeof node === 'object' ? node : EMPTY, path);
  }

  has(key: string): boolean {
    return own(this.value, key) !== undefined;
  }

  /** A child element as a Node (an empty element reads as an empty Node). */
  child(key: string): Node {
    const v = own(this.value, key);
    return Node.of(Array.isArray(v) ? v[0] : v, `${this.path}/${key}`);
  }

  /** Every occurrence of a (repeatable) child element. */
  children(key: string): Node[] {
    const v = own(this.value, key);
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return list.map((item, i) => Node.of(item, `${this.path}/${key}[${i}]`));
  }

  /** Text of a child element; a missing required one is an error. */
  text(key: string): string {
    const t = this.optText(key);
    if (t === undefined) throw new PayloadFieldError(`${this.path}/${key}`, 'is missing');
    return t;
  }

  optText(key: string): string | undefined {
    const v = own(this.value, key);
    const first = Array.isArray(v) ? v[0] : v;
    if (first === undefined) return undefined;
    return typeof first === 'string' ? first : String(own(first, '#text') ?? '');
  }

  texts(key: string): string[] {
    const v = own(this.value, key);
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return list.map((item) => (typeof item === 'string' ? item : String(own(item, '#text') ?? '')));
  }

  /** An xs:float (default), xs:decimal or xs:unsignedInt child: finite, within ±1e300 and `range`. */
  number(key: string, kind: NumberKind = 'float', range?: NumberRange): number {
    return parseNumberText(this.text(key), `${this.path}/${key}`, kind, range);
  }

  optNumber(key: string, kind: NumberKind = 'float', range?: NumberRange): number | undefined {
    return this.has(key) ? this.number(key, kind, range) : undefined;
  }

  boolean(key: string): boolean {
    const t = this.text(key).trim();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new PayloadFieldError(`${this.path}/${key}`, `"${t}" is not a boolean`);
  }

  optBoolean(key: string): boolean | undefined {
    return this.has(key) ? this.boolean(key) : undefined;
  }

  /** A date-time held directly as text (createdDateTime). */
  dateTime(key: string): Date {
    return convert(`${this.path}/${key}`, () => parseDateTime(this.text(key)));
  }

  optDateTime(key: string): Date | undefined {
    return this.has(key) ? this.dateTime(key) : undefined;
  }

  /** A duration held directly as text (startafter, oadrMinPeriod). */
  duration(key: string): number {
    const path = `${this.path}/${key}`;
    const ms = convert(path, () => parseDuration(this.text(key)));
    if (!(Math.abs(ms) <= MAX_DURATION_MS)) throw new PayloadFieldError(path, `is longer than ${MAX_DURATION_MS / 86_400_000} days`);
    return ms;
  }

  /** xcal:dtstart/xcal:date-time under this element. */
  dtstart(key = 'xcal:dtstart'): Date {
    return this.child(key).dateTime('xcal:date-time');
  }

  /** A DurationPropType wrapper (xcal:duration/xcal:duration) under this element. */
  durationProp(key = 'xcal:duration'): number {
    return this.child(key).duration('xcal:duration');
  }

  optDurationProp(key = 'xcal:duration'): number | undefined {
    return this.has(key) ? this.durationProp(key) : undefined;
  }
}

function convert<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof VtnError) throw new PayloadFieldError(path, err.message);
    throw err;
  }
}
