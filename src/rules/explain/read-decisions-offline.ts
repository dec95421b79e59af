// Reads stored decisions from a VTN's state folder without opening the store (the running VTN holds its lock).
import { VtnError } from '../../errors.js';
import { readCollectionOffline } from '../../store/read-collection-offline.js';
import { DECISIONS_COLLECTION, type DecisionRecord } from './decision-log.js';

export async function readDecisionsOffline(dataDir: string): Promise<Map<string, DecisionRecord>> {
  const decisions = await readCollectionOffline(dataDir, DECISIONS_COLLECTION);
  if (!decisions) {
    throw new VtnError('E_STATE_CORRUPT', `no VTN state in ${dataDir}`, 'pass --data-dir with the folder the VTN runs on');
  }
  return decisions as Map<string, DecisionRecord>;
}
