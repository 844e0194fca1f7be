// Helpers for preprocessor tests: run preprocess() over an in-memory file tree.
import { createContext, type CompileContext, type CompileOptions } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { preprocess } from '../../src/pp/preprocess.js';
import type { Token } from '../../src/pp/token.js';

export interface PPResult {
  tokens: Token[];
  ctx: CompileContext;
  /** Token spellings joined by single spaces, without the final eof. */
  text: string;
  /** Diagnostics as "severity code line: message", line in the file they point into. */
  diags: string[];
}

export function runPP(main: string, files: Record<string, string> = {}, options: Partial<CompileOptions> = {}): PPResult {
  const fs = new MemoryFileSystem();
  for (const [path, text] of Object.entries(files)) fs.set(path, text);
  fs.set('main.c', main);
  const ctx = createContext(fs, options);
  const file = ctx.sources.add('main.c', main);
  const tokens = preprocess(file, ctx);
  const text = tokens
    .filter((t) => t.kind !== 'eof')
    .map((t) => t.text)
    .join(' ');
  const diags = ctx.diags.list.map((d) => {
    const where = d.span && d.span.file >= 0 ? `${ctx.sources.get(d.span.file).path}:${ctx.sources.lineCol(d.span.file, d.span.start).line}` : '-';
    return `${d.severity} ${d.code} ${where}: ${d.message}`;
  });
  return { tokens, ctx, text, diags };
}

/** The preprocessed text of `main`, asserting that there were no diagnostics. */
export function expand(main: string, files: Record<string, string> = {}, options: Partial<CompileOptions> = {}): string {
  const r = runPP(main, files, options);
  if (r.diags.length > 0) throw new Error(`unexpected diagnostics:\n${r.diags.join('\n')}`);
  return r.text;
}
