// The only door to the file system. The core compiler never imports node:fs;
// the CLI passes a Node implementation, tests and a web page can pass a map.

export interface FileSystem {
  /** The file's text, or undefined if it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  /** Why readFile(path) fails ("permission denied"), when the file system can tell. */
  whyUnreadable?(path: string): string | undefined;
}

/** Joins POSIX paths and resolves '.' and '..'; the core never needs node:path. */
export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return normalizePath(rel);
  return normalizePath(dir === '' ? rel : `${dir}/${rel}`);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return path.slice(0, i);
}

export function normalizePath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && abs) continue;
    else out.push(part);
  }
  const s = out.join('/');
  return abs ? `/${s}` : s === '' ? '.' : s;
}

/** A FileSystem over an in-memory map: tests and the browser use it. */
export class MemoryFileSystem implements FileSystem {
  constructor(private readonly files: Map<string, string> = new Map()) {}
  set(path: string, text: string): this {
    this.files.set(normalizePath(path), text);
    return this;
  }
  readFile(path: string): string | undefined {
    return this.files.get(normalizePath(path));
  }
}
