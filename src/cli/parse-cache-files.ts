// The parse cache on disk: dist/cli/parse-cache/index.json names the entries (one file each, entryText(),
// written by scripts/gen-parse-cache.mjs at `npm run build`) and the bundle they were recorded
// with. A cache recorded with another bundle (another ebcc, or sources rebuilt since) is ignored:
// its parser may build other trees. Matching the tokens themselves is parse-cache.ts's job.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryFromReader, PARSE_CACHE_FORMAT, utf8Length, type ParseCache, type StoredParseCacheEntry } from '../parse/parse-cache.js';

export interface ParseCacheIndex {
  format: number;
  /** parseCacheFingerprint() of the bundle the entries were recorded with. */
  bundle: string;
  entries: { head: string; file: string }[];
}

/**
 * An entry read from its file as far as a parse needs it (parse-cache.ts entryFromReader): the
 * first line, then each segment by its offset, each read opening the file again.
 */
export function entryFromFile(path: string): StoredParseCacheEntry | undefined {
  const read = (offset: number, length: number): string | undefined => {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const buf = Buffer.allocUnsafe(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.toString('utf8', 0, n);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  // The first line (format, segment sizes) is some hundred bytes: read more until it ends.
  let head: string | undefined;
  for (let size = 1 << 12; ; size *= 4) {
    head = read(0, size);
    if (head === undefined) return undefined;
    if (head.includes('\n') || utf8Length(head) < size) break;
  }
  try {
    return entryFromReader(head, (offset, length) => {
      const text = read(offset, length);
      return text !== undefined && utf8Length(text) === length ? text : undefined;
    });
  } catch {
    return undefined;
  }
}

/** Where `npm run build` writes the cache: beside the bundle. */
export function parseCacheDir(): string {
  return fileURLToPath(new URL('./parse-cache/', import.meta.url));
}

export function parseCacheFingerprint(bundleSource: string): string {
  return createHash('sha256').update(bundleSource).digest('hex');
}

/** The cache in `dir` if it exists and was recorded with this bundle; entries are read when first needed. */
export function readParseCache(dir: string, bundleSource: string): ParseCache | undefined {
  return readParseCacheOf(dir, parseCacheFingerprint(bundleSource));
}

/** readParseCache() for a bundle known by its fingerprint (a startup snapshot records it at build). */
export function readParseCacheOf(dir: string, fingerprint: string): ParseCache | undefined {
  let index: ParseCacheIndex;
  try {
    index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as ParseCacheIndex;
  } catch {
    return undefined;
  }
  if (index.format !== PARSE_CACHE_FORMAT || index.bundle !== fingerprint) return undefined;
  return {
    entries: index.entries.map((e) => ({
      head: e.head,
      load: (): StoredParseCacheEntry | undefined => entryFromFile(join(dir, e.file)),
    })),
  };
}
