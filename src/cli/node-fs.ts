// The Node implementation of the core's FileSystem interface.
import { readFileSync, statSync } from 'node:fs';
import type { FileSystem } from '../diag/fs.js';

export class NodeFileSystem implements FileSystem {
  readFile(path: string): string | undefined {
    try {
      if (!statSync(path).isFile()) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
}
