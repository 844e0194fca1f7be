// Source file inclusion (C11 6.10.2): the search for a header, #include and
// #include_next, and opening and closing files on the file stack.
import { Diagnostics } from '../diag/diagnostic.js';
import { dirName, joinPath } from '../diag/fs.js';
import { spanJoin, type SourceFile, type Span } from '../diag/source.js';
import { lexFile } from './lexer.js';
import { GROUP_CONTINUERS, GROUP_OPENERS, isDefined } from './conditional.js';
import { expandList } from './macro.js';
import { MAX_INCLUDE_DEPTH, type OpenFile, type PPState, type PPToken } from './state.js';

export interface HeaderName {
  name: string;
  /** <name> rather than "name". */
  angled: boolean;
}

interface FoundHeader {
  path: string;
  text: string;
  searchIndex: number;
  /** Found in the including file's own directory (a "name" include). */
  besideIncluder?: boolean;
}

/** Lexes `file` and makes it the innermost file being read. */
export function openFile(pp: PPState, file: SourceFile, searchIndex: number): void {
  const lexDiags = new Diagnostics(Number.MAX_SAFE_INTEGER);
  const tokens = lexFile(file, lexDiags);
  const guard = lexDiags.list.length === 0 ? includeGuardNames(tokens) : undefined;
  if (guard) pp.includeGuards.set(file.path, { text: file.text, names: guard });
  pp.files.push({ file, tokens, pos: 0, conditionals: [], searchIndex, lexDiags, lexDiagsReported: 0, quietRanges: [] });
}

function isDirectiveHash(t: PPToken): boolean {
  return t.kind === 'punct' && t.text === '#' && t.lineStart;
}

/**
 * The names of a file's include guard, if it has one: its first line is `#ifndef NAME` or
 * `#if !defined(NAME) && !defined NAME2 ...`, and the group that line opens ends with the
 * `#endif` on its last line, with no #elif or #else of its own. Read again while a name is
 * defined, such a file only has that group skipped (conditional.ts): no tokens, no diagnostics
 * (the caller requires a file without lexer diagnostics; the lines checked here have no
 * extra tokens to warn about). Like clang's multiple-include optimisation, this lets a header
 * included again be neither lexed nor scanned.
 */
export function includeGuardNames(tokens: PPToken[]): string[] | undefined {
  const n = tokens.length; // tokens[n - 1] is the 'eof'
  if (n < 6 || !isDirectiveHash(tokens[0]!)) return undefined;
  const directive = tokens[1]!;
  if (directive.lineStart || directive.kind !== 'ident') return undefined;
  const sameLine = (i: number, kind: string, text?: string): boolean => {
    const t = tokens[i]!;
    return !t.lineStart && t.kind === kind && (text === undefined || t.text === text);
  };
  const names: string[] = [];
  let i = 2;
  if (directive.text === 'ifndef') {
    if (!sameLine(i, 'ident')) return undefined;
    names.push(tokens[i++]!.text);
  } else if (directive.text === 'if') {
    for (;;) {
      // "!" "defined" ("(" NAME ")" | NAME)
      if (!sameLine(i, 'punct', '!') || !sameLine(i + 1, 'ident', 'defined')) return undefined;
      i += 2;
      if (sameLine(i, 'punct', '(')) {
        if (!sameLine(i + 1, 'ident') || !sameLine(i + 2, 'punct', ')')) return undefined;
        names.push(tokens[i + 1]!.text);
        i += 3;
      } else if (sameLine(i, 'ident')) {
        names.push(tokens[i++]!.text);
      } else {
        return undefined;
      }
      if (!sameLine(i, 'punct', '&&')) break;
      i++;
    }
  } else {
    return undefined;
  }
  if (!tokens[i]!.lineStart) return undefined;
  const endif = n - 3;
  if (!isDirectiveHash(tokens[endif]!) || !sameLine(endif + 1, 'ident', 'endif')) return undefined;
  // The first directive that would end the skipped group (as skipGroup finds it) must be that #endif.
  let depth = 0;
  for (let p = i; p < n - 1; p++) {
    const tok = tokens[p]!;
    const name = tokens[p + 1]!;
    if (!(tok.lineStart && tok.text === '#' && tok.kind === 'punct') || name.lineStart) continue;
    if (GROUP_OPENERS.has(name.text)) depth++;
    else if (GROUP_CONTINUERS.has(name.text)) {
      if (depth === 0) return p === endif ? names : undefined;
      if (name.text === 'endif') depth--;
    }
  }
  return undefined;
}

/**
 * Reports the lexer's diagnostics for text before offset `upTo`, in order,
 * except those inside skipped groups and #error lines (an apostrophe there is
 * not a character constant).
 */
export function reportLexDiags(pp: PPState, f: OpenFile, upTo: number): void {
  const list = f.lexDiags.list;
  for (; f.lexDiagsReported < list.length; f.lexDiagsReported++) {
    const d = list[f.lexDiagsReported]!;
    const at = d.span?.start ?? 0;
    if (at > upTo) return;
    if (f.quietRanges.some(([start, end]) => at >= start && at < end)) continue;
    pp.ctx.diags.report(d.severity, d.code, d.message, d.span, { notes: d.notes, expansion: d.expansion });
  }
}

/** Closes the innermost file: reports the remaining lexer diagnostics and unterminated #if groups. */
export function closeFile(pp: PPState): void {
  const f = pp.files.pop();
  if (!f) return;
  reportLexDiags(pp, f, Infinity);
  for (const cond of f.conditionals) {
    pp.ctx.diags.error('E1015', 'unterminated conditional directive: #endif is missing', cond.span);
  }
}

export function currentFile(pp: PPState): OpenFile | undefined {
  return pp.files[pp.files.length - 1];
}

/**
 * Finds a header. "name" looks in the including file's directory first, then in
 * the -iquote directories; then both forms look in the -I, -isystem, stdlib and
 * -idirafter directories, in order.
 * #include_next starts after the directory where the current file was found.
 */
export function findHeader(pp: PPState, header: HeaderName, next: boolean): FoundHeader | undefined {
  const fs = pp.ctx.fs;
  if (header.name.startsWith('/')) {
    const text = fs.readFile(header.name);
    return text === undefined ? undefined : { path: joinPath('', header.name), text, searchIndex: -1 };
  }
  const current = currentFile(pp);
  const fromSearchList = next && current !== undefined && current.searchIndex >= 0;
  if (!header.angled && !fromSearchList && current) {
    const path = joinPath(dirName(current.file.path), header.name);
    const text = fs.readFile(path);
    if (text !== undefined) return { path, text, searchIndex: -1, besideIncluder: true };
    for (const dir of pp.ctx.options.quoteDirs ?? []) {
      const quoted = joinPath(dir, header.name);
      const found = fs.readFile(quoted);
      if (found !== undefined) return { path: quoted, text: found, searchIndex: -1 };
    }
  }
  const first = fromSearchList ? current.searchIndex + 1 : 0;
  if (first === 0) pp.searchedNames?.add(header.name);
  for (let i = first; i < pp.searchDirs.length; i++) {
    const path = joinPath(pp.searchDirs[i]!, header.name);
    const text = fs.readFile(path);
    if (text !== undefined) return { path, text, searchIndex: i };
  }
  return undefined;
}

/**
 * header-name = "<" h-char-sequence ">" | '"' q-char-sequence '"', written
 * directly or produced by macro expansion (C11 6.10.2p4). Returns the header
 * and how many tokens of `tokens` it used, or undefined (and reports E1005).
 */
export function parseHeaderName(
  pp: PPState,
  tokens: PPToken[],
  at: Span,
  expand: boolean,
): { header: HeaderName; used: number } | undefined {
  const first = tokens[0];
  if (first?.kind === 'string' && first.text.startsWith('"')) {
    return checkEmpty(pp, { name: first.text.slice(1, -1), angled: false }, first.span, 1);
  }
  if (first?.kind === 'punct' && first.text === '<') {
    const close = tokens.findIndex((t) => t.kind === 'punct' && t.text === '>');
    if (close < 0) {
      pp.ctx.diags.error('E1005', "expected '>' to end the header name", first.span);
      return undefined;
    }
    return checkEmpty(pp, { name: spellBetween(pp, tokens, close), angled: true }, first.span, close + 1);
  }
  if (expand && first) {
    const expanded = expandList(pp, tokens, at);
    const parsed = expanded.length > 0 ? parseHeaderName(pp, expanded, at, false) : undefined;
    // The header came from macros: the whole line was used.
    return parsed && { header: parsed.header, used: tokens.length };
  }
  const seen = first ? `'${first.text}'` : 'end of line';
  pp.ctx.diags.error('E1005', `expected "FILENAME" or <FILENAME>, saw ${seen}`, first?.span ?? at);
  return undefined;
}

function checkEmpty(pp: PPState, header: HeaderName, span: Span, used: number): { header: HeaderName; used: number } | undefined {
  if (header.name !== '') return { header, used };
  pp.ctx.diags.error('E1005', 'empty file name in #include', span);
  return undefined;
}

/** The text between tokens[0] ('<') and tokens[close] ('>'): from the source if written directly there. */
function spellBetween(pp: PPState, tokens: PPToken[], close: number): string {
  const open = tokens[0]!;
  const end = tokens[close]!;
  const direct = tokens.slice(0, close + 1).every((t) => !t.expansion && t.span.file === open.span.file);
  if (direct && open.span.file >= 0) {
    return pp.ctx.sources.get(open.span.file).text.slice(open.span.end, end.span.start).replace(/\\\r?\n/g, '');
  }
  let name = '';
  tokens.slice(1, close).forEach((t, i) => {
    if (i > 0 && t.spaceBefore) name += ' ';
    name += t.text;
  });
  return name;
}

// control-line = "#" ("include" | "include_next") pp-tokens
export function handleInclude(pp: PPState, directive: PPToken, line: PPToken[], next: boolean): void {
  const parsed = parseHeaderName(pp, line, directive.span, true);
  if (!parsed) return;
  const { header, used } = parsed;
  if (used < line.length) {
    pp.ctx.diags.warning('E1023', `extra tokens at end of #${directive.text} directive: '${line[used]!.text}'`, line[used]!.span);
  }
  const includeSpan = spanJoin(directive.span, line[line.length - 1]!.span);
  const found = findHeader(pp, header, next);
  if (!found) {
    const spelled = header.angled ? `<${header.name}>` : `"${header.name}"`;
    pp.ctx.diags.error('E1003', `'${header.name}' file not found (#${directive.text} ${spelled})`, includeSpan);
    return;
  }
  if (pp.onceFiles.has(found.path)) return;
  if (pp.files.length >= MAX_INCLUDE_DEPTH) {
    // Fatal, as in clang: a header that includes itself twice would otherwise take exponential time.
    pp.ctx.diags.error('E1004', `#include nested too deeply (more than ${MAX_INCLUDE_DEPTH} levels); does a header include itself without an include guard?`, includeSpan);
    pp.stopped = true;
    return;
  }
  const source = pp.ctx.sources.add(found.path, found.text, includeSpan);
  // -isystem directories and ebcc's own headers are system headers: their warnings are not shown.
  const o = pp.ctx.options;
  const firstSystem = o.includeDirs.length;
  // So is a header a system header includes from its own directory ("name"), as in clang.
  const includer = currentFile(pp);
  const besideSystem = found.besideIncluder === true && includer !== undefined && pp.ctx.diags.systemFiles.has(includer.file.id);
  if (besideSystem || (found.searchIndex >= firstSystem && found.searchIndex <= firstSystem + (o.systemDirs?.length ?? 0))) {
    pp.ctx.diags.systemFiles.add(source.id);
  }
  // A guarded file included again while its guard holds would only have its one group skipped.
  // It still gets its SourceFile above, so file numbers stay those of a full read.
  const guard = pp.includeGuards.get(found.path);
  if (guard && guard.text === found.text && guard.names.some((name) => isDefined(pp, name))) return;
  openFile(pp, source, found.searchIndex);
}
