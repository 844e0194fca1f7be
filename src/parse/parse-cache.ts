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

export const PARSE_CACHE_FORMAT = 2;

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

/** A ParseCacheEntry as read from its file: `items` is the declarations' JSON text, the i-th ending at itemEnds[i]. */
export interface StoredParseCacheEntry extends Omit<ParseCacheEntry, 'items'> {
  items: string;
  itemEnds: number[];
}

/** Cached entries to try, each loaded only when its first tokens match; load() returns a fresh copy each time. */
export interface ParseCache {
  entries: { head: string; load(): StoredParseCacheEntry | undefined }[];
}

/** The file text of an entry: one JSON line of all but the declarations, then their JSON texts, comma-separated. */
export function entryText(entry: ParseCacheEntry): string {
  const { items, ...rest } = entry;
  const texts = items.map((item) => JSON.stringify(item));
  const itemEnds: number[] = [];
  let end = -1;
  for (const t of texts) itemEnds.push((end += t.length + 1));
  // JSON.stringify writes no line break: the first one ends the first part.
  return `${JSON.stringify({ ...rest, itemEnds })}\n${texts.join(',')}`;
}

/** Reads entryText()'s text; the declarations stay text until a parse takes them. */
export function entryFromText(text: string): StoredParseCacheEntry {
  const line = text.indexOf('\n');
  const rest = JSON.parse(text.slice(0, line)) as Omit<StoredParseCacheEntry, 'items'>;
  return { ...rest, items: text.slice(line + 1) };
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
    const count = matchingDecls(entry, tokens);
    if (count === 0) continue;
    const items = decodeItems(entry, count);
    const declared = entry.decls.slice(0, count).flatMap((d) => d.declared);
    return { items, declared, parserEnd: entry.decls[count - 1]!.parserEnd };
  }
  return undefined;
}

/** How many of the entry's declarations have all their tokens (look-ahead included) equal to `tokens`. */
function matchingDecls(entry: StoredParseCacheEntry, tokens: readonly Token[]): number {
  const checked = new Map<MacroExpansion, number>();
  let verified = 0;
  let count = 0;
  for (const d of entry.decls) {
    if (d.checkEnd > tokens.length) break;
    for (; verified < d.checkEnd; verified++) {
      if (!sameToken(entry, verified, tokens[verified]!, checked)) return count;
    }
    count++;
  }
  return count;
}

function sameToken(entry: StoredParseCacheEntry, index: number, t: Token, checked: Map<MacroExpansion, number>): boolean {
  const r = entry.tokens;
  const at = index * TOKEN_FIELDS;
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

/** The first `count` recorded declarations as AST objects, parsed from their text alone. */
function decodeItems(entry: StoredParseCacheEntry, count: number): ast.ExternalDecl[] {
  const roots = JSON.parse(`[${entry.items.slice(0, entry.itemEnds[count - 1])}]`) as unknown[];
  return decodeGraph(roots, entry.fixups, count) as ast.ExternalDecl[];
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
  const fixups: Fixup[] = [];
  const encoded = encodeGraph(items.slice(0, decls), fixups);
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
