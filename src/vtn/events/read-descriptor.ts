// Checks the descriptor-level scalars of an authoring call and fills in their defaults.
import { VtnError } from '../../errors.js';
import type { ResponseRequired } from '../../oadr/model.js';
import type { EventTimingAndDescriptor } from './event-input.js';

export interface DescriptorFields {
  priority: number;
  responseRequired: ResponseRequired;
  testEvent: boolean;
  marketContext: string;
  vtnComment?: string;
}

/** Descriptor fields with defaults: priority 0, responseRequired always, testEvent false. */
export function readDescriptor(
  opts: EventTimingAndDescriptor & { marketContext?: string }, defaultMarketContext: string,
): DescriptorFields {
  const { priority = 0, responseRequired = 'always', testEvent = false, marketContext = defaultMarketContext } = opts;
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0) {
    throw new VtnError('E_EVENT_INVALID', `priority is ${JSON.stringify(priority)}`,
      'use a whole number ≥ 0: 1 is the highest priority, 0 means none (lowest)');
  }
  if (responseRequired !== 'always' && responseRequired !== 'never') {
    throw new VtnError('E_EVENT_INVALID', `responseRequired is ${JSON.stringify(responseRequired)}`, "use 'always' or 'never'");
  }
  if (typeof testEvent !== 'boolean') {
    throw new VtnError('E_EVENT_INVALID', `testEvent is ${JSON.stringify(testEvent)}`, 'use true or false');
  }
  if (typeof marketContext !== 'string' || marketContext === '') {
    throw new VtnError('E_EVENT_INVALID', `marketContext is ${JSON.stringify(marketContext)}`,
      'give a market context URI such as oadr://unknown.context, or leave it out for the default');
  }
  const out: DescriptorFields = { priority, responseRequired, testEvent, marketContext };
  if (opts.vtnComment !== undefined) {
    if (typeof opts.vtnComment !== 'string') {
      throw new VtnError('E_EVENT_INVALID', `vtnComment is ${JSON.stringify(opts.vtnComment)}`, 'use a string');
    }
    out.vtnComment = opts.vtnComment;
  }
  return out;
}

/** A required non-empty string ID such as eventId. */
export function readId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new VtnError('E_EVENT_INVALID', `${field} is ${JSON.stringify(value)}`, 'give a non-empty string or leave it out');
  }
  return value;
}
