// ebcc's stdlib headers as the page bundles them: paths relative to stdlib/include, and their text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { STDLIB_DIR } from '../util/compile.js';

export function stdlib(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(STDLIB_DIR, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(STDLIB_DIR);
  return files;
}
