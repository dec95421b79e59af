// What a 3.1 operation handler gets and returns; handlers are plain functions keyed by the document's operationId.
import type { Vtn } from '../../vtn/vtn.js';
import type { Logger } from '../../vtn/context.js';
import type { Principal } from '../auth/scopes.js';
import type { Openadr3Settings } from '../openadr3-settings.js';
import type { ChangeFeed } from '../notify/change-feed.js';
import type { ProgramCatalogue } from '../objects/program-catalogue.js';
import type { EventIndex } from '../objects/event-index.js';
import type { GrantedTargetsCache } from '../objects/target-grants.js';

export interface Oadr3Services {
  vtn: Vtn;
  log: Logger;
  settings: Openadr3Settings;
  now: () => Date;
  /** Where object writes are published for subscriptions (webhooks). */
  changes: ChangeFeed;
  /** The VTN catalogue (config/programs.json, config/vens.json) when a policy is installed: its programs are 3.1 programs. */
  catalogue?: () => ProgramCatalogue | undefined;
  /** What reads keep in memory on this instance, dropped by the store's change notices. */
  reads: { events: EventIndex; grants: GrantedTargetsCache };
}

export interface Oadr3Request {
  principal: Principal;
  params: Record<string, string>;
  /** Query parameters as sent (arrays for repeated names). */
  query: Record<string, string | string[] | undefined>;
  /** The body, already validated against the operation's request schema. */
  body: unknown;
}

export interface Oadr3Answer {
  status: number;
  body: unknown;
}

export type Oadr3Handler = (services: Oadr3Services, request: Oadr3Request) => Promise<Oadr3Answer>;

/** operationId → handler; an operation without one answers 501 with a Problem. */
export type Oadr3Handlers = Partial<Record<string, Oadr3Handler>>;
