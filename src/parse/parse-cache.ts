// Reuse of parsed header declarations. Most of a small program's tokens come from ebcc's own
// headers (<linux/bpf.h>, <bpf/bpf_helpers.h>, ...), and parsing them is most of its front end.
// `npm run build` records, for the include orders of the samples, the declarations those
// headers parse to (scripts/gen-parse-cache.mjs); a later parse whose token stream starts with
// exactly the same tokens takes those declarations instead of parsing them again.
//
// Exactness: the parser is a function of the tokens (kind, spelling, span, flags, macro
// expansion chain), of the typedef names in scope and of the -std=c23 switch. A cached
// declaration is taken only if every token from the start of the stream through two tokens past
// its end (the parser's look-ahead) equals the recorded one, field by field, and the recorded
// parse reported nothing; the typedef names it declared are declared again. Different header
// text, predefined macros, -D/-U flags that reach the headers, or a different parser (the CLI
// checks the bundle's fingerprint) all change or invalidate the tokens, and the parse runs as
// before. The recorded declarations are a JSON graph: bigints, undefined members, special numbers
// and objects shared between nodes are placeholders mended by a list of fix-ups, so the decoded
// declarations equal the parsed ones, sharing and key order included. On disk (entryText) the
// declarations follow the rest as JSON text, one after another, so a parse that takes only the
// first few parses only their text: a program whose headers differ from ebcc's after a few shared
// typedefs pays for those, not for the 1 MB of the rest.
import type { MacroExpansion } from '../diag/diagnostic.js';
import type { Token, TokenKind } from '../pp/token.js';
import type * as ast from './ast.js';

export const PARSE_CACHE_FORMAT = 4;

const KINDS: readonly TokenKind[] = ['ident', 'number', 'char', 'string', 'punct', 'pragma', 'eof'];
const KIND_INDEX: ReadonlyMap<TokenKind, number> = new Map(KINDS.map((k, i) => [k, i]));
/** Numbers per token in ParseCacheEntry.tokens: kind, text, file, start, end, flags, expansion. */
const TOKEN_FIELDS = 7;
/** Numbers per expansion in ParseCacheEntry.expansions: macro, file, start, end, parent. */
const EXPANSION_FIELDS = 5;

/** One recorded declaration: where it ends and what it declared at file scope. */
export interface CachedDecl {
  /** Raw tokens (pragmas included) from the stream's start through this declaration. */
  rawEnd: number;
  /** Raw tokens that must match to take it: through the parser's look-ahead past its end. */
  checkEnd: number;
  /** Parser tokens (pragmas left out) through this declaration. */
  parserEnd: number;
  /** Typedef-scope entries it set at file scope, in order: [name, isTypedef]. */
  declared: [string, boolean][];
}

/** A fix-up: ['b', path, digits] bigint, ['u', path] undefined, ['n', path, text] NaN/±Infinity/-0, ['r', path, pathOfFirst] shared object. */
export type Fixup = ['b', (string | number)[], string] | ['u', (string | number)[]] | ['n', (string | number)[], string] | ['r', (string | number)[], (string | number)[]];

/** A recorded parse of a token stream's first declarations (the JSON files under dist/cli/parse-cache/). */
export interface ParseCacheEntry {
  format: number;
  c23: boolean;
  strings: string[];
  /** TOKEN_FIELDS numbers per raw token; text and macro names index `strings`; expansion -1 for none. */
  tokens: number[];
  /** EXPANSION_FIELDS numbers per expansion; parent -1 for none. */
  expansions: number[];
  decls: CachedDecl[];
  /** The declarations, JSON-safe (see Fixup), in stream order. */
  items: unknown[];
  fixups: Fixup[];
}

/**
 * A ParseCacheEntry as stored: its declarations in segments that grow (FIRST_SEGMENT_BYTES), each read
 * and parsed only when a parse gets that far. A program whose headers part from the recorded
 * ones after a few typedefs reads a few KB of a 1.4 MB entry.
 */
export interface StoredParseCacheEntry {
  format: number;
  c23: boolean;
  strings: string[];
  expansions: number[];
  /** Declarations in all. */
  declCount: number;
  /** Segment k, undefined past the last or when it cannot be read. */
  segment(k: number): StoredSegment | undefined;
}

/** A run of an entry's declarations. */
export interface StoredSegment {
  decls: CachedDecl[];
  /** TOKEN_FIELDS numbers per raw token, from the previous segment's last token through the last look-ahead of these. */
  tokens: number[];
  /** The fix-ups of these declarations (paths start with the declaration's index in the whole entry). */
  fixups: Fixup[];
  /** The declarations' JSON texts, comma-separated; the i-th ends at itemEnds[i]. */
  items: string;
  itemEnds: number[];
}

/**
 * The first segment holds the declarations that fit in this many bytes of text, the next twice as
 * many, and so on: the typedefs that most programs share with an entry come in the first few KB,
 * and a declaration longer than its segment's share (an enum of every helper) has one of its own.
 */
const FIRST_SEGMENT_BYTES = 4096;

/** Cached entries to try, each loaded only when its first tokens match; load() returns a fresh copy each time. */
export interface ParseCache {
  entries: { head: string; load(): StoredParseCacheEntry | undefined }[];
}

/**
 * The file text of an entry: one JSON line (format, c23 and each segment's declaration count and
 * length in UTF-8 bytes), then the segments back to back, each a JSON line (the strings and
 * expansions its tokens are the first to use, decls, tokens, fixups, itemEnds) and the
 * declarations' texts.
 */
export function entryText(entry: ParseCacheEntry, firstSegmentBytes = FIRST_SEGMENT_BYTES): string {
  const segments: string[] = [];
  const sizes: [number, number][] = [];
  const texts = entry.items.map((item) => JSON.stringify(item));
  let token = 0;
  let stringStart = 0;
  let stringEnd = 0;
  let expansionEnd = 0;
  let expansionsUsed = 0;
  let limit = firstSegmentBytes;
  for (let first = 0; first < entry.decls.length; limit *= 2) {
    // Take declarations while the segment's tokens and texts stay within `limit` bytes (at least one).
    let last = first;
    let bytes = 0;
    while (last < entry.decls.length) {
      const from = last === first ? token : entry.decls[last - 1]!.checkEnd;
      const size = texts[last]!.length + Math.max(0, entry.decls[last]!.checkEnd - from) * TOKEN_FIELDS * 4;
      if (last > first && bytes + size > limit) break;
      bytes += size;
      last++;
    }
    const decls = entry.decls.slice(first, last);
    const tokenEnd = Math.max(token, decls[decls.length - 1]!.checkEnd);
    const tokens = entry.tokens.slice(token * TOKEN_FIELDS, tokenEnd * TOKEN_FIELDS);
    // The strings and expansions these tokens are the first to use (both are numbered in order of first use).
    for (let at = 0; at < tokens.length; at += TOKEN_FIELDS) {
      stringEnd = Math.max(stringEnd, tokens[at + 1]! + 1);
      for (let x = tokens[at + 6]!; x >= expansionEnd; x = entry.expansions[x * EXPANSION_FIELDS + 4]!) {
        expansionsUsed = Math.max(expansionsUsed, x + 1);
        stringEnd = Math.max(stringEnd, entry.expansions[x * EXPANSION_FIELDS]! + 1);
      }
    }
    const strings = entry.strings.slice(stringStart, stringEnd);
    const expansions = entry.expansions.slice(expansionEnd * EXPANSION_FIELDS, expansionsUsed * EXPANSION_FIELDS);
    stringStart = stringEnd;
    expansionEnd = expansionsUsed;
    token = tokenEnd;
    const fixups = entry.fixups.filter((f) => (f[1][0] as number) >= first && (f[1][0] as number) < last);
    const own = texts.slice(first, last);
    const itemEnds: number[] = [];
    let end = -1;
    for (const t of own) itemEnds.push((end += t.length + 1));
    // JSON.stringify writes no line break: the first one ends the segment's first part.
    const text = `${JSON.stringify({ strings, expansions, decls, tokens, fixups, itemEnds })}\n${own.join(',')}`;
    segments.push(text);
    sizes.push([decls.length, utf8Length(text)]);
    first = last;
  }
  const head = { format: entry.format, c23: entry.c23, segments: sizes };
  return `${JSON.stringify(head)}\n${segments.join('')}`;
}

/** The length of `text` in UTF-8 bytes (segment offsets in an entry's file count bytes). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * An entry read through `read(offset, length)`, which returns that many UTF-8 bytes of the file
 * from `offset` as text (undefined if it cannot): the first line at once, each segment when first
 * asked for. `head` is the file's first bytes, at least its first line when the file has one.
 */
export function entryFromReader(head: string, read: (offset: number, length: number) => string | undefined): StoredParseCacheEntry | undefined {
  const line = head.indexOf('\n');
  if (line < 0) return undefined;
  const h = JSON.parse(head.slice(0, line)) as { format: number; c23: boolean; segments: [number, number][] };
  if (!Array.isArray(h.segments)) return { format: h.format, c23: h.c23, strings: [], expansions: [], declCount: 0, segment: () => undefined };
  const offsets: number[] = [];
  let at = utf8Length(head.slice(0, line)) + 1;
  for (const [, length] of h.segments) {
    offsets.push(at);
    at += length;
  }
  const loaded: StoredSegment[] = [];
  const entry: StoredParseCacheEntry = {
    format: h.format,
    c23: h.c23,
    strings: [],
    expansions: [],
    declCount: h.segments.reduce((n, [count]) => n + count, 0),
    segment(k: number): StoredSegment | undefined {
      // Segments load in order: each extends the strings and expansions of those before.
      while (loaded.length <= k && loaded.length < h.segments.length) {
        const text = read(offsets[loaded.length]!, h.segments[loaded.length]![1]);
        if (text === undefined) return undefined;
        const split = text.indexOf('\n');
        try {
          const { strings, expansions, ...meta } = JSON.parse(text.slice(0, split)) as Omit<StoredSegment, 'items'> & { strings: string[]; expansions: number[] };
          for (const x of strings) entry.strings.push(x);
          for (const x of expansions) entry.expansions.push(x);
          loaded.push({ ...meta, items: text.slice(split + 1) });
        } catch {
          return undefined; // a damaged file: the parse goes on without the rest
        }
      }
      return loaded[k];
    },
  };
  return entry;
}

/** entryFromReader() over an entry's whole text (entryText()). */
export function entryFromText(text: string): StoredParseCacheEntry | undefined {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  return entryFromReader(text, (offset, length) => (offset + length <= bytes.length ? decoder.decode(bytes.subarray(offset, offset + length)) : undefined));
}

/** The declarations a parse may take instead of parsing its first `parserEnd` tokens. */
export interface ReusedPrefix {
  items: ast.ExternalDecl[];
  declared: [string, boolean][];
  parserEnd: number;
}

const HEAD_TOKENS = 32;

/** Names an entry by its first tokens, so that a parse loads only entries that can match. */
export function headSignature(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (let i = 0; i < Math.min(HEAD_TOKENS, tokens.length); i++) {
    const t = tokens[i]!;
    parts.push(`${t.kind} ${t.span.file}:${t.span.start}:${t.span.end} ${t.text}`);
  }
  return parts.join('\n');
}

/** The longest prefix of declarations that one of the cache's entries recorded for exactly these tokens. */
export function reusePrefix(cache: ParseCache, tokens: readonly Token[], c23: boolean): ReusedPrefix | undefined {
  const head = headSignature(tokens);
  for (const candidate of cache.entries) {
    if (candidate.head !== head) continue;
    const entry = candidate.load();
    if (!entry || entry.format !== PARSE_CACHE_FORMAT || entry.c23 !== c23) continue;
    const { count, segments } = matchingDecls(entry, tokens);
    if (count === 0) continue;
    const decls = segments.flatMap((seg) => seg.decls).slice(0, count);
    const items = takeLazyTokens(decodeItems(segments, count), tokens);
    return { items, declared: decls.flatMap((d) => d.declared), parserEnd: decls[count - 1]!.parserEnd };
  }
  return undefined;
}

/**
 * How many of the entry's declarations have all their tokens (look-ahead included) equal to
 * `tokens`, and the segments read to tell (the last may hold declarations past the count).
 */
function matchingDecls(entry: StoredParseCacheEntry, tokens: readonly Token[]): { count: number; segments: StoredSegment[] } {
  const checked = new Map<MacroExpansion, number>();
  const segments: StoredSegment[] = [];
  let verified = 0;
  let count = 0;
  for (let k = 0; ; k++) {
    const seg = entry.segment(k);
    if (!seg) break;
    segments.push(seg);
    // The segment's tokens start where the previous segment's ended.
    const base = verified;
    for (const d of seg.decls) {
      if (d.checkEnd > tokens.length) return { count, segments };
      for (; verified < d.checkEnd; verified++) {
        if (!sameToken(entry, seg.tokens, (verified - base) * TOKEN_FIELDS, tokens[verified]!, checked)) return { count, segments };
      }
      count++;
    }
  }
  return { count, segments };
}

function sameToken(entry: StoredParseCacheEntry, r: readonly number[], at: number, t: Token, checked: Map<MacroExpansion, number>): boolean {
  const flags = (t.spaceBefore ? 1 : 0) | (t.lineStart ? 2 : 0);
  if (r[at] !== KIND_INDEX.get(t.kind) || entry.strings[r[at + 1]!] !== t.text) return false;
  if (r[at + 2] !== t.span.file || r[at + 3] !== t.span.start || r[at + 4] !== t.span.end || r[at + 5] !== flags) return false;
  return sameExpansion(entry, r[at + 6]!, t.expansion, checked);
}

function sameExpansion(entry: StoredParseCacheEntry, index: number, e: MacroExpansion | undefined, checked: Map<MacroExpansion, number>): boolean {
  if (e === undefined) return index === -1;
  if (index === -1) return false;
  const known = checked.get(e);
  if (known !== undefined) return known === index;
  const x = entry.expansions;
  const at = index * EXPANSION_FIELDS;
  const same =
    entry.strings[x[at]!] === e.macro &&
    x[at + 1] === e.use.file &&
    x[at + 2] === e.use.start &&
    x[at + 3] === e.use.end &&
    sameExpansion(entry, x[at + 4]!, e.parent, checked);
  if (same) checked.set(e, index);
  return same;
}

/** Lazy declarations decoded with their tokens' index range get those tokens of the stream (equal to the recorded ones). */
function takeLazyTokens(items: ast.ExternalDecl[], tokens: readonly Token[]): ast.ExternalDecl[] {
  for (const item of items) {
    if (item.kind !== 'LazyDecl') continue;
    const [from, to] = item.tokens as unknown as [number, number];
    item.tokens = tokens.slice(from, to);
  }
  return items;
}

/** The first `count` recorded declarations as AST objects, parsed from their text alone. */
function decodeItems(segments: readonly StoredSegment[], count: number): ast.ExternalDecl[] {
  const texts: string[] = [];
  const fixups: Fixup[] = [];
  let left = count;
  for (const seg of segments) {
    if (left === 0) break;
    const n = Math.min(left, seg.decls.length);
    texts.push(seg.items.slice(0, seg.itemEnds[n - 1]));
    for (const f of seg.fixups) fixups.push(f);
    left -= n;
  }
  const roots = JSON.parse(`[${texts.join(',')}]`) as unknown[];
  return decodeGraph(roots, fixups, count) as ast.ExternalDecl[];
}

/** The first `count` roots of an encodeGraph() result, mended in place. */
export function decodeGraph(roots: unknown[], fixups: readonly Fixup[], count: number): unknown[] {
  const root = roots.slice(0, count);
  for (const f of fixups) {
    if ((f[1][0] as number) >= count) continue;
    const value = f[0] === 'b' ? BigInt(f[2]) : f[0] === 'u' ? undefined : f[0] === 'n' ? specialNumber(f[2]) : valueAt(root, f[2]);
    setAt(root, f[1], value);
  }
  return root;
}

function specialNumber(text: string): number {
  return text === '-0' ? -0 : Number(text);
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let cur = root as Record<string | number, unknown>;
  for (const key of path) cur = cur[key] as Record<string | number, unknown>;
  return cur;
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}

// ---------------------------------------------------------------------------
// Recording (at build time)

/** What the parser reports after each external declaration while recording. */
export interface DeclBoundary {
  /** Parser tokens consumed so far. */
  parserEnd: number;
  declared: [string, boolean][];
}

/**
 * Records the first `decls` declarations of a parse of `tokens` (which reported nothing), or
 * undefined when a declaration holds something JSON cannot carry (a class instance, a function).
 */
export function recordEntry(tokens: readonly Token[], items: readonly ast.ExternalDecl[], boundaries: readonly DeclBoundary[], c23: boolean, decls: number): ParseCacheEntry | undefined {
  const parserToRaw: number[] = [];
  tokens.forEach((t, i) => t.kind !== 'pragma' && t.kind !== 'eof' && parserToRaw.push(i));
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const expansions: number[] = [];
  const expansionIndex = new Map<MacroExpansion, number>();
  const exp = (e: MacroExpansion | undefined): number => {
    if (e === undefined) return -1;
    let i = expansionIndex.get(e);
    if (i === undefined) {
      const parent = exp(e.parent);
      i = expansions.length / EXPANSION_FIELDS;
      expansions.push(str(e.macro), e.use.file, e.use.start, e.use.end, parent);
      expansionIndex.set(e, i);
    }
    return i;
  };
  const cached: CachedDecl[] = [];
  for (let i = 0; i < decls; i++) {
    const b = boundaries[i]!;
    const lastRaw = parserToRaw[b.parserEnd - 1]!;
    // The look-ahead: the two parser tokens after the declaration, or the rest of the stream.
    const lookahead = parserToRaw[b.parserEnd + 1];
    const checkEnd = lookahead === undefined ? tokens.length : lookahead + 1;
    cached.push({ rawEnd: lastRaw + 1, checkEnd, parserEnd: b.parserEnd, declared: b.declared });
  }
  const recordedTokens: number[] = [];
  const through = cached.length > 0 ? cached[cached.length - 1]!.checkEnd : 0;
  for (let i = 0; i < through; i++) {
    const t = tokens[i]!;
    recordedTokens.push(KIND_INDEX.get(t.kind)!, str(t.text), t.span.file, t.span.start, t.span.end, (t.spaceBefore ? 1 : 0) | (t.lineStart ? 2 : 0), exp(t.expansion));
  }
  // A lazy declaration's tokens are tokens of the stream: recorded as their index range, taken
  // from the stream that matched (takeLazyTokens).
  const rawIndex = new Map<Token, number>();
  tokens.forEach((t, i) => rawIndex.set(t, i));
  const recorded = items.slice(0, decls).map((item): unknown => {
    if (item.kind !== 'LazyDecl') return item;
    const from = rawIndex.get(item.tokens[0]!);
    return from === undefined ? undefined : { ...item, tokens: [from, from + item.tokens.length] };
  });
  if (recorded.includes(undefined)) return undefined;
  const fixups: Fixup[] = [];
  const encoded = encodeGraph(recorded, fixups);
  if (encoded === undefined) return undefined;
  return { format: PARSE_CACHE_FORMAT, c23, strings, tokens: recordedTokens, expansions, decls: cached, items: encoded, fixups };
}

/** A JSON-safe copy of `roots` with fix-ups for what JSON cannot say; undefined for a non-plain object. */
export function encodeGraph(roots: readonly unknown[], fixups: Fixup[]): unknown[] | undefined {
  const firstPath = new Map<object, (string | number)[]>();
  let plain = true;
  const encode = (v: unknown, path: (string | number)[]): unknown => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        if (Number.isFinite(v) && !Object.is(v, -0)) return v;
        fixups.push(['n', path, Object.is(v, -0) ? '-0' : String(v)]);
        return null;
      case 'bigint':
        fixups.push(['b', path, v.toString()]);
        return null;
      case 'undefined':
        fixups.push(['u', path]);
        return null;
      case 'object': {
        if (v === null) return null;
        const seen = firstPath.get(v);
        if (seen) {
          fixups.push(['r', path, seen]);
          return null;
        }
        firstPath.set(v, path);
        if (Array.isArray(v)) {
          const out: unknown[] = [];
          for (let i = 0; i < v.length; i++) {
            if (!(i in v)) plain = false;
            out.push(encode(v[i], [...path, i]));
          }
          return out;
        }
        if (Object.getPrototypeOf(v) !== Object.prototype) plain = false;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v)) {
          if (/^(0|[1-9][0-9]*)$/.test(key)) plain = false; // JSON would reorder integer keys
          out[key] = encode((v as Record<string, unknown>)[key], [...path, key]);
        }
        return out;
      }
      default:
        plain = false;
        return null;
    }
  };
  const out = roots.map((r, i) => encode(r, [i]));
  return plain ? out : undefined;
}
