// A temporary copy of the shipped policy (config/ catalogues + rules/), to edit and check in tests.
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface PolicyProject {
  root: string;
  path(rel: string): string;
  read(rel: string): string;
  write(rel: string, content: string | object): void;
  /** Replace the first occurrence of `from` with `to` in a file (must exist). */
  edit(rel: string, from: string, to: string): void;
  remove(rel: string): void;
  dispose(): void;
}

export function policyProject(): PolicyProject {
  const root = mkdtempSync(join(tmpdir(), 'vtn-policy-'));
  mkdirSync(join(root, 'config'));
  for (const f of ['vens.json', 'programs.json', 'templates.json', 'vtn.json']) cpSync(join(REPO_ROOT, 'config', f), join(root, 'config', f));
  cpSync(join(REPO_ROOT, 'rules'), join(root, 'rules'), { recursive: true });
  // The shipped files point at ../schemas; keep that working for editors opening the copy.
  cpSync(join(REPO_ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
  const path = (rel: string) => join(root, rel);
  return {
    root,
    path,
    read: (rel) => readFileSync(path(rel), 'utf8'),
    write(rel, content) {
      mkdirSync(dirname(path(rel)), { recursive: true });
      writeFileSync(path(rel), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    },
    edit(rel, from, to) {
      const text = readFileSync(path(rel), 'utf8');
      if (!text.includes(from)) throw new Error(`policyProject.edit: "${from}" not in ${rel}`);
      writeFileSync(path(rel), text.replace(from, to));
    },
    remove: (rel) => rmSync(path(rel), { force: true }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
