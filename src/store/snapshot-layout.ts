// The snapshot as one JSON document laid out one record per line, so it is written and read record by
// record (never as one string) and stays a plain JSON file for jq:
//   {"format":1,"savedAt":"…","collections":{
//   "vens":{
//   "v1":{…},
//   "v2":{…}
//   },
//   "meta":{
//   }
//   }}

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  savedAt: string;
  /** Collection name → its [key, record] pairs: a Map when read, a view of the store's rows when written. */
  collections: Map<string, Iterable<readonly [string, unknown]>>;
}

const HEADER = /^\{"format":(\d+),"savedAt":("(?:[^"\\]|\\.)*"),"collections":\{$/;
const COLLECTION_OPEN = /^("(?:[^"\\]|\\.)*"):\{$/;

/** True when `firstLine` starts the line-per-record layout (older snapshots are one pretty-printed document). */
export const isLineLayout = (firstLine: string): boolean => HEADER.test(firstLine);

/** The document as text pieces in file order: one per record line (plus structure), each ending before a '\n'. */
export function* snapshotPieces(doc: SnapshotDocument): Generator<string> {
  yield `{"format":${doc.format},"savedAt":${JSON.stringify(doc.savedAt)},"collections":{`;
  let collectionSeparator = '';
  for (const [name, records] of doc.collections) {
    yield `${collectionSeparator}\n${JSON.stringify(name)}:{`;
    let recordSeparator = '';
    for (const [key, value] of records) {
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError(`Record "${name}"/"${key.slice(0, 64)}" is not a JSON value`);
      yield `${recordSeparator}\n${JSON.stringify(key)}:${json}`;
      recordSeparator = ',';
    }
    yield '\n}';
    collectionSeparator = ',';
  }
  yield '\n}}\n';
}

/** Rebuilds a document from its lines, one call per line; `end()` checks it was complete. Throws a reason on damage. */
export class SnapshotLineParser {
  #state: 'header' | 'collections' | 'records' | 'end' = 'header';
  /** The previous item ended with ',' (so another one must follow). */
  #more = false;
  #format = 0;
  #savedAt = '';
  readonly #collections = new Map<string, Map<string, unknown>>();
  #current: Map<string, unknown> | undefined;
  #recordsInCurrent = 0;
  readonly #only: string | undefined;

  /** With `only`, records of other collections are checked for shape but not parsed or kept. */
  constructor(only?: string) {
    this.#only = only;
  }

  line(text: string, lineNumber: number): void {
    const fail = (reason: string): never => {
      throw new Error(`line ${lineNumber}: ${reason}`);
    };
    if (this.#state === 'header') {
      const match = HEADER.exec(text) ?? fail('not the snapshot header');
      this.#format = Number(match[1]);
      if (this.#format !== SNAPSHOT_FORMAT) fail(`unsupported format ${this.#format} (this VTN reads format ${SNAPSHOT_FORMAT})`);
      this.#savedAt = JSON.parse(match[2] as string) as string;
      this.#state = 'collections';
    } else if (this.#state === 'collections') {
      if (text === '}}' && !this.#more) {
        this.#state = 'end';
        return;
      }
      const match = COLLECTION_OPEN.exec(text) ?? fail('expected a collection ("name":{) or the end of the document');
      const name = JSON.parse(match[1] as string) as string;
      this.#current = this.#only === undefined || this.#only === name ? new Map() : undefined;
      if (this.#current) this.#collections.set(name, this.#current);
      this.#recordsInCurrent = 0;
      this.#state = 'records';
      this.#more = false;
    } else if (this.#state === 'records') {
      if (text === '}' || text === '},') {
        if (this.#more) fail('a "," before the end of the collection');
        this.#more = text === '},';
        this.#state = 'collections';
        return;
      }
      if (this.#recordsInCurrent > 0 && !this.#more) fail('a record without a "," after the previous one');
      this.#more = text.endsWith(',');
      this.#recordsInCurrent += 1;
      if (this.#current) this.#record(this.#current, this.#more ? text.slice(0, -1) : text, fail);
    } else if (text.trim() !== '') {
      fail('text after the end of the document');
    }
  }

  /** The document once every line was given; `tailBytes` is what followed the last '\n' (nothing in a whole file). */
  end(tailBytes = 0): SnapshotDocument {
    if (this.#state !== 'end') throw new Error('the file ends before the document does (truncated)');
    if (tailBytes > 0) throw new Error('text after the end of the document');
    return { format: SNAPSHOT_FORMAT, savedAt: this.#savedAt, collections: this.#collections };
  }

  #record(into: Map<string, unknown>, body: string, fail: (reason: string) => never): void {
    // `"key":value` — the key ends at the first '"' not escaped by a backslash; each half is parsed on its own.
    let end = body.indexOf('"', 1);
    while (end > 0 && isEscaped(body, end)) end = body.indexOf('"', end + 1);
    if (!body.startsWith('"') || end < 0 || body[end + 1] !== ':') fail('not a "key":record line');
    let key: unknown;
    let value: unknown;
    try {
      // Most keys hold no escape: taken as they are, without a parse.
      key = body.lastIndexOf('\\', end) === -1 ? body.slice(1, end) : JSON.parse(body.slice(0, end + 1));
      value = JSON.parse(body.slice(end + 2));
    } catch (e) {
      fail(`not a "key":record line (${(e as Error).message})`);
    }
    into.set(key as string, value);
  }
}

/** Whether the character at `index` follows an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  while (text[index - 1 - backslashes] === '\\') backslashes += 1;
  return backslashes % 2 === 1;
}
