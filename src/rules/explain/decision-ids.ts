// Decision ids: time first (key order is time order, the log is trimmed and listed by it), then a per-process
// sequence and a random instance part, so two instances writing in the same millisecond never collide.
import { randomBytes } from 'node:crypto';

const TIME_WIDTH = 9;
const SEQ_SPACE = 36 ** 4;

/** `d-<ms, base36, 9>-<sequence, base36, 4>-<instance, base36, 6>`: fixed widths, so any collation sorts them by time. */
export class DecisionIds {
  readonly instance: string;
  #seq = 0;

  constructor(instance = randomInstance()) {
    this.instance = instance;
  }

  next(atMs: number): string {
    const seq = (this.#seq++ % SEQ_SPACE).toString(36).padStart(4, '0');
    return `${floorKey(atMs)}-${seq}-${this.instance}`;
  }
}

/** A key below every id stamped at or after `atMs` (and above every earlier one). */
export function floorKey(atMs: number): string {
  return `d-${Math.max(0, Math.floor(atMs)).toString(36).padStart(TIME_WIDTH, '0')}`;
}

function randomInstance(): string {
  return (randomBytes(4).readUInt32BE(0) % 36 ** 6).toString(36).padStart(6, '0');
}
