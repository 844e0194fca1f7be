// Header prefixes (src/driver/header-prefix.ts): a compile that starts from the recorded state of
// its leading #include lines gives the same object and the same diagnostics as one that does not,
// and any difference that could change the result (options, a #define before the includes, a
// header's text, another include list) makes it compile from scratch.
import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../src/cli/node-fs.js';
import { stdlibDir } from '../../src/cli/options.js';
import { createContext, type CompileOptions } from '../../src/context.js';
import { renderDiagnostics } from '../../src/diag/render.js';
import { MemoryFileSystem, type FileSystem } from '../../src/diag/fs.js';
import { compile } from '../../src/driver/compile.js';
import type { HeaderPrefixStore } from '../../src/driver/header-prefix.js';
import { printPreprocessed } from '../../src/pp/print.js';

const T_H = `#ifndef T_H
#define T_H
typedef unsigned int u32;
#define SEC(n) __attribute__((section(n), used))
#define LIMIT 3
#define BROKEN(x) ((x) + not_declared)
struct xdp_md { u32 data; u32 data_end; u32 data_meta; u32 ingress_ifindex; u32 rx_queue_index; u32 egress_ifindex; };
enum { ONE = 1, TWO = ONE + ONE };
static inline u32 twice(u32 x) { return x * TWO; }
#endif
`;
const U_H = `#pragma once
#include <t.h>
static inline u32 capped(u32 x) { return x > LIMIT ? LIMIT : x; }
`;
const R_H = `#include <u.h>
static inline u32 again(u32 n) { return n ? 1 + again(n - 1) : 0; }
`;

function memoryFs(files: Record<string, string> = {}): MemoryFileSystem {
  const fs = new MemoryFileSystem().set('/inc/t.h', T_H).set('/inc/u.h', U_H).set('/inc/r.h', R_H);
  for (const [path, text] of Object.entries(files)) fs.set(path, text);
  return fs;
}

/** The object and the rendered diagnostics of one compile. */
function build(fs: FileSystem, path: string, options: Partial<CompileOptions>, store?: HeaderPrefixStore): { elf: string; stderr: string } {
  const ctx = createContext(fs, { stdlibDir: '/inc', ...options });
  if (store) ctx.headerPrefixes = store;
  const out = compile(path, ctx);
  return { elf: Buffer.from(out.elf ?? []).toString('hex'), stderr: renderDiagnostics(ctx.diags.list, ctx.sources) };
}

/** A store holding the prefix of `headers`, recorded with `options`. */
function recorded(fs: FileSystem, headers: string[], options: Partial<CompileOptions> = {}): HeaderPrefixStore {
  const store: HeaderPrefixStore = { entries: [], recording: true };
  const path = '/record/prefix.c';
  const text = headers.map((h) => `#include <${h}>\n`).join('');
  const withFile = { readFile: (p: string) => (p === path ? text : fs.readFile(p)) };
  build(withFile, path, options, store);
  store.recording = false;
  return store;
}

/** Compiles `main` with and without the store; says whether the prefix was taken and checks the results are equal. */
function compare(fs: MemoryFileSystem, main: string, store: HeaderPrefixStore, options: Partial<CompileOptions> = {}): { taken: boolean; stderr: string } {
  fs.set('/src/main.c', main);
  const before = store.entries.length;
  const plain = build(fs, '/src/main.c', options);
  const withStore = build(fs, '/src/main.c', options, store);
  expect(withStore).toEqual(plain);
  return { taken: store.entries.length < before, stderr: plain.stderr };
}

const PROGRAM = `
SEC("xdp") int prog(struct xdp_md *ctx) { return capped(twice(ctx->data_end - ctx->data)) & 3; }
char LICENSE[] SEC("license") = "GPL";
`;

describe('header prefixes', () => {
  it('records nothing from a file with other lines than #include <...>', () => {
    expect(recorded(memoryFs(), ['t.h']).entries).toHaveLength(1);
    const store: HeaderPrefixStore = { entries: [], recording: true };
    const fs = memoryFs({ '/record/p.c': '#include <t.h>\nint x;\n' });
    build(fs, '/record/p.c', {}, store);
    expect(store.entries).toHaveLength(0);
  });

  it('is taken by a file that starts with the recorded includes, and the result is the same', () => {
    const fs = memoryFs();
    const main = `/* a comment */\n  #  include <t.h>   // why\n#include <u.h>\n${PROGRAM}`;
    const r = compare(fs, main, recorded(fs, ['t.h', 'u.h']));
    expect(r.taken).toBe(true);
    expect(r.stderr).toBe('');
    // A longer include list than the recorded one: the rest is preprocessed as usual.
    expect(compare(fs, `#include <t.h>\n#include <u.h>\n#include <t.h>\n${PROGRAM}`, recorded(fs, ['t.h', 'u.h'])).taken).toBe(true);
  });

  it('finds the include lines behind comments, splices and odd spellings, and is not taken by other first lines', () => {
    const fs = memoryFs();
    const store = () => recorded(fs, ['t.h', 'u.h']);
    for (const main of [
      `// one\n/* two\n */ #include <t.h>\n#include <u.h>\n${PROGRAM}`,
      `#include /* here */ <t.h>\n#include <u.h>\n${PROGRAM}`,
      `#\\\ninclude <t.h>\n#include <u.h>\n${PROGRAM}`,
      `// a spliced comment \\\n still a comment\n#include <t.h>\n#include <u.h>\n${PROGRAM}`,
    ]) {
      expect(compare(fs, main, store()).taken).toBe(true);
    }
    fs.set('/src/q.h', '');
    for (const main of [`#include "q.h"\n#include <t.h>\n#include <u.h>\n${PROGRAM}`, `#define X 1\n#include <t.h>\n#include <u.h>\n${PROGRAM}`, `#include <u.h>\n#include <t.h>\n${PROGRAM}`]) {
      expect(compare(fs, main, store()).taken).toBe(false);
    }
  });

  it('gives the included headers the places of the file\'s own include lines', () => {
    // `-E` prints them in its line markers.
    const fs = memoryFs();
    const main = `\n\n  #  include <t.h>   /* why */\n#include <r.h>\n${PROGRAM}`;
    fs.set('/src/main.c', main);
    const printed = (store?: HeaderPrefixStore): string => {
      const ctx = createContext(fs, { stdlibDir: '/inc' });
      if (store) ctx.headerPrefixes = store;
      return printPreprocessed(compile('/src/main.c', ctx, 'pp').tokens!, ctx);
    };
    const store = recorded(fs, ['t.h', 'r.h']);
    expect(printed(store)).toBe(printed());
    expect(store.entries).toHaveLength(0);
    // And the places of diagnostics inside the headers: recursion, reported once a program calls it.
    const r = compare(fs, main, recorded(fs, ['t.h', 'r.h']));
    expect(r.taken).toBe(true);
    expect(r.stderr).toContain('In file included from /src/main.c:4:\n/inc/r.h:2:');
  });

  it('takes the longest recorded list the file starts with', () => {
    const fs = memoryFs();
    const store = recorded(fs, ['t.h']);
    store.entries.push(...recorded(fs, ['t.h', 'u.h']).entries);
    fs.set('/src/main.c', `#include <t.h>\n#include <u.h>\n${PROGRAM}`);
    build(fs, '/src/main.c', {}, store);
    expect(store.entries.map((e) => e.headers)).toEqual([['t.h']]);
  });

  it('holds one object for equal spans, and one empty array for the empty lists of AST nodes, over all its lists', () => {
    const fs = memoryFs();
    const store: HeaderPrefixStore = { entries: [], recording: true };
    for (const [path, text] of [['/record/a.c', '#include <t.h>\n#include <u.h>\n'], ['/record/b.c', '#include <t.h>\n']] as const) {
      build({ readFile: (p: string) => (p === path ? text : fs.readFile(p)) }, path, {}, store);
    }
    store.recording = false;
    const [long, short] = store.entries;
    // Every span object reachable from the store through plain objects, arrays and Maps (not the
    // recording's context, a class instance) is the only one with its file, start and end.
    const spans = new Map<string, object>();
    const empties = new Set<unknown[]>();
    let emptyLists = 0;
    const seen = new Set<object>();
    const stack: unknown[] = [store.entries];
    while (stack.length > 0) {
      const o = stack.pop();
      if (typeof o !== 'object' || o === null || seen.has(o)) continue;
      if (![Object.prototype, Array.prototype, Map.prototype, Set.prototype].includes(Object.getPrototypeOf(o))) continue;
      seen.add(o);
      const values = o instanceof Map ? [...o.values()] : o instanceof Set ? [...o] : Object.values(o);
      if (!Array.isArray(o) && !(o instanceof Map) && !(o instanceof Set)) {
        for (const [k, v] of Object.entries(o)) {
          if (Array.isArray(v) && v.length === 0 && ['attributes', 'qualifiers', 'storage', 'params', 'declarators'].includes(k) && 'kind' in o) {
            emptyLists++;
            empties.add(v);
          }
        }
      }
      if (Object.keys(o).join(',') === 'file,start,end') {
        const { file, start, end } = o as { file: number; start: number; end: number };
        const key = `${file}:${start}:${end}`;
        expect(spans.get(key) ?? o).toBe(o);
        spans.set(key, o);
      }
      stack.push(...values);
    }
    expect(spans.size).toBeGreaterThan(100);
    expect(emptyLists).toBeGreaterThan(10);
    expect(empties.size).toBe(1);
    // The shorter list's declarations and the longer one's have their spans in common.
    const first = (e: typeof long) => e!.parsed.items[0]!.span;
    expect(first(short)).toBe(first(long));
    expect(short!.parsed.items[0]).not.toBe(long!.parsed.items[0]);
    // Either entry still gives the result of a compile from scratch.
    for (const entry of [long!, short!]) {
      const headers = entry.headers.map((h) => `#include <${h}>\n`).join('');
      const again: HeaderPrefixStore = { entries: [entry] };
      const r = compare(fs, `${headers}${entry.headers.length === 1 ? '#include <u.h>\n' : ''}${PROGRAM}`, again);
      expect(r.taken).toBe(true);
      expect(r.stderr).toBe('');
    }
  });

  it('shares the texts, files, tokens and macro definitions a list has in common with one recorded before it', () => {
    const fs = memoryFs({ '/inc/v.h': '#undef LIMIT\n#define LIMIT 4\nstatic inline u32 more(u32 x) { return x + LIMIT; }\n' });
    // Recorded in one store, the shorter list takes the longer one's objects.
    const both = (): HeaderPrefixStore => {
      const store: HeaderPrefixStore = { entries: [], recording: true };
      for (const [path, text] of [['/record/a.c', '#include <t.h>\n#include <v.h>\n'], ['/record/b.c', '#include <t.h>\n']] as const) {
        build({ readFile: (p: string) => (p === path ? text : fs.readFile(p)) }, path, {}, store);
      }
      store.recording = false;
      return store;
    };
    const store = both();
    const [long, short] = store.entries;
    expect(long!.headers).toEqual(['t.h', 'v.h']);
    expect(short!.headers).toEqual(['t.h']);
    expect(short!.tokens.length).toBeLessThan(long!.tokens.length);
    expect(short!.tokens.every((t, i) => t === long!.tokens[i])).toBe(true);
    expect(short!.sources[1]).toBe(long!.sources[1]);
    expect(short!.reads[0]![1]).toBe(long!.reads[0]![1]);
    expect(short!.pp.macros.get('SEC')).toBe(long!.pp.macros.get('SEC'));
    // A definition the longer list replaced is its own.
    expect(short!.pp.macros.get('LIMIT')!.body.map((t) => t.text)).toEqual(['3']);
    expect(long!.pp.macros.get('LIMIT')!.body.map((t) => t.text)).toEqual(['4']);
    // A list that is not the start of another keeps its own tokens.
    const other: HeaderPrefixStore = { entries: [...recorded(fs, ['t.h']).entries], recording: true };
    build({ readFile: (p: string) => (p === '/record/c.c' ? '#include <u.h>\n' : fs.readFile(p)) }, '/record/c.c', {}, other);
    expect(other.entries[1]!.tokens[0]).not.toBe(other.entries[0]!.tokens[0]);
    // Either entry, taken from a store where they share, gives the result of a compile from scratch.
    let r = compare(fs, `#include <t.h>\n${PROGRAM}`, store);
    expect(r.taken).toBe(true);
    expect(store.entries.map((e) => e.headers)).toEqual([['t.h', 'v.h']]);
    const fresh = both();
    r = compare(fs, `#include <t.h>\n#include <v.h>\nint y = LIMIT + more(1);\n${PROGRAM}`, fresh);
    expect(r.taken).toBe(true);
    expect(fresh.entries.map((e) => e.headers)).toEqual([['t.h']]);
    // The shorter list, taken after a compile used the longer one (and changed the objects it took): still exact.
    const again = both();
    expect(compare(fs, `#include <t.h>\n#include <v.h>\n${PROGRAM}`, again).taken).toBe(true);
    expect(compare(fs, `#include <t.h>\nint z = LIMIT;\n${PROGRAM}`, again).taken).toBe(true);
  });

  it('places diagnostics in the headers and in the file exactly as a compile from scratch', () => {
    const fs = memoryFs();
    // An error after the prefix, one that names a header's declaration, and a syntax error that makes the parser start over.
    let r = compare(fs, `#include <t.h>\n#include <u.h>\nint twice;\n${PROGRAM}`, recorded(fs, ['t.h', 'u.h']));
    expect(r.taken).toBe(true);
    expect(r.stderr).toContain('t.h:9:19: note');
    r = compare(fs, `#include <t.h>\n#include <u.h>\n${PROGRAM}\nint broken(;\n`, recorded(fs, ['t.h', 'u.h']));
    expect(r.taken).toBe(true);
    expect(r.stderr).toContain('error');
    // __BASE_FILE__ and __COUNTER__ after the prefix.
    r = compare(fs, `#include <t.h>\nconst char name[] = __BASE_FILE__; int c = __COUNTER__;\n${PROGRAM}`, recorded(fs, ['t.h']));
    expect(r.taken).toBe(true);
  });

  it('is not taken when anything that reaches the headers differs', () => {
    const fs = memoryFs();
    const main = `#include <t.h>\n#include <u.h>\n${PROGRAM}`;
    // Other options: -D or -U of a macro the headers use, -O0, -std=c23, warnings.
    for (const options of [{ defines: [{ name: 'LIMIT', value: '4' }] }, { undefs: ['LIMIT'] }, { optLevel: 0 as const }, { c23: true }, { warnings: 'error' as const }]) {
      expect(compare(fs, main, recorded(fs, ['t.h', 'u.h']), options).taken).toBe(false);
    }
    // A #define, #undef or anything else before the includes; another include list; a quoted include.
    for (const text of [`#define LIMIT 4\n${main}`, `#undef LIMIT\n${main}`, `int y;\n${main}`, `#include <u.h>\n#include <t.h>\n${PROGRAM}`, `#include "/inc/t.h"\n#include <u.h>\n${PROGRAM}`, `#include <t.h> extra\n#include <u.h>\n${PROGRAM}`]) {
      expect(compare(fs, text, recorded(fs, ['t.h', 'u.h'])).taken).toBe(false);
    }
    // A header edited since the recording, or one that now shadows it on the search list.
    const store = recorded(fs, ['t.h', 'u.h']);
    fs.set('/inc/u.h', U_H.replace('LIMIT ?', 'LIMIT + 1 ?'));
    expect(compare(fs, main, store).taken).toBe(false);
  });

  it('is taken under -I directories that hold none of the headers looked up there', () => {
    const fs = memoryFs({ '/other/x.h': '#define X 1\n', '/other/sub/t.h': 'int shadowless;\n' });
    const main = `#include <t.h>\n#include <u.h>\n#include <x.h>\nint y = X;\n${PROGRAM}`;
    expect(compare(fs, main, recorded(fs, ['t.h', 'u.h']), { includeDirs: ['/other', '/missing'] }).taken).toBe(true);
    // -E shows the same search results.
    fs.set('/src/main.c', main);
    const printed = (store?: HeaderPrefixStore): string => {
      const ctx = createContext(fs, { stdlibDir: '/inc', includeDirs: ['/other'] });
      if (store) ctx.headerPrefixes = store;
      return printPreprocessed(compile('/src/main.c', ctx, 'pp').tokens!, ctx);
    };
    const store = recorded(fs, ['t.h', 'u.h']);
    expect(printed(store)).toBe(printed());
    expect(store.entries).toHaveLength(0);
  });

  it('is not taken when a -I directory holds a header the lines found elsewhere', () => {
    // t.h directly, and t.h as u.h includes it.
    for (const shadow of ['/other/u.h', '/other/t.h']) {
      const fs = memoryFs({ [shadow]: 'typedef int u32;\n#define LIMIT 9\n' });
      const r = compare(fs, `#include <t.h>\n#include <u.h>\n${PROGRAM}`, recorded(fs, ['t.h', 'u.h']), { includeDirs: ['/other'] });
      expect(r.taken).toBe(false);
    }
  });

  it('reads no file more than a compile without it when a -I directory or a -D rules it out', () => {
    // The CLI counts the text a compile reads (past 512 KB it switches V8's optimising compiler on).
    const fs = memoryFs({ '/other/t.h': 'typedef int u32;\n#define LIMIT 9\n' });
    fs.set('/src/main.c', `#include <t.h>\n#include <u.h>\n${PROGRAM}`);
    for (const options of [{ includeDirs: ['/other'] }, { defines: [{ name: 'LIMIT' }] }]) {
      const reads = (store?: HeaderPrefixStore): string[] => {
        const log: string[] = [];
        const counting = {
          readFile: (p: string) => (log.push(p), fs.readFile(p)),
          whyUnreadable: (p: string) => (fs.readFile(p) === undefined ? 'no such file or directory' : undefined),
        };
        build(counting, '/src/main.c', options, store);
        return log.sort();
      };
      const store = recorded(fs, ['t.h', 'u.h']);
      expect(reads(store)).toEqual(reads());
      expect(store.entries).toHaveLength(1);
    }
  });

  it('is taken under -D and -U of macros the headers never look up, which the file then sees', () => {
    const fs = memoryFs({ '/inc/opt.h': '#ifdef OPT\nint opt;\n#endif\n#if defined(OTHER) || LEVEL > 1\nint other;\n#endif\n' });
    const main = `#include <t.h>\n#include <u.h>\n#include <opt.h>\nint extra = EXTRA;\n#ifdef GONE\nint gone;\n#endif\n${PROGRAM}`;
    const cases: { options: Partial<CompileOptions>; taken: boolean }[] = [
      { options: { defines: [{ name: 'EXTRA', value: '7' }] }, taken: true },
      { options: { defines: [{ name: 'EXTRA' }, { name: 'GONE' }], undefs: ['GONE', '__BPF__'] }, taken: true },
      // A predefined macro redefined: the warning comes first, as from scratch.
      { options: { defines: [{ name: 'EXTRA' }, { name: '__bpf__', value: '2' }] }, taken: true },
      // Names the headers test, expand or define, and the preprocessor's own.
      { options: { defines: [{ name: 'EXTRA' }, { name: 'OPT' }] }, taken: false },
      { options: { defines: [{ name: 'EXTRA' }, { name: 'OTHER' }] }, taken: false },
      { options: { defines: [{ name: 'EXTRA' }, { name: 'LEVEL', value: '2' }] }, taken: false },
      { options: { defines: [{ name: 'EXTRA' }, { name: 'T_H' }] }, taken: false },
      { options: { defines: [{ name: 'EXTRA' }], undefs: ['TWO'] }, taken: false },
      { options: { defines: [{ name: 'EXTRA' }, { name: '__LINE__' }] }, taken: false },
    ];
    for (const { options, taken } of cases) {
      const store = recorded(fs, ['t.h', 'u.h', 'opt.h']);
      expect(store.entries).toHaveLength(1);
      expect(compare(fs, main, store, options).taken).toBe(taken);
    }
    expect(compare(fs, main, recorded(fs, ['t.h', 'u.h', 'opt.h']), { defines: [{ name: 'EXTRA' }, { name: '__bpf__', value: '2' }] }).stderr).toContain('__bpf__');
  });

  it('records nothing under -I, -D or -U', () => {
    const fs = memoryFs();
    expect(recorded(fs, ['t.h'], { includeDirs: ['/other'] }).entries).toHaveLength(0);
    expect(recorded(fs, ['t.h'], { defines: [{ name: 'A' }] }).entries).toHaveLength(0);
    expect(recorded(fs, ['t.h'], { undefs: ['A'] }).entries).toHaveLength(0);
  });

  it('records nothing from headers that report a diagnostic or expand __BASE_FILE__', () => {
    const fs = memoryFs({ '/inc/bad.h': 'int a = ;\n', '/inc/warn.h': '#warning careful\n', '/inc/base.h': 'static const char base[] = __BASE_FILE__;\n' });
    for (const h of ['bad.h', 'warn.h', 'base.h', 'missing.h']) expect(recorded(fs, [h]).entries).toHaveLength(0);
    // The same errors in a compile of a file that includes them are those of a compile from scratch.
    expect(compare(fs, `#include <bad.h>\n${PROGRAM}`, recorded(fs, ['t.h'])).stderr).toContain('bad.h');
  });

  it('gives the same objects with ebcc\'s own headers', () => {
    const fs = new NodeFileSystem();
    const options = { stdlibDir: stdlibDir() };
    const store = recorded(fs, ['linux/bpf.h', 'bpf/bpf_helpers.h'], options);
    expect(store.entries).toHaveLength(1);
    // The helpers are recorded as lazy declarations: the program's call checks its one from there.
    expect(store.entries[0]!.parsed.items.filter((item) => item.kind === 'LazyDecl').length).toBeGreaterThan(200);
    expect(store.entries[0]!.checked.state.lazy.has('bpf_map_lookup_elem')).toBe(true);
    const main = `#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nstruct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 1); __type(key, __u32); __type(value, __u64); } counts SEC(".maps");\nSEC("xdp") int prog(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&counts, &k); if (v) *v += 1; return XDP_PASS; }\nchar LICENSE[] SEC("license") = "GPL";\n`;
    const both = { readFile: (p: string) => (p === '/src/main.c' ? main : fs.readFile(p)) };
    const plain = build(both, '/src/main.c', options);
    const withStore = build(both, '/src/main.c', options, store);
    expect(store.entries).toHaveLength(0);
    expect(plain.elf.length).toBeGreaterThan(0);
    expect(withStore).toEqual(plain);
    // And under the options of programs built beside their own headers.
    const flags = { ...options, includeDirs: ['/nonexistent/headers', `${stdlibDir()}/../../samples`], defines: [{ name: '__TARGET_ARCH_x86' }, { name: 'bool', value: '_Bool' }] };
    const store2 = recorded(fs, ['linux/bpf.h', 'bpf/bpf_helpers.h'], options);
    const plain2 = build(both, '/src/main.c', flags);
    expect(build(both, '/src/main.c', flags, store2)).toEqual(plain2);
    expect(store2.entries).toHaveLength(0);
    expect(plain2.elf).toBe(plain.elf);
    // The startup snapshot's lists, recorded in its order: <linux/bpf.h> alone shares the longer list's objects.
    const store3: HeaderPrefixStore = { entries: [], recording: true };
    for (const headers of [['linux/bpf.h', 'bpf/bpf_helpers.h'], ['linux/bpf.h']]) {
      const path = `/record/${headers.length}.c`;
      const text = headers.map((h) => `#include <${h}>\n`).join('');
      build({ readFile: (p: string) => (p === path ? text : fs.readFile(p)) }, path, options, store3);
    }
    store3.recording = false;
    expect(store3.entries[1]!.tokens[0]).toBe(store3.entries[0]!.tokens[0]);
    const main3 = `#include <linux/bpf.h>\n#include <linux/if_ether.h>\n#include <bpf/bpf_helpers.h>\n${main.split('\n').slice(2).join('\n')}int eth_len = ETH_HLEN;\n`;
    const third = { readFile: (p: string) => (p === '/src/main.c' ? main3 : fs.readFile(p)) };
    const plain3 = build(third, '/src/main.c', options);
    expect(plain3.elf.length).toBeGreaterThan(0);
    expect(build(third, '/src/main.c', options, store3)).toEqual(plain3);
    expect(store3.entries.map((e) => e.headers)).toEqual([['linux/bpf.h', 'bpf/bpf_helpers.h']]);
  });
});
