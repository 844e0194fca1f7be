// Header prefixes: a compile that starts from the front end's state after the main file's leading
// `#include <...>` lines, as a precompiled header does. Most programs begin with the same few
// includes of ebcc's own headers (<linux/bpf.h>, <bpf/bpf_helpers.h>, ...), and preprocessing,
// parsing and checking those headers is most of a small program's front end. The startup
// snapshot (scripts/snapshot-entry.cjs) records, for a few include lists, the preprocessor's
// state and output, the parsed declarations and the checker's state after them, and a compile
// whose main file begins with one of those lists, under the same options and the same header
// files, takes that state instead of redoing the work. Each recorded state is used at most once
// (the compile goes on changing it); a process compiles one file, so lists that begin alike may
// share objects (shareTexts).
//
// Exactness. Preprocessing the include lines depends on the options (the predefined macros, -D,
// -U, -include, the search list; the key is every option the front end may read), on the files
// read (each read is replayed: the same paths must give the same texts, or the same absence),
// and on the main file only through __BASE_FILE__ (a header that expands it is not recorded)
// and the spans of the include lines, which become the included headers' `includedFrom`: the
// user's own lines' spans are put there. Only main files whose lines before the prefix's end are
// exactly such include lines (`#include <name>` and nothing else on the line, no lexer
// diagnostic) qualify, and only a recording that reported nothing, so no diagnostic is lost or
// reordered. The parser's look-ahead past the prefix is handled as the parse cache does: only
// declarations whose look-ahead lies inside the headers' tokens are reused. The checker's state
// is reused only when the parse kept the recorded declarations (a syntax error later in the file
// makes the parser start again from the first token, and then everything is checked again).
import type { CompileContext, CompileOptions } from '../context.js';
import { Diagnostics } from '../diag/diagnostic.js';
import { joinPath, type FileSystem } from '../diag/fs.js';
import type { SourceFile, Span } from '../diag/source.js';
import type { TranslationUnit } from '../parse/ast.js';
import { recordEntry, type ReusedPrefix } from '../parse/parse-cache.js';
import { parseRecording } from '../parse/parse.js';
import { lexFile } from '../pp/lexer.js';
import { BUILTIN_MACRO_NAMES } from '../pp/builtin-macros.js';
import { commandLineSource } from '../pp/predefined.js';
import { preprocessFrom, preprocessKeeping, searchList } from '../pp/preprocess.js';
import type { Macro, PPState, PPToken } from '../pp/state.js';
import type { Token } from '../pp/token.js';
import { checkPrefix, type CheckedPrefix } from '../sema/check.js';

/** The recorded prefixes a compile may start from; `recording` makes a compile record instead. */
export interface HeaderPrefixStore {
  entries: HeaderPrefix[];
  recording?: boolean;
}

/** The front end's state after one list of leading includes. */
export interface HeaderPrefix {
  /** optionsKey() of the recording compile. */
  key: string;
  /** The header names of the include lines, in order. */
  headers: string[];
  /** Every file read, in order, with its text (undefined: not found). */
  reads: [string, string | undefined][];
  /** Header names looked up on the search list from its first directory, where a -I directory would be tried first. */
  searched: string[];
  /** Every name the include lines looked up in the macro table (expanded, tested, defined, undefined or pushed). */
  consulted: Set<string>;
  /** ctx.sources after preprocessing; [0] is the recording's main file. */
  sources: SourceFile[];
  /** Headers included from the main file: [source index, include line, first token, last token] of their includedFrom span. */
  includeSpans: [number, number, number, number][];
  systemFiles: number[];
  ignoredAt: string[];
  pp: PPState;
  /** The preprocessor's output without its 'eof'. */
  tokens: Token[];
  parsed: ReusedPrefix;
  checked: CheckedPrefix;
}

/** What a compile takes from a prefix: its own main file's tokens and where reading them goes on. */
export interface PrefixUse {
  entry: HeaderPrefix;
  tokens: PPToken[];
  lexDiags: Diagnostics;
  start: number;
  /** The compile's own <command line> file, when it has -D or -U. */
  commandLine?: SourceFile;
}

/**
 * Options that only the back end reads, and those the prefix is checked against instead (-I
 * directories: none shadows a header the lines found; -D and -U: of names the lines never looked
 * up); every other option may change the front end's result.
 */
const KEYLESS_OPTIONS: ReadonlySet<keyof CompileOptions> = new Set(['debugInfo', 'verify', 'compDir', 'includeDirs', 'defines', 'undefs']);

function optionsKey(options: CompileOptions): string {
  const front = Object.entries(options)
    .filter(([name, value]) => !KEYLESS_OPTIONS.has(name as keyof CompileOptions) && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(front);
}

/** One leading `#include <name>` line of a lexed main file: its tokens are [first, last]. */
interface IncludeLine {
  name: string;
  first: number;
  last: number;
}

/** The main file's leading lines that are each exactly `#include <name>`, in order. */
function leadingIncludes(file: SourceFile, tokens: readonly PPToken[]): IncludeLine[] {
  const lines: IncludeLine[] = [];
  let i = 0;
  for (;;) {
    const hash = tokens[i]!;
    const directive = tokens[i + 1];
    const open = tokens[i + 2];
    if (!(hash.kind === 'punct' && hash.text === '#' && hash.lineStart)) break;
    if (!directive || directive.lineStart || directive.kind !== 'ident' || directive.text !== 'include') break;
    if (!open || open.lineStart || open.kind !== 'punct' || open.text !== '<') break;
    let close = i + 3;
    while (close < tokens.length && !tokens[close]!.lineStart && !(tokens[close]!.kind === 'punct' && tokens[close]!.text === '>')) close++;
    const end = tokens[close];
    if (!end || end.lineStart || end.kind !== 'punct' || !tokens[close + 1]?.lineStart) break;
    const name = file.text.slice(open.span.end, end.span.start);
    if (name === '' || /[\\\n\r]/.test(name)) break;
    lines.push({ name, first: i, last: close });
    i = close + 1;
  }
  return lines;
}

/**
 * The header name of a text's first line when that line, after blank lines and comments, begins
 * `#include <name>` written plainly; '' when it begins with something else that is surely not
 * such a line (code, another directive, a quoted include). undefined when this quick look cannot
 * tell (a line splice, an odd spelling): the file is then lexed, and leadingIncludes() decides.
 */
function plainFirstInclude(text: string): string | undefined {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      if (end < 0 || text[end - 1] === '\\') return undefined;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else break;
  }
  const head = text.slice(i, i + 300);
  const m = /^#[ \t]*include[ \t]*<([^>\n\\]*)>/.exec(head);
  if (m) return m[1];
  if (head.includes('\\')) return undefined;
  // Another directive, or a quoted include: not a line of a prefix.
  const directive = /^#[ \t]*([a-z_]+)[ \t]*(["<]?)/.exec(head);
  if (directive && (directive[1] !== 'include' || directive[2] === '"')) return '';
  return head.startsWith('#') ? undefined : '';
}

/**
 * The recorded prefix this compile can start from, taken out of the store, with the main file's
 * sources entry, system files and pragma marks set as preprocessing the prefix would have set them;
 * undefined (and nothing changed) when none applies exactly.
 */
export function takeHeaderPrefix(store: HeaderPrefixStore, file: SourceFile, ctx: CompileContext): PrefixUse | undefined {
  if (store.entries.length === 0 || file.id !== 0 || ctx.sources.files.length !== 1) return undefined;
  if (ctx.diags.list.length > 0 || ctx.diags.systemFiles.size > 0 || ctx.diags.ignoredAt.size > 0) return undefined;
  // Most files begin otherwise than every recorded list: they are not lexed twice to find it out.
  const first = plainFirstInclude(file.text);
  if (first !== undefined && !store.entries.some((e) => e.headers[0] === first)) return undefined;
  const lexDiags = new Diagnostics(Number.MAX_SAFE_INTEGER);
  const tokens = lexFile(file, lexDiags);
  const lines = leadingIncludes(file, tokens);
  if (lines.length === 0) return undefined;
  const key = optionsKey(ctx.options);
  let entry: HeaderPrefix | undefined;
  for (const e of store.entries) {
    if (e.key !== key || e.headers.length > lines.length || (entry && entry.headers.length >= e.headers.length)) continue;
    if (e.headers.every((h, i) => lines[i]!.name === h)) entry = e;
  }
  if (!entry) return undefined;
  const start = lines[entry.headers.length - 1]!.last + 1;
  const prefixEnd = tokens[start]!.span.start;
  if (lexDiags.list.some((d) => (d.span?.start ?? 0) <= prefixEnd)) return undefined;
  // -I directories come first on the search list: the lines preprocess alike when none of them holds a header they looked up there.
  const o = ctx.options;
  if (!o.includeDirs.every((dir) => entry!.searched.every((name) => !fileExists(ctx.fs, joinPath(dir, name))))) return undefined;
  // -D and -U run before the lines; of a macro the lines never looked up, they run as well after them.
  const named = [...o.defines.map((d) => d.name), ...o.undefs];
  if (named.some((name) => entry!.consulted.has(name) || BUILTIN_MACRO_NAMES.has(name))) return undefined;
  // Last, as it reads every header again (the CLI counts what a compile reads, see fileExists).
  if (!entry.reads.every(([path, text]) => ctx.fs.readFile(path) === text)) return undefined;
  let commandLine: SourceFile | undefined;
  if (named.length > 0) {
    const recorded = entry.sources[2];
    if (recorded?.path !== '<command line>' || recorded.text !== commandLineSource({ ...o, defines: [], undefs: [] })) return undefined;
    const text = commandLineSource(o);
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    commandLine = { id: recorded.id, path: recorded.path, text, lineStarts };
    entry.sources[2] = commandLine;
  }
  store.entries.splice(store.entries.indexOf(entry), 1);
  for (const [index, line, first, last] of entry.includeSpans) {
    const l = lines[line]!;
    entry.sources[index]!.includedFrom = { file: file.id, start: tokens[l.first + first]!.span.start, end: tokens[l.first + last]!.span.end };
  }
  for (const f of entry.sources.slice(1)) ctx.sources.files.push(f);
  for (const id of entry.systemFiles) ctx.diags.systemFiles.add(id);
  for (const mark of entry.ignoredAt) ctx.diags.ignoredAt.add(mark);
  return { entry, tokens, lexDiags, start, commandLine };
}

/**
 * Whether `path` would be read, asked without reading it where the file system can say so: the
 * CLI's counts the text a compile reads and switches V8's optimising compiler on past 512 KB, and
 * a program that brings its own <linux/bpf.h> (300 KB) would otherwise count it twice.
 */
function fileExists(fs: FileSystem, path: string): boolean {
  return fs.whyUnreadable ? fs.whyUnreadable(path) === undefined : fs.readFile(path) !== undefined;
}

/** preprocess() for a compile that took a prefix. */
export function preprocessWithPrefix(use: PrefixUse, file: SourceFile, ctx: CompileContext): Token[] {
  return preprocessFrom(file, ctx, use.entry.pp, use.entry.tokens, use.tokens, use.lexDiags, use.start, searchList(ctx), use.commandLine);
}

/**
 * The macro table while the include lines are recorded: every name looked up in it (expanded,
 * tested, defined, undefined or pushed) is added to `consulted`. A subclass rather than methods
 * put on one Map: V8 keeps fast paths for Maps only while no Map has own methods, and the startup
 * snapshot would keep that loss for every compile (+330 M instructions for a program with large
 * headers).
 */
class WatchedMacros extends Map<string, Macro> {
  constructor(private readonly consulted: Set<string>) {
    super();
  }
  override get(name: string): Macro | undefined {
    this.consulted.add(name);
    return super.get(name);
  }
  override has(name: string): boolean {
    this.consulted.add(name);
    return super.has(name);
  }
  override set(name: string, macro: Macro): this {
    this.consulted.add(name);
    return super.set(name, macro);
  }
  override delete(name: string): boolean {
    this.consulted.add(name);
    return super.delete(name);
  }
}

/** Makes `pp` note the names its macro table is asked for until the returned function puts a plain table back. */
function watchMacros(pp: PPState, consulted: Set<string>): () => void {
  const watched = new WatchedMacros(consulted);
  for (const [name, macro] of pp.macros) Map.prototype.set.call(watched, name, macro);
  pp.macros = watched;
  return () => {
    pp.macros = new Map(Map.prototype.entries.call(watched));
  };
}

/** A FileSystem that logs every read. */
function loggingFs(fs: FileSystem, reads: [string, string | undefined][]): FileSystem {
  return {
    readFile(path: string): string | undefined {
      const text = fs.readFile(path);
      reads.push([path, text]);
      return text;
    },
    whyUnreadable: fs.whyUnreadable?.bind(fs),
  };
}

/**
 * Records the prefix of `file`, a main file made of `#include <name>` lines only, compiled with
 * `ctx`, into `store`; records nothing when the result would depend on more than the key (a
 * diagnostic, __BASE_FILE__, another kind of line).
 */
export function recordHeaderPrefix(store: HeaderPrefixStore, file: SourceFile, ctx: CompileContext): void {
  const mainTokens = lexFile(file, new Diagnostics(Number.MAX_SAFE_INTEGER));
  const lines = leadingIncludes(file, mainTokens);
  if (lines.length === 0 || mainTokens[lines[lines.length - 1]!.last + 1]?.kind !== 'eof') return;
  const o = ctx.options;
  if (o.includeDirs.length > 0 || o.defines.length > 0 || o.undefs.length > 0) return; // a take checks its own against none
  const key = optionsKey(o);
  const reads: [string, string | undefined][] = [];
  const consulted = new Set<string>();
  const searched = new Set<string>();
  let unwatch = (): void => {};
  const fs = ctx.fs;
  ctx.fs = loggingFs(fs, reads);
  let pp: { tokens: Token[]; state: PPState };
  try {
    pp = preprocessKeeping(file, ctx, (state) => {
      unwatch = watchMacros(state, consulted);
      state.searchedNames = searched;
    });
  } finally {
    ctx.fs = fs;
    unwatch();
  }
  delete pp.state.searchedNames;
  if (ctx.diags.list.length > 0 || pp.state.baseFileUsed || pp.state.stopped) return;
  const tokens = pp.tokens;
  // The declarations whose look-ahead ends inside the headers' tokens (before the 'eof').
  const { items, boundaries, diagnostics } = parseRecording(tokens, ctx);
  if (diagnostics > 0 || items.length !== boundaries.length) return;
  const decls = recordEntry(tokens, items, boundaries, ctx.options.c23 === true, boundaries.length)?.decls;
  if (!decls) return;
  let count = 0;
  while (count < decls.length && decls[count]!.checkEnd < tokens.length) count++;
  if (count === 0) return;
  const tu: TranslationUnit = { kind: 'TranslationUnit', span: { file: tokens[0]!.span.file, start: 0, end: tokens[0]!.span.end }, items };
  if (tokens[0]!.span.file === file.id) return; // the span above is that of a stream starting in a header
  const checked = checkPrefix(tu, ctx, count);
  if (ctx.diags.list.length > 0) return;
  const includeSpans: [number, number, number, number][] = [];
  ctx.sources.files.forEach((f, index) => {
    const from = f.includedFrom;
    if (!from || from.file !== file.id) return;
    const line = lines.findIndex((l) => mainTokens[l.first]!.span.start <= from.start && from.end <= mainTokens[l.last]!.span.end);
    if (line < 0) return;
    const l = lines[line]!;
    const at = (offset: number, side: 'start' | 'end'): number => {
      for (let t = l.first; t <= l.last; t++) if (mainTokens[t]!.span[side] === offset) return t - l.first;
      return -1;
    };
    includeSpans.push([index, line, at(from.start, 'start'), at(from.end, 'end')]);
  });
  if (includeSpans.some(([, , a, b]) => a < 0 || b < 0)) return;
  tokens.pop(); // the 'eof'
  const entry: HeaderPrefix = {
    key,
    headers: lines.map((l) => l.name),
    reads,
    searched: [...searched],
    consulted,
    sources: [...ctx.sources.files],
    includeSpans,
    systemFiles: [...ctx.diags.systemFiles],
    ignoredAt: [...ctx.diags.ignoredAt],
    pp: pp.state,
    tokens,
    parsed: { items: items.slice(0, count), declared: decls.slice(0, count).flatMap((d) => d.declared), parserEnd: decls[count - 1]!.parserEnd },
    checked,
  };
  shareTexts(store.entries, entry);
  shareLeaves(store.entries, entry);
  store.entries.push(entry);
}

/** AST fields that the parser fills while it builds a node and nothing changes afterwards. */
const SHAREABLE_EMPTY: ReadonlySet<string> = new Set(['attributes', 'qualifiers', 'storage', 'params', 'declarators']);

/**
 * Makes the spans of `entry` that are equal (the same file, start and end) one object, with those
 * of the earlier entries, and its empty lists of AST fields that are only filled while the parser
 * builds a node one array. A span is never changed, only replaced. The startup snapshot pays for
 * every object the store holds, and ~30% of a prefix's objects are such spans and empty arrays.
 * Only plain objects, arrays and Maps are walked and changed.
 */
function shareLeaves(earlier: readonly HeaderPrefix[], entry: HeaderPrefix): void {
  const spans = new Map<string, Span>();
  const empty: never[] = [];
  const seen = new Set<object>();
  const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
  const share = (v: unknown, field: string): unknown => {
    if (Array.isArray(v)) {
      if (v.length === 0 && SHAREABLE_EMPTY.has(field) && Object.getPrototypeOf(v) === Array.prototype) return empty;
      return v;
    }
    if (!isPlain(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 3 || keys[0] !== 'file' || keys[1] !== 'start' || keys[2] !== 'end') return v;
    const { file, start, end } = v;
    if (typeof file !== 'number' || typeof start !== 'number' || typeof end !== 'number') return v;
    const key = `${file}:${start}:${end}`;
    const same = spans.get(key);
    if (same) return same;
    spans.set(key, v as unknown as Span);
    return v;
  };
  const walk = (root: unknown): void => {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const o = stack.pop();
      if (typeof o !== 'object' || o === null || seen.has(o)) continue;
      seen.add(o);
      if (Array.isArray(o)) {
        for (let i = 0; i < o.length; i++) {
          const s = share(o[i], '');
          if (s !== o[i]) o[i] = s;
          stack.push(s);
        }
      } else if (o instanceof Map && Object.getPrototypeOf(o) === Map.prototype) {
        for (const [k, v] of o) {
          const s = share(v, '');
          if (s !== v) o.set(k, s);
          stack.push(s);
        }
      } else if (isPlain(o)) {
        for (const k of Object.keys(o)) {
          const v = o[k];
          const s = share(v, k);
          if (s !== v) o[k] = s;
          stack.push(s);
        }
      }
    }
  };
  for (const e of earlier) walk(e);
  walk(entry);
}

/**
 * Makes `entry` hold the same string and SourceFile objects as the earlier entries where their
 * contents are equal. Two lists that start alike read the same headers, and each recording read
 * its own copy of every text; the startup snapshot keeps every object reachable from the store,
 * and every start pays to load it. A compile takes one entry, so the shared objects are changed
 * (a SourceFile's includedFrom) for that entry only.
 */
function shareTexts(earlier: readonly HeaderPrefix[], entry: HeaderPrefix): void {
  const texts = new Map<string, string>();
  const files = new Map<string, SourceFile>();
  for (const e of earlier) {
    for (const [, text] of e.reads) if (text !== undefined) texts.set(text, text);
    for (const f of e.sources.slice(1)) files.set(`${f.id}\0${f.path}`, f);
  }
  const shared = (text: string): string => texts.get(text) ?? text;
  entry.reads = entry.reads.map(([path, text]) => [path, text === undefined ? undefined : shared(text)]);
  entry.sources = entry.sources.map((f, i) => {
    const same = i > 0 ? files.get(`${f.id}\0${f.path}`) : undefined;
    if (same && same.text === f.text && sameSpan(same.includedFrom, f.includedFrom) && same.lineStarts.length === f.lineStarts.length) return same;
    f.text = shared(f.text);
    return f;
  });
  for (const guard of entry.pp.includeGuards.values()) guard.text = shared(guard.text);
  for (const e of earlier) {
    // A list that begins another one outputs the same first tokens: take them all, or none, so that
    // tokens that shared an object (a macro expansion) still do.
    const n = entry.tokens.length;
    if (n <= e.tokens.length && entry.tokens.every((t, i) => sameValue(t, e.tokens[i]))) {
      entry.tokens = e.tokens.slice(0, n);
      break;
    }
  }
  // The predefined macros and those of the common headers: a definition is never changed, only replaced.
  for (const [name, macro] of entry.pp.macros) {
    for (const e of earlier) {
      const other = e.pp.macros.get(name);
      if (other !== undefined && other !== macro && sameValue(macro, other)) {
        entry.pp.macros.set(name, other);
        break;
      }
    }
  }
}

/** Deep equality of plain data: primitives, arrays, Sets and plain objects (same keys in the same order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a instanceof Set) return b instanceof Set && a.size === b.size && [...a].every((x) => b.has(x));
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function sameSpan(a: Span | undefined, b: Span | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.file === b.file && a.start === b.start && a.end === b.end);
}
