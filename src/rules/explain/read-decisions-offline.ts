// Reads stored decisions from a VTN's state folder without opening the store (the running VTN holds its lock):
// the snapshot's decisions collection, then the journals' later changes, in write order.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VtnError } from '../../errors.js';
import { DECISIONS_COLLECTION, type DecisionRecord } from './decision-log.js';

function journalLines(path: string): { c: string; k: string; v?: unknown }[] {
  if (!existsSync(path)) return [];
  const out: { c: string; k: string; v?: unknown }[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as { c: string; k: string; v?: unknown });
    } catch {
      // A line being written right now; the next read sees it whole.
    }
  }
  return out;
}

export function readDecisionsOffline(dataDir: string): Map<string, DecisionRecord> {
  const snapshot = join(dataDir, 'vtn.json');
  if (!existsSync(snapshot) && !existsSync(join(dataDir, 'vtn.journal'))) {
    throw new VtnError('E_STATE_CORRUPT', `no VTN state in ${dataDir}`, 'pass --data-dir with the folder the VTN runs on');
  }
  const decisions = new Map<string, DecisionRecord>();
  if (existsSync(snapshot)) {
    const doc = JSON.parse(readFileSync(snapshot, 'utf8')) as { collections?: Record<string, Record<string, DecisionRecord>> };
    for (const [k, v] of Object.entries(doc.collections?.[DECISIONS_COLLECTION] ?? {})) decisions.set(k, v);
  }
  for (const file of ['vtn.journal.prev', 'vtn.journal']) {
    for (const e of journalLines(join(dataDir, file))) {
      if (e.c !== DECISIONS_COLLECTION) continue;
      if (e.v === undefined) decisions.delete(e.k);
      else decisions.set(e.k, e.v as DecisionRecord);
    }
  }
  return decisions;
}
