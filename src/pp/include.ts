// Source file inclusion (C11 6.10.2): the search for a header, #include and
// #include_next, and opening and closing files on the file stack.
import { Diagnostics } from '../diag/diagnostic.js';
import { dirName, joinPath } from '../diag/fs.js';
import { spanJoin, type SourceFile, type Span } from '../diag/source.js';
import { lexFile } from './lexer.js';
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
}

/** Lexes `file` and makes it the innermost file being read. */
export function openFile(pp: PPState, file: SourceFile, searchIndex: number): void {
  const lexDiags = new Diagnostics(Number.MAX_SAFE_INTEGER);
  const tokens = lexFile(file, lexDiags);
  pp.files.push({ file, tokens, pos: 0, conditionals: [], searchIndex, lexDiags, lexDiagsReported: 0, quietRanges: [] });
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
    if (text !== undefined) return { path, text, searchIndex: -1 };
    for (const dir of pp.ctx.options.quoteDirs ?? []) {
      const quoted = joinPath(dir, header.name);
      const found = fs.readFile(quoted);
      if (found !== undefined) return { path: quoted, text: found, searchIndex: -1 };
    }
  }
  const first = fromSearchList ? current.searchIndex + 1 : 0;
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
  if (found.searchIndex >= firstSystem && found.searchIndex <= firstSystem + (o.systemDirs?.length ?? 0)) {
    pp.ctx.diags.systemFiles.add(source.id);
  }
  openFile(pp, source, found.searchIndex);
}
