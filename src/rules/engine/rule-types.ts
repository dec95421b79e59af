// The shape of rule files (rules/*.json) after schema validation.
import type { Trigger } from '../facts/fact-catalogue.js';

export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
  path?: string;
  name?: string;
  priority?: number;
}

export interface GroupCondition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  name?: string;
  priority?: number;
}

export type Condition = FactCondition | GroupCondition;

export interface EventTargetsSpec {
  groups?: string[];
  venIds?: string[];
  thisVen?: boolean;
}

export interface CreateEventSpec {
  template: string;
  targets: EventTargetsSpec;
  startIn?: string;
  duration?: string;
  level?: number;
  priority?: number;
  vtnComment?: string;
}

export interface CancelEventSpec {
  rule?: string;
  group?: string;
  reason?: string;
}

export interface ModifyEventSpec {
  addTargets?: { groups?: string[]; venIds?: string[] };
  priority?: number;
  reason?: string;
}

export interface RefuseOptSpec {
  /** OpenADR response code sent to the VEN; default 451. */
  code?: 451 | 452 | 454 | 463;
  reason?: string;
}

export interface LogSpec {
  level?: 'info' | 'warn' | 'error';
  message: string;
}

/** Every decision key a rule's `then` may hold (which ones are allowed depends on the trigger). */
export interface ThenSpec {
  acceptRegistration?: { venId?: 'auto' | 'from-catalogue' | 'from-ven' | 'generate'; pollFreq?: string };
  rejectRegistration?: { code?: 452 | 463; reason?: string };
  setPollFrequency?: string;
  subscribe?: { samplingInterval: string; reportingInterval?: string };
  ignore?: true;
  createEvent?: CreateEventSpec | CreateEventSpec[];
  cancelEvent?: CancelEventSpec;
  modifyEvent?: ModifyEventSpec;
  refuseOpt?: RefuseOptSpec;
  log?: LogSpec;
  tag?: string | string[];
}

export interface RuleSpec {
  name: string;
  description?: string;
  priority?: number;
  enabled?: boolean;
  conditions: GroupCondition;
  then: ThenSpec;
}

export interface RuleFile {
  trigger: Trigger;
  description?: string;
  rules: RuleSpec[];
}

/** A rule as loaded: where it came from, so decisions and explain can point back at the file. */
export interface LoadedRule extends RuleSpec {
  trigger: Trigger;
  file: string;
  /** 1-based line of the rule's name, for messages. */
  line: number;
  /** Position across all files of the trigger, for priority ties. */
  order: number;
}

export const isFactCondition = (c: Condition): c is FactCondition => typeof (c as FactCondition).fact === 'string';
