// State folders as the #11 attack left them: decision records of refused registrations, each holding a
// 900 KB name twice, written the way the journal writes them (one JSON line per change).
import { closeSync, openSync, writeSync } from 'node:fs';

export interface WrittenState {
  records: number;
  bytes: number;
}

/** A refused-registration decision record whose subject and facts hold `name`. */
export function refusedRegistration(id: string, name: string) {
  return {
    id,
    at: '2026-11-30T12:00:00.000Z',
    trigger: 'registration',
    subject: name,
    facts: { 'ven.name': name },
    decisions: [{ type: 'refuse', params: {} }],
    trace: [],
    outcomes: ['refused'],
  };
}

/** Appends journal lines until the file holds at least `minBytes`; returns what was written. */
export function writeAttackJournal(path: string, minBytes: number, nameChars = 900_000): WrittenState {
  const base = 'N'.repeat(nameChars - 12);
  const fd = openSync(path, 'a');
  let bytes = 0;
  let records = 0;
  try {
    while (bytes < minBytes) {
      const id = `d-attack-${String(records).padStart(8, '0')}`;
      const name = `${String(records).padStart(11, '0')}-${base}`;
      const line = Buffer.from(`${JSON.stringify({ c: 'decisions', k: id, v: refusedRegistration(id, name) })}\n`);
      for (let offset = 0; offset < line.length; ) offset += writeSync(fd, line, offset);
      bytes += line.length;
      records += 1;
    }
  } finally {
    closeSync(fd);
  }
  return { records, bytes };
}
