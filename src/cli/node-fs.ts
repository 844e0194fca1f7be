// The Node implementation of the core's FileSystem interface, and the CLI's reading and writing
// of whole files: inputs must be regular files (never a FIFO or a device, which could block or
// never end), errors are reported as what they are, and outputs appear only when complete.
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { FileSystem } from '../diag/fs.js';

/** Why `path` cannot be read as an input, in the words strerror uses; undefined if it can. */
export function whyUnreadable(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return statSync(path).isDirectory() ? 'is a directory' : 'not a regular file';
    closeSync(openSync(path, 'r'));
    return undefined;
  } catch (e) {
    return errnoText(e);
  }
}

/** An fs error as a short lowercase message ("permission denied"), without the stack. */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'EIO':
      return 'input/output error';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return code ? `${(e as Error).message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : String((e as Error).message ?? e);
  }
}

/** Reads a regular file's bytes, or says why it cannot. */
export function readInputBytes(path: string): { bytes: Uint8Array } | { error: string } {
  const why = whyUnreadable(path);
  if (why !== undefined) return { error: why };
  try {
    return { bytes: new Uint8Array(readFileSync(path)) };
  } catch (e) {
    return { error: errnoText(e) };
  }
}

/**
 * Writes `data` to `path` atomically: into a temporary file in the same directory, then renamed
 * over `path`, so a reader (or make) never sees a partial file. An existing output that is not a
 * regular file (-o /dev/null, a FIFO) is written in place, as clang does. Returns an error text, or
 * undefined.
 */
export function writeOutputAtomic(path: string, data: string | Uint8Array): string | undefined {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (isSpecialFile(path)) {
    try {
      writeFileSync(path, buf);
      return undefined;
    } catch (e) {
      return errnoText(e);
    }
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o666);
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    return undefined;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    return errnoText(e);
  }
}

function isSpecialFile(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/** True if the two paths name the same file (or would, once `output` is created). */
export function sameFile(output: string, input: string): boolean {
  if (resolve(output) === resolve(input)) return true;
  try {
    const a = statSync(output);
    const b = statSync(input);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false; // the output does not exist yet: it cannot be the input
  }
}

/**
 * Source text, summed over the files one compile reads, past which the compile counts as large.
 * ebcc's whole stdlib/include is ~225 KB; one vmlinux.h is ~2.8 MB and ~500,000 tokens.
 */
export const LARGE_INPUT_CHARS = 512 * 1024;

export class NodeFileSystem implements FileSystem {
  private charsRead = 0;

  /** onLargeInput: called once, when the files read so far pass LARGE_INPUT_CHARS. */
  constructor(private onLargeInput?: () => void) {}

  readFile(path: string): string | undefined {
    try {
      if (!statSync(path).isFile()) return undefined;
      const text = readFileSync(path, 'utf8');
      this.charsRead += text.length;
      if (this.onLargeInput && this.charsRead > LARGE_INPUT_CHARS) {
        this.onLargeInput();
        this.onLargeInput = undefined;
      }
      return text;
    } catch {
      return undefined; // whyUnreadable() says why, when the caller reports it
    }
  }

  whyUnreadable(path: string): string | undefined {
    return whyUnreadable(path);
  }
}
