// What each push outcome tells its listeners (metrics).
import { Observers } from '../vtn/message-observers.js';
import type { PushKind } from '../vtn/push-status.js';
import type { PushOutcome } from './push-claims.js';

export interface PushRecord {
  venId: string;
  kind: PushKind;
  type: string;
  outcome: PushOutcome;
  tries: number;
  status?: number;
  ms: number;
}

export type PushObserver = (record: PushRecord) => void;

export class PushObservers extends Observers<PushRecord> {}
