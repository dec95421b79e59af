// EiOpt messages: oadrCreateOpt (event-scoped or an availability schedule) and oadrCancelOpt.
import { dateTimeText, vavailabilityNode, type PeriodInput, type TimeInput } from './calendar-parts.js';
import { payloadDocument } from './envelope.js';
import { checkModificationNumber, checkOptType, type OptTypeInput } from './event.js';
import type { RenderOptions } from './namespaces.js';
import { targetNode, type TargetsInput } from './targets.js';
import { el, leaf, maybe } from './xml-tree.js';

export interface CreateOptInput {
  requestId: string;
  optId: string;
  optType: OptTypeInput;
  /** economic, emergency, mustRun, notParticipating, outageRunStatus, overrideStatus, participating, x-schedule or x-… */
  optReason: string;
  marketContext?: string;
  venId: string;
  /** Schedule form: the periods the opt applies to. */
  vavailability?: PeriodInput[];
  createdDateTime?: TimeInput;
  /** Event form: the event (and its modification) the opt applies to. */
  event?: { eventId: string; modificationNumber: number };
  /** eiTarget is required by the schema; an empty one means "the VEN itself". */
  targets?: TargetsInput;
  /** oadrDeviceClass: endDeviceAsset mrids only. */
  deviceClass?: string[];
}

export function oadrCreateOpt(input: CreateOptInput, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrCreateOpt', [
    leaf('ei', 'optID', input.optId),
    leaf('ei', 'optType', checkOptType(input.optType)),
    leaf('ei', 'optReason', input.optReason),
    maybe(input.marketContext, (m) => leaf('emix', 'marketContext', m)),
    leaf('ei', 'venID', input.venId),
    maybe(input.vavailability, vavailabilityNode),
    leaf('ei', 'createdDateTime', dateTimeText(input.createdDateTime ?? new Date())),
    leaf('pyld', 'requestID', input.requestId),
    maybe(input.event, (e) => el('ei', 'qualifiedEventID', [
      leaf('ei', 'eventID', e.eventId),
      leaf('ei', 'modificationNumber', checkModificationNumber(e.modificationNumber)),
    ])),
    targetNode(input.targets ?? {}),
    maybe(input.deviceClass, (mrids) => targetNode({ endDeviceAssets: mrids }, 'oadr', 'oadrDeviceClass')),
  ]), opts.style);
}

export function oadrCancelOpt(input: { requestId: string; optId: string; venId: string }, opts: RenderOptions = {}): string {
  return payloadDocument(el('oadr', 'oadrCancelOpt', [
    leaf('pyld', 'requestID', input.requestId),
    leaf('ei', 'optID', input.optId),
    leaf('ei', 'venID', input.venId),
  ]), opts.style);
}
