// Test helpers that run the whole compiler on a file or a string.
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from '../../src/cli/node-fs.js';
import { createContext, type CompileContext, type CompileOptions } from '../../src/context.js';
import { MemoryFileSystem, type FileSystem } from '../../src/diag/fs.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { compile, type CompileOutput, type StopAfter } from '../../src/driver/compile.js';

export const STDLIB_DIR = fileURLToPath(new URL('../../stdlib/include', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface Compiled extends CompileOutput {
  ctx: CompileContext;
  /** Diagnostics rendered clang-style, without colour. */
  text: string;
}

/** Reads headers from the real stdlib, and `files` from memory. */
class OverlayFileSystem implements FileSystem {
  private readonly disk = new NodeFileSystem();
  constructor(private readonly mem: MemoryFileSystem) {}
  readFile(path: string): string | undefined {
    return this.mem.readFile(path) ?? (path.startsWith(STDLIB_DIR) ? this.disk.readFile(path) : undefined);
  }
}

export function compileFile(path: string, options: Partial<CompileOptions> = {}, stopAfter: StopAfter = 'obj'): Compiled {
  const ctx = createContext(new NodeFileSystem(), { stdlibDir: STDLIB_DIR, ...options });
  const out = compile(path, ctx, stopAfter);
  return { ...out, ctx, text: renderDiagnostics(ctx.diags.list, ctx.sources) };
}

/** Compiles `source` as the file `name` (default test.c); headers come from ebcc's stdlib and `files`. */
export function compileString(source: string, options: Partial<CompileOptions> = {}, stopAfter: StopAfter = 'obj', name = 'test.c', files: Record<string, string> = {}): Compiled {
  const mem = new MemoryFileSystem().set(name, source);
  for (const [path, text] of Object.entries(files)) mem.set(path, text);
  const ctx = createContext(new OverlayFileSystem(mem), { stdlibDir: STDLIB_DIR, ...options });
  const out = compile(name, ctx, stopAfter);
  return { ...out, ctx, text: renderDiagnostics(ctx.diags.list, ctx.sources) };
}
