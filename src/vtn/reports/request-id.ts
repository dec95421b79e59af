// reportRequestIDs: unique and never "0" (0 is reserved for the VEN's unsolicited register-report, rule 311).
import { VtnError } from '../../errors.js';

export interface IdSource {
  /** Produces candidate ids (e.g. a counter or random id). */
  newId: () => string;
  /** True when an id is already in use (e.g. present in the reportSubscriptions collection). */
  isIdTaken?: (id: string) => boolean;
}

const MAX_ATTEMPTS = 16;

/** Draw ids until one is non-empty, non-zero and unused by the store and by `taken`; record it in `taken`. */
export function allocateRequestId(source: IdSource, taken: Set<string>): string {
  for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
    const id = source.newId();
    const usable = typeof id === 'string' && id.trim() !== '' && !/^0+$/.test(id.trim());
    if (usable && !taken.has(id) && !source.isIdTaken?.(id)) {
      taken.add(id);
      return id;
    }
  }
  throw new VtnError(
    'E_REPORT_REQUEST',
    `newId() gave no unique, non-zero reportRequestID in ${MAX_ATTEMPTS} attempts`,
    'use a counter or random id generator and check isIdTaken against stored subscriptions',
  );
}
