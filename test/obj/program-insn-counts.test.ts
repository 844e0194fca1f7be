// The bench's instruction count per program (bench/lib/objects.mjs): the entry function plus every
// .text function it reaches, also through calls the compiler resolved inside .text without a
// relocation (clang's form for a static function calling another).
import { describe, expect, it } from 'vitest';
import { readObject } from '../../src/obj/read.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { programInsnCounts } from '../../bench/lib/objects.mjs';
import { compileWithClang, hasClang } from './clang-util.js';

const clang = hasClang();

const SOURCE = `#define SEC(n) __attribute__((section(n), used))
static __attribute__((noinline)) int inner(int x) { return x * 7 + 3; }
static __attribute__((noinline)) int middle(int x) { return inner(x) ^ inner(x + 1); }
static __attribute__((noinline)) int unused(int x) { return x - 5; }
SEC("xdp") int prog(void *ctx) { return middle((int)(long)ctx) & 3; }
int (*keep)(int) = unused;
`;

describe.skipIf(!clang)('programInsnCounts on a clang object', () => {
  it('counts the entry function and every .text function it reaches, transitively', () => {
    const diags = new Diagnostics();
    const obj = readObject(compileWithClang(SOURCE), diags, 'c.o')!;
    expect(diags.list).toEqual([]);
    const size = (name: string) => obj.functions.find((f) => f.name === name)!.insns.length;
    // middle calls inner inside .text: no relocation for the reader to follow.
    expect(obj.functions.find((f) => f.name === 'middle')!.relocs.filter((r) => r.kind === 'call')).toEqual([]);
    const counts = programInsnCounts(obj) as Map<string, { insns: number; functions: number }>;
    expect(counts.get('prog')).toEqual({ section: 'xdp', insns: size('prog') + size('middle') + size('inner'), functions: 3 });
  });
});
