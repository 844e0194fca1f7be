// The preprocessor's entry point: translation phases 1–4 (C11 5.1.1.2) over
// the predefined macros, the command line's -D/-U/-include, and the main file.
import type { CompileContext } from '../context.js';
import type { Diagnostics } from '../diag/diagnostic.js';
import type { SourceFile } from '../diag/source.js';
import { runDirective } from './directives.js';
import { closeFile, currentFile, openFile, reportLexDiags } from './include.js';
import { expandMacro } from './macro.js';
import { commandLineSource, predefinedSource } from './predefined.js';
import { MAX_TOKENS, makeEof, type PPState, type PPToken, type TokenSource } from './state.js';
import type { Token } from './token.js';

/** Preprocesses `file` (already in ctx.sources) into tokens for the parser, ending with 'eof'. */
export function preprocess(file: SourceFile, ctx: CompileContext): Token[] {
  return preprocessKeeping(file, ctx).tokens;
}

/**
 * As preprocess(), and also returns the preprocessor's state at the end: its macros, guards and
 * the like (driver/header-prefix.ts keeps it to start later compiles from).
 */
export function preprocessKeeping(file: SourceFile, ctx: CompileContext, beforeMain?: (pp: PPState) => void): { tokens: Token[]; state: PPState } {
  const pp: PPState = {
    ctx,
    macros: new Map(),
    files: [],
    pushback: [],
    searchDirs: searchList(ctx),
    pushedMacros: new Map(),
    onceFiles: new Set(),
    includeGuards: new Map(),
    baseFile: file.path,
    lineMarks: new Map(),
    counter: 0,
    tokenCount: 0,
    expansionDepth: 0,
    stopped: false,
    hideSetsWithName: new Map(),
    ignoredWarnings: new Set(),
    ignoredWarningsStack: [],
  };
  const out: Token[] = [];
  const builtin = ctx.sources.add('<built-in>', predefinedSource(ctx.options));
  const commandLine = ctx.sources.add('<command line>', commandLineSource(ctx.options));
  for (const f of [builtin, commandLine, file]) {
    if (f === file) beforeMain?.(pp);
    openFile(pp, f, -1);
    run(pp, out);
  }
  return { tokens: finish(pp, file, out), state: pp };
}

/** The #include search list: -I, -isystem, stdlib and -idirafter directories, in order. */
export function searchList(ctx: CompileContext): string[] {
  const o = ctx.options;
  return [...o.includeDirs, ...(o.systemDirs ?? []), o.stdlibDir, ...(o.afterDirs ?? [])];
}

/**
 * Preprocesses `file` from a state that an earlier preprocessing of the same predefined macros,
 * command line and leading lines of a main file ended in (`state` and its output `out`, both used
 * up), reading the main file's lexed `tokens` from index `start` on. The caller has checked that
 * the lines before `start` are #include lines that preprocess exactly as the recorded ones did,
 * and that the main file has no include guard (it starts with #include) and no lexer diagnostic
 * before `start`. `searchDirs` replaces the recorded search list, and `commandLine`, when given,
 * is run first: -D and -U lines of macros that the recorded lines never looked up, whose effect
 * on the table is the same before those lines as after them.
 */
export function preprocessFrom(
  file: SourceFile,
  ctx: CompileContext,
  state: PPState,
  out: Token[],
  tokens: PPToken[],
  lexDiags: Diagnostics,
  start: number,
  searchDirs: string[],
  commandLine?: SourceFile,
): Token[] {
  const pp = state;
  pp.ctx = ctx;
  pp.baseFile = file.path;
  pp.searchDirs = searchDirs;
  if (commandLine) {
    openFile(pp, commandLine, -1);
    run(pp, out);
  }
  pp.files.push({ file, tokens, pos: start, conditionals: [], searchIndex: -1, lexDiags, lexDiagsReported: 0, quietRanges: [] });
  run(pp, out);
  return finish(pp, file, out);
}

function finish(pp: PPState, file: SourceFile, out: Token[]): Token[] {
  const eof = makeEof({ file: file.id, start: file.text.length, end: file.text.length });
  // After a fatal limit (E1014) the partial output ends mid-construct: parsing it would only
  // add follow-on errors, and up to MAX_TOKENS tokens of them take seconds to parse.
  if (pp.stopped) return [eof];
  out.push(eof);
  return out;
}

/** Reads, expands and outputs tokens until the file stack is empty. */
function run(pp: PPState, out: Token[]): void {
  const src = fileSource(pp);
  while (pp.files.length > 0) {
    if (pp.stopped) {
      pp.files.length = 0;
      pp.pushback.length = 0;
      return;
    }
    const tok = src.next();
    if (tok.kind === 'eof') {
      closeFile(pp);
      continue;
    }
    if (expandMacro(pp, src, tok)) continue;
    out.push(outputToken(tok));
    if (pp.ignoredWarnings.size > 0) recordIgnored(pp, tok);
    if (out.length > MAX_TOKENS) {
      pp.ctx.diags.error('E1014', `preprocessing produced more than ${MAX_TOKENS} tokens; stopped`, tok.span, {
        expansion: tok.expansion,
      });
      pp.stopped = true;
    }
  }
}

/**
 * The token source over the open files: unread tokens first, then the
 * innermost file, running directives as they come. At the end of a file it
 * returns that file's 'eof' (again and again) until the file is closed.
 */
function fileSource(pp: PPState): TokenSource {
  return {
    next(): PPToken {
      for (;;) {
        const unread = pp.pushback.pop();
        if (unread) return unread;
        const f = currentFile(pp);
        if (!f || pp.stopped) return makeEof({ file: -1, start: 0, end: 0 });
        const tok = f.tokens[f.pos]!;
        if (f.lexDiagsReported < f.lexDiags.list.length) reportLexDiags(pp, f, tok.span.start);
        if (tok.kind === 'eof') return tok;
        f.pos++;
        if (tok.kind === 'punct' && tok.text === '#' && tok.lineStart) {
          runDirective(pp, f, tok);
          continue;
        }
        return tok;
      }
    },
    unread(tok: PPToken): void {
      if (tok.kind !== 'eof') pp.pushback.push(tok);
    },
  };
}

/**
 * The token as the parser sees it: without the preprocessor's hide set. A token straight from the
 * lexer has none and is output as it is (no copy: a vmlinux.h is ~500,000 of them); only tokens
 * of macro expansions, fresh copies made by macro.ts, carry one.
 */
/**
 * Notes a token output while `#pragma GCC diagnostic ignored` is in force, at its own place and,
 * for a token from a macro, at the outermost macro use, where the parser places what it spans.
 */
function recordIgnored(pp: PPState, tok: PPToken): void {
  let use = tok.expansion;
  while (use?.parent) use = use.parent;
  for (const flag of pp.ignoredWarnings) {
    pp.ctx.diags.ignoredAt.add(`${flag}@${tok.span.file}:${tok.span.start}`);
    if (use) pp.ctx.diags.ignoredAt.add(`${flag}@${use.use.file}:${use.use.start}`);
  }
}

function outputToken(tok: PPToken): Token {
  if (!('hideset' in tok)) return tok;
  const { kind, text, span, expansion, spaceBefore, lineStart } = tok;
  return expansion ? { kind, text, span, expansion, spaceBefore, lineStart } : { kind, text, span, spaceBefore, lineStart };
}
