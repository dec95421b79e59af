// The policy the hostile scenario runs: the shipped rules and catalogues with the DEMO open-enrollment rule
// switched off (production), plus an allow-list by name for the bench's own VENs, because the bench talks
// plain HTTP and the shipped allow-list needs a client-certificate fingerprint.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Names the policy accepts; every other VEN is a stranger and is refused (463). */
export const KNOWN_VENS = [{ venName: 'bench-known-ven', venId: 'VEN-BENCH-1' }, { venName: 'bench-known-ven-2', venId: 'VEN-BENCH-2' }] as const;

interface RuleFile { rules: { name: string; enabled?: boolean; priority: number }[] }

/** Writes <dir>/rules and <dir>/config from the package's shipped ones; returns what installPolicy needs. */
export function writeHostileProject(packageRoot: string, dir: string): { rulesDir: string; configDir: string } {
  const rulesDir = join(dir, 'rules');
  const configDir = join(dir, 'config');
  cpSync(join(packageRoot, 'rules'), rulesDir, { recursive: true });
  cpSync(join(packageRoot, 'config'), configDir, { recursive: true });
  const registration = join(rulesDir, 'registration.json');
  const rules = JSON.parse(readFileSync(registration, 'utf8')) as RuleFile;
  const demo = rules.rules.find((r) => r.name === 'DEMO open enrollment');
  if (!demo) throw new Error(`${registration} has no "DEMO open enrollment" rule to switch off: update the hostile bench`);
  demo.enabled = false;
  rules.rules.push({
    name: 'bench VENs by name', priority: 10,
    description: 'Bench only: plain HTTP gives no certificate to match, so the catalogue VENs are accepted by name.',
    conditions: { all: [{ fact: 'catalogue.known', operator: 'equal', value: true }] },
    then: { acceptRegistration: { venId: 'from-catalogue' }, tag: 'bench-allow-list' },
  } as RuleFile['rules'][number]);
  writeFileSync(registration, JSON.stringify(rules, null, 2));
  const vensFile = join(configDir, 'vens.json');
  const vens = JSON.parse(readFileSync(vensFile, 'utf8')) as { vens: object[] };
  vens.vens.push(...KNOWN_VENS.map((v) => ({ ...v, groups: ['bench'] })));
  writeFileSync(vensFile, JSON.stringify(vens, null, 2));
  return { rulesDir, configDir };
}
