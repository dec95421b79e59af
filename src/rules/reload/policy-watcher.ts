// Watches the rules and catalogue folders; a burst of changes (editors write several times) becomes one reload.
import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import { CATALOGUE_FILES } from './load-policy.js';

export interface WatchOptions {
  rulesDir: string;
  configDir: string;
  debounceMs: number;
  onChange(): void;
  onError(err: Error): void;
}

export function watchPolicy(o: WatchOptions): () => void {
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      o.onChange();
    }, o.debounceMs);
  };
  const watchers: FSWatcher[] = [];
  const add = (dir: string, relevant: (name: string) => boolean) => {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        // Some platforms give no file name: reload to be safe.
        if (name === null || relevant(basename(String(name)))) fire();
      });
      w.on('error', (err) => o.onError(err));
      watchers.push(w);
    } catch (err) {
      o.onError(err as Error);
    }
  };
  add(o.rulesDir, (n) => n.endsWith('.json'));
  if (o.configDir !== o.rulesDir) add(o.configDir, (n) => (CATALOGUE_FILES as readonly string[]).includes(n));
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
