// The parse cache (src/parse/parse-cache.ts): declarations recorded from one parse are taken by a
// later parse only where its tokens are exactly the recorded ones, and the tree is then the same
// as a parse without the cache, bigints, undefined members and shared nodes included.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../src/cli/node-fs.js';
import { parseCacheFingerprint, readParseCache } from '../../src/cli/parse-cache-files.js';
import { createContext, type CompileOptions } from '../../src/context.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import type * as ast from '../../src/parse/ast.js';
import { decodeGraph, encodeGraph, entryFromReader, entryFromText, entryText, headSignature, PARSE_CACHE_FORMAT, recordEntry, reusePrefix, type Fixup, type ParseCache, type ParseCacheEntry } from '../../src/parse/parse-cache.js';
import { parse, parseRecording } from '../../src/parse/parse.js';
import { toParserTokens } from '../../src/parse/tokens.js';
import { preprocess } from '../../src/pp/preprocess.js';
import type { Token } from '../../src/pp/token.js';

const HEADER = `#ifndef T_H
#define T_H
typedef unsigned int u32;
typedef unsigned long long u64;
#define BIG 0xffffffffffffffffULL
#define FIELD(t, n) t n
#define ALIGN8 __attribute__((aligned(8)))
struct pair { u32 a : 3, b : 5; FIELD(u64, c); } ALIGN8;
enum flags { F_A = 1, F_B = 1 << 4, F_ALL = F_A | F_B };
#ifdef WIDE
typedef u64 word;
#else
typedef u32 word;
#endif
static const u64 big = BIG;
static long (*helper)(void *ctx, word n) = (void *)7;
static inline word twice(word x) { word y = x; for (int i = 0; i < 2; i++) y += x; return y; }
typedef struct pair pair_t;
#endif
`;

function tokensOf(main: string, options: Partial<CompileOptions> = {}): { tokens: Token[]; ctx: ReturnType<typeof createContext> } {
  const fs = new MemoryFileSystem().set('/stdlib/t.h', HEADER);
  // A cache entry holds declarations as parsed where they stand; the parses compared with it do too.
  const ctx = createContext(fs, { stdlibDir: '/stdlib', lazyDeclarations: false, ...options });
  const file = ctx.sources.add('/src/main.c', main);
  return { tokens: preprocess(file, ctx), ctx };
}

/** The entry a build would record: every declaration whose tokens and look-ahead come from the header. */
function record(main: string, options: Partial<CompileOptions> = {}): ParseCacheEntry {
  const { tokens, ctx } = tokensOf(main, options);
  const { items, boundaries, diagnostics } = parseRecording(tokens, ctx);
  expect(diagnostics).toBe(0);
  const headerFile = ctx.sources.files.find((f) => f.path === '/stdlib/t.h')!.id;
  const firstMain = tokens.findIndex((t) => t.span.file !== headerFile && t.span.file !== 1);
  const all = recordEntry(tokens, items, boundaries, options.c23 === true, boundaries.length)!;
  const decls = all.decls.filter((d) => d.checkEnd <= firstMain).length;
  return recordEntry(tokens, items, boundaries, options.c23 === true, decls)!;
}

function cacheOf(entry: ParseCacheEntry, tokens: Token[]): ParseCache {
  const text = entryText(entry);
  return { entries: [{ head: headSignature(tokens), load: () => entryFromText(text) }] };
}

/** The AST as text, bigints and undefined members spelled out, so that equal text means equal trees. */
function dump(unit: ast.TranslationUnit): string {
  return JSON.stringify(unit, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '<undefined>' : v));
}

function parseBoth(main: string, cache: ParseCache, options: Partial<CompileOptions> = {}): { plain: string; cached: string; errors: [string[], string[]] } {
  const a = tokensOf(main, options);
  const plain = parse(a.tokens, a.ctx);
  const b = tokensOf(main, options);
  b.ctx.parseCache = cache;
  const cached = parse(b.tokens, b.ctx);
  const errs = (c: typeof a.ctx) => c.diags.list.map((d) => `${d.code} ${d.message} @${d.span?.file}:${d.span?.start}`);
  return { plain: dump(plain), cached: dump(cached), errors: [errs(a.ctx), errs(b.ctx)] };
}

const MAIN_A = `#include <t.h>\nint prog(void *ctx) { pair_t p = {0}; word * w = 0; return twice(p.a) + (int)helper(ctx, F_ALL); }\n`;
const MAIN_B = `#include <t.h>\nstatic word count;\nint other(void *ctx) { u32 * x = 0; word (y); y = big; return (int)(y + count); }\n`;

describe('parse cache', () => {
  const entry = record(MAIN_A);

  it('records the header declarations and takes them all for the same tokens', () => {
    expect(entry.decls.length).toBeGreaterThanOrEqual(8);
    const { tokens } = tokensOf(MAIN_A);
    const reused = reusePrefix(cacheOf(entry, tokens), tokens, false);
    expect(reused?.items.length).toBe(entry.decls.length);
    const r = parseBoth(MAIN_A, cacheOf(entry, tokens));
    expect(r.cached).toBe(r.plain);
    expect(r.errors[1]).toEqual(r.errors[0]);
  });

  it('serves another program with the same includes: the typedef names it declared are in scope', () => {
    const { tokens } = tokensOf(MAIN_B);
    expect(reusePrefix(cacheOf(entry, tokens), tokens, false)?.items.length).toBe(entry.decls.length);
    const r = parseBoth(MAIN_B, cacheOf(entry, tokens));
    expect(r.errors[0]).toEqual([]);
    expect(r.cached).toBe(r.plain);
  });

  it('records a lazy declaration as the range of its tokens and takes them from the stream that matched', () => {
    const lazy = { lazyDeclarations: true };
    const lazyEntry = record(MAIN_A, lazy);
    const at = lazyEntry.items.findIndex((item) => (item as ast.ExternalDecl).kind === 'LazyDecl');
    expect(at).toBeGreaterThanOrEqual(0);
    const stored = lazyEntry.items[at] as { name: string; tokens: unknown };
    expect([stored.name, stored.tokens]).toEqual(['helper', [expect.any(Number), expect.any(Number)]]);
    const { tokens } = tokensOf(MAIN_A, lazy);
    const reused = reusePrefix(cacheOf(lazyEntry, tokens), tokens, false)!;
    const taken = reused.items[at] as ast.LazyDecl;
    expect(taken.kind).toBe('LazyDecl');
    expect(taken.tokens.map((t) => t.text).join(' ')).toBe('static long ( * helper ) ( void * ctx , word n ) = ( void * ) 7 ;');
    expect(tokens).toContain(taken.tokens[0]);
    const r = parseBoth(MAIN_A, cacheOf(lazyEntry, tokens), lazy);
    expect(r.cached).toBe(r.plain);
    expect(r.errors[1]).toEqual(r.errors[0]);
  });

  it('stops at the first declaration a -D flag changes', () => {
    const { tokens } = tokensOf(MAIN_A, { defines: [{ name: 'WIDE' }] });
    const reused = reusePrefix(cacheOf(entry, tokens), tokens, false);
    // The <command line> file differs, but the header tokens up to `typedef ... word` do not.
    expect(reused).toBeDefined();
    expect(reused!.items.length).toBeLessThan(entry.decls.length);
    const r = parseBoth(MAIN_A, cacheOf(entry, tokens), { defines: [{ name: 'WIDE' }] });
    expect(r.cached).toBe(r.plain);
    expect(r.cached).toContain('"name":"u64"');
  });

  it('reads no more of the stored declarations than it takes', () => {
    const { tokens } = tokensOf(MAIN_A, { defines: [{ name: 'WIDE' }] });
    const taken = reusePrefix(cacheOf(entry, tokens), tokens, false)!.items.length;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(entry.decls.length);
    // Segments of 1, 2, 4, ... bytes or one declaration (the files: from 4 KB).
    const text = entryText(entry, 1);
    const sizes = (JSON.parse(text.slice(0, text.indexOf('\n'))) as { segments: [number, number][] }).segments;
    expect(sizes.length).toBeGreaterThan(2);
    const bytes = new TextEncoder().encode(text);
    const reads: number[] = [];
    const reader = (damageFrom: number) => (offset: number, length: number): string => {
      reads.push(offset);
      const s = new TextDecoder().decode(bytes.subarray(offset, offset + length));
      // A segment read past those needed is damaged: a parse that used it would fail.
      return offset >= damageFrom ? `{"kind":${s.slice(9)}` : s;
    };
    const stored = entryFromReader(text, reader(Infinity))!;
    expect(stored.declCount).toBe(entry.decls.length);
    const plain = reusePrefix({ entries: [{ head: headSignature(tokens), load: () => stored }] }, tokens, false)!;
    expect(plain.items).toEqual(reusePrefix(cacheOf(entry, tokens), tokens, false)!.items);
    // The segment that holds the first declaration not taken is the last one read.
    const lastRead = Math.max(...reads);
    reads.length = 0;
    const damaged = reusePrefix({ entries: [{ head: headSignature(tokens), load: () => entryFromReader(text, reader(lastRead + 1))! }] }, tokens, false);
    expect(damaged?.items).toEqual(plain.items);
    // Every segment through the one with the first declaration not taken, and no other.
    let segments = 0;
    for (let covered = 0; covered <= taken && covered < entry.decls.length; segments++) covered += sizes[segments]![0];
    expect(reads.length).toBe(segments);
  });

  it('reads segments of any size back as the declarations recorded', () => {
    for (const first of [1, 300, 4096]) {
      const stored = entryFromText(entryText(entry, first))!;
      const decls: unknown[] = [];
      for (let k = 0; stored.segment(k); k++) decls.push(...stored.segment(k)!.decls);
      expect(decls).toEqual(entry.decls);
    }
  });

  it('makes no parser tokens for the declarations it takes but the last of the stream, and keeps every index and pragma', () => {
    const { tokens } = tokensOf(`${MAIN_A}#pragma unroll\nint z;\n`);
    const whole = toParserTokens(tokens);
    const from = reusePrefix(cacheOf(entry, tokens), tokens, false)!.parserEnd;
    const part = toParserTokens(tokens, {}, from);
    expect(part.tokens).toHaveLength(whole.tokens.length);
    expect(part.pragmasBefore).toEqual(whole.pragmasBefore);
    expect(part.pragmasBefore.size).toBe(1);
    expect(part.tokens.slice(from)).toEqual(whole.tokens.slice(from));
    expect(part.tokens.slice(0, from).every((t) => t.src === undefined)).toBe(true);
    const none = toParserTokens(tokens, {}, whole.tokens.length);
    expect(none.tokens[whole.tokens.length - 1]).toEqual(whole.tokens[whole.tokens.length - 1]);
    expect(none.tokens[whole.tokens.length - 2]!.src).toBeUndefined();
  });

  it('takes nothing when the header text differs before the first declaration ends', () => {
    const fs = new MemoryFileSystem().set('/stdlib/t.h', HEADER.replace('typedef unsigned int u32;', 'typedef unsigned  int u32;'));
    const ctx = createContext(fs, { stdlibDir: '/stdlib' });
    const tokens = preprocess(ctx.sources.add('/src/main.c', MAIN_A), ctx);
    expect(reusePrefix(cacheOf(entry, tokens), tokens, false)).toBeUndefined();
  });

  it('ignores an entry recorded without -std=c23 when parsing with it', () => {
    const { tokens } = tokensOf(MAIN_A, { c23: true });
    expect(reusePrefix(cacheOf(entry, tokens), tokens, true)).toBeUndefined();
    const r = parseBoth(MAIN_A, cacheOf(entry, tokens), { c23: true });
    expect(r.cached).toBe(r.plain);
  });

  it('reports a syntax error after the cached declarations exactly as without the cache', () => {
    for (const bad of ['#include <t.h>\nword x = ;\n', '#include <t.h>\nu32 f(void) { return 1 }\n', '#include <t.h>\n)\n', '#include <t.h>\nstruct pair q']) {
      const { tokens } = tokensOf(bad);
      const r = parseBoth(bad, cacheOf(entry, tokens));
      expect(r.errors[0].length).toBeGreaterThan(0);
      expect(r.errors[1]).toEqual(r.errors[0]);
      expect(r.cached).toBe(r.plain);
    }
  });

  it('keeps bigints, undefined members, special numbers, key order and shared objects', () => {
    const shared = { file: 3, start: 1, end: 2 };
    const graph = [
      { kind: 'A', value: 18446744073709551615n, missing: undefined, span: shared, nums: [-0, Number.NaN, Infinity, 1.5] },
      { kind: 'B', z: 1, a: 2, span: shared, inner: { use: shared } },
    ];
    const fixups: Fixup[] = [];
    const encoded = JSON.parse(JSON.stringify(encodeGraph(graph, fixups))) as unknown[];
    const decoded = decodeGraph(encoded, JSON.parse(JSON.stringify(fixups)) as Fixup[], 2) as typeof graph;
    expect(decoded).toEqual(graph);
    expect(Object.keys(decoded[0]!)).toEqual(Object.keys(graph[0]!));
    expect(Object.keys(decoded[1]!)).toEqual(['kind', 'z', 'a', 'span', 'inner']);
    expect('missing' in decoded[0]!).toBe(true);
    expect(Object.is(decoded[0]!.nums![0], -0)).toBe(true);
    expect(decoded[1]!.span).toBe(decoded[0]!.span);
    expect(decoded[1]!.inner!.use).toBe(decoded[0]!.span);
    // Only the first root: the second's shared span is not mended.
    expect((decodeGraph(JSON.parse(JSON.stringify(encodeGraph(graph, []))) as unknown[], fixups, 1)[0] as typeof graph[0]).value).toBe(18446744073709551615n);
    // A class instance cannot be carried: no encoding.
    expect(encodeGraph([{ m: new Map() }], [])).toBeUndefined();
  });
});

describe('parse cache files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ebcc-parse-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const entry = record(MAIN_A);
  const { tokens } = tokensOf(MAIN_A);
  writeFileSync(join(dir, '0.entry'), entryText(entry));

  it('reads a cache recorded with the running bundle', () => {
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ format: PARSE_CACHE_FORMAT, bundle: parseCacheFingerprint('bundle text'), entries: [{ head: headSignature(tokens), file: '0.entry' }] }));
    const cache = readParseCache(dir, 'bundle text');
    expect(cache?.entries).toHaveLength(1);
    expect(reusePrefix(cache!, tokens, false)?.items.length).toBe(entry.decls.length);
  });

  it('ignores a cache recorded with another bundle, another format, or none at all', () => {
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ format: PARSE_CACHE_FORMAT, bundle: parseCacheFingerprint('bundle text'), entries: [{ head: headSignature(tokens), file: '0.entry' }] }));
    expect(readParseCache(dir, 'bundle text, rebuilt')).toBeUndefined();
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ format: 0, bundle: parseCacheFingerprint('bundle text'), entries: [] }));
    expect(readParseCache(dir, 'bundle text')).toBeUndefined();
    expect(readParseCache(join(dir, 'missing'), 'bundle text')).toBeUndefined();
  });

  it('skips an entry whose file is unreadable or of another format', () => {
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ format: PARSE_CACHE_FORMAT, bundle: parseCacheFingerprint('b'), entries: [{ head: headSignature(tokens), file: 'gone.json' }, { head: headSignature(tokens), file: 'old.json' }] }));
    writeFileSync(join(dir, 'old.json'), entryText({ ...entry, format: 1 }));
    expect(reusePrefix(readParseCache(dir, 'b')!, tokens, false)).toBeUndefined();
  });
});

describe('parse cache on the real headers', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const stdlibDir = join(root, 'stdlib/include');
  const samplePath = join(root, 'samples/xdp_count.c');
  const sample = readFileSync(samplePath, 'utf8');
  const run = (text: string, cache?: ParseCache) => {
    const ctx = createContext(new NodeFileSystem(), { stdlibDir, lazyDeclarations: false });
    const tokens = preprocess(ctx.sources.add(samplePath, text), ctx);
    if (cache) ctx.parseCache = cache;
    const unit = parse(tokens, ctx);
    return { tokens, ctx, text: dump(unit), errors: ctx.diags.list.map((d) => `${d.code} ${d.message} @${d.span?.file}:${d.span?.start}`) };
  };
  // Recorded as the build does: the declarations whose tokens and look-ahead are all the headers'.
  const first = run(sample);
  const { items, boundaries } = parseRecording(first.tokens, first.ctx);
  const fromHeader = (t: Token) => t.span.file !== 0 && (t.expansion === undefined || t.expansion.use.file !== 0);
  const limit = first.tokens.findIndex((t) => !fromHeader(t));
  const all = recordEntry(first.tokens, items, boundaries, false, boundaries.length)!;
  const entry = recordEntry(first.tokens, items, boundaries, false, all.decls.filter((d) => d.checkEnd <= limit).length)!;
  const cache = cacheOf(entry, first.tokens);

  it('takes the headers of samples/xdp_count.c and gives its tree', () => {
    expect(entry.decls.length).toBeGreaterThan(300);
    expect(run(sample, cache).text).toBe(first.text);
  });

  it('gives the same tree and diagnostics as a full parse for 15 damaged copies of the program', { timeout: 120_000 }, () => {
    const next = rng(0x5851f42d4c957f2dn);
    const bodyStart = sample.lastIndexOf('#include');
    for (let i = 0; i < 15; i++) {
      // Damage the program after its first line of includes: delete, duplicate or insert a few characters.
      const at = bodyStart + Number(next() % BigInt(sample.length - bodyStart));
      const len = 1 + Number(next() % 4n);
      const kind = Number(next() % 3n);
      const text = kind === 0 ? sample.slice(0, at) + sample.slice(at + len) : kind === 1 ? sample.slice(0, at) + sample.slice(at, at + len) + sample.slice(at) : `${sample.slice(0, at)};){${sample.slice(at)}`;
      const plain = run(text), cached = run(text, cache);
      expect(cached.errors).toEqual(plain.errors);
      expect(cached.text).toBe(plain.text);
    }
  });
});

function rng(seed: bigint): () => bigint {
  let x = seed;
  return () => {
    x ^= x >> 12n;
    x ^= (x << 25n) & ((1n << 64n) - 1n);
    x ^= x >> 27n;
    return (x * 0x2545f4914f6cdd1dn) & ((1n << 64n) - 1n);
  };
}
