// The preprocessor's working state, shared by the files of src/pp. One
// PPState lives for one call of preprocess(); nothing here is module-level.
import type { CompileContext } from '../context.js';
import type { Diagnostics, MacroExpansion } from '../diag/diagnostic.js';
import type { SourceFile, Span } from '../diag/source.js';
import type { Token } from './token.js';

/** Files nested deeper than this stop preprocessing ("#include nested too deeply"). */
export const MAX_INCLUDE_DEPTH = 200;
/** Macro calls nested inside macro arguments deeper than this stop preprocessing. */
export const MAX_EXPANSION_DEPTH = 256;
/** At most this many tokens are created by macro expansion or output, so blowups end quickly. */
export const MAX_TOKENS = 1_000_000;

/**
 * The set of macro names a token must not expand again (C11 6.10.3.4p2, Prosser's
 * "hide set"). Sets are shared between tokens and never mutated.
 */
export type HideSet = ReadonlySet<string>;

/** A token inside the preprocessor: a Token plus the macros it hides. */
export interface PPToken extends Token {
  hideset?: HideSet;
}

export interface Macro {
  name: string;
  /** Function-like macros take arguments; object-like ones do not. */
  functionLike: boolean;
  /** Parameter names; a variadic macro's last one is __VA_ARGS__ or the GNU `name...` name. */
  params: string[];
  variadic: boolean;
  /** The replacement list, with spans in the #define line. */
  body: PPToken[];
  /** The macro name in its #define, for "previous definition is here". */
  nameSpan: Span;
}

/** One open #if/#ifdef/#ifndef group. */
export interface Conditional {
  /** The directive that opened the group, for "unterminated conditional directive". */
  span: Span;
  /** Some branch of the group has been taken: every later branch is skipped. */
  taken: boolean;
  sawElse: boolean;
}

/** A #line directive: from physical line `fromLine` on, lines count from `line`. */
export interface LineMark {
  fromLine: number;
  line: number;
  path: string;
}

/** A file being read, innermost last in PPState.files. */
export interface OpenFile {
  file: SourceFile;
  tokens: PPToken[];
  pos: number;
  conditionals: Conditional[];
  /** Index in the search list where the file was found; -1 if found elsewhere (includer's dir, absolute). */
  searchIndex: number;
  /** The lexer's diagnostics, reported as reading passes them, unless they lie in skipped text. */
  lexDiags: Diagnostics;
  /** How many of lexDiags have been reported or dropped. */
  lexDiagsReported: number;
  /** Ranges [start, end) of file.text where lexer diagnostics are not reported (skipped groups, #error text). */
  quietRanges: [number, number][];
}

/**
 * A file's include guard: the file is one conditional group, `#ifndef NAME` or `#if
 * !defined(NAME) && ...`, ending at its last line, so while one of `names` is defined,
 * including it again produces nothing.
 */
export interface IncludeGuard {
  /** The text the guard was found in: a file that changed on disk is read again. */
  text: string;
  names: string[];
}

/** A source of tokens for macro expansion: an open file, or a list of tokens. */
export interface TokenSource {
  next(): PPToken;
  /** Puts a token back to be read next; unreading 'eof' does nothing (eof is sticky). */
  unread(tok: PPToken): void;
}

export interface PPState {
  ctx: CompileContext;
  macros: Map<string, Macro>;
  files: OpenFile[];
  /** Tokens to read before the innermost file's next token, next one last. */
  pushback: PPToken[];
  /** #include search list: -I directories, then the stdlib directory. */
  searchDirs: string[];
  /** When set, the header names looked up on the search list from its first directory (driver/header-prefix.ts). */
  searchedNames?: Set<string>;
  /** Definitions saved by #pragma push_macro("NAME"), by name; undefined for "was not defined". */
  pushedMacros: Map<string, (Macro | undefined)[]>;
  /** Paths of files that said #pragma once. */
  onceFiles: Set<string>;
  /** Files read so far whose every token is inside one include guard (include.ts), by path. */
  includeGuards: Map<string, IncludeGuard>;
  /** The main file's path, for __BASE_FILE__. */
  baseFile: string;
  /** __BASE_FILE__ was expanded: the output depends on the main file's path. */
  baseFileUsed?: boolean;
  /** #line directives seen, by SourceFile id, in order. */
  lineMarks: Map<number, LineMark[]>;
  counter: number;
  /** Tokens created so far, checked against MAX_TOKENS. */
  tokenCount: number;
  /** Depth of macro argument pre-expansion. */
  expansionDepth: number;
  /** A fatal error happened: every source now reads as eof. */
  stopped: boolean;
  /**
   * Hide sets built so far, by (hide set, added macro name): nested expansions of the same
   * macros share one set object instead of copying a set per expansion. The key `undefined`
   * stands for the empty hide set.
   */
  hideSetsWithName: Map<HideSet | undefined, Map<string, HideSet>>;
  /** Warning flags that `#pragma GCC diagnostic ignored` turned off, and the sets saved by push. */
  ignoredWarnings: Set<string>;
  ignoredWarningsStack: Set<string>[];
}

/** Copies a token, changing some fields. */
/**
 * A token of a macro's replacement. Every field is present, in this order, so that all such tokens
 * share one object shape: expandMacro() sets the hide set and line flags of each, and a store into
 * tokens of many shapes (spreads of lexer tokens, of earlier replacements) was most of its time.
 */
export function replacementToken(kind: PPToken['kind'], text: string, span: Span, expansion: MacroExpansion | undefined, spaceBefore: boolean, lineStart: boolean, hideset: HideSet | undefined): PPToken {
  return { kind, text, span, expansion, spaceBefore, lineStart, hideset };
}

export function copyToken(tok: PPToken, changes: Partial<PPToken>): PPToken {
  return { ...tok, ...changes };
}

export function makeEof(span: Span): PPToken {
  return { kind: 'eof', text: '', span, spaceBefore: false, lineStart: true };
}

/** Counts created tokens; on passing the limit reports once and stops preprocessing. */
export function chargeTokens(pp: PPState, count: number, at: Span, expansion?: MacroExpansion): boolean {
  pp.tokenCount += count;
  if (pp.tokenCount <= MAX_TOKENS || pp.stopped) return !pp.stopped;
  pp.ctx.diags.error(
    'E1014',
    `macro expansion produced more than ${MAX_TOKENS} tokens; preprocessing stopped`,
    at,
    { expansion },
  );
  pp.stopped = true;
  return false;
}

/** The line and file name a span reports, after #line (C11 6.10.4); 1-based line. */
export function presumedLocation(pp: PPState, span: Span): { path: string; line: number } {
  const sources = pp.ctx.sources;
  if (span.file < 0) return { path: '<built-in>', line: 1 };
  const line = sources.lineCol(span.file, span.start).line;
  let path = sources.get(span.file).path;
  let presumed = line;
  for (const mark of pp.lineMarks.get(span.file) ?? []) {
    if (mark.fromLine > line) break;
    presumed = mark.line + (line - mark.fromLine);
    path = mark.path;
  }
  return { path, line: presumed };
}

/** Where a token was used: the outermost macro use if it came from an expansion. */
export function useSpan(tok: Token): Span {
  let exp = tok.expansion;
  if (!exp) return tok.span;
  while (exp.parent) exp = exp.parent;
  return exp.use;
}
