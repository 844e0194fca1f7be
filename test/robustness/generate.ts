// Seeded generators of inputs for the robustness tests and the fuzz campaign
// (scripts/fuzz-build.mjs): mutations of the samples, and programs generated from nothing that
// stress what mutations rarely reach (deep and wide control flow, long loops, gotos, switches,
// big objects and constants, macros). Every generator is a function of a seed, so a failure
// names its case and reproduces.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { lexFile } from '../../src/pp/lexer.js';
import { REPO_DIR } from '../util/compile.js';

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------
// Mutations of a sample

export function samples(): { name: string; text: string }[] {
  const dir = join(REPO_DIR, 'samples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** The source's tokens as [start, end) offsets, from ebcc's own lexer (directives included). */
export function tokenRanges(text: string): [number, number][] {
  const toks = lexFile({ id: 0, path: 'm.c', text, lineStarts: [0] }, new Diagnostics());
  return toks.filter((t) => t.kind !== 'eof').map((t) => [t.span.start, t.span.end]);
}

export type Mutation = 'delete' | 'duplicate' | 'swap' | 'truncate';
const MUTATIONS: Mutation[] = ['delete', 'duplicate', 'swap', 'truncate'];

/** Applies 1–3 random edits of one kind to `text`. */
export function mutate(text: string, ranges: [number, number][], next: () => number): { kind: Mutation; text: string } {
  const kind = MUTATIONS[Math.floor(next() * MUTATIONS.length)]!;
  const pick = () => ranges[Math.floor(next() * ranges.length)]!;
  if (kind === 'truncate') return { kind, text: text.slice(0, Math.floor(next() * text.length)) };
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  // Edit from the end backwards so earlier offsets stay valid.
  const chosen = Array.from({ length: edits }, pick).sort((a, b) => b[0] - a[0]);
  for (const [s, e] of chosen) {
    if (kind === 'delete') out = out.slice(0, s) + out.slice(e);
    else if (kind === 'duplicate') out = out.slice(0, e) + ' ' + out.slice(s, e) + out.slice(e);
    else {
      const [s2, e2] = pick();
      if (s2 >= e || e2 > out.length) continue; // swap only with an earlier, disjoint token
      out = out.slice(0, s2) + out.slice(s, e) + out.slice(e2, s) + out.slice(s2, e2) + out.slice(e);
    }
  }
  return { kind, text: out };
}

// ---------------------------------------------------------------------------
// Programs generated from nothing

const TYPES = ['int', 'unsigned', 'long', 'unsigned long', '__u8', '__s16', '__u32', '__s64', 'char'];
const BINOPS = ['+', '-', '*', '&', '|', '^', '<<', '>>', '/', '%', '<', '>', '==', '!=', '&&', '||'];

interface GenState {
  rng: Rng;
  vars: string[];
  depth: number;
  labels: string[];
  counter: number;
  lines: string[];
}

function constant(g: GenState): string {
  const r = g.rng;
  switch (r.int(0, 6)) {
    case 0:
      return String(r.int(0, 16));
    case 1:
      return String(r.int(-1000, 100000));
    case 2:
      return `0x${Math.floor(r.next() * 2 ** 32).toString(16)}`;
    case 3:
      return `${r.pick(['0xffffffffffffffff', '9223372036854775807', '0x8000000000000000', '4294967296'])}${r.pick(['', 'u', 'll', 'ull'])}`;
    case 4:
      return r.pick(["'a'", "'\\n'", "'\\x7f'", "'\\0'"]);
    case 5:
      return `sizeof(${r.pick(TYPES)})`;
    default:
      return String(r.int(0, 3));
  }
}

function expr(g: GenState, depth: number): string {
  const r = g.rng;
  if (depth <= 0 || r.chance(0.3)) return g.vars.length > 0 && r.chance(0.7) ? r.pick(g.vars) : constant(g);
  switch (r.int(0, 7)) {
    case 0:
    case 1:
    case 2: {
      const op = r.pick(BINOPS);
      // Mostly unsigned division: signed division is E5004 before -mcpu=v4, and the generator
      // should reach the back end more often than not.
      if ((op === '/' || op === '%') && r.chance(0.8)) return `((unsigned long)${expr(g, depth - 1)} ${op} (unsigned)(${expr(g, depth - 1)}))`;
      return `(${expr(g, depth - 1)} ${op} ${expr(g, depth - 1)})`;
    }
    case 3:
      return `(${r.pick(['-', '~', '!'])}${expr(g, depth - 1)})`;
    case 4:
      return `((${r.pick(TYPES)})${expr(g, depth - 1)})`;
    case 5:
      return `(${expr(g, depth - 1)} ? ${expr(g, depth - 1)} : ${expr(g, depth - 1)})`;
    case 6:
      return `buf[(${expr(g, depth - 1)}) & 15]`;
    default:
      return `helper(${expr(g, depth - 1)})`;
  }
}

function emit(g: GenState, line: string): void {
  g.lines.push(`${'  '.repeat(g.depth + 1)}${line}`);
}

function stmt(g: GenState, budget: number): void {
  const r = g.rng;
  const v = () => (g.vars.length > 0 ? r.pick(g.vars) : 'acc');
  const kind = g.depth > 6 ? 0 : r.int(0, 11);
  switch (kind) {
    case 0:
    case 1:
      emit(g, `${v()} ${r.pick(['=', '+=', '-=', '^=', '|=', '&=', '<<=', '>>=', '*='])} ${expr(g, 3)};`);
      return;
    case 2: {
      const name = `v${g.counter++}`;
      emit(g, `${r.pick(TYPES)} ${name} = ${expr(g, 2)};`);
      g.vars.push(name);
      return;
    }
    case 3:
    case 4: {
      emit(g, `if (${expr(g, 2)}) {`);
      block(g, Math.max(1, budget >> 1));
      if (r.chance(0.5)) {
        emit(g, '} else {');
        block(g, Math.max(1, budget >> 1));
      }
      emit(g, '}');
      return;
    }
    case 5: {
      // A constant-bound loop, sometimes long, sometimes nested on the outer counter.
      const i = `i${g.counter++}`;
      const bound = r.pick(['4', '16', '100', '1000', '100000', String(r.int(0, 64)), g.vars.length > 0 ? r.pick(g.vars) : '8']);
      emit(g, `for (int ${i} = 0; ${i} < ${bound}; ${i}++) {`);
      g.vars.push(i);
      block(g, Math.max(1, budget >> 1));
      g.vars.pop();
      emit(g, '}');
      return;
    }
    case 6: {
      emit(g, `switch (${expr(g, 1)}) {`);
      const n = r.chance(0.1) ? r.int(100, 2000) : r.int(1, 8);
      let value = r.int(-5, 5);
      for (let k = 0; k < n; k++) {
        emit(g, `case ${value}: ${v()} += ${k}; ${r.chance(0.7) ? 'break;' : ''}`);
        value += r.int(1, 3); // distinct values: a duplicate is only E3017 again
      }
      emit(g, `default: break;`);
      emit(g, '}');
      return;
    }
    case 7: {
      const label = `L${g.counter++}`;
      g.labels.push(label);
      emit(g, `if (${expr(g, 1)}) goto ${label};`);
      return;
    }
    case 8:
      emit(g, `__builtin_memset(buf, ${r.int(0, 255)}, ${r.pick(['16', '8', '0', '17', '4096'])});`);
      return;
    case 9: {
      emit(g, `while (${v()} ${r.pick(['<', '>', '!='])} ${expr(g, 1)}) { ${v()}++; if (${v()} > 10) break; }`);
      return;
    }
    case 10:
      emit(g, `{`);
      g.depth++;
      block(g, Math.max(1, budget >> 1));
      g.depth--;
      emit(g, `}`);
      return;
    default:
      emit(g, `acc += FOLD(${expr(g, 2)});`);
  }
}

function block(g: GenState, budget: number): void {
  g.depth++;
  const saved = g.vars.length;
  const n = g.rng.int(1, Math.max(1, Math.min(budget, 12)));
  for (let k = 0; k < n; k++) stmt(g, budget - n);
  g.vars.length = saved;
  g.depth--;
}

/**
 * A random program: an XDP entry point calling a generated function of `size` statements or so.
 * Many are valid; the rest fail in sema or the back end (loops without a constant bound,
 * division rules, stack size), which is what the contract allows.
 */
export function generateProgram(seed: number, size = 12): string {
  const rng = new Rng(seed);
  const g: GenState = { rng, vars: ['x', 'acc'], depth: 0, labels: [], counter: 0, lines: [] };
  const bufSize = rng.pick(['16', '16', '64', '600', '100000']);
  const n = rng.int(1, size);
  for (let k = 0; k < n; k++) stmt(g, size);
  // Every label is placed once, at the end or in the middle of the body.
  const body = g.lines;
  for (const l of g.labels) {
    const at = rng.chance(0.7) ? body.length : rng.int(0, body.length);
    body.splice(at, 0, `${l}: ;`);
  }
  const fold = rng.pick(['((v) ^ ((v) >> 3))', '((v) + 1)', 'F2(F2(v))']);
  return [
    '#include <linux/bpf.h>',
    '#include <bpf/bpf_helpers.h>',
    '#define F2(v) ((v) * 3 + (v))',
    `#define FOLD(v) ${fold}`,
    'static __always_inline long helper(long v) { return v * 7 + 1; }',
    `static __attribute__((noinline)) long work(long x)`,
    '{',
    `  long acc = 0;`,
    `  unsigned char buf[${bufSize}] = {};`,
    ...body,
    '  return acc + buf[3];',
    '}',
    'SEC("xdp")',
    'int prog(struct xdp_md *ctx)',
    '{',
    '  return work(ctx->data_end - ctx->data) & 3;',
    '}',
    'char _license[] SEC("license") = "GPL";',
    '',
  ].join('\n');
}

/** A generated program with one construct scaled far up: what mutations of the samples never make. */
export function generateExtreme(seed: number): string {
  const rng = new Rng(seed);
  const n = rng.pick([100, 1000, 3000]);
  const wrap = (body: string) =>
    `#include <linux/bpf.h>\nstatic __attribute__((noinline)) int f(int x)\n{\n  int r = 0;\n${body}\n  return r;\n}\n__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) { return f(ctx->data_end); }\n`;
  switch (rng.int(0, 9)) {
    case 0:
      return wrap(Array.from({ length: n }, (_, i) => `  if (x > ${i}) r += ${i};`).join('\n'));
    case 1:
      return wrap(`${Array.from({ length: n }, (_, i) => `  if (x == ${i}) goto out;`).join('\n')}\n  r = 1;\nout:`);
    case 2:
      return wrap(`  switch (x) {\n${Array.from({ length: n }, (_, i) => `  case ${i}: r = ${i}; break;`).join('\n')}\n  }`);
    case 3:
      return wrap(`  for (int i = 0; i < ${rng.pick([10, 1000, 5000, 100000, 2000000000])}; i++) { if (x > i) r += 3; else r -= 1; }`);
    case 4:
      return wrap(`  ${'{'.repeat(rng.int(50, 150))} r++; ${'}'.repeat(rng.int(50, 150))}`);
    case 5:
      return wrap(`  r = ${'('.repeat(rng.int(50, 150))}x${')'.repeat(rng.int(50, 150))};`);
    case 6:
      return wrap(`  char a[${rng.pick(['0x7fffffff', '1 << 20', '513', '0xffffffffffffffff', '-1'])}] = {0};\n  r = a[x & 7];`);
    case 7: {
      let src = '#define M0(x) x x\n';
      const levels = rng.int(5, 30);
      for (let i = 1; i <= levels; i++) src += `#define M${i}(x) M${i - 1}(x x)\n`;
      return `${src}int g(void) { return M${levels}(1); }\n`;
    }
    case 8:
      return wrap(`  for (int i = 0; i < 6; i++)\n    for (int j = 0; j < ${rng.int(1, 12)}; j++)\n      for (int k = 0; k < ${rng.pick(['8', 'i', 'j + 1'])}; k++)\n        r += (unsigned)x / (i + j + k + 1);`);
    default:
      return wrap(`  r = x ${Array.from({ length: n }, (_, i) => `+ ${i}`).join(' ')};`);
  }
}
