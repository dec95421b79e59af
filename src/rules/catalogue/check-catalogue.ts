// Checks a schema cannot make: duplicate VEN names, venIds and fingerprints; programs that do not exist.
import { positionOf, type JsonSource } from '../files/json-source.js';
import type { Problem, PolicyProblemCode } from '../files/problem.js';
import type { ProgramsFile, VensFile } from './catalogue.js';

function duplicates(src: JsonSource, values: (string | undefined)[], field: string, code: PolicyProblemCode, label: string): Problem[] {
  const first = new Map<string, number>();
  const out: Problem[] = [];
  values.forEach((raw, i) => {
    if (raw === undefined) return;
    const v = code === 'P_DUPLICATE_FINGERPRINT' ? raw.toUpperCase() : raw;
    const at = first.get(v);
    if (at === undefined) {
      first.set(v, i);
      return;
    }
    out.push({
      file: src.file, ...positionOf(src, ['vens', i, field]), code, severity: 'error',
      message: `${label} "${raw}" is also used by entry ${at + 1} (vens[${at}])`,
      suggestion: 'each VEN needs its own; remove or rename one of them',
    });
  });
  return out;
}

export function checkVens(src: JsonSource, programs: ProgramsFile | undefined): Problem[] {
  const file = src.data as VensFile;
  const problems = [
    ...duplicates(src, file.vens.map((e) => e.venName), 'venName', 'P_DUPLICATE_VEN', 'venName'),
    ...duplicates(src, file.vens.map((e) => e.venId), 'venId', 'P_DUPLICATE_VEN', 'venId'),
    ...duplicates(src, file.vens.map((e) => e.fingerprint), 'fingerprint', 'P_DUPLICATE_FINGERPRINT', 'fingerprint'),
  ];
  if (programs) {
    const known = programs.programs.map((p) => p.name);
    file.vens.forEach((e, i) => (e.programs ?? []).forEach((name, j) => {
      if (!known.includes(name)) {
        problems.push({
          file: src.file, ...positionOf(src, ['vens', i, 'programs', j]), code: 'P_SCHEMA', severity: 'warning',
          message: `program "${name}" is not in config/programs.json`,
          suggestion: known.length ? `known programs: ${known.join(', ')}` : 'add it to config/programs.json',
        });
      }
    }));
  }
  return problems;
}

export function checkPrograms(src: JsonSource): Problem[] {
  const file = src.data as ProgramsFile;
  const out: Problem[] = [];
  const names = new Map<string, number>();
  const contexts = new Map<string, number>();
  file.programs.forEach((p, i) => {
    for (const [map, field, value] of [[names, 'name', p.name], [contexts, 'marketContext', p.marketContext]] as const) {
      const at = map.get(value);
      if (at !== undefined) {
        out.push({ file: src.file, ...positionOf(src, ['programs', i, field]), code: 'P_SCHEMA', severity: 'error', message: `${field} "${value}" is also used by programs[${at}]` });
      } else map.set(value, i);
    }
  });
  const tz = file.calendar?.timezone;
  if (tz !== undefined && !isTimezone(tz)) {
    out.push({ file: src.file, ...positionOf(src, ['calendar', 'timezone']), code: 'P_SCHEMA', severity: 'error', message: `"${tz}" is not an IANA timezone`, suggestion: 'e.g. UTC, Europe/Paris, America/New_York' });
  }
  return out;
}

export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
